//! The page: one HTML document with its style, script and data inline.

use maud::{DOCTYPE, Markup, PreEscaped, html};
use serde_json::{Value, json};

use crate::charts::{
    comparison_chart, convergence_chart, count, entity_graph, probability, score_histogram,
    size_chart, source_colour, stage_bar, view_names, weight,
};
use crate::collect::{EntityView, ReportData, Shown};
use crate::sample::View;

const STYLE: &str = include_str!("report.css");
const SCRIPT: &str = include_str!("report.js");

/// The whole document.
pub(crate) fn page(data: &ReportData) -> Markup {
    html! {
        (DOCTYPE)
        html lang="en" {
            head {
                meta charset="utf-8";
                meta name="viewport" content="width=device-width, initial-scale=1";
                // Nothing may be fetched: no network, no frames, no forms.
                meta http-equiv="Content-Security-Policy"
                    content="default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'";
                title { (data.title) }
                style { (PreEscaped(STYLE)) }
            }
            body {
                a class="skip" href="#entities" { "Skip to the entity explorer" }
                header class="top" {
                    h1 { (data.title) }
                    nav aria-label="Sections" {
                        a href="#summary" { "Summary" }
                        a href="#model" { "Model" }
                        a href="#blocking" { "Blocking" }
                        a href="#scores" { "Scores" }
                        a href="#entities" { "Entities" }
                    }
                }
                main {
                    (summary(data))
                    (model(data))
                    (blocking(data))
                    (scores(data))
                    (entities(data))
                }
                footer {
                    "Written by sameas-report " (env!("CARGO_PKG_VERSION")) ". This file fetches nothing: "
                    "style, script, charts and data are all inside it."
                    @if data.revealed { " It holds sensitive values: share it with care." }
                    @else { " Sensitive values (identifiers, dates, fields the schema marks) are masked and not in the file." }
                }
                script type="application/json" id="report-data" { (PreEscaped(script_json(&explorer_data(data)))) }
                script { (PreEscaped(SCRIPT)) }
            }
        }
    }
}

/// JSON safe inside a `<script>` element: `<` escaped, so no value can
/// close the element.
pub(crate) fn script_json(value: &Value) -> String {
    value
        .to_string()
        .replace('<', "\\u003c")
        .replace('\u{2028}', "\\u2028")
        .replace('\u{2029}', "\\u2029")
}

fn kpi(label: &str, value: String) -> Markup {
    html! { div class="kpi" { span class="kpi-value" { (value) } span class="kpi-label" { (label) } } }
}

fn summary(data: &ReportData) -> Markup {
    let stats = &data.stats;
    let singletons = data
        .sizes
        .first()
        .filter(|(size, _)| *size == 1)
        .map_or(0, |s| s.1);
    html! {
        section id="summary" aria-labelledby="summary-h" {
            h2 id="summary-h" { "Run summary" }
            div class="kpis" {
                (kpi("records", count(stats.records)))
                (kpi("sources", count(stats.sources)))
                (kpi("candidate pairs", count(stats.candidate_pairs)))
                (kpi("accepted pairs", count(stats.accepted_pairs)))
                (kpi("entities", count(stats.entities)))
                (kpi("multi-record entities", count(stats.entities.saturating_sub(singletons as u64))))
                (kpi("largest entity", count(stats.largest_entity)))
            }
            @if !data.warnings.is_empty() {
                div class="warnings" role="note" {
                    h3 { "Warnings" }
                    ul { @for warning in &data.warnings { li { (warning) } } }
                }
            }
            div class="two" {
                div {
                    h3 { "Sources" }
                    table {
                        thead { tr { th { "source" } th class="num" { "records" } th { "duplicate-free" } } }
                        tbody {
                            @for (position, source) in data.sources.iter().enumerate() {
                                tr {
                                    td { (source_chip(position, &source.name)) }
                                    td class="num" { (count(source.records)) }
                                    td { @if source.duplicate_free { "yes: an entity takes at most one record" } @else { "no" } }
                                }
                            }
                        }
                    }
                    h3 { "Fields" }
                    p class="fields" {
                        @for field in &data.fields {
                            span class="field" { (field.name) " " small { (field.kind) } @if field.masked { " " span class="badge" { "masked" } } }
                        }
                    }
                }
                div {
                    h3 { "Settings" }
                    table class="settings" {
                        tbody {
                            tr { th { "threshold" } td { "probability " (data.threshold) " (weight " (weight(data.scores.threshold_weight)) ")" } }
                            @match &data.model {
                                Some(model) => {
                                    tr { th { "matcher" } td { "Fellegi-Sunter, " @if stats.trained { "trained in this run" } @else { "given" } } }
                                    tr { th { "model fingerprint" } td { code { (model.fingerprint) } } }
                                    @if let Some(training) = &model.training {
                                        tr { th { "training" } td { (training.link_mode) ", seed " (training.seed) ", " (count(training.random_pairs)) " random pairs for u" } }
                                    }
                                }
                                None => { tr { th { "matcher" } td { "a custom matcher (no model to show)" } } }
                            }
                            @for (name, value) in &data.settings { tr { th { (name) } td { (value) } } }
                        }
                    }
                    h3 { "Time per stage" }
                    (stage_bar(stats))
                }
            }
        }
    }
}

