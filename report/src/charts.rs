//! Inline SVG charts, drawn here so the page needs no script to show
//! them (and prints as it looks).

use maud::{Markup, html};

use crate::collect::{ComparisonInfo, EntityView, ScoreSummary};
use crate::sample::View;
use sameas::matcher::TrainingSession;
use sameas::resolve::RunStats;

/// Colours of sources, by position (Okabe-Ito, readable by people with
/// the common colour-vision deficiencies), then repeated.
const SOURCE_COLOURS: [&str; 7] = [
    "#0072b2", "#e69f00", "#009e73", "#cc79a7", "#56b4e9", "#d55e00", "#7a6a00",
];

/// The colour of the source at `position`, the same everywhere in a report.
pub(crate) fn source_colour(position: usize) -> &'static str {
    SOURCE_COLOURS[position % SOURCE_COLOURS.len()]
}

/// Colours of the lines of the convergence chart.
const LINE_COLOURS: [&str; 6] = [
    "#0072b2", "#d55e00", "#009e73", "#cc79a7", "#e69f00", "#56b4e9",
];

/// An edge's colour by its weight: orange-red under the threshold, then
/// from light to dark blue as the weight passes it by up to 30 bits.
pub(crate) fn edge_colour(weight: f64, threshold_weight: f64) -> String {
    if weight < threshold_weight {
        return "#d55e00".to_string();
    }
    let t = ((weight - threshold_weight) / 30.0).clamp(0.0, 1.0);
    let mix = |from: f64, to: f64| (from + (to - from) * t).round() as u8;
    // #8ec1e6 → #08306b
    format!(
        "#{:02x}{:02x}{:02x}",
        mix(142.0, 8.0),
        mix(193.0, 48.0),
        mix(230.0, 107.0)
    )
}

/// A number for a chart label: a short form of big counts.
pub(crate) fn count(n: u64) -> String {
    let digits = n.to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3);
    for (i, digit) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i) % 3 == 0 {
            out.push(',');
        }
        out.push(digit);
    }
    out
}

/// A probability with three significant digits, in plain or
/// scientific notation as suits it.
pub(crate) fn probability(p: f64) -> String {
    if p == 0.0 {
        "0".to_string()
    } else if p >= 0.001 {
        let text = format!("{p:.3}");
        text
    } else {
        format!("{p:.2e}")
    }
}

/// A stage's time: milliseconds under a second, else seconds.
pub(crate) fn duration(time: std::time::Duration) -> String {
    let seconds = time.as_secs_f64();
    if seconds < 1.0 {
        format!("{:.1} ms", seconds * 1000.0)
    } else {
        format!("{seconds:.2} s")
    }
}

/// A signed weight in bits.
pub(crate) fn weight(w: f64) -> String {
    if w.is_infinite() {
        if w > 0.0 { "+∞" } else { "−∞" }.to_string()
    } else {
        format!("{w:+.2}")
    }
}

