//! The crate's own random numbers: SplitMix64, integer-only draws (the
//! training sample; the generator's distributions with `synthetic`).
//!
//! Everything is integer arithmetic or exact IEEE operations, so a seed
//! gives the same stream on every machine (no `powf`, no `ln`, whose last
//! bits may differ between platforms' maths libraries).

/// SplitMix64 (Steele, Lea and Flood, 2014): one `u64` of state, passes
/// BigCrush, and any seed (even 0) is fine.
#[derive(Debug, Clone)]
pub(crate) struct Rng {
    state: u64,
}

const GOLDEN_GAMMA: u64 = 0x9E37_79B9_7F4A_7C15;

/// SplitMix64's output function, also a good 64-bit mixer on its own.
fn mix(mut z: u64) -> u64 {
    z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
    z ^ (z >> 31)
}

impl Rng {
    /// A stream for `seed`, independent of the stream for any other
    /// `(seed, stream)` pair in practice.
    pub(crate) fn new(seed: u64, stream: u64) -> Rng {
        Rng {
            state: mix(seed ^ mix(stream.wrapping_add(GOLDEN_GAMMA))),
        }
    }

    pub(crate) fn next_u64(&mut self) -> u64 {
        self.state = self.state.wrapping_add(GOLDEN_GAMMA);
        mix(self.state)
    }

    /// A number in `0..n` (0 when `n` is 0), by Lemire's multiply-shift;
    /// the bias is below 2^-40 for the small `n` used here.
    pub(crate) fn below(&mut self, n: usize) -> usize {
        ((u128::from(self.next_u64()) * n as u128) >> 64) as usize
    }

    /// A number in `0..n` for `u64` bounds.
    #[cfg(feature = "synthetic")]
    pub(crate) fn below_u64(&mut self, n: u64) -> u64 {
        ((u128::from(self.next_u64()) * u128::from(n)) >> 64) as u64
    }

    /// A number in `low..=high` (`low` when `high < low`).
    #[cfg(feature = "synthetic")]
    pub(crate) fn between(&mut self, low: u32, high: u32) -> u32 {
        let span = u64::from(high.saturating_sub(low)) + 1;
        low + self.below_u64(span) as u32
    }

    /// True with probability `p` (never for 0, always for 1).
    #[cfg(feature = "synthetic")]
    pub(crate) fn chance(&mut self, p: f64) -> bool {
        // 53 random bits as a float in [0, 1): exact, hence portable.
        ((self.next_u64() >> 11) as f64) * (1.0 / (1u64 << 53) as f64) < p
    }

    /// One item of `items`, uniformly; `""` for an empty list.
    #[cfg(feature = "synthetic")]
    pub(crate) fn pick(&mut self, items: &[&'static str]) -> &'static str {
        let index = self.below(items.len());
        items.get(index).copied().unwrap_or_default()
    }
}

/// A Zipf-Mandelbrot distribution with exponent 1 over `0..len`: weight
/// of rank `r` is `1 / (r + offset)`, in integers. The offset flattens the
/// head, so the first entry of a 600-name list gets about 1.5 % of draws
/// (Smith has 0.8 % of the US population) rather than 15 %.
#[cfg(feature = "synthetic")]
#[derive(Debug, Clone)]
pub(crate) struct Zipf {
    cumulative: Vec<u64>,
}

#[cfg(feature = "synthetic")]
impl Zipf {
    pub(crate) fn new(len: usize, offset: u64) -> Zipf {
        let mut total = 0u64;
        let cumulative = (0..len as u64)
            .map(|rank| {
                total += (1u64 << 40) / (rank + offset.max(1));
                total
            })
            .collect();
        Zipf { cumulative }
    }

    /// Cumulative table from explicit weights.
    pub(crate) fn weighted(weights: impl IntoIterator<Item = u64>) -> Zipf {
        let mut total = 0u64;
        let cumulative = weights
            .into_iter()
            .map(|weight| {
                total += weight;
                total
            })
            .collect();
        Zipf { cumulative }
    }

    /// A rank in `0..len` (0 for an empty table).
    pub(crate) fn sample(&self, rng: &mut Rng) -> usize {
        let total = self.cumulative.last().copied().unwrap_or(0);
        let target = rng.below_u64(total);
        self.cumulative
            .partition_point(|&up_to| up_to <= target)
            .min(self.cumulative.len().saturating_sub(1))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn splitmix_reference_values() {
        // SplitMix64 seeded with state 0: the published first outputs.
        let mut rng = Rng { state: 0 };
        assert_eq!(rng.next_u64(), 0xE220_A839_7B1D_CDAF);
        assert_eq!(rng.next_u64(), 0x6E78_9E6A_A1B9_65F4);
        assert_eq!(rng.next_u64(), 0x06C4_5D18_8009_454F);
    }

    #[test]
    #[cfg(feature = "synthetic")]
    fn draws_stay_in_range() {
        let mut rng = Rng::new(7, 1);
        assert_eq!(rng.below(0), 0);
        assert_eq!(rng.between(5, 3), 5);
        assert!(!rng.chance(0.0));
        assert!(rng.chance(1.0));
        assert_eq!(rng.pick(&[]), "");
        for _ in 0..1000 {
            assert!(rng.below(3) < 3);
            assert!((10..=12).contains(&rng.between(10, 12)));
        }
        assert_eq!(Zipf::new(0, 1).sample(&mut rng), 0);
    }

    #[test]
    #[cfg(feature = "synthetic")]
    fn zipf_prefers_the_head() {
        let zipf = Zipf::new(100, 10);
        let mut rng = Rng::new(1, 2);
        let mut counts = [0u32; 100];
        for _ in 0..100_000 {
            counts[zipf.sample(&mut rng)] += 1;
        }
        // Weight ratio of rank 0 to rank 99 is 109 / 10.
        let ratio = f64::from(counts[0]) / f64::from(counts[99]);
        assert!((8.0..14.0).contains(&ratio), "ratio {ratio}");
    }
}
