//! Clustering: turn scored candidate pairs into entities.
//!
//! [`cluster`] reads [`ScoredPair`]s (a matcher's verdict on candidate
//! pairs) and assigns every record of a [`PreparedStore`] to exactly one
//! entity, singletons included, with a stable [`EntityId`].
//!
//! # How
//!
//! Pairs with a probability at or above the threshold
//! ([`ClusterOptionsBuilder::threshold`], default 0.5) are accepted. They
//! are processed strongest first, in the total order (probability
//! descending, weight descending, lower record, higher record), so the
//! input order of the pairs never matters. Each accepted pair joins the
//! groups of its two records (union-find, Kruskal-style) unless:
//!
//! 1. **Duplicate-free sources** ([`ClusterOptionsBuilder::one_to_one`],
//!    on by default): both groups already hold a record of the same
//!    source declared duplicate-free. The strongest pair wins; the
//!    weaker one is refused.
//! 2. **The chain guard** ([`ClusterOptionsBuilder::guard`], on by
//!    default): the pair's probability is below `strong_probability`
//!    (default 0.99) and fewer than `min_support` (default half) of the
//!    record pairs between the two groups are accepted pairs. Merging
//!    `X` and `Y` needs at least `ceil(min_support × |X| × |Y|)` accepted
//!    pairs between them, the one at hand included.
//!
//! Plain connected components glue different people into one entity
//! through one ambiguous pair: a household member who shares family
//! name, address and phone, a namesake. One such pair joins two groups
//! that otherwise have nothing to do with each other, and every later
//! pair piles onto the giant. The guard asks for what true duplicates
//! show and such bridges do not: records of one person agree with most
//! of each other, so the accepted pairs between two halves of a true
//! entity are dense, while a bridge is a single pair between groups with
//! many record pairs between them. Two single records always pass (one
//! pair of one), so the guard only acts where chaining starts. Pairs at
//! or above the strong probability bypass it while the merged entity
//! stays within the size limit ([`ClusterOptionsBuilder::size_limit`],
//! default 64 records); a merge that would make a larger entity must
//! pass the same support test whatever its pair's strength. Strong
//! pairs chain too: on names-only data with many namesakes (inventor
//! mentions) the model scores namesakes and colleagues above 0.99, and
//! chains of such pairs built entities of three times the largest true
//! one. Two halves of a large true entity agree densely and still merge;
//! a chain or a bridge between two large groups does not. With the guard, entities are always a refinement of the
//! connected components of the accepted pairs: it only ever refuses.
//! [`ClusterDiagnostics`] counts refusals (those of the size rule apart),
//! shows the strongest with the reason, and gives the largest entities
//! with their density (accepted pairs among the members over possible
//! pairs: a chain shows as low density).
//!
//! Names-only inventor mentions (`sameas::synthetic::shapes::InventorGenerator`,
//! 10,000 inventors, seed 7, 39,696 mentions, largest true entity 294;
//! `resolve` with kinds inferred): without the size rule P 0.352, R 0.859,
//! F1 0.500, largest entity 880; with it P 0.760, R 0.847, F1 0.801,
//! largest 284, clustering time unchanged (0.3 s).
//!
//! Measured on generated data with households, twins, namesakes and
//! moved people, candidate pairs from the default blockers scored by a
//! naive per-field stand-in matcher (`cargo run --release --example
//! clustering -- 400000`; floors at 20,000 entities in `tests/cluster.rs`):
//!
//! | 962,045 records, 8.2 M pairs | precision | recall | F1 | largest |
//! |---|---:|---:|---:|---:|
//! | connected components | 0.076 | 0.948 | 0.140 | 1,381 |
//! | + duplicate-free constraint | 0.427 | 0.945 | 0.588 | 54 |
//! | + chain guard (default) | 0.850 | 0.926 | 0.886 | 18 |
//!
//! `min_support` 0.3 gives F1 0.850, 0.7 gives 0.889 with recall 0.864;
//! checking strong pairs too changes little (0.887), so the defaults keep
//! recall. Clustering the 8.2 M pairs takes about 0.3 s without the guard
//! and 0.5 s with it on 2 busy cores.
//!
//! # Cost
//!
//! Sorting the accepted pairs dominates (in parallel with the `parallel`
//! feature); merging is near-linear union-find, and the guard counts
//! pairs between two groups from the smaller group's adjacency lists,
//! stopping as soon as the support needed is reached and remembering
//! refusals until either group changes (the size rule uses the same
//! count, so it adds no other work). The density of the ten largest
//! entities takes one more pass over the accepted pairs. Memory is linear in
//! records plus accepted pairs; nothing recurses. The result is the same
//! for any thread count.
//!
//! # Examples
//!
//! A chain `A = B ~ C = D`: two strong pairs and one weak pair between
//! them. Connected components make one entity; the guard keeps two.
//!
//! ```
//! use sameas::cluster::{cluster, ClusterOptions, ScoredPair};
//! use sameas::matcher::Score;
//! use sameas::{FieldKind, OwnedRecord, PreparedStore, RecordIndex, Schema};
//!
//! let mut store = PreparedStore::new(Schema::builder().field("email", FieldKind::Email).build()?);
//! let crm = store.add_source("crm", false)?;
//! store.ingest(crm, &["A", "B", "C", "D"].map(OwnedRecord::new))?;
//! let at = RecordIndex::from_position;
//! let pairs = [
//!     ScoredPair::new(at(0), at(1), Score::from_probability(0.995)),
//!     ScoredPair::new(at(1), at(2), Score::from_probability(0.7)),
//!     ScoredPair::new(at(2), at(3), Score::from_probability(0.995)),
//! ];
//! let guarded = cluster(&store, &pairs, &ClusterOptions::new())?;
//! assert_eq!(guarded.len(), 2);
//! assert_eq!(guarded.diagnostics().refused_by_guard, 1);
//!
//! let plain = cluster(&store, &pairs, &ClusterOptions::builder().without_guard().build()?)?;
//! assert_eq!(plain.len(), 1);
//! # Ok::<(), sameas::Error>(())
//! ```