/// m and u of each level on one log axis, and the level's weight as a
/// bar either side of zero.
pub(crate) fn comparison_chart(comparison: &ComparisonInfo, span: f64) -> Markup {
    const ROW: f64 = 30.0;
    let height = 40.0 + ROW * comparison.levels.len() as f64;
    // Probability axis: 1e-6 .. 1 over x 176..346; values beside it.
    let (p0, p1) = (176.0, 346.0);
    let px = |p: f64| {
        let decades = p.max(1e-6).log10().clamp(-6.0, 0.0);
        p0 + (decades + 6.0) / 6.0 * (p1 - p0)
    };
    // Weight axis: -span .. +span over x 440..596.
    let (w0, w1) = (440.0, 596.0);
    let zero = (w0 + w1) / 2.0;
    let wx = |w: f64| zero + w.clamp(-span, span) / span * (w1 - w0) / 2.0;
    // Labels fit left of the bars, their flags included.
    let short = |label: &str, flags: usize| {
        let room = 23usize.saturating_sub(flags);
        if label.chars().count() > room {
            format!("{}…", label.chars().take(room - 1).collect::<String>())
        } else {
            label.to_string()
        }
    };
    html! {
        svg class="chart" viewBox={"0 0 600 " (height)} role="img"
            aria-label={"m, u and match weight of each level of " (comparison.name)} {
            text x=(p0) y="12" class="axis" { tspan class="m-key" { "■" } " m  " tspan class="u-key" { "■" } " u  (log)" }
            text x=(zero) y="12" class="axis" text-anchor="middle" { "weight, bits" }
            @for decade in [0, 2, 4, 6] {
                @let x = p0 + f64::from(decade) / 6.0 * (p1 - p0);
                line x1=(x) x2=(x) y1="20" y2=(height - 14.0) class="grid" {}
                text x=(x) y=(height - 2.0) class="tick" text-anchor="middle" {
                    @if decade == 6 { "1" } @else { "1e-" (6 - decade) }
                }
            }
            line x1=(zero) x2=(zero) y1="20" y2=(height - 14.0) class="zero" {}
            text x=(w0) y=(height - 2.0) class="tick" { (format!("−{span:.0}")) }
            text x=(zero) y=(height - 2.0) class="tick" text-anchor="middle" { "0" }
            text x=(w1) y=(height - 2.0) class="tick" text-anchor="end" { (format!("+{span:.0}")) }
            @for (row, level) in comparison.levels.iter().enumerate() {
                @let y = 22.0 + ROW * row as f64;
                text x="170" y=(y + 16.0) text-anchor="end" class="label" {
                    title { (level.label) }
                    (short(&level.label, if level.term_frequency { 3 } else { 0 } + if level.neutral { 8 } else { 0 }))
                    @if level.term_frequency { tspan class="flag" { " TF" } }
                    @if level.neutral { tspan class="flag" { " neutral" } }
                }
                rect x=(p0) y=(y + 3.0) width=((px(level.m) - p0).max(1.0)) height="10" class="m-bar" {
                    title { "m " (probability(level.m)) }
                }
                rect x=(p0) y=(y + 14.0) width=((px(level.u) - p0).max(1.0)) height="10" class="u-bar" {
                    title { "u " (probability(level.u)) }
                }
                text x=(p1 + 6.0) y=(y + 12.0) class="value" { (probability(level.m)) }
                text x=(p1 + 6.0) y=(y + 23.5) class="value muted" { (probability(level.u)) }
                @let (left, right) = (wx(level.weight.min(0.0)), wx(level.weight.max(0.0)));
                rect x=(left) y=(y + 5.0) width=((right - left).max(1.0)) height="17"
                    class=(if level.weight >= 0.0 { "w-pos" } else { "w-neg" }) {
                    title { "weight " (weight(level.weight)) }
                }
                text x=(if level.weight >= 0.0 { left - 3.0 } else { right + 3.0 }) y=(y + 18.0)
                    text-anchor=(if level.weight >= 0.0 { "end" } else { "start" }) class="value" {
                    (weight(level.weight))
                }
            }
        }
    }
}

