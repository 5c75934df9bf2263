//! Progress on stderr, drawn by indicatif: only when stderr is a
//! terminal, the user did not ask for quiet, and the run is large enough
//! to be worth watching.

use std::io::IsTerminal;

use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
use sameas::resolve::Resolver;

/// Runs with at least this many records show progress.
const PROGRESS_RECORDS: u64 = 200_000;

/// One line of progress: records read per file, then the resolver's
/// stages as a bar.
pub struct Progress {
    bar: ProgressBar,
    terminal: bool,
    reading: ProgressStyle,
    stages: ProgressStyle,
}

impl Progress {
    /// Progress drawn on stderr when it is a terminal and `quiet` is off;
    /// otherwise nothing is drawn (warnings still go to stderr).
    pub fn on_stderr(quiet: bool) -> Progress {
        let terminal = !quiet && std::io::stderr().is_terminal();
        let target = if terminal {
            ProgressDrawTarget::stderr()
        } else {
            ProgressDrawTarget::hidden()
        };
        // The templates are constants: the fallbacks never show.
        let reading = ProgressStyle::with_template("{msg}")
            .unwrap_or_else(|_| ProgressStyle::default_spinner());
        let stages = ProgressStyle::with_template("{msg:<8} [{bar:30}] {percent:>3}%")
            .unwrap_or_else(|_| ProgressStyle::default_bar())
            .progress_chars("#> ");
        Progress {
            bar: ProgressBar::with_draw_target(None, target),
            terminal,
            reading,
            stages,
        }
    }

    fn enabled(&self, records: u64) -> bool {
        self.terminal && records >= PROGRESS_RECORDS
    }

    /// `records` of `source` have been read.
    pub fn reading(&self, source: &str, records: u64) {
        if self.enabled(records) {
            if self.bar.is_finished() {
                self.bar.reset();
            }
            self.bar.set_style(self.reading.clone());
            self.bar
                .set_message(format!("read {source}: {records} records"));
        }
    }

    /// Shows the resolver's stages (training, blocking, scoring,
    /// clustering, golden records) if the run is large enough.
    pub fn follow(&self, resolver: &mut Resolver) {
        if !self.enabled(resolver.store().len() as u64) {
            return;
        }
        let bar = self.bar.clone();
        let style = self.stages.clone();
        resolver.progress(move |stage, done, total| {
            if bar.is_finished() || bar.message() != stage.as_str() {
                bar.reset();
                bar.set_style(style.clone());
                bar.set_message(stage.as_str());
            }
            bar.set_length(total);
            bar.set_position(done);
        });
    }

    /// Prints a warning line without tearing the bar.
    pub fn warn(&self, line: &str) {
        self.bar.suspend(|| eprintln!("{line}"));
    }

    /// Clears the bar (the next report draws it again).
    pub fn finish(&self) {
        self.bar.finish_and_clear();
    }
}
