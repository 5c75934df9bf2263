//! Everything the page shows, gathered from a [`Resolution`] once:
//! aggregates over every record and pair, and the few entities the
//! explorer samples in full.

use std::collections::HashMap;

use sameas::RecordIndex;
use sameas::block::BlockingStats;
use sameas::matcher::{
    Dependence, Explanation, FellegiSunter, Reveal, SourcePrior, TrainingReport,
};
use sameas::resolve::{Resolution, RunStats, ScoreHistogram};

use crate::options::ReportOptions;
use crate::sample::{EntityFacts, View, select};

/// Explained pairs per entity at most: its scored pairs first, then,
/// for entities this small, every other pair of its records too.
const MAX_EXPLAINED: usize = 120;
/// Entities up to this many shown records have every pair explained
/// (any two records can be compared in the page).
const ALL_PAIRS_UP_TO: usize = 10;
/// Refused links listed per entity.
const MAX_CUT_LINKS: usize = 8;

/// What the page needs, computed.
#[derive(Debug)]
pub(crate) struct ReportData {
    pub(crate) title: String,
    pub(crate) fields: Vec<FieldInfo>,
    pub(crate) sources: Vec<SourceInfo>,
    pub(crate) stats: RunStats,
    pub(crate) threshold: f64,
    pub(crate) settings: Vec<(String, String)>,
    pub(crate) model: Option<ModelInfo>,
    pub(crate) warnings: Vec<String>,
    pub(crate) blocking: BlockingStats,
    pub(crate) scores: ScoreSummary,
    /// `(entity size, entities)`, by size.
    pub(crate) sizes: Vec<(usize, usize)>,
    pub(crate) refused_by_guard: usize,
    pub(crate) refused_by_one_to_one: usize,
    pub(crate) views: Vec<(View, Vec<usize>)>,
    /// The explored entities; views hold positions in this list.
    pub(crate) entities: Vec<EntityView>,
    /// Level labels the explanations refer to by position.
    pub(crate) labels: Vec<String>,
    /// Comparisons the explanations refer to by position: name and the
    /// positions of its fields.
    pub(crate) comparisons: Vec<(String, Vec<usize>)>,
    pub(crate) revealed: bool,
}

/// A schema field as the page shows it.
#[derive(Debug, Clone)]
pub(crate) struct FieldInfo {
    pub(crate) name: String,
    pub(crate) kind: String,
    pub(crate) masked: bool,
}

/// A source with its record count.
#[derive(Debug, Clone)]
pub(crate) struct SourceInfo {
    pub(crate) name: String,
    pub(crate) records: u64,
    pub(crate) duplicate_free: bool,
}

/// The model, when the run scored with a Fellegi-Sunter model.
#[derive(Debug)]
pub(crate) struct ModelInfo {
    pub(crate) prior: f64,
    pub(crate) prior_weight: f64,
    pub(crate) fingerprint: String,
    pub(crate) comparisons: Vec<ComparisonInfo>,
    /// Fields that count for less when another agrees (households).
    pub(crate) dependences: Vec<Dependence>,
    /// The priors of the pairs of sources that differ from `prior`.
    pub(crate) source_priors: Vec<SourcePrior>,
    pub(crate) training: Option<TrainingReport>,
}

/// One comparison of the model.
#[derive(Debug)]
pub(crate) struct ComparisonInfo {
    pub(crate) name: String,
    pub(crate) fields: Vec<String>,
    pub(crate) levels: Vec<LevelInfo>,
}

/// One level of a comparison.
#[derive(Debug)]
pub(crate) struct LevelInfo {
    pub(crate) label: String,
    pub(crate) m: f64,
    pub(crate) u: f64,
    pub(crate) weight: f64,
    pub(crate) term_frequency: bool,
    pub(crate) neutral: bool,
}

/// The distribution of scores, trimmed to the bins that hold pairs.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct ScoreSummary {
    /// `(lower, upper, pairs)` from the first bin with pairs to the last.
    pub(crate) bins: Vec<(f64, f64, u64)>,
    /// Pairs under the histogram's range and over it.
    pub(crate) below_range: u64,
    pub(crate) above_range: u64,
    /// The threshold as a match weight.
    pub(crate) threshold_weight: f64,
    /// Candidate pairs at or above the threshold, and under it.
    pub(crate) accepted: u64,
    pub(crate) rejected: u64,
}

