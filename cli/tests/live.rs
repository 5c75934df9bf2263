//! `sameas resolve --state`, `apply` and `export` as a user runs them.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

fn data(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../examples/data")
        .join(name)
}

fn sample_model() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/resolve_sample_model.json")
}

fn sameas(args: &[&std::ffi::OsStr]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_sameas"))
        .args(args)
        .output()
        .expect("run sameas")
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

fn scratch(test: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("sameas-live-cli-{}-{test}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).expect("scratch directory");
    dir
}

/// (source, record_id) → entity_id of an output file.
fn entities(path: &Path) -> BTreeMap<(String, String), String> {
    let mut reader = csv::Reader::from_path(path).expect("output");
    reader
        .records()
        .map(|row| {
            let row = row.expect("row");
            ((row[0].to_string(), row[1].to_string()), row[2].to_string())
        })
        .collect()
}

/// `resolve` of the three sample files with the saved model, plus `extra`.
fn resolve(out: &Path, extra: &[&std::ffi::OsStr]) -> Output {
    let (crm, newsletter, support) = (data("crm.csv"), data("newsletter.csv"), data("support.csv"));
    let model = sample_model();
    let mut args: Vec<&std::ffi::OsStr> = vec![
        "resolve".as_ref(),
        crm.as_os_str(),
        newsletter.as_os_str(),
        support.as_os_str(),
        "--model".as_ref(),
        model.as_os_str(),
        "--output".as_ref(),
        out.as_os_str(),
        "-q".as_ref(),
    ];
    args.extend_from_slice(extra);
    sameas(&args)
}

/// `sameas apply --state STATE CHANGES --events EVENTS`.
fn apply(state: &Path, changes: &Path, events: &Path) -> Output {
    sameas(&[
        "apply".as_ref(),
        "--state".as_ref(),
        state.as_os_str(),
        changes.as_os_str(),
        "--events".as_ref(),
        events.as_os_str(),
    ])
}

/// The golden records `export` writes of `state`, through a file in `dir`.
fn exported_golden(state: &Path, dir: &Path) -> String {
    let golden = dir.join("golden.csv");
    let output = sameas(&[
        "export".as_ref(),
        "--state".as_ref(),
        state.as_os_str(),
        "--golden".as_ref(),
        golden.as_os_str(),
        "-q".as_ref(),
    ]);
    assert!(output.status.success(), "{}", text(&output.stderr));
    std::fs::read_to_string(&golden).unwrap()
}

#[test]
fn resolve_saves_a_state_that_apply_changes_and_export_writes() {
    let dir = scratch("flow");
    let state = dir.join("state");
    // With --state, the output is what it is without.
    let plain = dir.join("plain.csv");
    let output = resolve(&plain, &[]);
    assert!(output.status.success(), "{}", text(&output.stderr));
    let kept = dir.join("kept.csv");
    let output = resolve(&kept, &["--state".as_ref(), state.as_os_str()]);
    assert!(output.status.success(), "{}", text(&output.stderr));
    assert_eq!(
        std::fs::read(&plain).unwrap(),
        std::fs::read(&kept).unwrap()
    );
    let before = entities(&kept);

    // A copy of crm-000001 under a new id, an erasure, a bad op, an
    // unknown id, a short upsert row.
    let changes = dir.join("changes.csv");
    let crm = std::fs::read_to_string(data("crm.csv")).unwrap();
    let first = crm.lines().nth(1).unwrap();
    let copy = first.replacen("crm-000001", "crm-new", 1);
    std::fs::write(
        &changes,
        format!(
            "op,source,id,given,family,dob,email,phone,address,city,postcode\n\
             upsert,crm,{copy_rest}\n\
             erase,newsletter,newsletter-000001\n\
             rename,crm,crm-000002,,,,,,,,\n\
             erase,crm,no-such-id\n\
             upsert,crm,crm-short,Ann\n",
            copy_rest = copy
                .split_once(',')
                .map(|(id, rest)| format!("{id},{rest}"))
                .unwrap()
        ),
    )
    .unwrap();
    let events = dir.join("events.csv");
    let output = apply(&state, &changes, &events);
    assert!(output.status.success(), "{}", text(&output.stderr));
    let stderr = text(&output.stderr);
    assert!(
        stderr.contains("changes.csv:4: op `rename` is neither upsert nor erase; skipped"),
        "{stderr}"
    );
    assert!(
        stderr.contains("changes.csv:5: erase of an id source `crm` does not hold; skipped"),
        "{stderr}"
    );
    assert!(
        stderr.contains("changes.csv:6: row has 4 values, but the header has 11 columns; skipped"),
        "{stderr}"
    );
    assert!(
        stderr.contains("applied 1 upserts and 1 erasures (3 rows skipped)"),
        "{stderr}"
    );
    let event_lines = std::fs::read_to_string(&events).unwrap();
    let joined = &before[&("crm".to_string(), "crm-000001".to_string())];
    assert!(
        event_lines.contains(&format!("upsert,crm,crm-new,{joined},record added")),
        "{event_lines}"
    );
    let erased_entity = &before[&("newsletter".to_string(), "newsletter-000001".to_string())];
    assert!(
        event_lines.contains(&format!(
            "erase,newsletter,newsletter-000001,{erased_entity},record erased"
        )),
        "{event_lines}"
    );
    assert!(event_lines.starts_with("op,source,record_id,entity_id,detail\n"));

    // Export: the records now, golden records, the model.
    let exported = dir.join("exported.csv");
    let golden = dir.join("golden.csv");
    let model = dir.join("model.json");
    let output = sameas(&[
        "export".as_ref(),
        "--state".as_ref(),
        state.as_os_str(),
        "--output".as_ref(),
        exported.as_os_str(),
        "--golden".as_ref(),
        golden.as_os_str(),
        "--model".as_ref(),
        model.as_os_str(),
        "-q".as_ref(),
    ]);
    assert!(output.status.success(), "{}", text(&output.stderr));
    let now = entities(&exported);
    let mut expected = before.clone();
    expected.remove(&("newsletter".to_string(), "newsletter-000001".to_string()));
    expected.insert(("crm".to_string(), "crm-new".to_string()), joined.clone());
    // Erasing one record may split its entity; every other record keeps
    // its entity id.
    for (key, entity) in &expected {
        if entity != erased_entity {
            assert_eq!(now.get(key), Some(entity), "{key:?}");
        }
    }
    assert_eq!(now.len(), expected.len());
    assert!(
        std::fs::read_to_string(&golden)
            .unwrap()
            .contains("crm:crm-new")
    );
    assert!(
        std::fs::read_to_string(&model)
            .unwrap()
            .starts_with(r#"{"format":"sameas-fellegi-sunter""#)
    );

    // A full run from scratch into the state carries the ids over.
    let again = dir.join("again.csv");
    let output = resolve(&again, &["--state".as_ref(), state.as_os_str()]);
    assert!(output.status.success(), "{}", text(&output.stderr));
    let rerun = entities(&again);
    for key in rerun.keys() {
        if before[key] != *erased_entity {
            assert_eq!(rerun[key], before[key], "{key:?}");
        }
    }
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn apply_reads_a_column_s_missing_marker_as_blank() {
    let dir = scratch("markers");
    let state = dir.join("state");
    let output = resolve(
        &dir.join("out.csv"),
        &["--state".as_ref(), state.as_os_str()],
    );
    assert!(output.status.success(), "{}", text(&output.stderr));
    // Three new people whose e-mail, phone and postcode are written `NA`
    // (a marker occurs at least three times).
    let changes = dir.join("changes.csv");
    std::fs::write(
        &changes,
        "op,source,id,given,family,dob,email,phone,address,city,postcode\n\
         upsert,crm,crm-new1,Zoe,Quill,1990-01-01,NA,NA,12 Elm Road,Denver,NA\n\
         upsert,crm,crm-new2,Yannick,Brandt,1971-06-30,NA,NA,48 Oak Lane,Austin,NA\n\
         upsert,crm,crm-new3,Ines,Varga,1988-02-11,NA,NA,7 Birch Court,Boston,NA\n",
    )
    .unwrap();
    let output = apply(&state, &changes, &dir.join("events.csv"));
    let stderr = text(&output.stderr);
    assert!(output.status.success(), "{stderr}");
    assert!(
        stderr.contains("`NA` read as missing in email, phone, postcode"),
        "{stderr}"
    );
    let golden = exported_golden(&state, &dir);
    let new: Vec<&str> = golden
        .lines()
        .filter(|line| line.contains("crm:crm-new"))
        .collect();
    assert_eq!(new.len(), 3, "{golden}");
    for line in new {
        assert!(
            [",Denver,", ",Austin,", ",Boston,"]
                .iter()
                .any(|city| line.contains(city)),
            "{line}"
        );
        assert!(!line.split(',').any(|value| value == "NA"), "{line}");
    }
    std::fs::remove_dir_all(&dir).unwrap();
}

/// `source` of the examples with `value` written in column `column` of
/// every third row without quoted values, under `dir`.
fn with_markers(dir: &Path, source: &str, column: usize, value: &str) -> PathBuf {
    let text = std::fs::read_to_string(data(&format!("{source}.csv"))).unwrap();
    let columns = text.lines().next().unwrap().split(',').count();
    let rows: Vec<String> = text
        .lines()
        .enumerate()
        .map(|(at, line)| {
            let mut values: Vec<&str> = line.split(',').collect();
            if at > 0 && at % 3 == 0 && values.len() == columns && !line.contains('"') {
                values[column] = value;
            }
            values.join(",")
        })
        .collect();
    let path = dir.join(format!("{source}.csv"));
    std::fs::write(&path, rows.join("\n") + "\n").unwrap();
    path
}

#[test]
fn apply_keeps_the_missing_markers_of_the_run_that_saved_the_state() {
    let dir = scratch("saved-markers");
    let state = dir.join("state");
    // The CRM file writes a missing city `NULL`, the support file a
    // missing family name `NA`.
    let crm = with_markers(&dir, "crm", 7, "NULL");
    let support = with_markers(&dir, "support", 2, "NA");
    let model = sample_model();
    let output = sameas(&[
        "resolve".as_ref(),
        crm.as_os_str(),
        support.as_os_str(),
        "--model".as_ref(),
        model.as_os_str(),
        "--output".as_ref(),
        dir.join("out.csv").as_os_str(),
        "--state".as_ref(),
        state.as_os_str(),
    ]);
    let stderr = text(&output.stderr);
    assert!(output.status.success(), "{stderr}");
    assert!(
        stderr.contains("crm: `NULL` read as missing in city"),
        "{stderr}"
    );
    assert!(
        stderr.contains("support: `NA` read as missing in family"),
        "{stderr}"
    );
    // One row each: too few to find a marker in the changes alone. A
    // CRM family name `NA` is a name there (CRM writes no `NA`).
    let changes = dir.join("changes.csv");
    std::fs::write(
        &changes,
        "op,source,id,given,family,dob,email,phone,address,city,postcode\n\
         upsert,crm,crm-new1,Zoe,Quill,1990-01-01,zoe@quill.example,,12 Elm Road,NULL,80201\n\
         upsert,support,support-new1,Ines,NA,,ines@varga.example,,,,\n\
         upsert,crm,crm-new2,Yuna,NA,1971-06-30,yuna@na.example,,48 Oak Lane,Austin,73301\n",
    )
    .unwrap();
    let output = apply(&state, &changes, &dir.join("events.csv"));
    let stderr = text(&output.stderr);
    assert!(output.status.success(), "{stderr}");
    for said in [
        "crm rows: `NULL` read as missing in city (as the run that saved the state read them)",
        "support rows: `NA` read as missing in family (as the run that saved the state read them)",
    ] {
        assert!(stderr.contains(said), "{stderr}");
    }
    let golden = exported_golden(&state, &dir);
    let line_of = |id: &str| -> String {
        let lines: Vec<&str> = golden.lines().filter(|line| line.contains(id)).collect();
        assert_eq!(lines.len(), 1, "{id}: {golden}");
        lines[0].to_string()
    };
    let zoe = line_of("crm:crm-new1");
    assert!(
        zoe.contains(",12 Elm Road,") && !zoe.contains("NULL"),
        "{zoe}"
    );
    let ines = line_of("support:support-new1");
    assert!(ines.contains(",Ines,") && !ines.contains(",NA,"), "{ines}");
    let yuna = line_of("crm:crm-new2");
    assert!(yuna.contains(",NA,"), "{yuna}");

    // A damaged markers file is refused, naming it and the fix.
    let saved = state.join("missing-values.csv");
    let kept = std::fs::read_to_string(&saved).unwrap();
    assert!(kept.starts_with("source,column,marker\n"), "{kept}");
    for (damage, reason) in [
        ("family,Quill\n", "the header is not `source,column,marker`"),
        (
            "source,column,marker\ncrm,family,Quill\n",
            "line 2 holds no missing-value marker",
        ),
    ] {
        std::fs::write(&saved, damage).unwrap();
        let output = apply(&state, &changes, &dir.join("events.csv"));
        let stderr = text(&output.stderr);
        assert_eq!(output.status.code(), Some(1), "{stderr}");
        assert!(stderr.contains("missing-values.csv: "), "{stderr}");
        assert!(stderr.contains(reason), "{stderr}");
        assert!(
            stderr.contains("delete the file or run `resolve --state` again"),
            "{stderr}"
        );
    }

    // A later run without markers leaves none behind.
    let output = resolve(
        &dir.join("out2.csv"),
        &["--state".as_ref(), state.as_os_str()],
    );
    assert!(output.status.success(), "{}", text(&output.stderr));
    assert!(!saved.exists());
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn apply_and_export_without_a_state_fail_clearly() {
    let dir = scratch("missing");
    let changes = dir.join("changes.csv");
    std::fs::write(&changes, "op,source,id\nerase,crm,1\n").unwrap();
    for args in [
        vec![
            "apply".as_ref(),
            "--state".as_ref(),
            dir.as_os_str(),
            changes.as_os_str(),
        ],
        vec!["export".as_ref(), "--state".as_ref(), dir.as_os_str()],
    ] {
        let output = sameas(&args);
        assert_eq!(output.status.code(), Some(1));
        assert_eq!(
            text(&output.stderr),
            format!(
                "error: --state {}: no saved state in {}\n",
                dir.display(),
                dir.display()
            )
        );
    }
    let output = sameas(&["apply".as_ref(), changes.as_os_str()]);
    assert_eq!(output.status.code(), Some(2), "{}", text(&output.stderr));
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn a_trained_state_is_saved_with_its_key_and_opened_only_with_it() {
    let dir = scratch("keyed");
    let state = dir.join("state");
    let (crm, newsletter) = (data("crm.csv"), data("newsletter.csv"));
    let out = dir.join("out.csv");
    let train = |extra: &[&std::ffi::OsStr]| {
        let mut args: Vec<&std::ffi::OsStr> = vec![
            "resolve".as_ref(),
            crm.as_os_str(),
            newsletter.as_os_str(),
            "--state".as_ref(),
            state.as_os_str(),
            "--output".as_ref(),
            out.as_os_str(),
            "-q".as_ref(),
        ];
        args.extend_from_slice(extra);
        sameas(&args)
    };
    // Trained without a key, the counts cannot be saved.
    let output = train(&[]);
    assert_eq!(output.status.code(), Some(1), "{}", text(&output.stderr));
    assert!(
        text(&output.stderr).contains("cannot be saved")
            && text(&output.stderr).contains("--key-file"),
        "{}",
        text(&output.stderr)
    );
    let key = dir.join("key");
    std::fs::write(&key, "a secret of at least sixteen bytes\n").unwrap();
    let output = train(&["--key-file".as_ref(), key.as_os_str()]);
    assert!(output.status.success(), "{}", text(&output.stderr));
    let exported = dir.join("exported.csv");
    let export = |extra: &[&std::ffi::OsStr]| {
        let mut args: Vec<&std::ffi::OsStr> = vec![
            "export".as_ref(),
            "--state".as_ref(),
            state.as_os_str(),
            "--output".as_ref(),
            exported.as_os_str(),
            "-q".as_ref(),
        ];
        args.extend_from_slice(extra);
        sameas(&args)
    };
    let output = export(&[]);
    assert_eq!(output.status.code(), Some(1));
    assert!(
        text(&output.stderr).contains("hashed under a key that was not given (see --key-file)"),
        "{}",
        text(&output.stderr)
    );
    let output = export(&["--key-file".as_ref(), key.as_os_str()]);
    assert!(output.status.success(), "{}", text(&output.stderr));
    assert_eq!(entities(&exported), entities(&out));
    std::fs::remove_dir_all(&dir).unwrap();
}
