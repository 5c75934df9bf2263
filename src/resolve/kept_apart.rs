//! Why two records whose pair is accepted are in different entities.

use std::fmt;

use super::coparticipants::Coparticipants;
use super::resolution::Resolution;
use crate::cluster::Entity;
use crate::error::StoreError;
use crate::id::RecordIndex;

/// Why clustering kept two records apart although the matcher accepted
/// their pair: which rule of [clustering](crate::cluster) their two
/// entities, as the run left them, fail. See
/// [`Resolution::kept_apart`].
#[derive(Debug, Clone, PartialEq)]
#[non_exhaustive]
pub enum KeptApart {
    /// Both entities hold a record of this source, declared
    /// duplicate-free (no entity takes two of its records).
    DuplicateFreeSource {
        /// The source's name.
        source: String,
    },
    /// A record of one entity and a record of the other list each
    /// other's person as a co-participant (co-inventors of one patent):
    /// two people who worked together.
    Coparticipants,
    /// Blocking never paired the two records: the matcher accepts their
    /// pair when asked, but clustering never saw it (and no chain of
    /// accepted pairs joins their entities).
    NotCompared,
    /// Joining the entities would make one of `merged` records, and a
    /// pair under the chain guard's strong probability makes none larger
    /// than `limit`.
    WeakPairLimit {
        /// The records of both entities.
        merged: usize,
        /// The largest entity a pair under the strong probability makes.
        limit: usize,
    },
    /// The chain guard: of the record pairs between the two entities,
    /// too few are accepted pairs for one pair to join them.
    ChainGuard {
        /// The entities' sizes (the first record's entity first).
        sizes: (usize, usize),
        /// The accepted pairs between them.
        accepted: u64,
        /// The record pairs between them.
        pairs: u64,
        /// The accepted pairs a join needs.
        needed: u64,
    },
    /// The entities as they ended pass every rule: clustering refused
    /// the pair when it reached it (strongest pairs first), while the
    /// groups it would have joined were smaller, and no later pair
    /// joined them.
    WhenReached,
}

impl fmt::Display for KeptApart {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            KeptApart::DuplicateFreeSource { source } => write!(
                f,
                "both entities hold a record of `{source}`, declared duplicate-free"
            ),
            KeptApart::Coparticipants => f.write_str(
                "records of the two entities list each other as co-participants: two people",
            ),
            KeptApart::NotCompared => f.write_str(
                "blocking never paired the two records, so clustering never saw their pair",
            ),
            KeptApart::WeakPairLimit { merged, limit } => write!(
                f,
                "joined they would hold {merged} records, and a pair under the chain guard's \
                 strong probability makes no entity over {limit}"
            ),
            KeptApart::ChainGuard {
                sizes: (first, second),
                accepted,
                pairs,
                needed,
            } => write!(
                f,
                "the chain guard: {accepted} of the {pairs} record pairs between the entities \
                 ({first} and {second} records) are accepted, {needed} needed"
            ),
            KeptApart::WhenReached => f.write_str(
                "clustering refused the pair when it reached it (strongest first), while their \
                 groups were smaller; the entities as they ended pass the rules",
            ),
        }
    }
}