/// A value as the page shows it.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Shown {
    Missing,
    Masked,
    Text(String),
}

/// A record of an explored entity (or the other side of a refused link).
#[derive(Debug, Clone)]
pub(crate) struct RecordRow {
    pub(crate) index: RecordIndex,
    pub(crate) source: usize,
    pub(crate) id: String,
    pub(crate) values: Vec<Shown>,
    /// The other side of a refused link, not a member.
    pub(crate) outside: bool,
}

/// A field of a golden record.
#[derive(Debug, Clone)]
pub(crate) struct GoldenRow {
    pub(crate) field: String,
    pub(crate) value: Shown,
    /// Source position, record id and rule of the surviving value.
    pub(crate) provenance: Option<(usize, String, String)>,
    /// Other values the members hold.
    pub(crate) alternatives: usize,
}

/// A scored pair among an entity's shown records (rows).
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) struct Edge {
    pub(crate) a: usize,
    pub(crate) b: usize,
    pub(crate) weight: f64,
    pub(crate) probability: f64,
}

/// One comparison's part in an explained pair: comparison, level label
/// (positions in the report's tables), weight, m and u.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Term {
    pub(crate) comparison: usize,
    pub(crate) label: Option<usize>,
    pub(crate) weight: f64,
    pub(crate) m: Option<f64>,
    pub(crate) u: Option<f64>,
}

/// An explained pair of rows.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Explained {
    pub(crate) a: usize,
    pub(crate) b: usize,
    pub(crate) prior: f64,
    /// The two sources whose own prior the pair started from
    /// (`census ~ tax`), when the model holds one for them.
    pub(crate) prior_sources: Option<String>,
    pub(crate) weight: f64,
    pub(crate) probability: f64,
    pub(crate) terms: Vec<Term>,
}

/// An entity in the explorer, in full.
#[derive(Debug, Clone)]
pub(crate) struct EntityView {
    pub(crate) id: String,
    pub(crate) size: usize,
    pub(crate) density: f64,
    /// Its records (the first `max_members`), then the outside ends of
    /// refused links.
    pub(crate) rows: Vec<RecordRow>,
    /// Members not shown.
    pub(crate) hidden_members: usize,
    pub(crate) golden: Vec<GoldenRow>,
    pub(crate) edges: Vec<Edge>,
    /// Accepted pairs to other entities that clustering refused.
    pub(crate) cuts: Vec<Edge>,
    pub(crate) explained: Vec<Explained>,
    pub(crate) views: Vec<View>,
    /// Records per source position.
    pub(crate) by_source: Vec<(usize, usize)>,
}

/// Gathers the report's data.
pub(crate) fn collect(
    resolution: &Resolution,
    options: &ReportOptions,
) -> Result<ReportData, sameas::Error> {
    let store = resolution.store();
    let schema = store.schema();
    let fields: Vec<FieldInfo> = schema
        .fields()
        .iter()
        .map(|field| FieldInfo {
            name: field.name().to_string(),
            kind: field.kind().to_string(),
            masked: options.masks(field),
        })
        .collect();
    let mut per_source = vec![0u64; store.sources().len()];
    for record in store.records() {
        if let Some(count) = per_source.get_mut(record.source().index()) {
            *count += 1;
        }
    }
    let sources = store
        .sources()
        .iter()
        .zip(&per_source)
        .map(|(source, &records)| SourceInfo {
            name: source.name().to_string(),
            records,
            duplicate_free: source.is_duplicate_free(),
        })
        .collect();
    let model = resolution.model().map(model_info);
    let threshold = resolution.threshold();
    let stats = resolution.stats().clone();
    let diagnostics = resolution.clustering().diagnostics();
    let scores = summarize_scores(
        resolution.score_histogram(),
        threshold,
        stats.accepted_pairs,
        stats.candidate_pairs,
    );
    let warnings = warnings(&stats, model.as_ref(), resolution.blocking_stats());

    let mut explorer = Explorer::new(resolution, options, &fields);
    let views = explorer.choose();
    explorer.fill()?;
    let Explorer {
        entities,
        labels,
        comparisons,
        ..
    } = explorer;

    Ok(ReportData {
        title: options.title().to_string(),
        fields,
        sources,
        threshold,
        settings: options.settings().to_vec(),
        model,
        warnings,
        blocking: resolution.blocking_stats().clone(),
        scores,
        sizes: diagnostics.sizes.clone(),
        refused_by_guard: diagnostics.refused_by_guard,
        refused_by_one_to_one: diagnostics.refused_by_one_to_one,
        views,
        entities,
        labels,
        comparisons,
        revealed: options.reveals_sensitive(),
        stats,
    })
}