fn source_chip(position: usize, name: &str) -> Markup {
    html! { span class="chip" { i class="swatch" style={"background:" (source_colour(position))} {} (name) } }
}

fn model(data: &ReportData) -> Markup {
    html! {
        section id="model" aria-labelledby="model-h" {
            h2 id="model-h" { "Model" }
            @match &data.model {
                None => { p { "The run scored with a custom matcher: it has no m, u or prior to show." } }
                Some(model) => {
                    p {
                        "Prior: a random candidate pair matches with probability " strong { (probability(model.prior)) }
                        " (weight " (weight(model.prior_weight)) " bits). Each comparison adds the weight of the level a pair reaches, "
                        "log2(m / u): m is how often matching records reach the level, u how often non-matching ones do. "
                        "TF: the level's u is the frequency of the shared value (term-frequency adjustment)."
                    }
                    @if !model.source_priors.is_empty() {
                        p { "Pairs of sources whose pairs match at another rate were scored with their own prior, estimated from their candidate pairs:" }
                        table class="source-priors" {
                            thead { tr { th { "sources" } th class="num" { "prior" } th class="num" { "weight (bits)" } } }
                            tbody {
                                @for source in &model.source_priors {
                                    @let [a, b] = source.sources();
                                    tr {
                                        td { (a) " ~ " (b) }
                                        td class="num" { (probability(source.prior())) }
                                        td class="num" { (weight(source.weight())) }
                                    }
                                }
                            }
                        }
                    }
                    @let span = model.comparisons.iter().flat_map(|c| c.levels.iter()).map(|l| l.weight.abs())
                        .filter(|w| w.is_finite()).fold(5.0f64, f64::max).ceil();
                    div class="comparisons" {
                        @for comparison in &model.comparisons {
                            figure class="comparison" {
                                figcaption {
                                    strong { (comparison.name) }
                                    @if comparison.fields.len() > 1 || comparison.fields.first() != Some(&comparison.name) {
                                        " (" (comparison.fields.join(", ")) ")"
                                    }
                                }
                                (comparison_chart(comparison, span))
                            }
                        }
                    }
                    @if !model.dependences.is_empty() {
                        h3 { "Dependent fields" }
                        p {
                            "Different people who agree on the first field (a household at one address, colleagues at one employer) often agree on the second too (at the level named, else exactly), "
                            "so when both agree the second counts with the u measured among them (never more than its usual weight)."
                        }
                        table class="dependences" {
                            thead { tr { th { "when this agrees" } th { "this counts less" } th class="num" { "u among different people" } th class="num" { "pairs measured" } } }
                            tbody {
                                @for dependence in &model.dependences {
                                    tr {
                                        td { (dependence.condition()) }
                                        td {
                                            (dependence.dependent())
                                            @if let Some(level) = model.comparisons.iter()
                                                .find(|c| c.name == dependence.dependent())
                                                .and_then(|c| c.levels.get(dependence.level()))
                                                .filter(|_| dependence.level() > 0)
                                            {
                                                ": " (level.label)
                                            }
                                        }
                                        td class="num" { (probability(dependence.u())) }
                                        td class="num" { (count(dependence.pairs())) }
                                    }
                                }
                            }
                        }
                    }
                    @if let Some(training) = &model.training {
                        h3 { "Training" }
                        @if training.sessions.is_empty() {
                            p { "No EM session ran (the model was trained with labels only)." }
                        } @else {
                            table {
                                thead { tr {
                                    th { "session: pairs agreeing on" } th class="num" { "pairs" } th class="num" { "used" }
                                    th class="num" { "iterations" } th { "converged" } th class="num" { "match share" }
                                    th class="num" { "prior implied" } th { "m estimated for" }
                                } }
                                tbody {
                                    @for session in &training.sessions {
                                        tr {
                                            td { (session.rule.join(" + ")) }
                                            td class="num" { (count(session.pairs)) }
                                            td class="num" { (count(session.pairs_used)) }
                                            td class="num" { (session.iterations) }
                                            td { @if session.converged { "yes" } @else { strong class="bad" { "no" } } }
                                            td class="num" { (probability(session.match_share)) }
                                            td class="num" { (session.prior.map_or("–".to_string(), probability)) }
                                            td { (session.estimated.join(", ")) }
                                        }
                                    }
                                }
                            }
                            @if training.sessions.iter().any(|s| !s.changes.is_empty()) {
                                h3 { "EM convergence" }
                                (convergence_chart(&training.sessions))
                            }
                        }
                        @if training.labelled_matches + training.labelled_non_matches > 0 {
                            p { "Labelled pairs: " (count(training.labelled_matches)) " matches, " (count(training.labelled_non_matches)) " non-matches." }
                        }
                    } @else {
                        p { "The model was built from known probabilities; it has no training report." }
                    }
                }
            }
        }
    }
}