impl Resolution {
    /// Why records `a` and `b` are in different entities although the
    /// run's matcher accepts their pair (probability at or above the
    /// threshold): the first clustering rule their entities fail, in
    /// the order clustering applies them (duplicate-free sources,
    /// co-participants, the chain guard), or that blocking never paired
    /// them. `None` when they are in one entity or their pair is not
    /// accepted.
    ///
    /// The rules are checked on the entities as the run left them;
    /// clustering decided on the groups as they stood when it reached
    /// the pair, so an entity may have grown since
    /// ([`KeptApart::WhenReached`]).
    ///
    /// # Errors
    ///
    /// [`StoreError::RecordOutOfRange`] for an index past the store.
    ///
    /// # Examples
    ///
    /// ```
    /// use sameas::resolve::{KeptApart, Resolver};
    /// use sameas::{FieldKind, OwnedRecord, PreparedRecord, RecordIndex, Schema, Score};
    ///
    /// let schema = Schema::builder()
    ///     .field("name", FieldKind::FullName)
    ///     .field("email", FieldKind::Email)
    ///     .build()?;
    /// let mut resolver = Resolver::new(schema);
    /// // A matcher that takes any two records it is shown for one person...
    /// resolver.matcher(|_: &PreparedRecord<'_>, _: &PreparedRecord<'_>| {
    ///     Score::from_probability(0.95)
    /// });
    /// // ...and a register that holds each person once.
    /// let person = |id: &str, email: &str| {
    ///     OwnedRecord::new(id).with("name", "Ann Lee").with("email", email)
    /// };
    /// let register = [person("r1", "ann@example.com"), person("r2", "lee@example.org")];
    /// resolver.add_source("register", true, &register)?;
    /// let resolution = resolver.resolve()?;
    /// let (a, b) = (RecordIndex::from_position(0), RecordIndex::from_position(1));
    /// assert_eq!(
    ///     resolution.kept_apart(a, b)?,
    ///     Some(KeptApart::DuplicateFreeSource { source: "register".into() })
    /// );
    /// # Ok::<(), sameas::Error>(())
    /// ```
    pub fn kept_apart(
        &self,
        a: RecordIndex,
        b: RecordIndex,
    ) -> Result<Option<KeptApart>, StoreError> {
        let store = self.store();
        let record = |index: RecordIndex| {
            store.record(index).ok_or(StoreError::RecordOutOfRange {
                index: index.get(),
                records: store.len(),
            })
        };
        let (x, y) = (record(a)?, record(b)?);
        let clustering = self.clustering();
        let (Some(first), Some(second)) = (clustering.entity_of(a), clustering.entity_of(b)) else {
            return Ok(None);
        };
        let options = self.cluster_options();
        let probability = self.matcher().score(&x, &y).probability();
        if first.id() == second.id() || probability < options.threshold() {
            return Ok(None);
        }
        if options.one_to_one() {
            let duplicate_free = |entity: &Entity<'_>| -> Vec<u16> {
                let mut sources: Vec<u16> = entity
                    .members()
                    .iter()
                    .filter_map(|&member| store.record(member))
                    .map(|member| member.source())
                    .filter(|&source| store.source(source).is_duplicate_free())
                    .map(|source| source.0)
                    .collect();
                sources.sort_unstable();
                sources.dedup();
                sources
            };
            let theirs = duplicate_free(&second);
            if let Some(&shared) = duplicate_free(&first)
                .iter()
                .find(|source| theirs.binary_search(source).is_ok())
            {
                let name = store.source(crate::id::SourceId(shared)).name().to_string();
                return Ok(Some(KeptApart::DuplicateFreeSource { source: name }));
            }
        }
        let positions =
            |entity: &Entity<'_>| -> Vec<u32> { entity.members().iter().map(|m| m.0).collect() };
        if let Some(coparticipants) = Coparticipants::of(store) {
            let apart = coparticipants.apart(store);
            if apart.keeps_apart(&positions(&first), &positions(&second)) {
                return Ok(Some(KeptApart::Coparticipants));
            }
        }
        let compared = self
            .pairs()
            .iter()
            .any(|pair| (pair.a, pair.b) == (a, b) || (pair.a, pair.b) == (b, a));
        if !compared {
            return Ok(Some(KeptApart::NotCompared));
        }
        let Some((strong_probability, min_support)) = options.guard() else {
            return Ok(Some(KeptApart::WhenReached));
        };
        let sizes = (first.len(), second.len());
        let merged = sizes.0 + sizes.1;
        let weak = probability < strong_probability;
        if weak && merged > options.weak_size_limit() {
            return Ok(Some(KeptApart::WeakPairLimit {
                merged,
                limit: options.weak_size_limit(),
            }));
        }
        if weak || merged > options.size_limit() {
            let pairs = sizes.0 as u64 * sizes.1 as u64;
            // As clustering counts (the epsilon keeps 0.7 × 10 at 7).
            let needed = ((min_support * pairs as f64 - 1e-9).ceil() as u64).max(1);
            let (one, other) = (first.id(), second.id());
            let entity = |index: RecordIndex| clustering.entity_of(index).map(|e| e.id());
            let accepted = self
                .pairs()
                .iter()
                .filter(|pair| pair.score.probability() >= options.threshold())
                .filter(|pair| {
                    let ends = (entity(pair.a), entity(pair.b));
                    ends == (Some(one), Some(other)) || ends == (Some(other), Some(one))
                })
                .count() as u64;
            if accepted < needed {
                return Ok(Some(KeptApart::ChainGuard {
                    sizes,
                    accepted,
                    pairs,
                    needed,
                }));
            }
        }
        Ok(Some(KeptApart::WhenReached))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_reason_reads_as_documented() {
        let reads = |reason: KeptApart| reason.to_string();
        assert_eq!(
            reads(KeptApart::DuplicateFreeSource {
                source: "ssa".into()
            }),
            "both entities hold a record of `ssa`, declared duplicate-free"
        );
        assert_eq!(
            reads(KeptApart::Coparticipants),
            "records of the two entities list each other as co-participants: two people"
        );
        assert_eq!(
            reads(KeptApart::NotCompared),
            "blocking never paired the two records, so clustering never saw their pair"
        );
        assert_eq!(
            reads(KeptApart::WeakPairLimit {
                merged: 70,
                limit: 64
            }),
            "joined they would hold 70 records, and a pair under the chain guard's strong \
             probability makes no entity over 64"
        );
        assert_eq!(
            reads(KeptApart::ChainGuard {
                sizes: (2, 5),
                accepted: 3,
                pairs: 10,
                needed: 5
            }),
            "the chain guard: 3 of the 10 record pairs between the entities (2 and 5 records) \
             are accepted, 5 needed"
        );
        assert_eq!(
            reads(KeptApart::WhenReached),
            "clustering refused the pair when it reached it (strongest first), while their groups \
             were smaller; the entities as they ended pass the rules"
        );
    }
}
