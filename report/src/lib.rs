//! One self-contained HTML report of a [`sameas`] resolution, for the
//! people who judge a single customer view by looking at it.
//!
//! [`write_report`] (or [`render`]) turns a
//! [`Resolution`](sameas::resolve::Resolution) into one file that opens
//! from disk and fetches nothing (style, script, charts and data are
//! inline; a content security policy forbids every request):
//!
//! - **Run summary**: sources with record counts and consistent colours,
//!   fields (masked ones marked), settings, time per stage, the model's
//!   fingerprint, warnings (training checks, skipped blocks, absent
//!   fields).
//! - **Model**: per comparison and level m and u (log scale) and the
//!   match weight, term-frequency levels, the prior, every EM session
//!   with its convergence.
//! - **Blocking**: per rule blocks, pairs estimated and generated,
//!   skipped blocks; the largest blocks.
//! - **Scores**: the histogram of every candidate pair's match weight
//!   with the threshold, and the pairs either side of it.
//! - **Entities**: the size distribution, and an explorer of sampled
//!   entities (largest, lowest density, cut by the chain guard or the
//!   one-to-one rule, a seeded random sample, and any the caller
//!   [pins](ReportOptionsBuilder::pin)): records by source, the golden
//!   record with provenance, the graph of the entity's pairs (edges
//!   coloured by weight) and the waterfall of any pair on click.
//!
//! Sensitive values are masked unless the options
//! [reveal](ReportOptionsBuilder::reveal_sensitive) them: the fields the
//! schema marks sensitive, the same flag explanations and the command's
//! `--explain` read ([`masked_by_default`]); masked values are not
//! written into the file.
//!
//! The report's size does not grow with the data: aggregates cover every
//! record and pair, and the explorer holds a bounded sample (by default
//! at most 25 entities in each of four views, plus the pinned ones; at
//! most 40 records and 120 explained pairs each). A resolution of a
//! million records gives a file of a few megabytes.
//!
//! # Examples
//!
//! ```
//! use sameas::resolve::Resolver;
//! use sameas::synthetic::{PeopleGenerator, SyntheticData}; // feature `synthetic`
//! use sameas_report::{ReportOptions, render};
//!
//! let data = PeopleGenerator::builder().seed(3).entities(300).build()?.generate();
//! let mut resolver = Resolver::with_options(SyntheticData::schema(), SyntheticData::prepare_options());
//! for source in data.sources() {
//!     resolver.add_source(source.name(), source.is_duplicate_free(), source.records())?;
//! }
//! let resolution = resolver.resolve()?;
//!
//! let options = ReportOptions::builder().title("Generated people").build()?;
//! let html = render(&resolution, &options)?;
//! assert!(html.starts_with("<!DOCTYPE html>"));
//! assert!(html.contains("Generated people"));
//! // To a file: sameas_report::write_report(&resolution, &options, std::fs::File::create("report.html")?)?;
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

#![deny(missing_docs)]
#![forbid(unsafe_code)]

mod charts;
mod collect;
mod options;
mod page;
mod sample;

use std::io::Write;

use sameas::resolve::Resolution;

pub use options::{ReportOptions, ReportOptionsBuilder, masked_by_default};

/// Why a report could not be written.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum ReportError {
    /// Reading the resolution failed: a golden record of an explored
    /// entity could not be built, or a record could not be explained.
    #[error("reading the resolution: {0}")]
    Resolution(#[from] sameas::Error),
    /// Writing the file failed.
    #[error("writing the report: {0}")]
    Write(#[from] std::io::Error),
}

/// The report of `resolution` as one HTML document.
///
/// # Errors
///
/// [`ReportError::Resolution`] when the survivorship cannot build the
/// golden record of an explored entity (a custom [`Survivorship`](sameas::survive::Survivorship) can fail).
pub fn render(resolution: &Resolution, options: &ReportOptions) -> Result<String, ReportError> {
    let data = collect::collect(resolution, options)?;
    Ok(page::page(&data).into_string())
}

/// Writes the report of `resolution` to `out` (a file, a buffer).
///
/// # Errors
///
/// As [`render`], and [`ReportError::Write`] when writing fails.
pub fn write_report(
    resolution: &Resolution,
    options: &ReportOptions,
    mut out: impl Write,
) -> Result<(), ReportError> {
    let html = render(resolution, options)?;
    out.write_all(html.as_bytes())?;
    out.flush()?;
    Ok(())
}