/// EM's largest change per iteration, one line per session, on a log
/// axis with the tolerance marked.
pub(crate) fn convergence_chart(sessions: &[TrainingSession]) -> Markup {
    let (x0, x1, y0, y1) = (70.0, 980.0, 20.0, 230.0);
    let iterations = sessions
        .iter()
        .map(|s| s.changes.len())
        .max()
        .unwrap_or(0)
        .max(2);
    let highest = sessions
        .iter()
        .flat_map(|s| s.changes.iter().copied())
        .filter(|c| *c > 0.0)
        .fold(1e-4f64, f64::max)
        .log10()
        .ceil();
    let lowest = sessions
        .iter()
        .flat_map(|s| s.changes.iter().copied())
        .filter(|c| *c > 0.0)
        .fold(1e-4f64, f64::min)
        .log10()
        .floor()
        .min(highest - 1.0);
    let x = |i: usize| x0 + (i as f64) / (iterations as f64 - 1.0) * (x1 - x0);
    let y = |change: f64| {
        let decades = change.max(1e-300).log10().clamp(lowest, highest);
        y1 - (decades - lowest) / (highest - lowest) * (y1 - y0)
    };
    let tolerance = y(1e-4);
    html! {
        svg class="chart" viewBox="0 0 1000 262" role="img" aria-label="EM convergence per training session" {
            @for decade in (lowest as i32)..=(highest as i32) {
                @let at = y(10f64.powi(decade));
                line x1=(x0) x2=(x1) y1=(at) y2=(at) class="grid" {}
                text x=(x0 - 6.0) y=(at + 4.0) text-anchor="end" class="tick" { "1e" (decade) }
            }
            line x1=(x0) x2=(x1) y1=(tolerance) y2=(tolerance) class="tolerance" {}
            text x=(x0 + 6.0) y=(tolerance + 14.0) class="tick" { "tolerance 1e-4: converged below" }
            @for i in 0..iterations {
                @if iterations <= 12 || i % (iterations / 10).max(1) == 0 {
                    text x=(x(i)) y=(y1 + 16.0) text-anchor="middle" class="tick" { (i + 1) }
                }
            }
            text x=((x0 + x1) / 2.0) y="258" text-anchor="middle" class="axis" { "EM iteration (largest change of any m or the match share, log scale)" }
            @for (n, session) in sessions.iter().enumerate() {
                @let colour = LINE_COLOURS[n % LINE_COLOURS.len()];
                @let points: Vec<String> = session.changes.iter().enumerate()
                    .map(|(i, &c)| format!("{:.1},{:.1}", x(i), y(c))).collect();
                polyline points=(points.join(" ")) fill="none" stroke=(colour) stroke-width="2.5" {
                    title { "agreeing on " (session.rule.join(" + ")) }
                }
                @for (i, &c) in session.changes.iter().enumerate() {
                    circle cx=(x(i)) cy=(y(c)) r="3" fill=(colour) {}
                }
            }
        }
        div class="legend" {
            @for (n, session) in sessions.iter().enumerate() {
                span { i class="swatch" style={"background:" (LINE_COLOURS[n % LINE_COLOURS.len()])} {} "agreeing on " (session.rule.join(" + ")) }
            }
        }
    }
}

/// The histogram of match weights, log count axis, threshold marked.
pub(crate) fn score_histogram(scores: &ScoreSummary) -> Markup {
    let (x0, x1, y0, y1) = (70.0, 980.0, 24.0, 250.0);
    let Some((low, high)) = scores
        .bins
        .first()
        .zip(scores.bins.last())
        .map(|(first, last)| {
            (
                first.0.min(scores.threshold_weight - 1.0),
                last.1.max(scores.threshold_weight + 1.0),
            )
        })
    else {
        return html! { p class="note" { "No candidate pair was scored." } };
    };
    let most = scores
        .bins
        .iter()
        .map(|bin| bin.2)
        .max()
        .unwrap_or(1)
        .max(1) as f64;
    let top = most.log10().ceil().max(1.0);
    let x = |w: f64| x0 + (w - low) / (high - low) * (x1 - x0);
    let y = |n: f64| {
        if n <= 0.0 {
            y1
        } else {
            y1 - (n.log10() + 0.3) / (top + 0.3) * (y1 - y0)
        }
    };
    let step = if high - low > 60.0 {
        10.0
    } else if high - low > 24.0 {
        5.0
    } else {
        2.0
    };
    let threshold = x(scores.threshold_weight);
    html! {
        svg class="chart" viewBox="0 0 1000 290" role="img"
            aria-label="Histogram of match weights of the candidate pairs, with the threshold" {
            @for decade in 0..=(top as i32) {
                @let at = y(10f64.powi(decade));
                line x1=(x0) x2=(x1) y1=(at) y2=(at) class="grid" {}
                text x=(x0 - 6.0) y=(at + 4.0) text-anchor="end" class="tick" { (count(10u64.pow(decade as u32))) }
            }
            @let first = (low / step).ceil() as i64;
            @let last = (high / step).floor() as i64;
            @for n in first..=last {
                @let tick = n as f64 * step;
                text x=(x(tick)) y=(y1 + 16.0) text-anchor="middle" class="tick" { (format!("{tick:+.0}")) }
            }
            @for &(lower, upper, pairs) in &scores.bins {
                @if pairs > 0 {
                    @let top_y = y(pairs as f64);
                    rect x=(x(lower) + 0.5) y=(top_y) width=((x(upper) - x(lower) - 1.0).max(1.0)) height=(y1 - top_y)
                        class=(if (lower + upper) / 2.0 >= scores.threshold_weight { "bar-match" } else { "bar-non" }) {
                        title { (count(pairs)) " pairs weighing " (format!("{lower:+.1}")) " to " (format!("{upper:+.1}")) }
                    }
                }
            }
            line x1=(threshold) x2=(threshold) y1=(y0 - 10.0) y2=(y1) class="threshold" {}
            text x=(threshold - 6.0) y=(y0 - 2.0) text-anchor="end" class="value" { "← " (count(scores.rejected)) " under" }
            text x=(threshold + 6.0) y=(y0 - 2.0) class="value" { (count(scores.accepted)) " at or above →" }
            text x=((x0 + x1) / 2.0) y="286" text-anchor="middle" class="axis" { "match weight, bits (log2 odds); pairs on a log scale" }
        }
    }
}