fn model_info(model: &FellegiSunter) -> ModelInfo {
    let schema = model.schema();
    let comparisons = model
        .comparisons()
        .iter()
        .map(|comparison| ComparisonInfo {
            name: comparison.name().to_string(),
            fields: comparison
                .fields()
                .iter()
                .filter_map(|&field| schema.try_field(field))
                .map(|field| field.name().to_string())
                .collect(),
            levels: comparison
                .levels()
                .iter()
                .map(|level| LevelInfo {
                    label: level.label().to_string(),
                    m: level.m(),
                    u: level.u(),
                    weight: level.weight(),
                    term_frequency: level.is_term_frequency_adjusted(),
                    neutral: level.is_neutral(),
                })
                .collect(),
        })
        .collect();
    ModelInfo {
        prior: model.prior(),
        prior_weight: model.prior_weight(),
        fingerprint: format!("{:016x}", fnv1a(model.to_json().as_bytes())),
        comparisons,
        dependences: model.dependences().to_vec(),
        source_priors: model.source_priors().to_vec(),
        training: model.training().cloned(),
    }
}

/// FNV-1a, 64 bits: the model's fingerprint (the same model file, the
/// same fingerprint).
pub(crate) fn fnv1a(bytes: &[u8]) -> u64 {
    bytes.iter().fold(0xcbf2_9ce4_8422_2325, |hash, &byte| {
        (hash ^ u64::from(byte)).wrapping_mul(0x0000_0100_0000_01b3)
    })
}

/// The histogram trimmed to the bins that hold pairs, with the counts
/// on either side of the threshold.
pub(crate) fn summarize_scores(
    histogram: &ScoreHistogram,
    threshold: f64,
    accepted: u64,
    candidates: u64,
) -> ScoreSummary {
    let bins: Vec<(f64, f64, u64)> = histogram.bins().collect();
    let first = bins.iter().position(|bin| bin.2 > 0);
    let last = bins.iter().rposition(|bin| bin.2 > 0);
    let bins = match (first, last) {
        (Some(first), Some(last)) => bins[first..=last].to_vec(),
        _ => Vec::new(),
    };
    let threshold_weight = (threshold / (1.0 - threshold)).log2();
    ScoreSummary {
        bins,
        below_range: histogram.below(),
        above_range: histogram.above(),
        threshold_weight,
        accepted,
        rejected: candidates.saturating_sub(accepted),
    }
}

/// What deserves a reader's attention, in plain words (names and counts,
/// never a value).
fn warnings(stats: &RunStats, model: Option<&ModelInfo>, blocking: &BlockingStats) -> Vec<String> {
    let mut warnings: Vec<String> = stats
        .training_warnings
        .iter()
        .map(|warning| format!("Training: {warning}"))
        .collect();
    if let Some(training) = model.and_then(|model| model.training.as_ref()) {
        for session in training.sessions.iter().filter(|s| !s.converged) {
            warnings.push(format!(
                "Training: EM on the pairs agreeing on {} stopped after {} iterations without converging",
                session.rule.join(" + "),
                session.iterations
            ));
        }
        if !training.not_estimated.is_empty() {
            warnings.push(format!(
                "Training: no session estimated m of {}; they keep their starting values",
                training.not_estimated.join(", ")
            ));
        }
    }
    if !stats.absent_fields.is_empty() {
        warnings.push(format!(
            "No record has a value for {} (a misspelt field name or a column the inputs lack?)",
            stats.absent_fields.join(", ")
        ));
    }
    if stats.skipped_records > 0 {
        warnings.push(format!(
            "{} records skipped: their id repeated an earlier record's",
            stats.skipped_records
        ));
    }
    for rule in blocking.rules.iter().filter(|rule| rule.skipped_blocks > 0) {
        warnings.push(format!(
            "Blocking rule {}: {} blocks over the size cap skipped ({} records, {} pairs not compared)",
            rule.name, rule.skipped_blocks, rule.skipped_records, rule.skipped_pairs
        ));
    }
    warnings
}

