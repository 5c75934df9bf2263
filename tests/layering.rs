//! The module graph keeps its layers.
//!
//! Every file under `src/` is read, every path into the crate
//! (`crate::…`, `$crate::…`, and names re-exported at the crate root) is
//! traced to the top-level module ("area") it names, and each area may
//! use only areas of lower layers. The layers are read from the table in
//! the crate's documentation (`src/lib.rs`, "Layers"), so the documented
//! order and the checked one are the same. Strict layers also mean no
//! cycle between areas.
//!
//! The checker works on text, not on the compiler's resolution: paths
//! that leave an area must be spelled from the crate root (`crate::…`);
//! `super::super::…` is refused rather than guessed at.

use std::collections::{BTreeMap, BTreeSet};
use std::fmt;
use std::path::{Path, PathBuf};

/// A use of an area the layers forbid, or a path the checker cannot
/// place.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Violation {
    file: String,
    line: usize,
    message: String,
}

impl fmt::Display for Violation {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}:{}: {}", self.file, self.line, self.message)
    }
}

/// The crate's sources: path relative to `src/` (with `/`) → text.
type Sources = BTreeMap<String, String>;

fn read_sources(dir: &Path, prefix: &str, out: &mut Sources) {
    let mut entries: Vec<PathBuf> = std::fs::read_dir(dir)
        .unwrap_or_else(|error| panic!("reading {}: {error}", dir.display()))
        .map(|entry| entry.expect("a directory entry").path())
        .collect();
    entries.sort();
    for path in entries {
        let name = path
            .file_name()
            .and_then(|name| name.to_str())
            .expect("a UTF-8 file name");
        if path.is_dir() {
            read_sources(&path, &format!("{prefix}{name}/"), out);
        } else if name.ends_with(".rs") {
            let text = std::fs::read_to_string(&path)
                .unwrap_or_else(|error| panic!("reading {}: {error}", path.display()));
            out.insert(format!("{prefix}{name}"), text);
        }
    }
}

/// `source` with comments, string literals and char literals blanked
/// (newlines kept, so line numbers hold).
fn code_only(source: &str) -> String {
    let chars: Vec<char> = source.chars().collect();
    let mut out = String::with_capacity(source.len());
    let mut i = 0;
    let blank = |c: char| if c == '\n' { '\n' } else { ' ' };
    while i < chars.len() {
        let c = chars[i];
        let next = chars.get(i + 1).copied();
        if c == '/' && next == Some('/') {
            while i < chars.len() && chars[i] != '\n' {
                out.push(' ');
                i += 1;
            }
        } else if c == '/' && next == Some('*') {
            let mut depth = 0;
            while i < chars.len() {
                if chars[i] == '/' && chars.get(i + 1) == Some(&'*') {
                    depth += 1;
                    out.push_str("  ");
                    i += 2;
                } else if chars[i] == '*' && chars.get(i + 1) == Some(&'/') {
                    depth -= 1;
                    out.push_str("  ");
                    i += 2;
                    if depth == 0 {
                        break;
                    }
                } else {
                    out.push(blank(chars[i]));
                    i += 1;
                }
            }
        } else if c == 'r'
            && matches!(next, Some('"' | '#'))
            && (i == 0 || !is_identifier(chars[i - 1]))
        {
            // A raw string: r"…", r#"…"#, …
            let mut hashes = 0;
            let mut j = i + 1;
            while chars.get(j) == Some(&'#') {
                hashes += 1;
                j += 1;
            }
            if chars.get(j) != Some(&'"') {
                out.push(c);
                i += 1;
                continue;
            }
            let closing: String = std::iter::once('"')
                .chain(std::iter::repeat_n('#', hashes))
                .collect();
            let rest: String = chars[j + 1..].iter().collect();
            let end = rest.find(&closing).map_or(chars.len(), |at| {
                j + 1 + rest[..at].chars().count() + closing.chars().count()
            });
            for &skipped in &chars[i..end] {
                out.push(blank(skipped));
            }
            i = end;
        } else if c == '"' {
            out.push(' ');
            i += 1;
            while i < chars.len() && chars[i] != '"' {
                let step = if chars[i] == '\\' { 2 } else { 1 };
                for &skipped in chars.iter().skip(i).take(step) {
                    out.push(blank(skipped));
                }
                i += step;
            }
            out.push(' ');
            i += 1;
        } else if c == '\'' {
            // A char literal ('x', '\n', '\u{1F600}') or a lifetime ('a).
            let end = if next == Some('\\') {
                (i + 3..chars.len()).find(|&j| chars[j] == '\'')
            } else if chars.get(i + 2) == Some(&'\'') {
                Some(i + 2)
            } else {
                None
            };
            match end {
                Some(end) => {
                    for _ in i..=end {
                        out.push(' ');
                    }
                    i = end + 1;
                }
                None => {
                    out.push(c);
                    i += 1;
                }
            }
        } else {
            out.push(c);
            i += 1;
        }
    }
    out
}

