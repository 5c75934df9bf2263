//! Progress on stderr, drawn by indicatif: only when stderr is a
//! terminal, the user did not ask for quiet, and the run is large enough
//! to be worth watching.

use std::io::IsTerminal;
use std::sync::{Arc, Mutex, PoisonError};

use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
use sameas::resolve::Resolver;

/// Runs with at least this many records show progress.
const PROGRESS_RECORDS: u64 = 200_000;

/// One line of progress: records read per file, then the resolver's
/// stages as a bar.
pub struct Progress {
    line: Option<Line>,
    /// Whether warnings are printed.
    warnings: bool,
}

impl Progress {
    /// Progress drawn on stderr when it is a terminal and `quiet` is off;
    /// otherwise nothing is drawn (warnings still go to stderr).
    pub fn on_stderr(quiet: bool) -> Progress {
        let terminal = !quiet && std::io::stderr().is_terminal();
        Progress {
            line: terminal.then(Line::default),
            warnings: true,
        }
    }

    /// Nothing drawn and no warning printed: for callers that read a
    /// file for its errors only (the fuzz target `csv_reader`).
    pub fn silent() -> Progress {
        Progress {
            line: None,
            warnings: false,
        }
    }

    fn line_for(&self, records: u64) -> Option<&Line> {
        self.line.as_ref().filter(|_| records >= PROGRESS_RECORDS)
    }

    /// `records` of `source` have been read.
    pub fn reading(&self, source: &str, records: u64) {
        if let Some(line) = self.line_for(records) {
            line.show(source, "read {prefix}: {pos} records", records, None);
        }
    }

    /// Shows the resolver's stages (training, blocking, scoring,
    /// clustering, golden records) if the run is large enough.
    pub fn follow(&self, resolver: &mut Resolver) {
        if let Some(line) = self.line_for(resolver.store().len() as u64) {
            let line = line.clone();
            resolver.progress(move |stage, done, total| {
                let template = "{prefix:<8} [{bar:30}] {percent:>3}%";
                line.show(stage.as_str(), template, done, Some(total));
            });
        }
    }

    /// Prints a warning line without tearing the bar.
    pub fn warn(&self, message: &str) {
        if !self.warnings {
            return;
        }
        match &self.line {
            Some(line) => line.suspend(|| eprintln!("{message}")),
            None => eprintln!("{message}"),
        }
    }

    /// Clears the line (the next report draws a new one).
    pub fn finish(&self) {
        if let Some(line) = &self.line {
            line.clear();
        }
    }
}

/// The bar on screen, if any, with the label it was made for: a new
/// label (another file, another stage) gets a fresh bar, styled before
/// it is first drawn.
#[derive(Clone, Default)]
struct Line {
    current: Arc<Mutex<Option<(String, ProgressBar)>>>,
}

impl Line {
    fn show(&self, label: &str, template: &str, position: u64, length: Option<u64>) {
        let mut current = self.current.lock().unwrap_or_else(PoisonError::into_inner);
        if current.as_ref().is_none_or(|(shown, _)| shown != label) {
            if let Some((_, old)) = current.take() {
                old.finish_and_clear();
            }
            // The templates are constants: the fallback never shows.
            let style = ProgressStyle::with_template(template)
                .unwrap_or_else(|_| ProgressStyle::default_bar())
                .progress_chars("#> ");
            let bar = ProgressBar::with_draw_target(length, ProgressDrawTarget::stderr())
                .with_style(style)
                .with_prefix(label.to_string());
            *current = Some((label.to_string(), bar));
        }
        if let Some((_, bar)) = current.as_ref() {
            if let Some(length) = length {
                bar.set_length(length);
            }
            bar.set_position(position);
        }
    }

    fn suspend(&self, f: impl FnOnce()) {
        let current = self.current.lock().unwrap_or_else(PoisonError::into_inner);
        match current.as_ref() {
            Some((_, bar)) => bar.suspend(f),
            None => f(),
        }
    }

    fn clear(&self) {
        let mut current = self.current.lock().unwrap_or_else(PoisonError::into_inner);
        if let Some((_, bar)) = current.take() {
            bar.finish_and_clear();
        }
    }
}
