//! The summary printed after a run: records, pairs, entities, time per
//! stage and, where the platform reports it, peak memory.

use std::fmt::Write as _;
use std::time::{Duration, Instant};

use sameas::resolve::{Resolution, RunStats};

/// What the command measured around the resolver.
pub struct Summary {
    /// Records ingested per source, in input order.
    pub source_records: Vec<(String, u64)>,
    /// Malformed rows skipped, over all files.
    pub skipped: u64,
    /// Time spent parsing CSV (without the resolver's ingestion).
    pub read_time: Duration,
    /// Time spent writing the entity ids.
    pub write_time: Duration,
    /// Time spent building and writing golden records, if asked for.
    pub golden_time: Option<Duration>,
    /// When the command started.
    pub started: Instant,
}

impl Summary {
    /// The summary's lines (no final newline), from the run's statistics
    /// and how many entities have several records (the resolution itself
    /// may be gone: `--state` keeps it as a live state).
    pub fn render_run(&self, stats: &RunStats, merged: usize) -> String {
        let sources: Vec<String> = self
            .source_records
            .iter()
            .map(|(name, count)| format!("{name} {count}"))
            .collect();
        let skipped = if self.skipped > 0 {
            format!(", {} malformed rows skipped", self.skipped)
        } else {
            String::new()
        };
        let mut times = vec![
            ("read csv", self.read_time),
            ("ingest", stats.ingest),
            (
                if stats.trained {
                    "train"
                } else {
                    "train (given)"
                },
                stats.train,
            ),
            ("block", stats.block),
            ("score", stats.score),
            ("cluster", stats.cluster),
            ("write", self.write_time),
        ];
        if let Some(golden) = self.golden_time {
            times.push(("golden", golden));
        }
        let stages: Vec<String> = times
            .iter()
            .map(|(name, time)| format!("{name} {:.2}s", time.as_secs_f64()))
            .collect();
        // Writing to a String cannot fail.
        let mut summary = String::new();
        let _ = writeln!(
            summary,
            "records          {} ({}){skipped}",
            stats.records,
            sources.join(", ")
        );
        if !stats.absent_fields.is_empty() {
            let _ = writeln!(
                summary,
                "warning          no record has a value for {}",
                stats.absent_fields.join(", ")
            );
        }
        for placeholder in &stats.placeholder_values {
            let _ = writeln!(
                summary,
                "warning          {}: one value is held by {} records of different people, a \
                 placeholder for a value not known: read as missing",
                placeholder.field, placeholder.records
            );
        }
        let _ = writeln!(summary, "candidate pairs  {}", stats.candidate_pairs);
        if stats.skipped_blocks > 0 {
            let _ = writeln!(
                summary,
                "warning          {} blocks over the size cap skipped: up to {} pairs not compared \
                 ({} pairs of identical records compared anyway)",
                stats.skipped_blocks, stats.skipped_block_pairs, stats.identical_pairs_added
            );
        }
        let _ = writeln!(summary, "accepted pairs   {}", stats.accepted_pairs);
        let _ = writeln!(
            summary,
            "entities         {} ({merged} with several records, largest {})",
            stats.entities, stats.largest_entity
        );
        if let Some(seen) = stats.pairs_only {
            let _ = writeln!(
                summary,
                "pairs only       {} of {} entities with several records are pairs: clustered again, \
                 a record joins a pair only through a strong pair and with accepted pairs to both",
                seen.pairs, seen.entities
            );
        }
        if let Some(refused) = stats.refusals() {
            let _ = writeln!(summary, "refused pairs    {refused}");
        }
        if let Some(priors) = stats.priors() {
            let _ = writeln!(summary, "priors           {priors}");
        }
        for warning in &stats.training_warnings {
            let _ = writeln!(summary, "warning          {warning}");
        }
        let _ = writeln!(summary, "time             {}", stages.join(", "));
        let _ = write!(
            summary,
            "wall             {:.2}s",
            self.started.elapsed().as_secs_f64()
        );
        if let Some(peak) = peak_memory_bytes() {
            let _ = write!(
                summary,
                ", peak memory {:.0} MB",
                peak as f64 / (1024.0 * 1024.0)
            );
        }
        summary
    }
}

/// How many entities have several records.
pub fn merged_entities(resolution: &Resolution) -> usize {
    resolution
        .clustering()
        .entities()
        .filter(|e| e.len() > 1)
        .count()
}

/// Peak resident memory (VmHWM), where the platform reports it.
#[cfg(target_os = "linux")]
fn peak_memory_bytes() -> Option<u64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|line| line.starts_with("VmHWM:"))?;
    let kilobytes: u64 = line.split_whitespace().nth(1)?.parse().ok()?;
    Some(kilobytes * 1024)
}

/// Peak resident memory: not measured on this platform.
#[cfg(not(target_os = "linux"))]
fn peak_memory_bytes() -> Option<u64> {
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[cfg(target_os = "linux")]
    #[test]
    fn peak_memory_is_read_on_linux() {
        let peak = peak_memory_bytes().expect("VmHWM on Linux");
        assert!(peak > 1024 * 1024, "{peak}");
    }

    #[test]
    fn refusals_and_fields_without_values_are_said() {
        let summary = Summary {
            source_records: vec![("crm".to_string(), 3)],
            skipped: 0,
            read_time: Duration::ZERO,
            write_time: Duration::ZERO,
            golden_time: None,
            started: Instant::now(),
        };
        let mut stats = RunStats::default();
        let quiet = summary.render_run(&stats, 0);
        assert!(!quiet.contains("refused"), "{quiet}");
        assert!(!quiet.contains("no record has"), "{quiet}");
        stats.refused_by_guard = 4;
        stats.refused_by_size_limit = 1;
        stats.refused_by_one_to_one = 2;
        stats.absent_fields = vec!["email".to_string(), "phone".to_string()];
        let lines: Vec<String> = summary
            .render_run(&stats, 0)
            .lines()
            .map(str::to_string)
            .collect();
        assert!(
            lines.contains(&"warning          no record has a value for email, phone".to_string()),
            "{lines:?}"
        );
        assert!(
            lines.contains(
                &"refused pairs    4 by the chain guard (1 over the entity size limit), 2 by duplicate-free sources"
                    .to_string()
            ),
            "{lines:?}"
        );
    }

    #[cfg(not(target_os = "linux"))]
    #[test]
    fn peak_memory_is_left_out_elsewhere() {
        assert_eq!(peak_memory_bytes(), None);
    }
}