/// Entities per size, log count axis; sizes over 20 grouped.
pub(crate) fn size_chart(sizes: &[(usize, usize)]) -> Markup {
    let groups = size_groups(sizes);
    let (x0, x1, y0, y1) = (70.0, 980.0, 16.0, 220.0);
    let most = groups.iter().map(|g| g.1).max().unwrap_or(1).max(1) as f64;
    let top = most.log10().ceil().max(1.0);
    let y = |n: f64| {
        if n <= 0.0 {
            y1
        } else {
            y1 - (n.log10() + 0.3) / (top + 0.3) * (y1 - y0)
        }
    };
    let slot = (x1 - x0) / groups.len().max(1) as f64;
    html! {
        svg class="chart" viewBox="0 0 1000 260" role="img" aria-label="Entities per size" {
            @for decade in 0..=(top as i32) {
                @let at = y(10f64.powi(decade));
                line x1=(x0) x2=(x1) y1=(at) y2=(at) class="grid" {}
                text x=(x0 - 6.0) y=(at + 4.0) text-anchor="end" class="tick" { (count(10u64.pow(decade as u32))) }
            }
            @for (i, (label, entities)) in groups.iter().enumerate() {
                @let left = x0 + slot * i as f64;
                @let top_y = y(*entities as f64);
                rect x=(left + slot * 0.12) y=(top_y) width=(slot * 0.76) height=(y1 - top_y) class="bar-size" {
                    title { (count(*entities as u64)) " entities of " (label) " records" }
                }
                text x=(left + slot / 2.0) y=(y1 + 16.0) text-anchor="middle" class="tick" { (label) }
                @if slot > 34.0 {
                    text x=(left + slot / 2.0) y=(top_y - 4.0) text-anchor="middle" class="value" { (count(*entities as u64)) }
                }
            }
            text x=((x0 + x1) / 2.0) y="256" text-anchor="middle" class="axis" { "records per entity; entities on a log scale" }
        }
    }
}