fn blocking(data: &ReportData) -> Markup {
    let blocking = &data.blocking;
    let most = blocking
        .rules
        .iter()
        .map(|r| r.estimated_pairs.max(r.generated_pairs.unwrap_or(0)))
        .max()
        .unwrap_or(1)
        .max(1) as f64;
    html! {
        section id="blocking" aria-labelledby="blocking-h" {
            h2 id="blocking-h" { "Blocking" }
            p {
                "Records that share a key under some rule are compared. " (count(blocking.records)) " records indexed; "
                strong { (count(blocking.candidate_pairs.unwrap_or(data.stats.candidate_pairs))) } " distinct candidate pairs "
                "(" (count(blocking.estimated_pairs())) " estimated over the rules before removing the pairs several rules share)."
            }
            table class="rules" {
                thead { tr {
                    th { "rule" } th class="num" { "blocks" } th class="num" { "records keyed" } th class="num" { "largest block" }
                    th class="num" { "pairs estimated" } th class="num" { "pairs generated" } th class="bars" { "estimated / generated" }
                    th class="num" { "skipped blocks" }
                } }
                tbody {
                    @for rule in &blocking.rules {
                        tr {
                            td { code { (rule.name) } }
                            td class="num" { (count(rule.blocks)) }
                            td class="num" { (count(rule.records_keyed)) }
                            td class="num" { (count(rule.largest_block)) }
                            td class="num" { (count(rule.estimated_pairs)) }
                            td class="num" { (rule.generated_pairs.map_or("–".to_string(), count)) }
                            td class="bars" {
                                span class="hbar est" style={"width:" (format!("{:.1}", rule.estimated_pairs as f64 / most * 100.0)) "%"} {}
                                span class="hbar gen" style={"width:" (format!("{:.1}", rule.generated_pairs.unwrap_or(0) as f64 / most * 100.0)) "%"} {}
                            }
                            td class="num" {
                                @if rule.skipped_blocks > 0 { strong class="bad" { (count(rule.skipped_blocks)) } " (" (count(rule.skipped_pairs)) " pairs)" }
                                @else { "0" }
                            }
                        }
                    }
                }
            }
            @if !blocking.largest_blocks.is_empty() {
                h3 { "Largest blocks" }
                p class="blocks" {
                    @for block in &blocking.largest_blocks {
                        span class={"block" @if block.skipped { " skipped" }} {
                            code { (block.rule) } " " strong { (count(block.size)) } " records"
                            @if block.skipped { " · skipped (over the size cap)" }
                        }
                    }
                }
            }
        }
    }
}

