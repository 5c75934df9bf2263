//! The order of a comparison's levels, enforced on m during training.
//!
//! Levels are listed strongest first: for a name, a date, an e-mail, a
//! phone or an identifier, a pair reaching an earlier level is at least
//! as likely to be one entity as a pair reaching a later one. Two
//! constraints follow, and EM's M-step holds m to both:
//!
//! 1. **Weights are ordered**: `m / u` does not increase along the
//!    levels (exact first, `else` last). Maximising the expected
//!    log-likelihood `sum e_l ln m_l` under that order has a closed form
//!    (the likelihood-ratio order of Robertson, Wright and Dykstra,
//!    *Order Restricted Statistical Inference*, 1988): the isotonic
//!    regression of `e_l / u_l` with weights `u_l`, computed by pooling
//!    adjacent violators, times `u_l`. It implies a weight of at least 0
//!    for exact agreement (`m_exact >= u_exact`).
//! 2. **Exact agreement is the likeliest level among matches**:
//!    `m_exact >= m_l` for every other level. Identity has it even where
//!    duplicates often differ (dates wrong in 40 % of duplicates still
//!    agree exactly in 60 %); colleagues at one employer or people born
//!    the same year do not, and without it EM may settle on them.
//!    Enforced by pooling exact with the levels above it (their mean).
//!
//! The order of m itself along every level (`m_exact >= m_fuzzy >=
//! m_else`) is not a constraint: true duplicates whose dates are wrong
//! reach `else` more often than a one-digit typo, so it would bias m.

/// The order one comparison's m is held to: the levels it applies to,
/// strongest (exact) first, `else` last; neutral levels are left out.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct LevelOrder {
    levels: Vec<usize>,
}

impl LevelOrder {
    /// An order over `levels` (indices into the comparison's levels, the
    /// exact level first). `None` for fewer than two levels.
    pub(crate) fn new(levels: Vec<usize>) -> Option<LevelOrder> {
        (levels.len() >= 2).then_some(LevelOrder { levels })
    }

    /// The ordered levels, exact first.
    pub(crate) fn levels(&self) -> &[usize] {
        &self.levels
    }

    /// m closest (in likelihood) to `m` under both constraints, given u.
    /// m outside the order's levels is left as it is; the total of m over
    /// the ordered levels is kept.
    pub(crate) fn constrain(&self, m: &mut [f64], u: &[f64]) {
        let (Some(values), Some(weights)) = (
            self.levels
                .iter()
                .map(|&level| m.get(level).copied())
                .collect::<Option<Vec<f64>>>(),
            self.levels
                .iter()
                .map(|&level| u.get(level).map(|u| u.max(f64::MIN_POSITIVE)))
                .collect::<Option<Vec<f64>>>(),
        ) else {
            return;
        };
        let mut values = values;
        // The two projections alternate until both hold; each keeps the
        // total. A few rounds suffice (pooling only merges levels).
        for _ in 0..32 {
            weight_order(&mut values, &weights);
            let pooled = exact_first(&mut values);
            if !pooled || is_weight_ordered(&values, &weights) {
                break;
            }
        }
        for (&level, value) in self.levels.iter().zip(values) {
            m[level] = value;
        }
    }

    /// Whether `m` satisfies both constraints (to a relative tolerance).
    #[cfg(test)]
    pub(crate) fn holds(&self, m: &[f64], u: &[f64]) -> bool {
        let (Some(values), Some(weights)) = (
            self.levels
                .iter()
                .map(|&level| m.get(level).copied())
                .collect::<Option<Vec<f64>>>(),
            self.levels
                .iter()
                .map(|&level| u.get(level).map(|u| u.max(f64::MIN_POSITIVE)))
                .collect::<Option<Vec<f64>>>(),
        ) else {
            return true;
        };
        is_weight_ordered(&values, &weights)
            && values
                .iter()
                .all(|&value| value <= values[0] * (1.0 + 1e-9) + 1e-15)
    }
}

