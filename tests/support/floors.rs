//! Quality floors shared by `tests/shape_floors.rs` and
//! `tests/people_floors.rs`: what a resolution reached against the
//! generator's truth, and the check of one seed's run against its floors.

use sameas::RecordIndex;
use sameas::eval::{Scope, evaluate_clustering};
use sameas::resolve::Resolution;

/// The seeds every floor must hold on.
pub const SEEDS: std::ops::RangeInclusive<u64> = 1..=5;

/// What one shape must reach on every seed.
pub struct Floors {
    pub precision: f64,
    pub recall: f64,
    pub f1: f64,
    /// The largest entity is at most `largest_true * num / den`.
    pub largest_ratio: (usize, usize),
}

/// What one run reached.
pub struct Quality {
    pub precision: f64,
    pub recall: f64,
    pub f1: f64,
    pub largest: usize,
    pub largest_true: usize,
    /// The training warnings of the run (each with its fallback).
    pub warnings: Vec<String>,
}

impl Quality {
    /// Pairwise quality of `resolution` against `truth`, the true entity
    /// of each record in the order the records were added.
    pub fn of(resolution: &Resolution, truth: &[u32]) -> Quality {
        assert_eq!(resolution.store().len(), truth.len());
        let predicted: Vec<u64> = (0..truth.len())
            .map(|i| {
                resolution
                    .entity_of(RecordIndex::from_position(i))
                    .unwrap()
                    .id()
                    .get()
            })
            .collect();
        let evaluation = evaluate_clustering(&predicted, truth, &Scope::all_pairs()).unwrap();
        let pairwise = evaluation.pairwise();
        let mut sizes = std::collections::HashMap::<u32, usize>::new();
        for &entity in truth {
            *sizes.entry(entity).or_default() += 1;
        }
        Quality {
            precision: pairwise.precision(),
            recall: pairwise.recall(),
            f1: pairwise.f1(),
            largest: resolution.clustering().diagnostics().largest_size(),
            largest_true: sizes.into_values().max().unwrap_or(0),
            warnings: resolution
                .stats()
                .training_warnings
                .iter()
                .map(ToString::to_string)
                .collect(),
        }
    }

    /// Prints the run and asserts each floor, naming the shape and seed.
    pub fn check(&self, shape: &str, seed: u64, floors: &Floors) {
        eprintln!(
            "{shape} seed {seed}: P {:.4} R {:.4} F1 {:.4} largest {} true {}",
            self.precision, self.recall, self.f1, self.largest, self.largest_true
        );
        for warning in &self.warnings {
            eprintln!("  training warning: {warning}");
        }
        assert!(
            self.precision >= floors.precision,
            "{shape} seed {seed}: precision {}",
            self.precision
        );
        assert!(
            self.recall >= floors.recall,
            "{shape} seed {seed}: recall {}",
            self.recall
        );
        assert!(self.f1 >= floors.f1, "{shape} seed {seed}: F1 {}", self.f1);
        let (num, den) = floors.largest_ratio;
        assert!(
            self.largest * den <= self.largest_true * num,
            "{shape} seed {seed}: largest entity {}, largest true {}",
            self.largest,
            self.largest_true
        );
    }
}