fn is_identifier(c: char) -> bool {
    c.is_alphanumeric() || c == '_'
}

/// The identifier at the start of `text` (after white space).
fn leading_identifier(text: &str) -> Option<&str> {
    let text = text.trim_start();
    let end = text
        .char_indices()
        .find(|&(_, c)| !is_identifier(c))
        .map_or(text.len(), |(at, _)| at);
    (end > 0).then(|| &text[..end])
}

/// What a file names in the crate: (line, first path segment after
/// `crate::`), and the lines of `super::super::` paths.
fn crate_paths(source: &str) -> (Vec<(usize, String)>, Vec<usize>) {
    let code = code_only(source);
    let line_of = |at: usize| code[..at].matches('\n').count() + 1;
    let mut names = Vec::new();
    for (at, _) in code.match_indices("crate::") {
        let before = code[..at].chars().next_back();
        if before.is_some_and(|c| is_identifier(c) && c != '$') {
            continue;
        }
        let rest = code[at + "crate::".len()..].trim_start();
        if let Some(group) = rest.strip_prefix('{') {
            // `crate::{a::X, b::{Y, Z}}`: the first segment of each item.
            let mut depth = 0usize;
            let mut item_start = true;
            for (offset, c) in group.char_indices() {
                match c {
                    '{' => depth += 1,
                    '}' if depth == 0 => break,
                    '}' => depth -= 1,
                    ',' if depth == 0 => item_start = true,
                    c if item_start && !c.is_whitespace() => {
                        item_start = false;
                        if let Some(name) = leading_identifier(&group[offset..]) {
                            names.push((line_of(at), name.to_string()));
                        }
                    }
                    _ => {}
                }
            }
        } else if let Some(name) = leading_identifier(rest) {
            names.push((line_of(at), name.to_string()));
        }
    }
    let escapes = code
        .match_indices("super::super")
        .map(|(at, _)| line_of(at))
        .collect();
    (names, escapes)
}

/// The crate root's modules (with the line declaring each) and the area
/// of each name it re-exports (`pub use area::{A, B};`).
fn root_names(lib: &str) -> (BTreeMap<String, usize>, BTreeMap<String, String>) {
    let code = code_only(lib);
    let mut modules = BTreeMap::new();
    let mut exported = BTreeMap::new();
    let mut line = 1;
    for statement in code.split(';') {
        let words: Vec<&str> = statement.split_whitespace().collect();
        let start = line;
        line += statement.matches('\n').count();
        if let [.., "mod", name] = words.as_slice() {
            let at = statement.rfind("mod").unwrap_or(0);
            modules.insert(
                name.to_string(),
                start + statement[..at].matches('\n').count(),
            );
            continue;
        }
        let is_reexport = words
            .windows(2)
            .any(|pair| pair[0].starts_with("pub") && pair[1] == "use");
        let Some((_, rest)) = statement.split_once(" use ").filter(|_| is_reexport) else {
            continue;
        };
        let rest = rest.trim();
        let Some((area, items)) = rest.split_once("::") else {
            continue;
        };
        let items = items.trim().trim_start_matches('{').trim_end_matches('}');
        for item in items.split(',') {
            let name = item
                .rsplit(" as ")
                .next()
                .unwrap_or(item)
                .rsplit("::")
                .next()
                .unwrap_or(item)
                .trim();
            if !name.is_empty() {
                exported.insert(name.to_string(), area.trim().to_string());
            }
        }
    }
    (modules, exported)
}

/// The layers documented in `lib.rs`: each row of the table under the
/// `# Layers` heading, lowest first, lists its areas in backticks.
fn documented_layers(lib: &str) -> Vec<Vec<String>> {
    let docs: Vec<&str> = lib
        .lines()
        .filter_map(|line| line.trim_start().strip_prefix("//!"))
        .map(str::trim)
        .collect();
    let start = docs
        .iter()
        .position(|line| *line == "# Layers")
        .expect("lib.rs documents the layers under `# Layers`");
    docs[start + 1..]
        .iter()
        .take_while(|line| !line.starts_with('#'))
        .filter(|line| {
            line.starts_with('|') && !line.starts_with("|-") && !line.starts_with("| layer")
        })
        .map(|row| {
            let areas = row.split('|').nth(2).unwrap_or_default();
            areas
                .split('`')
                .skip(1)
                .step_by(2)
                .map(str::to_string)
                .collect()
        })
        .collect()
}