fn scores(data: &ReportData) -> Markup {
    let scores = &data.scores;
    html! {
        section id="scores" aria-labelledby="scores-h" {
            h2 id="scores-h" { "Scores" }
            p {
                "Every candidate pair's match weight. At or above the threshold (probability " (data.threshold) "): "
                strong { (count(scores.accepted)) } " pairs; under it: " strong { (count(scores.rejected)) } "."
                @if scores.below_range + scores.above_range > 0 {
                    " Off the chart: " (count(scores.below_range)) " pairs under −50 bits, " (count(scores.above_range)) " at +50 or over."
                }
            }
            (score_histogram(scores))
        }
    }
}

fn entities(data: &ReportData) -> Markup {
    html! {
        section id="entities" aria-labelledby="entities-h" {
            h2 id="entities-h" { "Entities" }
            p {
                (count(data.stats.entities)) " entities; the chain guard refused " (count(data.refused_by_guard as u64))
                " accepted pairs and the one-to-one rule " (count(data.refused_by_one_to_one as u64)) "."
            }
            (size_chart(&data.sizes))
            h3 id="explorer-h" { "Explorer" }
            p class="note" {
                "A sample of entities (every view holds at most a few). Pick one to see its records by source, its golden record "
                "and the graph of its pairs; pick an edge, a pair below the graph, or two records, to see why they scored what they did."
            }
            div class="legend" {
                @for (position, source) in data.sources.iter().enumerate() { (source_chip(position, &source.name)) }
            }
            div class="explorer" {
                div class="views" {
                    div role="tablist" aria-label="Entity views" class="tabs" {
                        @for (n, (view, slots)) in data.views.iter().enumerate().filter(|(_, (_, slots))| !slots.is_empty()) {
                            button type="button" role="tab" id={"tab-" (view.key())} aria-controls={"list-" (view.key())}
                                aria-selected=(if n == first_view(data) { "true" } else { "false" }) data-view=(view.key()) {
                                (view.title()) " (" (slots.len()) ")"
                            }
                        }
                    }
                    @for (n, (view, slots)) in data.views.iter().enumerate().filter(|(_, (_, slots))| !slots.is_empty()) {
                        ul class="entity-list" role="tabpanel" id={"list-" (view.key())} aria-labelledby={"tab-" (view.key())}
                            hidden[n != first_view(data)] {
                            @for &slot in slots {
                                @let entity = &data.entities[slot];
                                li {
                                    button type="button" class="pick" data-entity=(slot) data-id=(entity.id) aria-controls={"entity-" (slot)} {
                                        span class="dots" {
                                            @for &(source, n) in &entity.by_source {
                                                @for _ in 0..n.min(6) { i class="dot" style={"background:" (source_colour(source))} {} }
                                            }
                                        }
                                        span class="pick-size" { (entity.size) " records" }
                                        span class="pick-id" { (entity.id) }
                                        @if *view == View::LowestDensity { span class="pick-extra" { "density " (format!("{:.2}", entity.density)) } }
                                    }
                                }
                            }
                        }
                    }
                }
                div class="details" {
                    @if data.entities.is_empty() { p { "No entity to show." } }
                    @for (slot, entity) in data.entities.iter().enumerate() {
                        (entity_panel(data, slot, entity))
                    }
                }
            }
        }
    }
}

/// The first view with entities (shown when the page opens).
fn first_view(data: &ReportData) -> usize {
    data.views
        .iter()
        .position(|(_, slots)| !slots.is_empty())
        .unwrap_or(0)
}

