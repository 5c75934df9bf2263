//! Which entities the explorer shows: a few per view, chosen from facts
//! about every entity, the same for any input order.

/// The explorer's views, in the order the report shows them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub(crate) enum View {
    /// Entities the options pinned.
    Pinned,
    /// The most records first.
    Largest,
    /// The fewest accepted pairs among their records first (chains).
    LowestDensity,
    /// Entities an accepted pair to another entity was refused for (the
    /// chain guard or the one-to-one rule cut them), strongest first.
    Cut,
    /// A seeded random sample of the entities with several records.
    Random,
}

impl View {
    /// The view's name on its tab.
    pub(crate) fn title(self) -> &'static str {
        match self {
            View::Pinned => "Asked for",
            View::Largest => "Largest",
            View::LowestDensity => "Lowest density",
            View::Cut => "Cut by guard or one-to-one",
            View::Random => "Random sample",
        }
    }

    /// A short name for ids in the page.
    pub(crate) fn key(self) -> &'static str {
        match self {
            View::Pinned => "pinned",
            View::Largest => "largest",
            View::LowestDensity => "density",
            View::Cut => "cut",
            View::Random => "random",
        }
    }
}

/// What the selection needs to know of one entity.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) struct EntityFacts {
    /// The entity's position in the clustering.
    pub(crate) position: usize,
    /// Its id, the tie-breaker everywhere.
    pub(crate) id: u64,
    /// Records.
    pub(crate) size: usize,
    /// Accepted pairs among its records.
    pub(crate) accepted_within: u64,
    /// The strongest accepted pair refused between it and another entity.
    pub(crate) strongest_cut: Option<f64>,
}

impl EntityFacts {
    /// Accepted pairs among the records over the record pairs (1 for a
    /// single record; can pass 1 when a matcher scores a pair twice).
    pub(crate) fn density(&self) -> f64 {
        if self.size < 2 {
            return 1.0;
        }
        let pairs = self.size as f64 * (self.size as f64 - 1.0) / 2.0;
        self.accepted_within as f64 / pairs
    }
}

/// Per view, the positions of its entities in display order: at most
/// `per_view` each, `pinned` (positions) first as given. Depends only on
/// the facts as a set, never on their order.
pub(crate) fn select(
    facts: &[EntityFacts],
    pinned: &[usize],
    per_view: usize,
    seed: u64,
) -> Vec<(View, Vec<usize>)> {
    let top = |mut chosen: Vec<&EntityFacts>,
               order: &dyn Fn(&EntityFacts, &EntityFacts) -> std::cmp::Ordering| {
        chosen.sort_by(|a, b| order(a, b).then(a.id.cmp(&b.id)));
        chosen.truncate(per_view);
        chosen
            .iter()
            .map(|facts| facts.position)
            .collect::<Vec<usize>>()
    };
    let several: Vec<&EntityFacts> = facts.iter().filter(|f| f.size >= 2).collect();
    let largest = top(several.clone(), &|a, b| b.size.cmp(&a.size));
    let lowest_density = top(facts.iter().filter(|f| f.size >= 3).collect(), &|a, b| {
        a.density()
            .total_cmp(&b.density())
            .then(b.size.cmp(&a.size))
    });
    let cut = top(
        facts.iter().filter(|f| f.strongest_cut.is_some()).collect(),
        &|a, b| {
            let strength = |f: &EntityFacts| f.strongest_cut.unwrap_or(f64::NEG_INFINITY);
            strength(b).total_cmp(&strength(a))
        },
    );
    let pool = if several.is_empty() {
        facts.iter().collect()
    } else {
        several
    };
    let random = top(pool, &|a, b| mix(a.id ^ seed).cmp(&mix(b.id ^ seed)));
    let mut pinned: Vec<usize> = pinned.to_vec();
    pinned.dedup();
    vec![
        (View::Pinned, pinned),
        (View::Largest, largest),
        (View::LowestDensity, lowest_density),
        (View::Cut, cut),
        (View::Random, random),
    ]
}