/// Every use of an area that is not below the user, in file order.
fn violations(sources: &Sources, layers: &[Vec<String>]) -> Vec<Violation> {
    let layer_of: BTreeMap<&str, usize> = layers
        .iter()
        .enumerate()
        .flat_map(|(layer, areas)| areas.iter().map(move |area| (area.as_str(), layer)))
        .collect();
    let (modules, exported) = root_names(sources.get("lib.rs").map_or("", String::as_str));
    let mut found = Vec::new();
    for (module, &line) in &modules {
        if !layer_of.contains_key(module.as_str()) {
            found.push(Violation {
                file: "src/lib.rs".into(),
                line,
                message: format!("area `{module}` is in no layer"),
            });
        }
    }
    for (file, source) in sources {
        let Some(area) = file
            .split('/')
            .next()
            .map(|first| first.trim_end_matches(".rs"))
        else {
            continue;
        };
        if area == "lib" {
            continue;
        }
        let own = layer_of.get(area).copied();
        let (names, escapes) = crate_paths(source);
        for line in escapes {
            found.push(Violation {
                file: format!("src/{file}"),
                line,
                message: "`super::super::` path: spell paths that leave an area `crate::…`".into(),
            });
        }
        for (line, name) in names {
            let target = if modules.contains_key(&name) {
                name.clone()
            } else if let Some(area) = exported.get(&name) {
                area.clone()
            } else {
                found.push(Violation {
                    file: format!("src/{file}"),
                    line,
                    message: format!("`crate::{name}` is neither an area nor re-exported from one"),
                });
                continue;
            };
            if target == area {
                continue;
            }
            let target_layer = layer_of.get(target.as_str()).copied();
            if let (Some(own), Some(target_layer)) = (own, target_layer) {
                if target_layer < own {
                    continue;
                }
            }
            let layer = |layer: Option<usize>| {
                layer.map_or("no layer".to_string(), |l| format!("layer {l}"))
            };
            found.push(Violation {
                file: format!("src/{file}"),
                line,
                message: format!(
                    "`{area}` ({}) uses `{target}` ({}) through `crate::{name}`",
                    layer(own),
                    layer(target_layer)
                ),
            });
        }
    }
    found
}

fn crate_sources() -> Sources {
    let mut sources = Sources::new();
    read_sources(
        &Path::new(env!("CARGO_MANIFEST_DIR")).join("src"),
        "",
        &mut sources,
    );
    sources
}

#[test]
fn the_crate_keeps_its_documented_layers() {
    let sources = crate_sources();
    let layers = documented_layers(&sources["lib.rs"]);
    assert!(layers.len() >= 5, "layers read from lib.rs: {layers:?}");
    let found = violations(&sources, &layers);
    let report: Vec<String> = found.iter().map(ToString::to_string).collect();
    assert!(
        found.is_empty(),
        "layering violations:\n{}",
        report.join("\n")
    );
}

#[test]
fn every_area_is_in_exactly_one_layer() {
    let sources = crate_sources();
    let layers = documented_layers(&sources["lib.rs"]);
    let (modules, _) = root_names(&sources["lib.rs"]);
    let listed: Vec<&String> = layers.iter().flatten().collect();
    let distinct: BTreeSet<&String> = listed.iter().copied().collect();
    assert_eq!(
        listed.len(),
        distinct.len(),
        "an area listed twice: {listed:?}"
    );
    let modules: BTreeSet<&String> = modules.keys().collect();
    assert_eq!(distinct, modules, "the table and lib.rs's modules differ");
}

#[test]
fn the_comparison_core_uses_only_itself() {
    // `compare` and `normalize` must split off into a crate of their own
    // without edits: they may use each other's leaves `date` and
    // `parameter`, nothing else of the crate.
    let core = ["compare", "normalize", "date", "parameter"];
    let sources = crate_sources();
    for (file, source) in &sources {
        let area = file
            .split('/')
            .next()
            .unwrap_or_default()
            .trim_end_matches(".rs");
        if !core.contains(&area) {
            continue;
        }
        for (line, name) in crate_paths(source).0 {
            assert!(
                core.contains(&name.as_str()),
                "src/{file}:{line}: the comparison core uses `crate::{name}`"
            );
        }
    }
}

/// A small crate: `low` below `mid` below `high`, `side` beside `mid`.
fn example(files: &[(&str, &str)]) -> Vec<String> {
    let mut sources = Sources::new();
    sources.insert(
        "lib.rs".into(),
        "//! # Layers\n//!\n//! | layer | areas |\n//! |---|---|\n\
         //! | 0 | `low` |\n//! | 1 | `mid`, `side` |\n//! | 2 | `high` |\n\
         mod low;\npub mod mid;\nmod side;\nmod high;\n\
         pub use high::{Top, Other as Renamed};\npub use low::Bottom;\n"
            .into(),
    );
    for (name, text) in files {
        sources.insert(name.to_string(), text.to_string());
    }
    let layers = documented_layers(&sources["lib.rs"]);
    assert_eq!(layers, [vec!["low"], vec!["mid", "side"], vec!["high"]]);
    violations(&sources, &layers)
        .iter()
        .map(ToString::to_string)
        .collect()
}