/// Weighted isotonic regression, non-increasing: the sequence closest to
/// `values` in weighted least squares whose elements never increase,
/// by pooling adjacent violators (each pool takes its weighted mean).
/// Weights must be positive; the weighted total is kept.
pub(crate) fn pool_adjacent_violators(values: &[f64], weights: &[f64]) -> Vec<f64> {
    // Pools as (weighted sum, total weight, length).
    let mut pools: Vec<(f64, f64, usize)> = Vec::with_capacity(values.len());
    for (&value, &weight) in values.iter().zip(weights) {
        pools.push((value * weight, weight, 1));
        while let [.., (sum_a, weight_a, _), (sum_b, weight_b, _)] = pools[..] {
            if sum_a / weight_a >= sum_b / weight_b {
                break;
            }
            let (sum, weight, len) = pools.pop().unwrap_or_default();
            if let Some(last) = pools.last_mut() {
                last.0 += sum;
                last.1 += weight;
                last.2 += len;
            }
        }
    }
    pools
        .into_iter()
        .flat_map(|(sum, weight, len)| std::iter::repeat_n(sum / weight, len))
        .collect()
}

/// Holds `m / u` non-increasing (constraint 1).
fn weight_order(m: &mut [f64], u: &[f64]) {
    let ratios: Vec<f64> = m.iter().zip(u).map(|(m, u)| m / u).collect();
    let ordered = pool_adjacent_violators(&ratios, u);
    for ((m, u), ratio) in m.iter_mut().zip(u).zip(ordered) {
        *m = ratio * u;
    }
}

fn is_weight_ordered(m: &[f64], u: &[f64]) -> bool {
    m.windows(2)
        .zip(u.windows(2))
        .all(|(m, u)| m[1] / u[1] <= m[0] / u[0] * (1.0 + 1e-9) + 1e-12)
}

