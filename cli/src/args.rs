//! The command line: `sameas <COMMAND> [OPTIONS]`, parsed by clap.
//!
//! Each subcommand has its own `Args` struct; checks that need several
//! options at once (or give the messages users already know) run in
//! `check` after parsing.

use std::path::{Path, PathBuf};

use clap::{Args, Parser, Subcommand};
use sameas::FieldKind;
use sameas::matcher::MAX_TRAINING_PAIRS;

/// Identity resolution on CSV files: which records are the same entity,
/// why, and what each entity is.
#[derive(Debug, Parser)]
#[command(name = "sameas", version, arg_required_else_help = true)]
pub struct Cli {
    /// What to do.
    #[command(subcommand)]
    pub command: Command,
}

/// The subcommands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Deduplicate one CSV file, or link several (and deduplicate each):
    /// one entity id per record, golden records on request.
    #[command(long_about = RESOLVE_ABOUT)]
    Resolve(ResolveArgs),
    /// Apply changes (upserts and erasures) to a state saved by
    /// `resolve --state`, in file order; one event line per entity change.
    #[command(long_about = APPLY_ABOUT)]
    Apply(ApplyArgs),
    /// Write what a saved state holds: entity ids, golden records, model.
    Export(ExportArgs),
}

impl Command {
    /// The subcommand's name, as typed.
    pub fn name(&self) -> &'static str {
        match self {
            Command::Resolve(_) => "resolve",
            Command::Apply(_) => "apply",
            Command::Export(_) => "export",
        }
    }
}

const RESOLVE_ABOUT: &str = "\
Deduplicate one CSV file, or link several (and deduplicate each): one
entity id per record, golden records on request.

Each file is a source named after its stem; values are separated by
`,`, `;`, a tab or `|`, whichever its header line holds most. The schema is the union of
the files' columns; a column a file lacks is absent from its records.
A column named for where it applies (`mailing_address_city`, `home_phone`)
is read as the plain column other files have (`city`, `phone`) when no
file has both; one field named differently by different files
(`first_name`, `given_name`, `fname`; `dob`, `date_of_birth`) is read
under the first file's name (or the one declared with --field) when no
file has two of the names. A --field kind holds for the columns so
read as one; declared otherwise, or ignored, they stay apart. A
file's whole names (`customer_name`) are split into the given and family
names other files have (when no file has any, into `NAME_given`,
`NAME_middle` and `NAME_family`, the whole name kept as it is). Numeric dates are read day
first when the sampled values say so (`14/08/1945`). A date kept in three columns (`by`, `bm`, `bd`) is read as
one date, also when each is declared a number, a category or a date. A column that writes a missing value as `NA`, `NULL`, `\\N`,
`nan`, `#N/A`, `N/A`, `None` or `nil` (at least 3 times and in at least
1 in 20 of its sampled non-blank values; `NA` not among two-letter
codes) has it read as blank, and so do the file's other columns where
it appears as written, however rarely (an R export's one missing first
name); `apply` finds them in the first 1,000 rows
of its changes and keeps those the `resolve --state` run found, per
source. A date, e-mail, phone, identifier or handle that many records
of different people hold (`1900-01-01`, `customer@shop.com`: at least 20
times as many as the column's median value, their names beginning
differently) is a placeholder for a value not known: said, and read as
blank, in `apply` too. A whole number written as a float (`1945.0`, `85076.0`, as
pandas writes an integer column with a gap) is read without the
fraction, whatever its column, but in the record id, which is written
back as read. A set
whose values are lists `A, B, C` (declared `set`, or under a header
that names a set) is split at the commas.
Columns not named with --field are inferred, and the inference
is printed on stderr.

Exit status: 2 for bad arguments, an unknown column or kind; 1 for
unreadable input (a non-UTF-8, empty or header-only file, a bad model
file). A malformed row (a value count that differs from the header's,
or a blank record id) is reported as `file:line: reason` and skipped
(with --strict: exit status 1); a file with many skipped rows is
reported loudly. A quoted value that runs over 100 lines or to the end
of the file (an unbalanced quote) is an error naming the line where it
opened. A record id that repeats an earlier row's in the same file is
reported and kept.";

/// `sameas resolve`: the options of today's main job.
#[derive(Debug, Args)]
#[command(args_override_self = true)]
pub struct ResolveArgs {
    /// CSV files; one input: deduplicate it; several: link them (and
    /// deduplicate each).
    #[arg(required = true, value_name = "INPUT.csv")]
    pub inputs: Vec<PathBuf>,