/// SplitMix64's finaliser: a seeded order that looks random.
fn mix(mut x: u64) -> u64 {
    x = (x ^ (x >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
    x = (x ^ (x >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
    x ^ (x >> 31)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn facts(position: usize, size: usize, within: u64, cut: Option<f64>) -> EntityFacts {
        EntityFacts {
            position,
            id: 1000 + position as u64,
            size,
            accepted_within: within,
            strongest_cut: cut,
        }
    }

    fn view(selection: &[(View, Vec<usize>)], wanted: View) -> Vec<usize> {
        selection
            .iter()
            .find(|(view, _)| *view == wanted)
            .map(|(_, positions)| positions.clone())
            .unwrap()
    }

    fn sample() -> Vec<EntityFacts> {
        vec![
            facts(0, 1, 0, None),
            facts(1, 4, 3, Some(7.5)), // a chain of 4: density 0.5
            facts(2, 4, 6, None),      // complete: density 1
            facts(3, 2, 1, Some(12.0)),
            facts(4, 6, 5, None), // a chain of 6: density 1/3
            facts(5, 1, 0, Some(3.0)),
        ]
    }

    #[test]
    fn each_view_orders_by_its_own_measure_with_ids_breaking_ties() {
        let selection = select(&sample(), &[], 10, 1);
        assert_eq!(view(&selection, View::Largest), [4, 1, 2, 3]);
        assert_eq!(view(&selection, View::LowestDensity), [4, 1, 2]);
        assert_eq!(view(&selection, View::Cut), [3, 1, 5]);
        let mut random = view(&selection, View::Random);
        random.sort();
        assert_eq!(random, [1, 2, 3, 4], "only entities with several records");
        assert!(view(&selection, View::Pinned).is_empty());
    }

    #[test]
    fn views_are_capped_and_pins_come_first_as_given() {
        let selection = select(&sample(), &[5, 0, 0], 2, 1);
        assert_eq!(view(&selection, View::Pinned), [5, 0]);
        assert_eq!(view(&selection, View::Largest), [4, 1]);
        assert!(selection.iter().all(|(_, positions)| positions.len() <= 2));
    }

    #[test]
    fn the_selection_does_not_depend_on_input_order() {
        let mut shuffled = sample();
        shuffled.reverse();
        shuffled.swap(1, 4);
        for seed in [1, 2, 99] {
            assert_eq!(
                select(&sample(), &[], 3, seed),
                select(&shuffled, &[], 3, seed)
            );
        }
    }

    #[test]
    fn the_random_sample_follows_the_seed() {
        let many: Vec<EntityFacts> = (0..200).map(|p| facts(p, 2, 1, None)).collect();
        let first = view(&select(&many, &[], 10, 1), View::Random);
        assert_eq!(first, view(&select(&many, &[], 10, 1), View::Random));
        assert_ne!(first, view(&select(&many, &[], 10, 2), View::Random));
        // Spread over the positions, not the first ten.
        assert!(first.iter().any(|&p| p >= 100), "{first:?}");
    }

    #[test]
    fn only_singletons_still_give_a_random_sample() {
        let singles: Vec<EntityFacts> = (0..5).map(|p| facts(p, 1, 0, None)).collect();
        let selection = select(&singles, &[], 3, 1);
        assert_eq!(view(&selection, View::Random).len(), 3);
        assert!(view(&selection, View::Largest).is_empty());
    }

    proptest::proptest! {
        /// For any entities: views hold at most `per_view` distinct
        /// entities that qualify for them, in the view's order, and the
        /// same selection comes out of any input order.
        #[test]
        fn views_are_capped_qualified_ordered_and_order_free(
            entities in proptest::collection::vec((1usize..30, 0u64..400, proptest::option::of(-5.0f64..40.0)), 0..60),
            per_view in 1usize..12,
            seed in 0u64..1000,
            rotate in 0usize..60,
        ) {
            let facts: Vec<EntityFacts> = entities
                .iter()
                .enumerate()
                .map(|(p, &(size, within, cut))| facts(p, size, within.min((size * (size - 1) / 2) as u64), cut))
                .collect();
            let selection = select(&facts, &[], per_view, seed);
            let by_position = |p: usize| facts[p];
            for (view, positions) in &selection {
                proptest::prop_assert!(positions.len() <= per_view);
                let mut unique = positions.clone();
                unique.sort();
                unique.dedup();
                proptest::prop_assert_eq!(unique.len(), positions.len());
                for pair in positions.windows(2) {
                    let (a, b) = (by_position(pair[0]), by_position(pair[1]));
                    match view {
                        View::Largest => proptest::prop_assert!(a.size >= b.size),
                        View::LowestDensity => proptest::prop_assert!(a.density() <= b.density()),
                        View::Cut => proptest::prop_assert!(a.strongest_cut >= b.strongest_cut),
                        View::Pinned | View::Random => {}
                    }
                }
                for &p in positions {
                    let f = by_position(p);
                    match view {
                        View::Largest => proptest::prop_assert!(f.size >= 2),
                        View::LowestDensity => proptest::prop_assert!(f.size >= 3),
                        View::Cut => proptest::prop_assert!(f.strongest_cut.is_some()),
                        View::Pinned | View::Random => {}
                    }
                }
            }
            let mut rotated = facts.clone();
            if !rotated.is_empty() {
                let by = rotate % rotated.len();
                rotated.rotate_left(by);
            }
            proptest::prop_assert_eq!(select(&rotated, &[], per_view, seed), selection);
        }
    }

    #[test]
    fn density_is_accepted_pairs_over_record_pairs() {
        assert_eq!(facts(0, 1, 0, None).density(), 1.0);
        assert_eq!(facts(0, 4, 3, None).density(), 0.5);
        assert_eq!(facts(0, 2, 1, None).density(), 1.0);
    }
}