#[test]
fn the_checker_accepts_downward_uses() {
    let found = example(&[
        (
            "low.rs",
            "pub struct Bottom;\nuse crate::low::Bottom as B;\n",
        ),
        (
            "mid/mod.rs",
            "use crate::low::Bottom;\nuse crate::{low, Bottom};\nmod part;\n",
        ),
        (
            "mid/part.rs",
            "use super::Thing;\nfn f() -> crate::Bottom { crate::low::Bottom }\n",
        ),
        (
            "high.rs",
            "use crate::{mid::{A, B}, side::C};\n// use crate::high::X is a comment\n\
             fn f() { let s = \"crate::high\"; let c = '\"'; let r = r#\"crate::high\"#; }\n\
             /* crate::high */ macro_rules! m { () => { $crate::low::Bottom } }\n",
        ),
    ]);
    assert_eq!(found, Vec::<String>::new());
}

#[test]
fn the_checker_reports_each_violation_with_file_and_line() {
    let found = example(&[
        (
            "low.rs",
            "use crate::low::Bottom;\n\nuse crate::mid::Thing;\n",
        ),
        ("mid/mod.rs", "fn f() {\n    crate::side::g();\n}\n"),
        (
            "mid/deep/part.rs",
            "use super::super::x;\nuse crate::{low::A, high::B};\n",
        ),
        (
            "side.rs",
            "fn f() -> crate::Top { todo!() }\nuse crate::Renamed;\n",
        ),
        (
            "stray.rs",
            "use crate::low::Bottom;\nuse crate::nowhere::X;\n",
        ),
    ]);
    assert_eq!(
        found,
        [
            "src/low.rs:3: `low` (layer 0) uses `mid` (layer 1) through `crate::mid`",
            "src/mid/deep/part.rs:1: `super::super::` path: spell paths that leave an area `crate::…`",
            "src/mid/deep/part.rs:2: `mid` (layer 1) uses `high` (layer 2) through `crate::high`",
            "src/mid/mod.rs:2: `mid` (layer 1) uses `side` (layer 1) through `crate::side`",
            "src/side.rs:1: `side` (layer 1) uses `high` (layer 2) through `crate::Top`",
            "src/side.rs:2: `side` (layer 1) uses `high` (layer 2) through `crate::Renamed`",
            "src/stray.rs:1: `stray` (no layer) uses `low` (layer 0) through `crate::low`",
            "src/stray.rs:2: `crate::nowhere` is neither an area nor re-exported from one",
        ]
    );
}

#[test]
fn the_checker_reports_an_undeclared_area() {
    let mut sources = Sources::new();
    sources.insert("lib.rs".into(), "mod a;\nmod b;\n".into());
    sources.insert("b.rs".into(), "use crate::a::X;\n".into());
    let layers = vec![vec!["a".to_string()]];
    let found: Vec<String> = violations(&sources, &layers)
        .iter()
        .map(ToString::to_string)
        .collect();
    assert_eq!(
        found,
        [
            "src/lib.rs:2: area `b` is in no layer",
            "src/b.rs:1: `b` (no layer) uses `a` (layer 0) through `crate::a`",
        ]
    );
}

#[test]
fn leaf_types_keep_their_old_public_paths() {
    // Moving a type into a leaf module keeps every path it had: each
    // binding below would fail to compile if the two paths named
    // different types.
    let score: sameas::Score = sameas::matcher::Score::from_weight(1.0);
    let entity: sameas::EntityId = sameas::cluster::EntityId::of_anchor("crm", "1");
    let problem: sameas::cluster::PairProblem =
        sameas::cluster::PairProblem::SelfPair { record: 4 };
    let parsed: Result<sameas::EntityId, sameas::cluster::ParseEntityIdError> = "12ab".parse();
    let parameter: sameas::compare::ParameterError = sameas::normalize::ParameterError {
        name: "century_pivot",
        reason: "100 is not a two-digit year (0..=99)".into(),
    };
    let wrapped: sameas::Error = parameter.into();
    assert_eq!(score.probability(), 2.0 / 3.0);
    assert_eq!(entity.to_string().len(), 16);
    assert_eq!(problem.to_string(), "record 4 is paired with itself");
    assert_eq!(
        sameas::Error::from(parsed.unwrap_err()).to_string(),
        "an entity id is 16 hexadecimal digits, not 4 characters"
    );
    assert_eq!(
        wrapped,
        sameas::Error::Build(sameas::BuildError::InvalidParameter {
            name: "century_pivot",
            reason: "100 is not a two-digit year (0..=99)".into(),
        })
    );
}