/// Chooses the explored entities and reads them in full.
struct Explorer<'r> {
    resolution: &'r Resolution,
    options: &'r ReportOptions,
    masked: Vec<bool>,
    /// Per record, its entity's position in the clustering.
    entity_of: Vec<u32>,
    /// Per clustering position, the facts of the entity.
    facts: Vec<EntityFacts>,
    /// Explored entities by clustering position: their place in `entities`.
    explored: HashMap<usize, usize>,
    entities: Vec<EntityView>,
    labels: Vec<String>,
    comparisons: Vec<(String, Vec<usize>)>,
}

impl<'r> Explorer<'r> {
    fn new(resolution: &'r Resolution, options: &'r ReportOptions, fields: &[FieldInfo]) -> Self {
        let clustering = resolution.clustering();
        let mut entity_of = vec![0u32; resolution.store().len()];
        let mut facts = Vec::with_capacity(clustering.len());
        for (position, entity) in clustering.entities().enumerate() {
            for member in entity.members() {
                if let Some(slot) = entity_of.get_mut(member.get()) {
                    *slot = position as u32;
                }
            }
            facts.push(EntityFacts {
                position,
                id: entity.id().get(),
                size: entity.len(),
                accepted_within: 0,
                strongest_cut: None,
            });
        }
        let threshold = resolution.threshold();
        for pair in resolution.pairs() {
            if pair.score.probability() < threshold {
                continue;
            }
            let (Some(&x), Some(&y)) = (entity_of.get(pair.a.get()), entity_of.get(pair.b.get()))
            else {
                continue;
            };
            if x == y {
                facts[x as usize].accepted_within += 1;
            } else {
                for side in [x, y] {
                    let cut = &mut facts[side as usize].strongest_cut;
                    *cut = Some(cut.map_or(pair.score.weight(), |w| w.max(pair.score.weight())));
                }
            }
        }
        Explorer {
            resolution,
            options,
            masked: fields.iter().map(|field| field.masked).collect(),
            entity_of,
            facts,
            explored: HashMap::new(),
            entities: Vec::new(),
            labels: Vec::new(),
            comparisons: Vec::new(),
        }
    }

    /// The views, as positions in `entities` (which gets one empty view
    /// per explored entity, filled by `fill`).
    fn choose(&mut self) -> Vec<(View, Vec<usize>)> {
        let clustering = self.resolution.clustering();
        let pinned: Vec<usize> = self
            .options
            .pinned()
            .iter()
            .filter_map(|&id| clustering.entity(id))
            .filter_map(|entity| {
                self.entity_of
                    .get(entity.anchor().get())
                    .map(|&p| p as usize)
            })
            .collect();
        let selection = select(
            &self.facts,
            &pinned,
            self.options.entities_per_view(),
            self.options.seed(),
        );
        selection
            .into_iter()
            .map(|(view, positions)| {
                let slots = positions
                    .into_iter()
                    .map(|position| {
                        let next = self.entities.len();
                        let slot = *self.explored.entry(position).or_insert(next);
                        if slot == next {
                            let facts = self.facts[position];
                            self.entities.push(EntityView {
                                id: format!("{:016x}", facts.id),
                                size: facts.size,
                                density: facts.density(),
                                rows: Vec::new(),
                                hidden_members: 0,
                                golden: Vec::new(),
                                edges: Vec::new(),
                                cuts: Vec::new(),
                                explained: Vec::new(),
                                views: Vec::new(),
                                by_source: Vec::new(),
                            });
                        }
                        self.entities[slot].views.push(view);
                        slot
                    })
                    .collect();
                (view, slots)
            })
            .collect()
    }

