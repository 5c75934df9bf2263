//! Helpers shared by the command's tests that write their own inputs.

use std::path::PathBuf;
use std::process::{Command, Output};

/// Runs the built `sameas` with `args`.
pub fn sameas(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_sameas"))
        .args(args)
        .output()
        .expect("run sameas")
}

/// Writes `records` to `path` as CSV: an `id` column, then `columns` (a
/// field the record lacks blank).
#[allow(dead_code)] // only the tests that write generated records use it
pub fn write_records(path: &str, columns: &[&str], records: &[sameas::OwnedRecord]) {
    use sameas::Record;
    let mut writer = csv::Writer::from_path(path).expect("file");
    let mut header = vec!["id"];
    header.extend(columns);
    writer.write_record(&header).expect("header");
    for record in records {
        let mut row = vec![record.id().expect("id").to_string()];
        row.extend(
            columns
                .iter()
                .map(|column| record.field(column).unwrap_or("").to_string()),
        );
        writer.write_record(&row).expect("row");
    }
    writer.flush().expect("flush");
}

/// Bytes as text, invalid UTF-8 replaced.
pub fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

/// A scratch directory of one test, with subdirectories, removed when
/// dropped (a failing test's too: the guard drops while the panic
/// unwinds).
pub struct Scratch(PathBuf);

impl Scratch {
    /// A fresh `sameas-TEST-PID` directory holding `subdirs`.
    pub fn new(test: &str, subdirs: &[&str]) -> Scratch {
        let dir = std::env::temp_dir().join(format!("sameas-{test}-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).expect("scratch");
        for sub in subdirs {
            std::fs::create_dir_all(dir.join(sub)).expect("scratch");
        }
        Scratch(dir)
    }

    /// `name` inside the directory, as a string argument.
    pub fn path(&self, name: &str) -> String {
        self.0.join(name).display().to_string()
    }
}

impl Drop for Scratch {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}
