//! What clustering did: pair counts, merges, refusals and the entity
//! size distribution, with a compact `Display` report.

use std::fmt;

use crate::id::{EntityId, RecordIndex, SourceId};

/// How many refused pairs [`ClusterDiagnostics::refused`] keeps.
pub(crate) const REFUSED_KEPT: usize = 10;

/// How many entities [`ClusterDiagnostics::largest`] keeps.
pub(crate) const LARGEST_KEPT: usize = 10;

/// Why an accepted pair did not merge its records' groups.
///
/// # Examples
///
/// ```
/// use sameas::cluster::Refusal;
///
/// let refusal = Refusal::WeakSupport { accepted_between: 1, record_pairs_between: 4, needed: 2 };
/// assert_eq!(refusal.to_string(), "1 of 4 record pairs between the groups accepted, 2 needed");
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum Refusal {
    /// The chain guard: the pair is below the strong probability and too
    /// few of the record pairs between the two groups are accepted pairs.
    WeakSupport {
        /// Accepted pairs between the two groups.
        accepted_between: u64,
        /// Record pairs between the two groups (the product of their
        /// sizes).
        record_pairs_between: u64,
        /// Accepted pairs the guard asked for.
        needed: u64,
    },
    /// The chain guard's size limit: the pair is strong, but merging
    /// would make an entity larger than
    /// [`size_limit`](crate::cluster::ClusterOptions::size_limit) and too
    /// few of the record pairs between the two groups are accepted pairs.
    LargeEntity {
        /// Records the merged entity would have had.
        merged_size: u64,
        /// Accepted pairs between the two groups.
        accepted_between: u64,
        /// Record pairs between the two groups.
        record_pairs_between: u64,
        /// Accepted pairs the guard asked for.
        needed: u64,
    },
    /// The pair is below the strong probability and merging would make
    /// an entity larger than
    /// [`weak_size_limit`](crate::cluster::ClusterOptions::weak_size_limit).
    WeakLargeEntity {
        /// Records the merged entity would have had.
        merged_size: u64,
        /// The limit.
        weak_size_limit: u64,
    },
    /// Both groups hold a record of this duplicate-free source.
    DuplicateFreeSource {
        /// The source.
        source: SourceId,
    },
    /// One group holds a record named `A`, the other a record named `B`,
    /// and records of `A` and of `B` list each other in a set field
    /// (co-inventors): two people.
    Coparticipants,
}

impl fmt::Display for Refusal {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Refusal::WeakSupport {
                accepted_between,
                record_pairs_between,
                needed,
            } => write!(
                f,
                "{accepted_between} of {record_pairs_between} record pairs between the groups accepted, {needed} needed"
            ),
            Refusal::LargeEntity {
                merged_size,
                accepted_between,
                record_pairs_between,
                needed,
            } => write!(
                f,
                "would make {merged_size} records, over the size limit: {accepted_between} of {record_pairs_between} record pairs between the groups accepted, {needed} needed"
            ),
            Refusal::WeakLargeEntity {
                merged_size,
                weak_size_limit,
            } => write!(
                f,
                "would make {merged_size} records through a pair under the strong probability, over the weak pairs' limit of {weak_size_limit}"
            ),
            Refusal::Coparticipants => {
                write!(
                    f,
                    "the groups hold two records that name each other as co-participants"
                )
            }
            Refusal::DuplicateFreeSource { source } => write!(
                f,
                "both groups hold a record of duplicate-free source {}",
                source.0
            ),
        }
    }
}

/// An accepted pair that did not merge, and why.
///
/// # Examples
///
/// ```
/// use sameas::cluster::{cluster, ClusterOptions, Refusal, ScoredPair};
/// use sameas::matcher::Score;
/// use sameas::{FieldKind, OwnedRecord, PreparedStore, RecordIndex, Schema};
///
/// let mut store = PreparedStore::new(Schema::builder().field("email", FieldKind::Email).build()?);
/// let list = store.add_source("newsletter", true)?;
/// store.ingest(list, &[OwnedRecord::new("1"), OwnedRecord::new("2")])?;
/// let pair = ScoredPair::new(RecordIndex::from_position(0), RecordIndex::from_position(1), Score::from_probability(0.9));
/// let clustering = cluster(&store, &[pair], &ClusterOptions::new())?;
/// let refused = &clustering.diagnostics().refused[0];
/// assert_eq!((refused.a.get(), refused.b.get(), refused.probability), (0, 1, 0.9));
/// assert!(matches!(refused.reason, Refusal::DuplicateFreeSource { .. }));
/// # Ok::<(), sameas::Error>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq)]
#[non_exhaustive]
pub struct RefusedPair {
    /// The lower record of the pair.
    pub a: RecordIndex,
    /// The higher record.
    pub b: RecordIndex,
    /// The pair's probability.
    pub probability: f64,
    /// Why it did not merge.
    pub reason: Refusal,
}