fn shown(value: &Shown) -> Markup {
    match value {
        Shown::Missing => html! { span class="missing" { "–" } },
        Shown::Masked => html! { span class="masked" title="sensitive: masked" { "•••••" } },
        Shown::Text(text) => html! { (text) },
    }
}

fn entity_panel(data: &ReportData, slot: usize, entity: &EntityView) -> Markup {
    let first = data
        .views
        .get(first_view(data))
        .and_then(|(_, slots)| slots.first())
        == Some(&slot);
    let members = entity.rows.iter().filter(|r| !r.outside).count();
    html! {
        article class="entity" id={"entity-" (slot)} data-id=(entity.id) hidden[!first] aria-label={"Entity " (entity.id)} {
            h3 { "Entity " code { (entity.id) } }
            p class="entity-facts" {
                strong { (entity.size) } " records from "
                @for (n, &(source, count)) in entity.by_source.iter().enumerate() {
                    @if n > 0 { ", " }
                    (source_chip(source, &data.sources[source].name)) " ×" (count)
                }
                " · density " (format!("{:.2}", entity.density)) " · " (view_names(&entity.views))
                @if entity.hidden_members > 0 { " · showing the first " (members) ", " (entity.hidden_members) " more not shown" }
            }
            div class="records" {
                table class="record-table" {
                    colgroup {
                        col style="width:118px";
                        @for share in column_shares(data) { col style={"width:" (format!("{share:.1}")) "%"}; }
                    }
                    thead { tr {
                        th { "record" }
                        @for field in &data.fields { th { (field.name) } }
                    } }
                    tbody {
                        @for (row, record) in entity.rows.iter().enumerate() {
                            tr.outside[record.outside] data-row=(row) {
                                td {
                                    span class="num-badge" style={"background:" (source_colour(record.source))} { (row + 1) }
                                    span class="rec-source" { (data.sources[record.source].name) }
                                    code class="rec-id" { (record.id) }
                                    @if record.outside { span class="badge bad" { "other entity" } }
                                }
                                @for value in &record.values { td { (shown(value)) } }
                            }
                        }
                    }
                }
            }
            div class="two" {
                div {
                    h4 { "Golden record" }
                    table class="golden" {
                        thead { tr { th { "field" } th { "value" } th { "from" } th { "rule" } } }
                        tbody {
                            @for row in &entity.golden {
                                tr {
                                    th { (row.field) }
                                    td { (shown(&row.value)) @if row.alternatives > 0 { " " span class="alt" title="other values the records hold" { "+" (row.alternatives) } } }
                                    td { @if let Some((source, record, _)) = &row.provenance {
                                        i class="swatch" style={"background:" (source_colour(*source))} title=(data.sources[*source].name) {}
                                        code { (record) }
                                    } }
                                    td { @if let Some((_, _, rule)) = &row.provenance { (rule.replace('_', " ")) } }
                                }
                            }
                        }
                    }
                    h4 { "Pairs" }
                    @if entity.explained.is_empty() {
                        p class="note" { "A single record: no pair." }
                    } @else {
                        ul class="pairs" {
                            @for (n, pair) in entity.explained.iter().enumerate() {
                                @let scored = entity.edges.iter().chain(&entity.cuts).any(|e| (e.a.min(e.b), e.a.max(e.b)) == (pair.a.min(pair.b), pair.a.max(pair.b)));
                                li {
                                    button type="button" class="pair" data-entity=(slot) data-pair=(n) {
                                        span class="pair-rows" { (pair.a + 1) " – " (pair.b + 1) }
                                        span class={"pair-w" @if pair.weight < data.scores.threshold_weight { " below" }} { (weight(pair.weight)) }
                                        span class="pair-p" { "p " (probability(pair.probability)) }
                                        @if !scored { span class="pair-note" { "not a candidate" } }
                                        @else if entity.rows[pair.b].outside || entity.rows[pair.a].outside { span class="pair-note bad" { "refused" } }
                                    }
                                }
                            }
                        }
                    }
                }
                div {
                    h4 { "Pair graph" }
                    (entity_graph(entity, slot, data.scores.threshold_weight))
                    div class="legend small" {
                        span { i class="swatch" style="background:#8ec1e6" {} i class="swatch" style="background:#08306b" {} " accepted, darker = stronger" }
                        span { i class="swatch" style="background:#d55e00" {} " under the threshold" }
                        span { i class="swatch" style="background:#b2182b" {} " refused by clustering (dashed)" }
                    }
                }
            }
            div class="waterfall" id={"waterfall-" (slot)} aria-live="polite" {
                p class="note" { "Pick a pair to see its waterfall." }
            }
        }
    }
}

