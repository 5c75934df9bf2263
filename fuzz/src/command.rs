//! The body of the fuzz target over the command's reader (the
//! `sameas_cli` library target): any bytes as a CSV file, read as
//! `sameas resolve` reads its inputs. Used by `fuzz_targets/csv_reader.rs`
//! and, on stable, by `cli/tests/fuzz_corpus.rs`, which replays
//! `fuzz/corpus/csv_reader/`.

use std::path::Path;

use sameas::resolve::Resolver;
use sameas_cli::failure::Failure;
use sameas_cli::ingest::{Ingested, ingest_file};
use sameas_cli::input::Input;
use sameas_cli::progress::Progress;
use sameas_cli::schema::InputSchema;

/// The rows sampled for the schema, as `resolve` samples one input.
const SAMPLE_ROWS: usize = 100;

/// `data` written to `dir/input.csv` and read as the command reads an
/// input: the sample and its checks, the inferred schema, then the
/// streaming into a resolver, with and without `--strict`. Never a panic;
/// an error names the file; the records ingested are those the resolver
/// holds; `--strict` fails exactly when a row would be skipped, and
/// otherwise reads the same records.
pub fn csv_reader(dir: &Path, data: &[u8]) {
    std::fs::create_dir_all(dir).expect("a scratch directory");
    let path = dir.join("input.csv");
    std::fs::write(&path, data).expect("write the input");
    let shown = path.display().to_string();
    let input = match Input::sample(&path, SAMPLE_ROWS) {
        Ok(input) => input,
        Err(Failure::Input(message) | Failure::Usage(message)) => {
            assert!(message.starts_with(&shown), "{message}");
            return;
        }
    };
    let Ok(InputSchema { id_column, schema }) =
        InputSchema::infer(std::slice::from_ref(&input), None, &[], |_| {})
    else {
        return;
    };
    let read = |strict: bool| -> (Result<Ingested, Failure>, usize) {
        let mut resolver = Resolver::new(schema.clone());
        let result = ingest_file(
            &input,
            false,
            strict,
            &schema,
            id_column.as_deref(),
            &mut resolver,
            &Progress::silent(),
        );
        (result, resolver.store().len())
    };
    let (lenient, held) = read(false);
    let (strict, strict_held) = read(true);
    match (&lenient, &strict) {
        (Ok(lenient), Ok(strict)) => {
            assert_eq!(lenient.skipped, 0, "--strict read a file with skipped rows");
            assert_eq!(lenient.records, strict.records);
            assert_eq!(lenient.records, held as u64);
            assert_eq!(strict.records, strict_held as u64);
        }
        (Ok(lenient), Err(Failure::Input(message))) => {
            assert!(
                lenient.skipped > 0,
                "--strict failed on a clean file: {message}"
            );
            assert_eq!(lenient.records, held as u64);
            assert!(
                message.starts_with(&shown) && message.ends_with("(--strict)"),
                "{message}"
            );
        }
        (Err(Failure::Input(lenient)), Err(Failure::Input(strict))) => {
            assert!(lenient.starts_with(&shown), "{lenient}");
            assert!(strict.starts_with(&shown), "{strict}");
        }
        (lenient, strict) => panic!(
            "unexpected outcomes: {:?} and {:?}",
            lenient.as_ref().map(|read| read.records),
            strict.as_ref().map(|read| read.records)
        ),
    }
}