    /// Record id column [default: id, rec_id or record_id, else a column
    /// inference takes for the record id (filled in every row read),
    /// else a first column without a header (the index pandas and R
    /// write, read as `index`) when every input has one, else the row
    /// number].
    #[arg(long = "id", value_name = "COLUMN")]
    pub id_column: Option<String>,

    /// Declare a column's kind (repeatable).
    #[arg(
        long = "field",
        value_name = "COLUMN=KIND",
        value_parser = column_kind,
        long_help = field_help(),
    )]
    pub fields: Vec<(String, String)>,

    /// source,record_id,entity_id for every record [default: stdout].
    #[arg(long, value_name = "FILE")]
    pub output: Option<PathBuf>,

    /// One golden record per entity, with provenance.
    #[arg(long, value_name = "FILE")]
    pub golden: Option<PathBuf>,

    /// Match probability to accept a pair [default: 0.5].
    #[arg(long, value_name = "P", value_parser = number)]
    pub threshold: Option<f64>,

    /// Explain the score of two records (ids may be source:id), and
    /// whether they are one entity; an accepted pair left in two is said
    /// with the clustering rule that kept them apart.
    #[arg(
        long,
        num_args = 2,
        value_names = ["ID1", "ID2"],
        allow_hyphen_values = true
    )]
    pub explain: Option<Vec<String>>,

    /// One self-contained HTML report (model, blocking, scores, an
    /// explorer of entities with golden records and explanations); it
    /// fetches nothing and opens from disk.
    #[arg(long, value_name = "FILE")]
    pub report: Option<PathBuf>,

    /// Write sensitive values (identifiers, dates, columns inferred as
    /// sensitive) into the report [default: masked].
    #[arg(long, requires = "report")]
    pub reveal_sensitive: bool,

    /// Show the values of sensitive fields (identifiers, dates of
    /// birth, ...) in --explain; hidden by default.
    #[arg(long)]
    pub reveal: bool,

    /// Load the model from FILE if it exists, else train and save it
    /// there.
    #[arg(long, value_name = "FILE")]
    pub model: Option<PathBuf>,

    /// A file holding the secret (at least 16 bytes) that keys the
    /// model's term frequencies [default: the file named by
    /// SAMEAS_KEY_FILE]. Without it a saved model keeps no term
    /// frequencies, and a model saved with a key scores without them.
    #[arg(long, value_name = "FILE")]
    pub key_file: Option<PathBuf>,

    /// Several inputs: link across files only, no dedup within a file.
    #[arg(long)]
    pub link_only: bool,

    /// The file with this stem holds each entity at most once
    /// (repeatable): no entity gets two of its records.
    #[arg(long, value_name = "SOURCE")]
    pub duplicate_free: Vec<String>,

    /// Country of national phone numbers (`none` for none).
    #[arg(long, value_name = "CC", default_value = "US")]
    pub phone_country: String,

    /// Read numeric dates as day/month [default: day/month when the
    /// sampled dates say so (`14/08/1945`), else month/day].
    #[arg(long)]
    pub day_first: bool,

    /// Random pairs that estimate u [default: half the records, 100000
    /// to 500000; at most 10000000, and at most the pairs the records
    /// make].
    #[arg(long, value_name = "N", value_parser = count)]
    pub training_pairs: Option<usize>,

    /// Stop at the first malformed row instead of skipping it.
    #[arg(long)]
    pub strict: bool,

    /// Print only errors and warnings.
    #[arg(short, long)]
    pub quiet: bool,

    /// Save the resolved state in DIR for `apply` and `export`; entity
    /// ids carry over by overlap from a state already there. A trained
    /// model's term frequencies are saved keyed only: give --key-file.
    #[arg(long, value_name = "DIR")]
    pub state: Option<PathBuf>,
}

const APPLY_ABOUT: &str = "\
Apply changes to a state saved by `resolve --state`, in file order.

CHANGES.csv has the record columns plus `op` (`upsert` or `erase`) and
`source` (the source name: the input file stem of the resolve run), and
the record id column (record_id, id or rec_id, or --id). An upsert
inserts the record or replaces the one with the same source and id; an
erase needs only op, source and id. A value written as a missing-value
marker (`NA`, `NULL`, ...) is read as blank where the file's first
1,000 rows make it a habit of its column, or where the resolve run
found it in that source's column (kept in `missing-values.csv` beside
the state); a whole number written as a float is read without the
fraction, as `resolve` reads it (not in op, source and id). Each
entity change is one line
`op,source,record_id,entity_id,detail` (stdout, or --events FILE). A
malformed row, or an erase of an id the state does not hold, is reported
as `file:line: reason` and skipped; nothing of it is applied. After the
last row the erased and replaced records leave the term-frequency counts
(once for the file): what that changes in entities is reported as
`refresh,,,entity_id,detail` lines. The state is saved at the end
(erased values and their counts leave the directory).";

