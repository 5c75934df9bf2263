//! A pair's match score: weight (log2 odds) and probability.
//!
//! A leaf module: matchers produce scores and clustering and evaluation
//! consume them, so the type sits below all three and depends on nothing
//! else in the crate.

/// How strongly a pair looks like a match: a match weight (log2 of the
/// odds that the two records are the same entity; 0 means even odds) and
/// the probability it stands for.
///
/// Weights of deterministic matchers are `+∞` (a match) and `-∞` (not a
/// match); they are never NaN, and the probability is always in
/// `[0, 1]`.
///
/// With serde a score is `{"weight": w, "probability": p}`, an infinite
/// weight written as `null` (JSON has no infinity; the sign follows from
/// the probability, 1 or 0). Reading checks the values: a probability
/// outside `[0, 1]`, a NaN weight or a `null` weight with a probability
/// other than 0 or 1 is an error.
///
/// # Examples
///
/// ```
/// use sameas::matcher::Score;
///
/// let score = Score::from_weight(3.0);
/// assert_eq!(score.weight(), 3.0);
/// assert!((score.probability() - 8.0 / 9.0).abs() < 1e-12);
/// assert_eq!(Score::from_weight(f64::INFINITY).probability(), 1.0);
/// assert_eq!(Score::from_weight(f64::NAN).weight(), 0.0);
/// ```
#[derive(Debug, Clone, Copy, PartialEq, serde::Serialize, serde::Deserialize)]
#[serde(into = "ScoreFields", try_from = "ScoreFields")]
pub struct Score {
    weight: f64,
    probability: f64,
}

impl Score {
    /// The score of a match weight (log2 odds). NaN, which no matcher of
    /// this crate produces, is read as even odds rather than passed on.
    ///
    /// # Examples
    ///
    /// ```
    /// use sameas::matcher::Score;
    /// assert_eq!(Score::from_weight(0.0).probability(), 0.5);
    /// assert_eq!(Score::from_weight(f64::NEG_INFINITY).probability(), 0.0);
    /// ```
    pub fn from_weight(weight: f64) -> Score {
        let weight = if weight.is_nan() { 0.0 } else { weight };
        // 1 / (1 + 2^-w) stays exact at both infinities.
        let probability = 1.0 / (1.0 + (-weight).exp2());
        Score {
            weight,
            probability,
        }
    }

    /// The score of a match probability; values outside `[0, 1]` are
    /// clamped and NaN is read as 0.5.
    ///
    /// # Examples
    ///
    /// ```
    /// use sameas::matcher::Score;
    /// assert!((Score::from_probability(0.8).weight() - 2.0).abs() < 1e-12);
    /// assert_eq!(Score::from_probability(1.0).weight(), f64::INFINITY);
    /// ```
    pub fn from_probability(probability: f64) -> Score {
        let probability = if probability.is_nan() {
            0.5
        } else {
            probability.clamp(0.0, 1.0)
        };
        Score {
            weight: (probability / (1.0 - probability)).log2(),
            probability,
        }
    }

    /// The match weight: log2 of the odds that the pair is a match.
    ///
    /// # Examples
    ///
    /// ```
    /// use sameas::matcher::Score;
    /// assert_eq!(Score::from_weight(-2.5).weight(), -2.5);
    /// ```
    pub fn weight(&self) -> f64 {
        self.weight
    }

    /// The match probability, in `[0, 1]`.
    ///
    /// # Examples
    ///
    /// ```
    /// use sameas::matcher::Score;
    /// assert_eq!(Score::from_weight(1.0).probability(), 2.0 / 3.0);
    /// ```
    pub fn probability(&self) -> f64 {
        self.probability
    }
}

/// The serialised form of a [`Score`]: an infinite weight is `None`.
#[derive(Clone, Copy, serde::Serialize, serde::Deserialize)]
struct ScoreFields {
    weight: Option<f64>,
    probability: f64,
}

impl From<Score> for ScoreFields {
    fn from(score: Score) -> ScoreFields {
        ScoreFields {
            weight: score.weight.is_finite().then_some(score.weight),
            probability: score.probability,
        }
    }
}

impl TryFrom<ScoreFields> for Score {
    type Error = String;

    fn try_from(fields: ScoreFields) -> Result<Score, String> {
        let probability = fields.probability;
        if !(0.0..=1.0).contains(&probability) {
            return Err(format!("probability {probability} is outside [0, 1]"));
        }
        let weight = match fields.weight {
            Some(weight) if weight.is_nan() => return Err("weight is NaN".into()),
            Some(weight) => weight,
            None if probability == 1.0 => f64::INFINITY,
            None if probability == 0.0 => f64::NEG_INFINITY,
            None => {
                return Err(format!(
                    "an infinite weight (null) needs probability 0 or 1, not {probability}"
                ));
            }
        };
        Ok(Score {
            weight,
            probability,
        })
    }
}
