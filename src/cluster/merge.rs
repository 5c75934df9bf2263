//! Kruskal-style merging: accepted pairs, strongest first, join groups
//! unless the duplicate-free constraint or the chain guard (weak pairs,
//! and every merge past the size limit) refuses.

use ahash::AHashMap;

use crate::block::exact::ExactDuplicates;
use crate::cluster::apart::Apart;
use crate::cluster::diagnostics::{ClusterDiagnostics, REFUSED_KEPT, Refusal, RefusedPair};
use crate::cluster::disjoint_sets::DisjointSets;
use crate::cluster::options::ClusterOptions;
use crate::cluster::pair::EdgeKey;
use crate::cluster::support::SupportGraph;
use crate::id::{RecordIndex, SourceId};
use crate::prepare::PreparedStore;

/// Merges the groups joined by `edges` (sorted strongest first) and
/// records what happened in `diagnostics`.
/// `support`, when given, is the chain guard's graph of `edges` (built
/// while they were sorted); without it the guard builds its own.
pub(crate) fn merge_edges(
    store: &PreparedStore,
    edges: &[EdgeKey],
    support: Option<SupportGraph>,
    options: &ClusterOptions,
    duplicates: Option<&ExactDuplicates>,
    apart: &Apart,
    diagnostics: &mut ClusterDiagnostics,
) -> DisjointSets {
    let constrained = options.one_to_one
        && store
            .sources()
            .iter()
            .any(|source| source.is_duplicate_free());
    let duplicate_free_source = |position: usize| {
        let record = store.record(RecordIndex(position as u32))?;
        let source = record.source();
        store.source(source).is_duplicate_free().then_some(source.0)
    };
    let identical = |a: u32, b: u32| duplicates.is_some_and(|groups| groups.identical(a, b));
    merge_edges_of(
        store.len(),
        constrained.then_some(&duplicate_free_source as &dyn Fn(usize) -> Option<u16>),
        &identical,
        edges,
        support,
        options,
        apart,
        diagnostics,
    )
}

/// [`merge_edges`] over `records` positions, each with its duplicate-free
/// source (when the one-to-one rule applies): the same merges for any
/// set of records, a whole store or some of its connected components.
/// `identical` tells two identical records apart (their pair is never
/// refused by the chain guard). Groups `apart` keeps apart are never
/// joined. `support` is the chain guard's graph of `edges` when built
/// already.
// Each argument is one independent input of the merge; bundling them
// would only name a struct used here once.
#[allow(clippy::too_many_arguments)]
pub(crate) fn merge_edges_of(
    records: usize,
    duplicate_free_source: Option<&dyn Fn(usize) -> Option<u16>>,
    identical: &dyn Fn(u32, u32) -> bool,
    edges: &[EdgeKey],
    support: Option<SupportGraph>,
    options: &ClusterOptions,
    apart: &Apart,
    diagnostics: &mut ClusterDiagnostics,
) -> DisjointSets {
    let mut sets = DisjointSets::new(records, duplicate_free_source);
    let guard = options.guard.map(|guard| {
        (
            guard,
            support.unwrap_or_else(|| SupportGraph::new(records, edges)),
        )
    });
    // Refusals by the guard, by the two roots, with the sizes and count
    // they were refused at: while both groups stay as they are, later
    // pairs between them are refused without counting again.
    let mut refused_between: AHashMap<(u32, u32), (u32, u32, u64)> = AHashMap::new();
    // Groups found apart, by the two roots with their sizes: they stay
    // apart while both stay as they are.
    let mut kept_apart: AHashMap<(u32, u32), (u32, u32)> = AHashMap::new();
    let mut apart_groups = apart.groups(records);

    for edge in edges {
        let x = sets.find(edge.low);
        let y = sets.find(edge.high);
        if x == y {
            continue;
        }
        if let Some(source) = sets.shared_duplicate_free_source(x, y) {
            diagnostics.refused_by_one_to_one += 1;
            refuse(
                diagnostics,
                edge,
                Refusal::DuplicateFreeSource {
                    source: SourceId(source),
                },
            );
            continue;
        }
        if !apart.is_empty() {
            let key = (x.min(y), x.max(y));
            let sizes = (sets.size(key.0), sets.size(key.1));
            if kept_apart.get(&key) == Some(&sizes) || apart_groups.separates(apart, x, y) {
                kept_apart.insert(key, sizes);
                diagnostics.refused_as_coparticipants += 1;
                refuse(diagnostics, edge, Refusal::Coparticipants);
                continue;
            }
        }
        if let (Some((guard, graph)), false) = (&guard, identical(edge.low, edge.high)) {
            let (x_size, y_size) = (sets.size(x), sets.size(y));
            let merged_size = u64::from(x_size) + u64::from(y_size);
            let weak = edge.probability() < guard.strong_probability;
            // Past the weak pairs' limit only a strong pair merges.
            if weak && merged_size > options.weak_size_limit as u64 {
                diagnostics.refused_by_guard += 1;
                refuse(
                    diagnostics,
                    edge,
                    Refusal::WeakLargeEntity {
                        merged_size,
                        weak_size_limit: options.weak_size_limit as u64,
                    },
                );
                continue;
            }
            // Past the size limit every merge is checked: chains of
            // strong pairs build giants as weak ones do.
            if weak || merged_size > options.size_limit as u64 {
                let record_pairs_between = u64::from(x_size) * u64::from(y_size);
                // The epsilon keeps 0.7 × 10 from rounding up to 8.
                let needed =
                    ((guard.min_support * record_pairs_between as f64 - 1e-9).ceil() as u64).max(1);
                let key = (x.min(y), x.max(y));
                let sizes = (sets.size(key.0), sets.size(key.1));
                // The pair at hand is one accepted pair between the groups,
                // so a need of one is met without counting.
                let accepted_between = if needed <= 1 {
                    1
                } else {
                    match refused_between.get(&key) {
                        Some(&(low_size, high_size, count)) if (low_size, high_size) == sizes => {
                            count
                        }
                        _ => graph.count_between(&mut sets, x, y, needed),
                    }
                };
                if accepted_between < needed {
                    refused_between.insert(key, (sizes.0, sizes.1, accepted_between));
                    diagnostics.refused_by_guard += 1;
                    let reason = if weak {
                        Refusal::WeakSupport {
                            accepted_between,
                            record_pairs_between,
                            needed,
                        }
                    } else {
                        diagnostics.refused_by_size_limit += 1;
                        Refusal::LargeEntity {
                            merged_size,
                            accepted_between,
                            record_pairs_between,
                            needed,
                        }
                    };
                    refuse(diagnostics, edge, reason);
                    continue;
                }
            }
        }
        let root = sets.union(x, y);
        if !apart.is_empty() {
            apart_groups.join(x, y, root);
        }
        diagnostics.merges += 1;
    }
    sets
}

fn refuse(diagnostics: &mut ClusterDiagnostics, edge: &EdgeKey, reason: Refusal) {
    if diagnostics.refused.len() < REFUSED_KEPT {
        diagnostics.refused.push(RefusedPair {
            a: RecordIndex(edge.low),
            b: RecordIndex(edge.high),
            probability: edge.probability(),
            reason,
        });
    }
}