/// `sameas apply`.
#[derive(Debug, Args)]
pub struct ApplyArgs {
    /// The state's directory.
    #[arg(long, value_name = "DIR", required = true)]
    pub state: PathBuf,

    /// The changes.
    #[arg(value_name = "CHANGES.csv")]
    pub changes: PathBuf,

    /// Write the events to FILE [default: stdout].
    #[arg(long, value_name = "FILE")]
    pub events: Option<PathBuf>,

    /// Record id column [default: record_id, id or rec_id].
    #[arg(long = "id", value_name = "COLUMN")]
    pub id_column: Option<String>,

    /// The file holding the secret the state's term frequencies are
    /// keyed with (the --key-file of the `resolve --state` run)
    /// [default: the file named by SAMEAS_KEY_FILE].
    #[arg(long, value_name = "FILE")]
    pub key_file: Option<PathBuf>,

    /// Print only errors and warnings.
    #[arg(short, long)]
    pub quiet: bool,
}

/// `sameas export`.
#[derive(Debug, Args)]
pub struct ExportArgs {
    /// The state's directory.
    #[arg(long, value_name = "DIR", required = true)]
    pub state: PathBuf,

    /// source,record_id,entity_id for every record [default: stdout].
    #[arg(long, value_name = "FILE")]
    pub output: Option<PathBuf>,

    /// One golden record per entity, with provenance.
    #[arg(long, value_name = "FILE")]
    pub golden: Option<PathBuf>,

    /// The state's current model (loadable by `resolve --model`).
    #[arg(long, value_name = "FILE")]
    pub model: Option<PathBuf>,

    /// The file holding the secret the state's term frequencies are
    /// keyed with (the --key-file of the `resolve --state` run)
    /// [default: the file named by SAMEAS_KEY_FILE].
    #[arg(long, value_name = "FILE")]
    pub key_file: Option<PathBuf>,

    /// Print only errors and warnings.
    #[arg(short, long)]
    pub quiet: bool,
}

impl ResolveArgs {
    /// The checks clap cannot make alone, before any file is read; the
    /// message of the first that fails.
    pub fn check(&self) -> Result<(), String> {
        if let Some(threshold) = self.threshold {
            if !(threshold > 0.0 && threshold <= 1.0) {
                return Err(format!(
                    "--threshold {threshold} is not a probability in (0, 1]"
                ));
            }
        }
        if self.training_pairs == Some(0) {
            return Err("--training-pairs needs at least one pair".to_string());
        }
        if let Some(pairs) = self
            .training_pairs
            .filter(|&pairs| pairs > MAX_TRAINING_PAIRS)
        {
            return Err(format!(
                "--training-pairs {pairs} is above the most, {MAX_TRAINING_PAIRS} (memory)"
            ));
        }
        for name in &self.duplicate_free {
            if !self.inputs.iter().any(|path| stem_is(path, name)) {
                return Err(format!(
                    "--duplicate-free `{name}` names no input file (use the file's stem)"
                ));
            }
        }
        Ok(())
    }

    /// The two record ids of `--explain` (of the last, if given twice).
    pub fn explain_pair(&self) -> Option<(&str, &str)> {
        match self.explain.as_deref() {
            Some([.., first, second]) => Some((first, second)),
            _ => None,
        }
    }

    /// The default phone country, `None` for `--phone-country none`.
    pub fn phone_country(&self) -> Option<&str> {
        (self.phone_country != "none").then_some(self.phone_country.as_str())
    }
}

fn stem_is(path: &Path, name: &str) -> bool {
    path.file_stem()
        .is_some_and(|stem| stem.to_string_lossy() == name)
}

/// `COLUMN=KIND`, split; the kind is checked once the columns are known.
fn column_kind(spec: &str) -> Result<(String, String), String> {
    let (column, kind) = spec
        .split_once('=')
        .ok_or_else(|| format!("--field `{spec}`: write COLUMN=KIND"))?;
    Ok((column.to_string(), kind.to_string()))
}

fn number(text: &str) -> Result<f64, String> {
    text.parse()
        .map_err(|_| format!("`{text}` is not a number"))
}