/// What [`cluster`](crate::cluster::cluster) did, for users to see why
/// entities look the way they do. `Display` prints a compact report.
///
/// # Examples
///
/// ```
/// use sameas::cluster::{cluster, ClusterOptions, ScoredPair};
/// use sameas::matcher::Score;
/// use sameas::{FieldKind, OwnedRecord, PreparedStore, RecordIndex, Schema};
///
/// let mut store = PreparedStore::new(Schema::builder().field("email", FieldKind::Email).build()?);
/// let crm = store.add_source("crm", false)?;
/// store.ingest(crm, &[OwnedRecord::new("1"), OwnedRecord::new("2"), OwnedRecord::new("3")])?;
/// let at = RecordIndex::from_position;
/// let p = Score::from_probability;
/// let pairs = [ScoredPair::new(at(0), at(1), p(0.9)), ScoredPair::new(at(1), at(2), p(0.2))];
/// let clustering = cluster(&store, &pairs, &ClusterOptions::new())?;
/// let diagnostics = clustering.diagnostics();
/// assert_eq!((diagnostics.accepted_pairs, diagnostics.below_threshold), (1, 1));
/// assert_eq!(diagnostics.sizes, [(1, 1), (2, 1)]);
/// assert!(diagnostics.to_string().starts_with("3 records in 2 entities (1 singletons), largest 2"));
/// # Ok::<(), sameas::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq, Default)]
#[non_exhaustive]
pub struct ClusterDiagnostics {
    /// Records in the store (each is in exactly one entity).
    pub records: usize,
    /// Entities, singletons included.
    pub entities: usize,
    /// Scored pairs given.
    pub pairs: usize,
    /// Pairs left out as invalid (with [`InvalidPairs::Skip`](crate::cluster::InvalidPairs::Skip)).
    pub skipped_pairs: usize,
    /// Valid pairs below the match threshold.
    pub below_threshold: usize,
    /// Pairs at or above the match threshold.
    pub accepted_pairs: usize,
    /// Accepted pairs that joined two groups.
    pub merges: usize,
    /// Accepted pairs the chain guard kept from joining two groups (weak
    /// pairs and strong pairs over the size limit).
    pub refused_by_guard: usize,
    /// Of [`refused_by_guard`](Self::refused_by_guard), the strong pairs
    /// refused because their merge would have made an entity over the
    /// size limit ([`Refusal::LargeEntity`]).
    pub refused_by_size_limit: usize,
    /// Accepted pairs that would have put two records of one
    /// duplicate-free source in one entity.
    pub refused_by_one_to_one: usize,
    /// Accepted pairs refused because the two groups hold two names that
    /// list each other as co-participants ([`Refusal::Coparticipants`]).
    pub refused_as_coparticipants: usize,
    /// `(entity size, how many entities have it)`, by size.
    pub sizes: Vec<(usize, usize)>,
    /// The largest entities as `(id, size)`, largest first (ties by id),
    /// at most ten.
    pub largest: Vec<(EntityId, usize)>,
    /// The density of each entity of [`largest`](Self::largest), in the
    /// same order: accepted pairs among its members over the record pairs
    /// it has (`n × (n - 1) / 2`; 1 for a single record). Chains of
    /// links show as low density.
    pub largest_density: Vec<f64>,
    /// The first refused pairs in processing order (the strongest
    /// first), at most ten.
    pub refused: Vec<RefusedPair>,
}

impl ClusterDiagnostics {
    /// The size of the largest entity (0 for an empty store).
    pub fn largest_size(&self) -> usize {
        self.sizes.last().map_or(0, |&(size, _)| size)
    }

    /// How many entities have exactly one record.
    pub fn singletons(&self) -> usize {
        match self.sizes.first() {
            Some(&(1, count)) => count,
            _ => 0,
        }
    }
}