/// The share of the record table's width each field gets (after the
/// record column), by how long its kind's values tend to be.
fn column_shares(data: &ReportData) -> Vec<f64> {
    let weights: Vec<f64> = data
        .fields
        .iter()
        .map(|field| match (field.masked, field.kind.as_str()) {
            (true, _) => 0.7,
            (_, "email" | "address" | "full_name" | "organisation" | "text" | "set") => 1.9,
            (_, "phone" | "handle") => 1.3,
            (_, "date" | "postcode" | "country" | "category" | "numeric") => 0.9,
            _ => 1.0,
        })
        .collect();
    let total: f64 = weights.iter().sum::<f64>().max(1e-9);
    // The record column takes about 12 % of the table.
    weights.iter().map(|w| w / total * 88.0).collect()
}

/// The explorer's data for the script: what waterfalls need.
fn explorer_data(data: &ReportData) -> Value {
    let round = |x: f64, digits: i32| {
        if x.is_finite() {
            let scale = 10f64.powi(digits);
            json!((x * scale).round() / scale)
        } else {
            Value::Null
        }
    };
    let significant = |x: Option<f64>| match x {
        Some(x) if x.is_finite() && x > 0.0 => format!("{x:.4e}")
            .parse::<f64>()
            .map_or(Value::Null, |v| json!(v)),
        Some(0.0) => json!(0),
        _ => Value::Null,
    };
    let entities: Vec<Value> = data
        .entities
        .iter()
        .map(|entity| {
            let rows: Vec<Value> = entity
                .rows
                .iter()
                .map(|row| {
                    let values: Vec<Value> = row
                        .values
                        .iter()
                        .map(|value| match value {
                            Shown::Missing => Value::Null,
                            Shown::Masked => Value::Bool(false),
                            Shown::Text(text) => json!(text),
                        })
                        .collect();
                    json!([row.source, row.id, values, row.outside])
                })
                .collect();
            let pairs: Vec<Value> = entity
                .explained
                .iter()
                .map(|pair| {
                    let terms: Vec<Value> = pair
                        .terms
                        .iter()
                        .map(|t| {
                            json!([
                                t.comparison,
                                t.label,
                                round(t.weight, 3),
                                significant(t.m),
                                significant(t.u)
                            ])
                        })
                        .collect();
                    json!([
                        pair.a,
                        pair.b,
                        round(pair.prior, 3),
                        round(pair.weight, 3),
                        significant(Some(pair.probability)),
                        terms,
                        pair.prior_sources
                    ])
                })
                .collect();
            json!({ "id": entity.id, "rows": rows, "pairs": pairs })
        })
        .collect();
    json!({
        "fields": data.fields.iter().map(|f| f.name.clone()).collect::<Vec<_>>(),
        "sources": data.sources.iter().enumerate().map(|(n, s)| json!([s.name, source_colour(n)])).collect::<Vec<_>>(),
        "labels": data.labels,
        "comparisons": data.comparisons.iter().map(|(name, fields)| json!([name, fields])).collect::<Vec<_>>(),
        "threshold": round(data.scores.threshold_weight, 3),
        "entities": entities,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn script_json_cannot_close_its_element() {
        let value = json!({ "name": "</script><script>alert(1)</script>", "line": "a\u{2028}b" });
        let text = script_json(&value);
        assert!(!text.contains('<'));
        assert!(!text.contains('\u{2028}'));
        assert_eq!(serde_json::from_str::<Value>(&text).unwrap(), value);
    }
}
