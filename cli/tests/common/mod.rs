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