impl fmt::Display for ClusterDiagnostics {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        writeln!(
            f,
            "{} records in {} entities ({} singletons), largest {}",
            self.records,
            self.entities,
            self.singletons(),
            self.largest_size()
        )?;
        writeln!(
            f,
            "pairs: {} scored, {} accepted, {} below threshold, {} skipped as invalid",
            self.pairs, self.accepted_pairs, self.below_threshold, self.skipped_pairs
        )?;
        writeln!(
            f,
            "merges: {}; refused {} by the chain guard ({} over the size limit), {} by duplicate-free sources",
            self.merges,
            self.refused_by_guard,
            self.refused_by_size_limit,
            self.refused_by_one_to_one
        )?;
        if self.refused_as_coparticipants > 0 {
            writeln!(
                f,
                "refused {} naming each other as co-participants",
                self.refused_as_coparticipants
            )?;
        }
        // Sizes in powers of two keep the line short for any input.
        write!(f, "sizes:")?;
        let mut low = 1usize;
        while low <= self.largest_size() {
            let high = low.saturating_mul(2) - 1;
            let count: usize = self
                .sizes
                .iter()
                .filter(|&&(size, _)| (low..=high).contains(&size))
                .map(|&(_, count)| count)
                .sum();
            if count > 0 {
                if low == high {
                    write!(f, " {low}: {count}")?;
                } else {
                    write!(f, " {low}-{high}: {count}")?;
                }
            }
            if high >= self.largest_size() {
                break;
            }
            low = high + 1;
        }
        writeln!(f)?;
        if !self.largest.is_empty() {
            write!(f, "largest:")?;
            for (position, (id, size)) in self.largest.iter().enumerate() {
                match self.largest_density.get(position) {
                    Some(density) => write!(f, " {id} ({size}, density {density:.2})")?,
                    None => write!(f, " {id} ({size})")?,
                }
            }
            writeln!(f)?;
        }
        for refused in &self.refused {
            writeln!(
                f,
                "refused #{} ~ #{} (p {:.4}): {}",
                refused.a.get(),
                refused.b.get(),
                refused.probability,
                refused.reason
            )?;
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn report_groups_sizes_by_powers_of_two() {
        let diagnostics = ClusterDiagnostics {
            records: 21,
            entities: 9,
            pairs: 30,
            skipped_pairs: 1,
            below_threshold: 10,
            accepted_pairs: 19,
            merges: 12,
            refused_by_guard: 3,
            refused_by_size_limit: 1,
            refused_by_one_to_one: 1,
            refused_as_coparticipants: 0,
            sizes: vec![(1, 5), (2, 1), (3, 2), (9, 1)],
            largest: vec![(EntityId(0xab), 9), (EntityId(1), 3)],
            largest_density: vec![0.25, 1.0],
            refused: vec![
                RefusedPair {
                    a: RecordIndex(2),
                    b: RecordIndex(9),
                    probability: 0.995,
                    reason: Refusal::LargeEntity {
                        merged_size: 70,
                        accepted_between: 3,
                        record_pairs_between: 600,
                        needed: 300,
                    },
                },
                RefusedPair {
                    a: RecordIndex(4),
                    b: RecordIndex(7),
                    probability: 0.75,
                    reason: Refusal::WeakSupport {
                        accepted_between: 1,
                        record_pairs_between: 6,
                        needed: 3,
                    },
                },
            ],
        };
        assert_eq!(
            diagnostics.to_string(),
            "21 records in 9 entities (5 singletons), largest 9\n\
             pairs: 30 scored, 19 accepted, 10 below threshold, 1 skipped as invalid\n\
             merges: 12; refused 3 by the chain guard (1 over the size limit), 1 by duplicate-free sources\n\
             sizes: 1: 5 2-3: 3 8-15: 1\n\
             largest: 00000000000000ab (9, density 0.25) 0000000000000001 (3, density 1.00)\n\
             refused #2 ~ #9 (p 0.9950): would make 70 records, over the size limit: 3 of 600 record pairs between the groups accepted, 300 needed\n\
             refused #4 ~ #7 (p 0.7500): 1 of 6 record pairs between the groups accepted, 3 needed\n"
        );
        assert_eq!(
            ClusterDiagnostics::default().to_string(),
            "0 records in 0 entities (0 singletons), largest 0\n\
             pairs: 0 scored, 0 accepted, 0 below threshold, 0 skipped as invalid\n\
             merges: 0; refused 0 by the chain guard (0 over the size limit), 0 by duplicate-free sources\n\
             sizes:\n"
        );
    }
}
