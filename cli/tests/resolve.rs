//! `sameas resolve` as a user runs it: every input record exactly once
//! in the output, the same entities whatever the row order, and a clear
//! message and exit status for each kind of bad input.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

/// The bundled sample data.
fn data(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../examples/data")
        .join(name)
}

/// The saved model of the sample data: runs skip training (slow in debug
/// builds).
fn sample_model() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/resolve_sample_model.json")
}

/// `sameas` with `args` as given (no subcommand added).
fn sameas(args: &[&std::ffi::OsStr]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_sameas"))
        .args(args)
        .output()
        .expect("run sameas")
}

/// `sameas resolve ARGS`.
fn run(args: &[&std::ffi::OsStr]) -> Output {
    let mut all: Vec<&std::ffi::OsStr> = vec!["resolve".as_ref()];
    all.extend_from_slice(args);
    sameas(&all)
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

/// A scratch directory of this test.
fn scratch(test: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("sameas-resolve-{}-{test}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("scratch directory");
    dir
}

/// `(source, id)` of every record of the sample files.
fn sample_records(names: &[&str]) -> Vec<(String, String)> {
    let mut records = Vec::new();
    for name in names {
        let mut reader = csv::Reader::from_path(data(&format!("{name}.csv"))).expect("sample");
        for row in reader.records() {
            let row = row.expect("row");
            records.push((name.to_string(), row.get(0).expect("id").to_string()));
        }
    }
    records
}

/// `(source, record_id, entity_id)` rows of an output.
fn output_rows(csv_text: &str) -> Vec<(String, String, String)> {
    let mut reader = csv::Reader::from_reader(csv_text.as_bytes());
    let header = reader.headers().expect("header").clone();
    assert_eq!(
        header.iter().collect::<Vec<_>>(),
        ["source", "record_id", "entity_id"]
    );
    reader
        .records()
        .map(|row| {
            let row = row.expect("row");
            (row[0].to_string(), row[1].to_string(), row[2].to_string())
        })
        .collect()
}

#[test]
fn every_sample_record_is_in_the_output_exactly_once() {
    let dir = scratch("sample");
    let golden = dir.join("golden.csv");
    let output = run(&[
        data("crm.csv").as_os_str(),
        data("newsletter.csv").as_os_str(),
        data("support.csv").as_os_str(),
        "--model".as_ref(),
        sample_model().as_os_str(),
        "--golden".as_ref(),
        golden.as_os_str(),
        "--explain".as_ref(),
        "crm:crm-000001".as_ref(),
        "crm-000003".as_ref(),
    ]);
    let stderr = text(&output.stderr);
    assert!(output.status.success(), "{stderr}");
    let rows = output_rows(&text(&output.stdout));
    let expected = sample_records(&["crm", "newsletter", "support"]);
    let found: Vec<(String, String)> = rows
        .iter()
        .map(|(s, r, _)| (s.clone(), r.clone()))
        .collect();
    assert_eq!(found, expected, "input order, each record once");
    let unique: BTreeSet<&(String, String)> = found.iter().collect();
    assert_eq!(unique.len(), found.len());
    // Fewer entities than records: duplicates were found.
    let entities: BTreeSet<&str> = rows.iter().map(|(_, _, e)| e.as_str()).collect();
    assert!(entities.len() < rows.len() && entities.len() > rows.len() / 3);
    assert!(stderr.contains("records          197"), "{stderr}");
    assert!(stderr.contains("crm-000001 ~ crm-000003"), "{stderr}");

    // One golden row per entity, each value's source one of its members.
    let mut reader = csv::Reader::from_path(&golden).expect("golden file");
    let header = reader.headers().expect("header").clone();
    let mut golden_entities = 0;
    for row in reader.records() {
        let row = row.expect("row");
        golden_entities += 1;
        let members: BTreeSet<&str> = row[2].split('|').collect();
        for (column, value) in header.iter().zip(row.iter()) {
            if column.ends_with("_source") && !value.is_empty() {
                assert!(members.contains(value), "{value} not among {members:?}");
            }
        }
    }
    assert_eq!(golden_entities, entities.len());
}

#[test]
fn a_malformed_row_is_reported_with_its_line_and_skipped() {
    let dir = scratch("malformed");
    let crm = std::fs::read_to_string(data("crm.csv")).expect("sample");
    let mut lines: Vec<&str> = crm.lines().collect();
    lines.insert(3, "crm-broken,Ann,Lee");
    let path = dir.join("crm.csv");
    std::fs::write(&path, lines.join("\n")).expect("write");
    let output = run(&[
        path.as_os_str(),
        "--model".as_ref(),
        sample_model().as_os_str(),
    ]);
    let stderr = text(&output.stderr);
    assert!(output.status.success(), "{stderr}");
    assert!(
        stderr.contains("crm.csv:4: row has 3 values, but the header has 9 columns; skipped"),
        "{stderr}"
    );
    assert!(stderr.contains("1 malformed rows skipped"), "{stderr}");
    let rows = output_rows(&text(&output.stdout));
    assert_eq!(rows.len(), 109);
    assert!(rows.iter().all(|(_, id, _)| id != "crm-broken"));
}

/// Runs `sameas resolve` on one file with `contents` and returns
/// (status, stderr).
fn run_on(test: &str, contents: &[u8], extra: &[&str]) -> (Option<i32>, String) {
    let dir = scratch(test);
    let path = dir.join("input.csv");
    std::fs::write(&path, contents).expect("write");
    let mut args: Vec<&std::ffi::OsStr> = vec![path.as_os_str()];
    args.extend(extra.iter().map(std::ffi::OsStr::new));
    let output = run(&args);
    assert!(output.stdout.is_empty(), "no output on failure");
    (output.status.code(), text(&output.stderr))
}

#[test]
fn a_non_utf8_file_is_refused() {
    let (status, stderr) = run_on("latin1", b"id,name\n1,Ren\xe9\n2,Ann\n", &[]);
    assert_eq!(status, Some(1));
    assert!(
        stderr.contains("input.csv:2: the file is not UTF-8"),
        "{stderr}"
    );
}

#[test]
fn an_empty_file_is_refused() {
    let (status, stderr) = run_on("empty", b"", &[]);
    assert_eq!(status, Some(1));
    assert!(stderr.contains("input.csv: the file is empty"), "{stderr}");
}

#[test]
fn a_header_only_file_is_refused() {
    let (status, stderr) = run_on("header", b"id,name,email\n", &[]);
    assert_eq!(status, Some(1));
    assert!(
        stderr.contains("input.csv: the file has a header but no data rows"),
        "{stderr}"
    );
}

#[test]
fn an_unknown_column_in_field_is_refused() {
    let (status, stderr) = run_on("column", b"id,name\n1,Ann\n", &["--field", "mail=email"]);
    assert_eq!(status, Some(2));
    assert!(
        stderr.contains("unknown column `mail` in --field mail=email; the inputs have: id, name"),
        "{stderr}"
    );
}

#[test]
fn a_bad_kind_is_refused() {
    let (status, stderr) = run_on("kind", b"id,name\n1,Ann\n", &["--field", "name=nmae"]);
    assert_eq!(status, Some(2));
    assert!(
        stderr.contains("bad kind `nmae` in --field name=nmae; kinds are: given_name"),
        "{stderr}"
    );
}

#[test]
fn an_unknown_id_column_is_refused() {
    let (status, stderr) = run_on("id", b"id,name\n1,Ann\n", &["--id", "key"]);
    assert_eq!(status, Some(2));
    assert!(stderr.contains("unknown column `key` in --id"), "{stderr}");
}

#[test]
fn an_unknown_duplicate_free_source_is_refused() {
    let (status, stderr) = run_on("dupfree", b"id,name\n1,Ann\n", &["--duplicate-free", "crm"]);
    assert_eq!(status, Some(2));
    assert!(
        stderr.contains("--duplicate-free `crm` names no input file (use the file's stem)"),
        "{stderr}"
    );
}

#[test]
fn a_blank_id_is_a_skipped_row_and_a_repeated_id_is_reported() {
    let (status, stderr) = run_on(
        "ids",
        b"id,name,email\n1,Ann Lee,ann@x.org\n,Bob Chan,bob@x.org\n1,Ann Lee,ann@x.org\n",
        &[
            "--output",
            scratch("ids-out")
                .join("out.csv")
                .to_str()
                .expect("UTF-8 path"),
        ],
    );
    assert_eq!(status, Some(0), "{stderr}");
    assert!(
        stderr.contains(":3: row has no record id in column `id`; skipped"),
        "{stderr}"
    );
    assert!(
        stderr.contains(":4: record id `1` repeats an earlier row's; both are kept"),
        "{stderr}"
    );
}

#[test]
fn a_zero_threshold_or_training_sample_is_refused_before_reading() {
    let (status, stderr) = run_on("zero", b"id,name\n1,Ann\n", &["--threshold", "0"]);
    assert_eq!(status, Some(2));
    assert!(
        stderr.contains("--threshold 0 is not a probability in (0, 1]"),
        "{stderr}"
    );
    let (status, stderr) = run_on("pairs", b"id,name\n1,Ann\n", &["--training-pairs", "0"]);
    assert_eq!(status, Some(2));
    assert!(
        stderr.contains("--training-pairs needs at least one pair"),
        "{stderr}"
    );
}

/// Files with a byte-order mark and CRLF line ends, a quoted value that
/// spans lines, and a column only one file has: every record comes out
/// once, with its id as written.
#[test]
fn bom_crlf_quoted_newlines_and_uneven_columns_are_read() {
    let dir = scratch("formats");
    let crm = dir.join("crm.csv");
    let web = dir.join("web.csv");
    std::fs::write(
        &crm,
        b"\xEF\xBB\xBFid,name,email,note\r\nc1,Ann Lee,ann@x.org,\"first line\r\nsecond line\"\r\nc2,Bo Chan,bo@x.org,\r\n",
    )
    .expect("write");
    std::fs::write(
        &web,
        b"id,name,email\nw1,ann lee,ANN@x.org\nw2,Cy Diaz,cy@x.org\n",
    )
    .expect("write");
    let output = run(&[
        crm.as_os_str(),
        web.as_os_str(),
        std::ffi::OsStr::new("--model"),
        dir.join("model.json").as_os_str(),
    ]);
    let stderr = text(&output.stderr);
    assert!(output.status.success(), "{stderr}");
    let rows = output_rows(&text(&output.stdout));
    let mut records: Vec<(String, String)> = rows
        .iter()
        .map(|(source, id, _)| (source.clone(), id.clone()))
        .collect();
    records.sort();
    assert_eq!(
        records,
        [("crm", "c1"), ("crm", "c2"), ("web", "w1"), ("web", "w2")]
            .map(|(source, id)| (source.to_string(), id.to_string()))
    );
    assert!(
        stderr.contains("note"),
        "the one-file column is part of the schema: {stderr}"
    );
}

#[test]
fn quiet_is_a_flag_in_both_spellings() {
    for flag in ["-q", "--quiet"] {
        let output = run(&[
            data("crm.csv").as_os_str(),
            flag.as_ref(),
            "--model".as_ref(),
            sample_model().as_os_str(),
        ]);
        let stderr = text(&output.stderr);
        assert!(output.status.success(), "{flag}: {stderr}");
        assert_eq!(stderr, "", "{flag}: nothing but errors and warnings");
        assert_eq!(output_rows(&text(&output.stdout)).len(), 109, "{flag}");
    }
}

#[test]
fn help_lists_the_subcommand_and_every_option() {
    let output = sameas(&["--help".as_ref()]);
    assert!(output.status.success());
    let help = text(&output.stdout);
    assert!(help.contains("Usage: sameas <COMMAND>"), "{help}");
    assert!(help.contains("resolve"), "{help}");

    let output = run(&["--help".as_ref()]);
    assert!(output.status.success());
    let help = text(&output.stdout);
    assert!(
        help.contains("Usage: sameas resolve [OPTIONS] <INPUT.csv>..."),
        "{help}"
    );
    for option in [
        "--id <COLUMN>",
        "--field <COLUMN=KIND>",
        "--output <FILE>",
        "--golden <FILE>",
        "--threshold <P>",
        "--explain <ID1> <ID2>",
        "--model <FILE>",
        "--link-only",
        "--duplicate-free <SOURCE>",
        "--phone-country <CC>",
        "--day-first",
        "--training-pairs <N>",
        "--report <FILE>",
        "--reveal-sensitive",
        "-q, --quiet",
        "given_name, family_name",
    ] {
        assert!(help.contains(option), "{option} missing from {help}");
    }
}

#[test]
fn a_missing_or_unknown_subcommand_is_a_usage_error() {
    let output = sameas(&[]);
    assert_eq!(output.status.code(), Some(2));
    assert!(output.stdout.is_empty());
    let stderr = text(&output.stderr);
    assert!(stderr.contains("Usage: sameas <COMMAND>"), "{stderr}");
    assert!(stderr.contains("resolve"), "{stderr}");

    let output = sameas(&[data("crm.csv").as_os_str()]);
    assert_eq!(output.status.code(), Some(2));
    let stderr = text(&output.stderr);
    assert!(
        stderr.contains("error: unrecognized subcommand"),
        "{stderr}"
    );
}

#[test]
fn an_unknown_option_or_a_missing_input_is_a_usage_error() {
    let (status, stderr) = run_on("option", b"id,name\n1,Ann\n", &["--treshold", "0.9"]);
    assert_eq!(status, Some(2));
    assert!(
        stderr.contains("error: unexpected argument '--treshold' found"),
        "{stderr}"
    );
    let output = run(&["--quiet".as_ref()]);
    assert_eq!(output.status.code(), Some(2));
    let stderr = text(&output.stderr);
    assert!(
        stderr.contains("the following required arguments were not provided"),
        "{stderr}"
    );
}

#[test]
fn a_usage_error_found_in_the_data_shows_the_usage() {
    let (status, stderr) = run_on("usage", b"id,name\n1,Ann\n", &["--id", "key"]);
    assert_eq!(status, Some(2));
    assert!(
        stderr.starts_with("error: unknown column `key` in --id; the inputs have: id, name\n"),
        "{stderr}"
    );
    assert!(
        stderr.contains("Usage: sameas resolve [OPTIONS] <INPUT.csv>..."),
        "{stderr}"
    );
}

/// The sample file `name` with its rows in another order (the header
/// first).
fn shuffled(dir: &Path, name: &str) -> PathBuf {
    let contents = std::fs::read_to_string(data(name)).expect("sample");
    let mut lines = contents.lines();
    let header = lines.next().expect("header");
    let rows: Vec<&str> = lines.collect();
    // A stride coprime to the row count visits every row once.
    let stride = (7..).find(|s| gcd(*s, rows.len()) == 1).expect("a stride");
    let mut out = vec![header];
    out.extend((0..rows.len()).map(|i| rows[(i * stride + 3) % rows.len()]));
    assert_ne!(out[1..], rows[..], "another order");
    let path = dir.join(name);
    std::fs::write(&path, out.join("\n") + "\n").expect("write");
    path
}

fn gcd(a: usize, b: usize) -> usize {
    if b == 0 { a } else { gcd(b, a % b) }
}

/// Sorted lines of a file.
fn sorted_lines(path: &Path) -> Vec<String> {
    let contents = std::fs::read_to_string(path).expect("output");
    let mut lines: Vec<String> = contents.lines().map(str::to_string).collect();
    lines.sort();
    lines
}

/// Shuffled rows give the same entity for every record and the same golden
/// records, line for line once sorted (the model is trained each time).
#[test]
fn shuffled_rows_give_the_same_output() {
    let dir = scratch("shuffled");
    let names = ["crm.csv", "newsletter.csv", "support.csv"];
    let shuffled_inputs: Vec<PathBuf> = names.iter().map(|name| shuffled(&dir, name)).collect();
    let resolve = |inputs: Vec<PathBuf>, tag: &str| {
        let output = dir.join(format!("{tag}-entities.csv"));
        let golden = dir.join(format!("{tag}-golden.csv"));
        let mut args: Vec<&std::ffi::OsStr> = inputs.iter().map(|p| p.as_os_str()).collect();
        args.extend([
            "--quiet".as_ref(),
            "--output".as_ref(),
            output.as_os_str(),
            "--golden".as_ref(),
            golden.as_os_str(),
        ]);
        let result = run(&args);
        assert!(result.status.success(), "{}", text(&result.stderr));
        (sorted_lines(&output), sorted_lines(&golden))
    };
    let (entities, golden) = resolve(names.iter().map(|name| data(name)).collect(), "sample");
    let (shuffled_entities, shuffled_golden) = resolve(shuffled_inputs, "shuffled");
    assert_eq!(entities.len(), 198, "the header and 197 records");
    assert_eq!(shuffled_entities, entities);
    assert_eq!(shuffled_golden, golden);
}

#[test]
fn report_is_one_offline_file_with_sensitive_values_masked_unless_revealed() {
    let dir = scratch("report");
    let report = dir.join("report.html");
    let (model, entities) = (sample_model(), dir.join("out.csv"));
    let inputs = [data("crm.csv"), data("newsletter.csv"), data("support.csv")];
    let mut args: Vec<&std::ffi::OsStr> = inputs.iter().map(|p| p.as_os_str()).collect();
    args.extend([
        "--model".as_ref(),
        model.as_os_str(),
        "--output".as_ref(),
        entities.as_os_str(),
        "--report".as_ref(),
        report.as_os_str(),
        "--explain".as_ref(),
        "crm-000002".as_ref(),
        "support-000034".as_ref(),
    ]);
    let output = run(&args);
    let stderr = text(&output.stderr);
    assert!(output.status.success(), "{stderr}");
    assert!(stderr.contains("report: written to"), "{stderr}");
    let html = std::fs::read_to_string(&report).expect("the report");
    assert!(html.starts_with("<!DOCTYPE html>"));
    for section in [
        "id=\"summary\"",
        "id=\"model\"",
        "id=\"blocking\"",
        "id=\"scores\"",
        "id=\"entities\"",
    ] {
        assert!(html.contains(section), "{section} missing");
    }
    // Nothing to fetch: no address of any kind, a policy that forbids it.
    assert!(!html.contains("http:") && !html.contains("https:") && !html.contains("src="));
    assert!(html.contains("default-src 'none'"));
    // The explained records' entity is pinned in the explorer.
    assert!(
        html.contains("Asked for (1)"),
        "the --explain entity is pinned"
    );
    // Dates are sensitive: Violet Gardner's date of birth is masked.
    assert!(html.contains("violet.gardner84@att.net"));
    assert!(!html.contains("1940-03-27"));

    args.push("--reveal-sensitive".as_ref());
    let output = run(&args);
    assert!(output.status.success(), "{}", text(&output.stderr));
    let html = std::fs::read_to_string(&report).expect("the report");
    assert!(html.contains("1940-03-27"), "revealed on request");
}

#[test]
fn reveal_sensitive_needs_a_report() {
    let output = run(&[data("crm.csv").as_os_str(), "--reveal-sensitive".as_ref()]);
    assert_eq!(output.status.code(), Some(2));
    assert!(
        text(&output.stderr).contains("--report <FILE>"),
        "{}",
        text(&output.stderr)
    );
}
