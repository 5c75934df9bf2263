//! A naive stand-in for a trained matcher, for measuring clustering on
//! generated data before the Fellegi-Sunter model exists: fixed log2
//! weights per field for agreement (exact, or Jaro-Winkler ≥ 0.9 on
//! names and addresses) and disagreement, plus a prior. It makes the
//! mistakes a real matcher makes on this data: household members share
//! family name, address, city, postcode and often the landline; twins
//! share the date of birth too; namesakes share both names.

use sameas::cluster::ScoredPair;
use sameas::compare::jaro_winkler;
use sameas::matcher::Score;
use sameas::{FieldId, PreparedRecord, PreparedStore, RecordIndex};

/// How a field votes: weights for exact agreement, close agreement
/// (Jaro-Winkler ≥ 0.9, when `fuzzy`) and disagreement.
struct FieldVote {
    field: FieldId,
    exact: f64,
    close: Option<f64>,
    differ: f64,
}

/// Scores candidate pairs of a store built from `SyntheticData`.
pub struct StandInScorer {
    votes: Vec<FieldVote>,
    prior: f64,
}

impl StandInScorer {
    /// The scorer for `SyntheticData::schema()`.
    pub fn new(store: &PreparedStore) -> StandInScorer {
        let field = |name: &str| store.schema().field_id(name).expect("synthetic field");
        let vote = |name: &str, exact: f64, close: Option<f64>, differ: f64| FieldVote {
            field: field(name),
            exact,
            close,
            differ,
        };
        StandInScorer {
            votes: vec![
                vote("given", 4.0, Some(2.0), -3.0),
                vote("family", 4.0, Some(2.0), -3.0),
                vote("dob", 6.0, None, -4.0),
                // People use a second address and change numbers, so
                // disagreement says little.
                vote("email", 9.0, None, -1.0),
                vote("phone", 7.0, None, -1.0),
                vote("address", 4.0, Some(2.0), -1.0),
                vote("city", 1.0, None, -1.0),
                vote("postcode", 2.0, None, -1.0),
            ],
            prior: -7.0,
        }
    }

    /// The log2 match weight of two records.
    pub fn weight(&self, a: &PreparedRecord<'_>, b: &PreparedRecord<'_>) -> f64 {
        let mut weight = self.prior;
        for vote in &self.votes {
            if let (Some(x), Some(y)) = (a.text(vote.field), b.text(vote.field)) {
                weight += if x == y {
                    vote.exact
                } else {
                    match vote.close {
                        Some(close) if jaro_winkler(x, y) >= 0.9 => close,
                        _ => vote.differ,
                    }
                };
            }
        }
        weight
    }

    /// Scores every pair.
    pub fn score(
        &self,
        store: &PreparedStore,
        pairs: &[(RecordIndex, RecordIndex)],
    ) -> Vec<ScoredPair> {
        pairs
            .iter()
            .map(|&(a, b)| {
                let (x, y) = (
                    store.record(a).expect("candidate in store"),
                    store.record(b).expect("candidate in store"),
                );
                ScoredPair::new(a, b, Score::from_weight(self.weight(&x, &y)))
            })
            .collect()
    }
}

/// Pairwise precision, recall and F1 of a clustering against the truth.
#[derive(Debug, Clone, Copy)]
pub struct PairwiseScores {
    pub precision: f64,
    pub recall: f64,
    pub f1: f64,
}

/// Scores entities (lists of store positions) against `truth` (entity
/// of each store position) with `true_pairs` true pairs in all.
pub fn pairwise_scores<'a>(
    entities: impl Iterator<Item = &'a [RecordIndex]>,
    truth: &[u32],
    true_pairs: u64,
) -> PairwiseScores {
    let (mut predicted, mut correct) = (0u64, 0u64);
    let mut labels: Vec<u32> = Vec::new();
    for members in entities {
        let size = members.len() as u64;
        predicted += size * (size - 1) / 2;
        labels.clear();
        labels.extend(members.iter().map(|member| truth[member.get()]));
        labels.sort_unstable();
        let mut start = 0;
        while start < labels.len() {
            let end = start
                + labels[start..]
                    .iter()
                    .take_while(|&&l| l == labels[start])
                    .count();
            let run = (end - start) as u64;
            correct += run * (run - 1) / 2;
            start = end;
        }
    }
    let precision = if predicted == 0 {
        1.0
    } else {
        correct as f64 / predicted as f64
    };
    let recall = if true_pairs == 0 {
        1.0
    } else {
        correct as f64 / true_pairs as f64
    };
    let f1 = if precision + recall == 0.0 {
        0.0
    } else {
        2.0 * precision * recall / (precision + recall)
    };
    PairwiseScores {
        precision,
        recall,
        f1,
    }
}