/// `(label, entities)` per size up to 20, then per range of sizes.
pub(crate) fn size_groups(sizes: &[(usize, usize)]) -> Vec<(String, usize)> {
    const RANGES: [(usize, usize); 6] = [
        (21, 50),
        (51, 100),
        (101, 200),
        (201, 500),
        (501, 1000),
        (1001, usize::MAX),
    ];
    let mut groups: Vec<(String, usize)> = sizes
        .iter()
        .filter(|(size, _)| *size <= 20)
        .map(|&(size, entities)| (size.to_string(), entities))
        .collect();
    for (from, to) in RANGES {
        let entities: usize = sizes
            .iter()
            .filter(|(size, _)| (from..=to).contains(size))
            .map(|(_, n)| n)
            .sum();
        if entities > 0 {
            let label = if to == usize::MAX {
                format!("{from}+")
            } else {
                format!("{from}–{to}")
            };
            groups.push((label, entities));
        }
    }
    groups
}

/// Time per stage as one stacked bar.
pub(crate) fn stage_bar(stats: &RunStats) -> Markup {
    let stages = [
        ("ingest", stats.ingest, "#56b4e9"),
        ("train", stats.train, "#e69f00"),
        ("block", stats.block, "#009e73"),
        ("score", stats.score, "#0072b2"),
        ("cluster", stats.cluster, "#cc79a7"),
    ];
    let total = stats.total_time().as_secs_f64().max(1e-9);
    html! {
        div class="stages" role="img" aria-label="Time per stage" {
            @for (name, time, colour) in stages {
                @let share = time.as_secs_f64() / total * 100.0;
                @if share > 0.0 {
                    span style={"width:" (format!("{share:.2}")) "%;background:" (colour)} title={(name) " " (duration(time))} {}
                }
            }
        }
        div class="legend" {
            @for (name, time, colour) in stages {
                span { i class="swatch" style={"background:" (colour)} {} (name) " " (duration(time)) }
            }
            span { strong { "total " (duration(stats.total_time())) } }
        }
    }
}

/// The pairs of an entity's records as a graph: records on a circle in
/// their sources' colours, scored pairs as edges coloured by weight,
/// refused links to records outside drawn dashed to an outer ring.
pub(crate) fn entity_graph(entity: &EntityView, slot: usize, threshold_weight: f64) -> Markup {
    let (cx, cy) = (260.0, 230.0);
    let members: Vec<usize> = (0..entity.rows.len())
        .filter(|&r| !entity.rows[r].outside)
        .collect();
    let outside: Vec<usize> = (0..entity.rows.len())
        .filter(|&r| entity.rows[r].outside)
        .collect();
    let radius = if members.len() <= 2 { 110.0 } else { 165.0 };
    let mut at = vec![(cx, cy); entity.rows.len()];
    for (i, &row) in members.iter().enumerate() {
        let angle = -std::f64::consts::FRAC_PI_2
            + std::f64::consts::TAU * i as f64 / members.len().max(1) as f64;
        at[row] = (cx + radius * angle.cos(), cy + radius * angle.sin());
    }
    for (i, &row) in outside.iter().enumerate() {
        let angle = -std::f64::consts::FRAC_PI_4
            + std::f64::consts::TAU * (i as f64 + 0.5) / outside.len().max(1) as f64;
        at[row] = (cx + 215.0 * angle.cos(), cy + 215.0 * angle.sin());
    }
    let node_radius = if members.len() > 24 { 9.0 } else { 13.0 };
    // Explained pairs by their rows, to make edges clickable.
    let explained = |a: usize, b: usize| {
        entity
            .explained
            .iter()
            .position(|e| (e.a.min(e.b), e.a.max(e.b)) == (a.min(b), a.max(b)))
    };
    let edge = |a: usize, b: usize, w: f64, p: f64, cut: bool| {
        let ((xa, ya), (xb, yb)) = (at[a], at[b]);
        let pair = explained(a, b);
        let colour = if cut {
            "#b2182b".to_string()
        } else {
            edge_colour(w, threshold_weight)
        };
        let width = if w >= threshold_weight {
            1.5 + ((w - threshold_weight) / 10.0).clamp(0.0, 2.5)
        } else {
            1.2
        };
        let label = format!(
            "Pair {} and {}: weight {}, probability {}{}",
            a + 1,
            b + 1,
            weight(w),
            probability(p),
            if cut { ", refused by clustering" } else { "" }
        );
        html! {
            g class={"edge" @if cut { " cut" } @if w < threshold_weight { " below" }}
                data-entity=(slot) data-pair=[pair] tabindex=[pair.map(|_| 0)] role=[pair.map(|_| "button")] {
                // The title is the edge's accessible name and tooltip.
                title { (label) }
                line x1=(format!("{xa:.0}")) y1=(format!("{ya:.0}")) x2=(format!("{xb:.0}")) y2=(format!("{yb:.0}")) class="hit" {}
                line x1=(format!("{xa:.0}")) y1=(format!("{ya:.0}")) x2=(format!("{xb:.0}")) y2=(format!("{yb:.0}"))
                    stroke=(colour) stroke-width=(format!("{width:.1}")) class="vis" {}
            }
        }
    };
    html! {
        svg class="graph" viewBox="0 0 520 460" role="group" aria-label={"Pairs among the records of entity " (entity.id)} {
            @for e in &entity.edges { (edge(e.a, e.b, e.weight, e.probability, false)) }
            @for e in &entity.cuts { (edge(e.a, e.b, e.weight, e.probability, true)) }
            @for (row, record) in entity.rows.iter().enumerate() {
                @let (x, y) = at[row];
                g class={"node" @if record.outside { " outside" }} data-entity=(slot) data-row=(row) tabindex="0" role="button"
                    aria-label={"Record " (row + 1) ", " (record.id) @if record.outside { ", in another entity" }} {
                    title { (record.id) @if record.outside { " (another entity)" } }
                    circle cx=(format!("{x:.1}")) cy=(format!("{y:.1}")) r=(node_radius) fill=(source_colour(record.source)) {}
                    text x=(format!("{x:.1}")) y=(format!("{:.1}", y + 4.0)) text-anchor="middle" class="node-label" { (row + 1) }
                }
            }
        }
    }
}