/// A count, with `_` allowed between digits (`100_000`).
fn count(text: &str) -> Result<usize, String> {
    text.replace('_', "")
        .parse()
        .map_err(|_| format!("`{text}` is not a number"))
}

fn field_help() -> String {
    let kinds: Vec<&str> = FieldKind::ALL.iter().map(|kind| kind.as_str()).collect();
    format!(
        "Declare a column's kind (repeatable); KIND is one of {}, ignore. \
         A date kept in three columns is declared as YEAR+MONTH+DAY=date \
         (`by+bm+bd=date`; found without it when the headers say so)",
        kinds.join(", ")
    )
}

#[cfg(test)]
mod tests {
    use clap::CommandFactory;

    use super::*;

    fn resolve(args: &[&str]) -> Result<ResolveArgs, clap::Error> {
        let cli = Cli::try_parse_from(["sameas", "resolve"].iter().chain(args))?;
        match cli.command {
            Command::Resolve(args) => Ok(args),
            _ => panic!("not resolve"),
        }
    }

    #[test]
    fn the_command_line_is_well_formed() {
        Cli::command().debug_assert();
    }

    #[test]
    fn quiet_is_a_flag_in_both_spellings() {
        for flag in ["-q", "--quiet"] {
            let args = resolve(&["a.csv", flag, "b.csv"]).expect("parses");
            assert!(args.quiet);
            assert_eq!(
                args.inputs,
                [PathBuf::from("a.csv"), PathBuf::from("b.csv")]
            );
        }
    }

    #[test]
    fn options_mean_what_they_meant() {
        let args = resolve(&[
            "crm.csv",
            "--field",
            "mail=email",
            "--field",
            "note=ignore",
            "--explain",
            "crm:9",
            "crm:8",
            "--explain",
            "crm:1",
            "-2",
            "--phone-country",
            "none",
            "--training-pairs",
            "100_000",
            "--threshold",
            "0.8",
            "--output",
            "first.csv",
            "--output",
            "second.csv",
        ])
        .expect("parses");
        assert_eq!(
            args.fields,
            [
                ("mail".to_string(), "email".to_string()),
                ("note".to_string(), "ignore".to_string())
            ]
        );
        assert_eq!(args.explain_pair(), Some(("crm:1", "-2")));
        assert_eq!(args.phone_country(), None);
        assert_eq!(args.training_pairs, Some(100_000));
        assert_eq!(args.threshold, Some(0.8));
        assert_eq!(args.output, Some(PathBuf::from("second.csv")), "last wins");
        assert_eq!(args.check(), Ok(()));
        let default = resolve(&["crm.csv"]).expect("parses");
        assert_eq!(default.phone_country(), Some("US"));
        assert_eq!(default.explain_pair(), None);
    }

    #[test]
    fn checks_give_the_known_messages() {
        let check = |args: &[&str]| resolve(args).expect("parses").check();
        assert_eq!(
            check(&["a.csv", "--threshold", "1.5"]),
            Err("--threshold 1.5 is not a probability in (0, 1]".to_string())
        );
        assert_eq!(
            check(&["a.csv", "--training-pairs", "0"]),
            Err("--training-pairs needs at least one pair".to_string())
        );
        assert_eq!(
            check(&["a.csv", "--training-pairs", "18446744073709551615"]),
            Err(
                "--training-pairs 18446744073709551615 is above the most, 10000000 (memory)"
                    .to_string()
            )
        );
        assert_eq!(check(&["a.csv", "--training-pairs", "10_000_000"]), Ok(()));
        assert_eq!(
            check(&[
                "dir/crm.csv",
                "--duplicate-free",
                "crm",
                "--duplicate-free",
                "web"
            ]),
            Err("--duplicate-free `web` names no input file (use the file's stem)".to_string())
        );
    }

    #[test]
    fn malformed_values_are_refused_by_the_parser() {
        for args in [
            &["a.csv", "--field", "mail"][..],
            &["a.csv", "--threshold", "half"],
            &["a.csv", "--training-pairs", "many"],
            &["a.csv", "--explain", "only-one"],
            &["--quiet"],
        ] {
            let error = resolve(args).expect_err("refused");
            assert_eq!(error.exit_code(), 2, "{args:?}: {error}");
        }
        let error = resolve(&["a.csv", "--field", "mail"]).expect_err("refused");
        assert!(
            error
                .to_string()
                .contains("--field `mail`: write COLUMN=KIND"),
            "{error}"
        );
    }
}
