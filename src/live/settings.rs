//! How a live state blocks and clusters.

use crate::block::{BlockingOptions, LinkMode};
use crate::cluster::ClusterOptions;

/// How a live state blocks and clusters: the same settings the batch run
/// it came from used, so that changes end where a batch run would.
/// Blocking uses the rules the batch run chose from the schema's
/// [`default_blockers`](crate::block::default_blockers) (without the
/// fields its training found not to identify, see
/// [`TrainingWarning::DateNotIdentifying`](crate::matcher::TrainingWarning::DateNotIdentifying)).
///
/// # Examples
///
/// ```
/// use sameas::block::LinkMode;
/// use sameas::cluster::ClusterOptions;
/// use sameas::live::LiveSettings;
///
/// let mut settings = LiveSettings::new();
/// settings.link_mode(LinkMode::Link).cluster_options(ClusterOptions::builder().threshold(0.9).build()?);
/// assert_eq!(settings.cluster().threshold(), 0.9);
/// # Ok::<(), sameas::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq)]
pub struct LiveSettings {
    pub(crate) link_mode: LinkMode,
    pub(crate) blocking: BlockingOptions,
    pub(crate) cluster: ClusterOptions,
}

impl Default for LiveSettings {
    fn default() -> LiveSettings {
        LiveSettings::new()
    }
}

impl LiveSettings {
    /// The [`Resolver`](crate::resolve::Resolver)'s defaults: dedup and
    /// link, [`BlockingOptions::new`], [`ClusterOptions::new`].
    pub fn new() -> LiveSettings {
        LiveSettings {
            link_mode: LinkMode::DedupAndLink,
            blocking: BlockingOptions::new(),
            cluster: ClusterOptions::new(),
        }
    }

    /// The link mode (default dedup and link).
    pub fn link_mode(&mut self, mode: LinkMode) -> &mut Self {
        self.link_mode = mode;
        self
    }

    /// The blocking options (default [`BlockingOptions::new`]).
    pub fn blocking_options(&mut self, options: BlockingOptions) -> &mut Self {
        self.blocking = options;
        self
    }

    /// The clustering options, the threshold included (default
    /// [`ClusterOptions::new`]).
    pub fn cluster_options(&mut self, options: ClusterOptions) -> &mut Self {
        self.cluster = options;
        self
    }

    /// The probability at or above which a live state keeps scored pairs:
    /// the threshold's match weight less one bit (pairs just below the
    /// threshold are kept so that an erasure, which can only raise the
    /// scores of pairs sharing one of its values, rescores kept pairs
    /// only). Give it to [`Resolver::score_floor`](crate::resolve::Resolver::score_floor)
    /// before resolving, and [`LiveResolution::from_resolution`](super::LiveResolution::from_resolution)
    /// takes the run's pairs as they are instead of scoring the candidates
    /// again.
    ///
    /// # Examples
    ///
    /// ```
    /// use sameas::live::LiveSettings;
    /// // Threshold 0.5 is weight 0; weight -1 is probability 1/3.
    /// assert!((LiveSettings::new().pair_floor() - 1.0 / 3.0).abs() < 1e-12);
    /// ```
    pub fn pair_floor(&self) -> f64 {
        super::state::floor_of(self.cluster.threshold())
    }

    /// The link mode.
    pub fn mode(&self) -> LinkMode {
        self.link_mode
    }

    /// The blocking options.
    pub fn blocking(&self) -> &BlockingOptions {
        &self.blocking
    }

    /// The clustering options.
    pub fn cluster(&self) -> &ClusterOptions {
        &self.cluster
    }
}