mod apart;
mod diagnostics;
mod disjoint_sets;
mod entity;
mod merge;
mod options;
mod pair;
mod support;

pub use diagnostics::{ClusterDiagnostics, Refusal, RefusedPair};
pub use entity::{Clustering, Entity};
// `EntityId` and `ParseEntityIdError` are leaf types (see `crate::id`);
// this is their public path.
pub use crate::error::{ClusterError, PairProblem};
pub use crate::id::{EntityId, ParseEntityIdError};
pub use options::{ClusterOptions, ClusterOptionsBuilder};
pub use pair::{InvalidPairs, ScoredPair};

pub(crate) use apart::{Apart, NO_LABEL};

use crate::block::exact::ExactDuplicates;
use crate::par;
use crate::prepare::PreparedStore;
use pair::EdgeKey;
use support::SupportGraph;

/// Clusters the records of `store` into entities from scored pairs.
///
/// Every record ends up in exactly one entity. The result depends only on
/// the records, the set of pairs and the options: not on the order of
/// `pairs`, the order the records were ingested in (pairs of equal
/// strength are taken in the order of their records' source names and
/// ids), nor on the thread count.
///
/// # Errors
///
/// With [`InvalidPairs::Reject`] (the default), [`ClusterError::InvalidPair`]
/// for the first pair (by position) that fails [`ScoredPair::check`]: a
/// record outside the store or a record paired with itself. With
/// [`InvalidPairs::Skip`] such pairs are counted in [`ClusterDiagnostics::skipped_pairs`] and
/// left out.
///
/// # Examples
///
/// ```
/// use sameas::cluster::{cluster, ClusterError, ClusterOptions, InvalidPairs, PairProblem, ScoredPair};
/// use sameas::matcher::Score;
/// use sameas::{FieldKind, OwnedRecord, PreparedStore, RecordIndex, Schema};
///
/// let mut store = PreparedStore::new(Schema::builder().field("email", FieldKind::Email).build()?);
/// let crm = store.add_source("crm", false)?;
/// store.ingest(crm, &["1", "2", "3"].map(OwnedRecord::new))?;
/// let at = RecordIndex::from_position;
/// let p = Score::from_probability;
/// let pairs = [ScoredPair::new(at(0), at(1), p(0.9)), ScoredPair::new(at(2), at(7), p(0.9))];
///
/// let error = cluster(&store, &pairs, &ClusterOptions::new()).unwrap_err();
/// assert_eq!(
///     error,
///     ClusterError::InvalidPair { position: 1, problem: PairProblem::RecordOutsideStore { record: 7, records: 3 } }
/// );
///
/// let skipping = ClusterOptions::builder().invalid_pairs(InvalidPairs::Skip).build()?;
/// let clustering = cluster(&store, &pairs, &skipping)?;
/// assert_eq!((clustering.len(), clustering.diagnostics().skipped_pairs), (2, 1));
/// # Ok::<(), sameas::Error>(())
/// ```
pub fn cluster(
    store: &PreparedStore,
    pairs: &[ScoredPair],
    options: &ClusterOptions,
) -> Result<Clustering, ClusterError> {
    cluster_with_duplicates(store, pairs, options, None, &Apart::default())
}

