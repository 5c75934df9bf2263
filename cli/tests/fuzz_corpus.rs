//! The fuzz target over the command's CSV reader (`fuzz/src/command.rs`)
//! over its corpus (`fuzz/corpus/csv_reader/`) and seeded random files,
//! on stable: the short replay CI runs (seconds). `fuzz/README.md` says
//! how to fuzz for longer; a crash found by fuzzing becomes a file in
//! the corpus.

#[path = "../../fuzz/src/command.rs"]
mod target;

use std::path::{Path, PathBuf};

/// A scratch directory, removed when dropped.
struct Scratch(PathBuf);

impl Drop for Scratch {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

fn corpus() -> Vec<Vec<u8>> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../fuzz/corpus/csv_reader");
    let mut files: Vec<_> = std::fs::read_dir(&dir)
        .unwrap_or_else(|error| panic!("{}: {error}", dir.display()))
        .map(|entry| entry.expect("an entry").path())
        .collect();
    files.sort();
    assert!(files.len() >= 5, "{}: corpus too small", dir.display());
    files
        .iter()
        .map(|file| std::fs::read(file).expect("a corpus file"))
        .collect()
}

/// Seeded random files: a header, then rows of the characters CSV
/// parsing branches on (quotes, separators, line ends, a BOM, bytes that
/// are not UTF-8) and values that look like ids, names, e-mail addresses.
fn random_files(count: usize, seed: u64) -> Vec<Vec<u8>> {
    const PIECES: &[&[u8]] = &[
        b",",
        b",",
        b",",
        b"\n",
        b"\n",
        b"\r\n",
        b"\"",
        b"\"\"",
        b" ",
        b"Ann",
        b"Lee",
        b"ann@x.org",
        b"1",
        b"2",
        b"1985-04-27",
        b"+1 305 792 7660",
        b"\xef\xbb\xbf",
        b"\xff",
        b"\xc3\xa9",
        b"",
        b"id",
        b"name",
    ];
    let mut state = seed;
    let mut next = || {
        state = state
            .wrapping_mul(6_364_136_223_846_793_005)
            .wrapping_add(1_442_695_040_888_963_407);
        (state >> 33) as usize
    };
    (0..count)
        .map(|_| {
            let mut file = b"id,name,email\n".to_vec();
            for _ in 0..next() % 40 {
                file.extend_from_slice(PIECES[next() % PIECES.len()]);
            }
            file
        })
        .collect()
}

#[test]
fn csv_reader_corpus_and_random_files() {
    let scratch =
        Scratch(std::env::temp_dir().join(format!("sameas-fuzz-csv-test-{}", std::process::id())));
    for input in corpus().into_iter().chain(random_files(300, 7)) {
        target::csv_reader(&scratch.0, &input);
    }
}