/// Makes the first value at least every other (constraint 2): pools it
/// with the largest others while they exceed the pool's mean. Returns
/// whether anything was pooled.
fn exact_first(m: &mut [f64]) -> bool {
    let Some((&first, rest)) = m.split_first() else {
        return false;
    };
    let mut larger: Vec<usize> = (0..rest.len()).filter(|&i| rest[i] > first).collect();
    if larger.is_empty() {
        return false;
    }
    larger.sort_by(|&a, &b| rest[b].total_cmp(&rest[a]).then(a.cmp(&b)));
    let (mut sum, mut count) = (first, 1.0);
    let mut pooled = Vec::new();
    for &i in &larger {
        if rest[i] <= sum / count {
            break;
        }
        sum += rest[i];
        count += 1.0;
        pooled.push(i + 1);
    }
    let mean = sum / count;
    m[0] = mean;
    for i in pooled {
        m[i] = mean;
    }
    true
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn close(a: &[f64], b: &[f64]) -> bool {
        a.len() == b.len() && a.iter().zip(b).all(|(a, b)| (a - b).abs() < 1e-12)
    }

    #[test]
    fn pooling_adjacent_violators_by_hand() {
        // Already non-increasing: unchanged.
        assert!(close(
            &pool_adjacent_violators(&[5.0, 3.0, 1.0], &[1.0, 1.0, 1.0]),
            &[5.0, 3.0, 1.0]
        ));
        // One violator, equal weights: the pair's mean.
        assert!(close(
            &pool_adjacent_violators(&[5.0, 1.0, 3.0], &[1.0, 1.0, 1.0]),
            &[5.0, 2.0, 2.0]
        ));
        // Weighted: (1 * 1 + 3 * 3) / 4 = 2.5.
        assert!(close(
            &pool_adjacent_violators(&[5.0, 1.0, 3.0], &[1.0, 1.0, 3.0]),
            &[5.0, 2.5, 2.5]
        ));
        // A pool that grows backwards: [1, 2, 6] -> (1 + 2) / 2 = 1.5 < 6
        // -> all three: 3.
        assert!(close(
            &pool_adjacent_violators(&[1.0, 2.0, 6.0], &[1.0, 1.0, 1.0]),
            &[3.0, 3.0, 3.0]
        ));
        assert!(pool_adjacent_violators(&[], &[]).is_empty());
    }

    #[test]
    fn weights_are_ordered_by_pooling_counts_over_u() {
        // Expected matches 60, 5, 10, 25 over levels with u 0.01, 0.001,
        // 0.04, 0.949: m / u = 60, 50, 2.5, 0.26 (ordered, unchanged).
        let order = LevelOrder::new(vec![0, 1, 2, 3]).unwrap();
        let u = [0.01, 0.001, 0.04, 0.949];
        let mut m = [0.6, 0.05, 0.1, 0.25];
        order.constrain(&mut m, &u);
        assert!(close(&m, &[0.6, 0.05, 0.1, 0.25]));
        // A swap level more telling than exact (m / u 60 against 100): the
        // two pool to (0.6 + 0.1) / (0.01 + 0.001) = 63.6 per unit of u.
        let mut m = [0.6, 0.1, 0.05, 0.25];
        order.constrain(&mut m, &u);
        let ratio = 0.7 / 0.011;
        assert!(
            close(&m, &[ratio * 0.01, ratio * 0.001, 0.05, 0.25]),
            "{m:?}"
        );
        assert!(order.holds(&m, &u));
    }

    #[test]
    fn exact_below_else_pools_with_it() {
        // The inventors' colleagues: m(exact) 0.30, m(else) 0.60. The
        // weights are ordered (30 > 0.64), exact is not the likeliest: it
        // pools with `else` at 0.45.
        let order = LevelOrder::new(vec![0, 1, 2]).unwrap();
        let u = [0.01, 0.05, 0.94];
        let mut m = [0.30, 0.10, 0.60];
        order.constrain(&mut m, &u);
        assert!(close(&m, &[0.45, 0.10, 0.45]), "{m:?}");
        assert!(order.holds(&m, &u));
        // Exact pooled with two levels above it, not with one below the
        // pool's mean: (0.2 + 0.5 + 0.25) / 3 = 0.317 > 0.05.
        let order = LevelOrder::new(vec![0, 1, 2, 3]).unwrap();
        let u = [0.25, 0.25, 0.25, 0.25];
        let mut m = [0.2, 0.25, 0.05, 0.5];
        order.constrain(&mut m, &u);
        assert!(order.holds(&m, &u), "{m:?}");
        assert!((m.iter().sum::<f64>() - 1.0).abs() < 1e-12);
    }

    #[test]
    fn levels_outside_the_order_are_left_alone() {
        // Level 1 is neutral (another comparison counts it).
        let order = LevelOrder::new(vec![0, 2, 3]).unwrap();
        let u = [0.01, 0.001, 0.05, 0.939];
        let mut m = [0.2, 0.3, 0.1, 0.4];
        order.constrain(&mut m, &u);
        assert_eq!(m[1], 0.3);
        assert!(order.holds(&m, &u));
        assert!(LevelOrder::new(vec![0]).is_none());
    }

    proptest! {
        /// Whatever m and u, the result satisfies both constraints and
        /// keeps the total over the ordered levels.
        #[test]
        fn constrained_m_is_ordered(
            m in proptest::collection::vec(0.001f64..1.0, 2..9),
            u in proptest::collection::vec(0.0001f64..1.0, 9),
        ) {
            let levels: Vec<usize> = (0..m.len()).collect();
            let order = LevelOrder::new(levels).unwrap();
            let total: f64 = m.iter().sum();
            let mut constrained = m.clone();
            order.constrain(&mut constrained, &u);
            prop_assert!(order.holds(&constrained, &u), "{m:?} {u:?} -> {constrained:?}");
            prop_assert!((constrained.iter().sum::<f64>() - total).abs() < 1e-9 * total.max(1.0));
            prop_assert!(constrained[0] >= u[0] * total / u[..m.len()].iter().sum::<f64>() * (1.0 - 1e-9));
        }
    }
}