    /// Reads every explored entity: records, golden record, pairs and
    /// their explanations.
    fn fill(&mut self) -> Result<(), sameas::Error> {
        let clustering = self.resolution.clustering();
        let schema_of = self.resolution.store().schema();
        let max_members = self.options.max_members();
        // Per explored entity, its rows by record.
        let mut row_of: Vec<HashMap<RecordIndex, usize>> =
            vec![HashMap::new(); self.entities.len()];
        for (position, entity) in clustering.entities().enumerate() {
            let Some(&slot) = self.explored.get(&position) else {
                continue;
            };
            let members = entity.members();
            let shown = &members[..members.len().min(max_members)];
            let view = &mut self.entities[slot];
            view.hidden_members = members.len() - shown.len();
            for &member in shown {
                if let Some(row) = record_row(self.resolution, &self.masked, member, false) {
                    row_of[slot].insert(member, view.rows.len());
                    view.rows.push(row);
                }
            }
            let mut by_source: HashMap<usize, usize> = HashMap::new();
            for &member in members {
                if let Some(record) = self.resolution.store().record(member) {
                    *by_source.entry(record.source().index()).or_default() += 1;
                }
            }
            view.by_source = by_source.into_iter().collect();
            view.by_source.sort_unstable();
            let golden = self.resolution.golden_record(entity.id())?;
            let source_position = |name: &str| {
                self.resolution
                    .store()
                    .sources()
                    .iter()
                    .position(|source| source.name() == name)
                    .unwrap_or(0)
            };
            view.golden = golden
                .fields()
                .iter()
                .map(|golden_field| {
                    let masked = schema_of
                        .field_id(golden_field.name())
                        .ok()
                        .and_then(|id| self.masked.get(id.index()).copied())
                        .unwrap_or(true);
                    let value = match golden_field.value() {
                        None => Shown::Missing,
                        Some(_) if masked => Shown::Masked,
                        Some(value) => Shown::Text(value.raw().to_string()),
                    };
                    GoldenRow {
                        field: golden_field.name().to_string(),
                        value,
                        provenance: golden_field.value().map(|value| {
                            let provenance = value.provenance();
                            (
                                source_position(provenance.source()),
                                provenance.record_id().to_string(),
                                provenance.rule().to_string(),
                            )
                        }),
                        alternatives: golden_field.alternatives().len().saturating_sub(1),
                    }
                })
                .collect();
        }

        // Pairs among shown records, and refused links, in one pass.
        let threshold = self.resolution.threshold();
        let mut scored: Vec<Vec<(usize, usize)>> = vec![Vec::new(); self.entities.len()];
        for pair in self.resolution.pairs() {
            let (Some(&x), Some(&y)) = (
                self.entity_of.get(pair.a.get()),
                self.entity_of.get(pair.b.get()),
            ) else {
                continue;
            };
            let edge = |a: usize, b: usize| Edge {
                a,
                b,
                weight: pair.score.weight(),
                probability: pair.score.probability(),
            };
            if x == y {
                let Some(&slot) = self.explored.get(&(x as usize)) else {
                    continue;
                };
                let rows = &row_of[slot];
                if let (Some(&a), Some(&b)) = (rows.get(&pair.a), rows.get(&pair.b)) {
                    self.entities[slot].edges.push(edge(a, b));
                    scored[slot].push((a.min(b), a.max(b)));
                }
            } else if pair.score.probability() >= threshold {
                for (inside, outside, side) in [(pair.a, pair.b, x), (pair.b, pair.a, y)] {
                    let Some(&slot) = self.explored.get(&(side as usize)) else {
                        continue;
                    };
                    if self.entities[slot].cuts.len() >= MAX_CUT_LINKS {
                        continue;
                    }
                    let Some(&a) = row_of[slot].get(&inside) else {
                        continue;
                    };
                    let b = match row_of[slot].get(&outside) {
                        Some(&b) => b,
                        None => {
                            let Some(row) =
                                record_row(self.resolution, &self.masked, outside, true)
                            else {
                                continue;
                            };
                            let view = &mut self.entities[slot];
                            row_of[slot].insert(outside, view.rows.len());
                            view.rows.push(row);
                            view.rows.len() - 1
                        }
                    };
                    self.entities[slot].cuts.push(edge(a, b));
                    scored[slot].push((a.min(b), a.max(b)));
                }
            }
        }

        // Explanations: the scored pairs, strongest first, then every
        // other pair of a small entity's members.
        for (slot, wanted) in scored.into_iter().enumerate() {
            let mut wanted = wanted;
            let weight_of = |view: &EntityView, (a, b): (usize, usize)| {
                view.edges
                    .iter()
                    .chain(&view.cuts)
                    .find(|e| (e.a.min(e.b), e.a.max(e.b)) == (a, b))
                    .map_or(f64::NEG_INFINITY, |e| e.weight)
            };
            let view = &self.entities[slot];
            wanted.sort_by(|&p, &q| {
                weight_of(view, q)
                    .total_cmp(&weight_of(view, p))
                    .then(p.cmp(&q))
            });
            wanted.dedup();
            let members = view.rows.iter().filter(|row| !row.outside).count();
            if members <= ALL_PAIRS_UP_TO {
                for a in 0..members {
                    for b in a + 1..members {
                        if !wanted.contains(&(a, b)) {
                            wanted.push((a, b));
                        }
                    }
                }
            }
            wanted.truncate(MAX_EXPLAINED);
            let indices: Vec<RecordIndex> = view.rows.iter().map(|row| row.index).collect();
            let mut explained = Vec::with_capacity(wanted.len());
            for (a, b) in wanted {
                let records = (indices[a], indices[b]);
                let explanation =
                    self.resolution
                        .explain(records.0, records.1, Reveal::NonSensitive)?;
                explained.push(self.compact(a, b, &explanation));
            }
            self.entities[slot].explained = explained;
        }
        Ok(())
    }

