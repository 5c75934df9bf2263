//! `sameas`: identity resolution on CSV files from the command line,
//! built on the `sameas` library.
//!
//! ```text
//! sameas resolve examples/data/crm.csv examples/data/newsletter.csv examples/data/support.csv
//! ```
//!
//! Each subcommand has its module (`resolve`, `live`); the modules that
//! read inputs and report progress are in the library target
//! (`sameas_cli`), those that write outputs here.

#![forbid(unsafe_code)]

mod args;
mod live;
mod output;
mod resolve;
mod summary;

// The reader lives in the library target (`src/lib.rs`), which the fuzz
// targets call too.
use sameas_cli::{failure, ingest, input, progress, schema};

use std::process::ExitCode;
use std::time::Instant;

use clap::{CommandFactory, Parser};

use crate::args::{Cli, Command};
use crate::failure::Failure;

fn main() -> ExitCode {
    let started = Instant::now();
    let cli = Cli::parse();
    let result = match &cli.command {
        Command::Resolve(args) => resolve::run(args, started),
        Command::Apply(args) => live::apply(args),
        Command::Export(args) => live::export(args),
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(Failure::Usage(message)) => usage_error(cli.command.name(), &message),
        Err(Failure::Input(message)) => {
            eprintln!("error: {message}");
            ExitCode::from(1)
        }
    }
}

/// Prints `message` the way clap prints its own usage errors (with the
/// subcommand's usage line) and returns clap's exit status for them, 2.
fn usage_error(subcommand: &str, message: &str) -> ExitCode {
    let mut command = Cli::command();
    command.build();
    let error = match command.find_subcommand_mut(subcommand) {
        Some(subcommand) => subcommand.error(clap::error::ErrorKind::ValueValidation, message),
        None => command.error(clap::error::ErrorKind::ValueValidation, message),
    };
    // Printing to stderr can fail only when stderr is gone.
    let _ = error.print();
    ExitCode::from(u8::try_from(error.exit_code()).unwrap_or(2))
}