/// The view names an entity is in, for its heading.
pub(crate) fn view_names(views: &[View]) -> String {
    let mut names: Vec<&str> = views.iter().map(|v| v.title()).collect();
    names.dedup();
    names.join(" · ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_have_thousands_separators() {
        assert_eq!(count(0), "0");
        assert_eq!(count(999), "999");
        assert_eq!(count(1_000), "1,000");
        assert_eq!(count(1_234_567), "1,234,567");
    }

    #[test]
    fn sizes_over_twenty_are_grouped_and_empty_groups_left_out() {
        let groups = size_groups(&[(1, 50), (2, 9), (21, 1), (48, 2), (700, 1)]);
        let labels: Vec<(&str, usize)> = groups.iter().map(|(l, n)| (l.as_str(), *n)).collect();
        assert_eq!(labels, [("1", 50), ("2", 9), ("21–50", 3), ("501–1000", 1)]);
    }

    #[test]
    fn edges_darken_with_weight_and_turn_orange_under_the_threshold() {
        assert_eq!(edge_colour(-1.0, 0.0), "#d55e00");
        assert_eq!(edge_colour(0.0, 0.0), "#8ec1e6");
        assert_eq!(edge_colour(30.0, 0.0), "#08306b");
        assert_eq!(edge_colour(300.0, 0.0), "#08306b");
    }

    #[test]
    fn source_colours_repeat_after_the_palette() {
        assert_eq!(source_colour(0), source_colour(7));
        assert_ne!(source_colour(0), source_colour(1));
    }

    #[test]
    fn numbers_read_well() {
        assert_eq!(probability(0.98765), "0.988");
        assert_eq!(probability(0.000123), "1.23e-4");
        assert_eq!(weight(3.456), "+3.46");
        assert_eq!(weight(f64::NEG_INFINITY), "−∞");
        assert_eq!(
            duration(std::time::Duration::from_micros(623_654)),
            "623.7 ms"
        );
        assert_eq!(duration(std::time::Duration::from_millis(1_653)), "1.65 s");
    }
}