/// [`cluster`], with the store's groups of identical records: the chain
/// guard never refuses an accepted pair of identical records (copies
/// are no chain), so they end in one entity however many they are; and
/// groups `apart` keeps apart are never joined.
pub(crate) fn cluster_with_duplicates(
    store: &PreparedStore,
    pairs: &[ScoredPair],
    options: &ClusterOptions,
    duplicates: Option<&ExactDuplicates>,
    apart: &Apart,
) -> Result<Clustering, ClusterError> {
    let records = store.len();
    let keys = store.canonical_keys();
    // One pass keeps the accepted pairs and counts the invalid ones; only
    // when there are some is the first one looked for.
    let accept = |pair: &ScoredPair| match pair.check(records) {
        Ok(()) => (pair.score.probability() >= options.threshold).then(|| EdgeKey::of(pair, keys)),
        Err(_) => None,
    };
    let mut edges: Vec<EdgeKey> = par::filter_map(pairs, accept);
    let skipped_pairs = par::count(pairs, |pair| pair.check(records).is_err());
    if skipped_pairs > 0 && options.invalid_pairs == InvalidPairs::Reject {
        for (position, pair) in pairs.iter().enumerate() {
            if let Err(problem) = pair.check(records) {
                return Err(ClusterError::InvalidPair { position, problem });
            }
        }
    }
    // A total order: equal keys are equal pairs, so an unstable sort is
    // as deterministic as a stable one. The chain guard's graph does not
    // depend on the order: it is built from the pairs meanwhile.
    let accepted_records = || {
        pairs
            .iter()
            .filter(|pair| {
                pair.check(records).is_ok() && pair.score.probability() >= options.threshold
            })
            .map(|pair| (pair.a.0.min(pair.b.0), pair.a.0.max(pair.b.0)))
    };
    let ((), support) = par::join(
        || par::sort_unstable(&mut edges),
        || {
            options
                .guard
                .map(|_| SupportGraph::of_pairs(records, accepted_records()))
        },
    );

    let mut diagnostics = ClusterDiagnostics {
        records,
        pairs: pairs.len(),
        skipped_pairs,
        below_threshold: pairs.len() - skipped_pairs - edges.len(),
        accepted_pairs: edges.len(),
        ..ClusterDiagnostics::default()
    };
    let mut sets = merge::merge_edges(
        store,
        &edges,
        support,
        options,
        duplicates,
        apart,
        &mut diagnostics,
    );
    Ok(Clustering::assemble(store, &mut sets, &edges, diagnostics))
}

/// Groups some records as [`cluster`] groups them within a whole store:
/// `keys[i]` is local record `i`'s canonical key (what orders pairs of
/// equal strength), `duplicate_free[i]` its duplicate-free source, if
/// any, and `pairs` name local positions. When the records are a union
/// of connected components of the accepted pairs, the groups are those
/// `cluster` finds for them in the store (clustering never joins two
/// components and decides within one from its own pairs only).
///
/// `identical` tells whether two local records are identical (as
/// `ExactDuplicates` groups them: the chain guard never refuses their
/// pair).
///
/// Groups `apart` keeps apart (labels of local records) are never
/// joined.
///
/// Returns, per local record, the smallest local position of its group.
pub(crate) fn cluster_records(
    keys: &[u64],
    duplicate_free: &[Option<u16>],
    identical: &dyn Fn(u32, u32) -> bool,
    pairs: &[ScoredPair],
    options: &ClusterOptions,
    apart: &Apart,
) -> Vec<u32> {
    let records = keys.len();
    let mut edges: Vec<EdgeKey> = pairs
        .iter()
        .filter(|pair| pair.check(records).is_ok() && pair.score.probability() >= options.threshold)
        .map(|pair| EdgeKey::of(pair, keys))
        .collect();
    edges.sort_unstable();
    let source_of = |position: usize| duplicate_free.get(position).copied().flatten();
    let mut diagnostics = ClusterDiagnostics::default();
    let mut sets = merge::merge_edges_of(
        records,
        options
            .one_to_one
            .then_some(&source_of as &dyn Fn(usize) -> Option<u16>),
        identical,
        &edges,
        None,
        options,
        apart,
        &mut diagnostics,
    );
    let mut smallest = vec![u32::MAX; records];
    let roots: Vec<u32> = (0..records as u32).map(|at| sets.find(at)).collect();
    for (at, &root) in roots.iter().enumerate() {
        let slot = &mut smallest[root as usize];
        *slot = (*slot).min(at as u32);
    }
    roots.iter().map(|&root| smallest[root as usize]).collect()
}