    /// An explanation as positions in the label and comparison tables,
    /// without values (the page takes them from the rows, masked).
    fn compact(&mut self, a: usize, b: usize, explanation: &Explanation) -> Explained {
        let schema = self.resolution.store().schema();
        let terms = explanation
            .fields()
            .iter()
            .map(|field| {
                let name = field.field();
                let comparison = match self.comparisons.iter().position(|(n, _)| n == name) {
                    Some(position) => position,
                    None => {
                        let fields = field
                            .values()
                            .iter()
                            .filter_map(|values| schema.field_id(values.field()).ok())
                            .map(|id| id.index())
                            .collect();
                        self.comparisons.push((name.to_string(), fields));
                        self.comparisons.len() - 1
                    }
                };
                let label = field.level().map(|label| {
                    match self.labels.iter().position(|known| known == label) {
                        Some(position) => position,
                        None => {
                            self.labels.push(label.to_string());
                            self.labels.len() - 1
                        }
                    }
                });
                Term {
                    comparison,
                    label,
                    weight: field.weight(),
                    m: field.m(),
                    u: field.u(),
                }
            })
            .collect();
        Explained {
            a,
            b,
            prior: explanation.prior_weight(),
            prior_sources: explanation
                .prior_sources()
                .map(|[a, b]| format!("{a} ~ {b}")),
            weight: explanation.score().weight(),
            probability: explanation.score().probability(),
            terms,
        }
    }
}

/// A record's row: its source, id and values, masked as the options say.
fn record_row(
    resolution: &Resolution,
    masked: &[bool],
    index: RecordIndex,
    outside: bool,
) -> Option<RecordRow> {
    let record = resolution.store().record(index)?;
    let schema = resolution.store().schema();
    let values = schema
        .ids()
        .map(|id| {
            let position = id.index();
            match record.raw(id) {
                None => Shown::Missing,
                Some(_) if masked.get(position).copied().unwrap_or(true) => Shown::Masked,
                Some(value) => Shown::Text(value.to_string()),
            }
        })
        .collect();
    Some(RecordRow {
        index,
        source: record.source().index(),
        id: record.id().to_string(),
        values,
        outside,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use sameas::matcher::Score;

    #[test]
    fn scores_are_trimmed_to_the_bins_with_pairs_and_split_at_the_threshold() {
        let mut histogram = ScoreHistogram::new();
        for weight in [-4.2, -4.1, 3.0, 9.9, -80.0] {
            histogram.add(Score::from_weight(weight));
        }
        let summary = summarize_scores(&histogram, 0.5, 2, 5);
        assert_eq!(summary.bins.first(), Some(&(-4.5, -4.0, 2)));
        assert_eq!(summary.bins.last(), Some(&(9.5, 10.0, 1)));
        assert_eq!(summary.bins.iter().map(|bin| bin.2).sum::<u64>(), 4);
        assert_eq!((summary.below_range, summary.above_range), (1, 0));
        assert_eq!(summary.threshold_weight, 0.0);
        assert_eq!((summary.accepted, summary.rejected), (2, 3));
    }

    #[test]
    fn no_scores_give_no_bins() {
        let summary = summarize_scores(&ScoreHistogram::new(), 0.8, 0, 0);
        assert!(summary.bins.is_empty());
        assert!((summary.threshold_weight - 2.0).abs() < 1e-12);
    }

    #[test]
    fn the_fingerprint_is_fnv1a() {
        // Published FNV-1a 64 test vectors.
        assert_eq!(fnv1a(b""), 0xcbf2_9ce4_8422_2325);
        assert_eq!(fnv1a(b"a"), 0xaf63_dc4c_8601_ec8c);
    }
}
