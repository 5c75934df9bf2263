//! One corpus of (comparator, a, b, expected) cases, each run through every
//! implementation of its comparator: the `&str` API, char slices, byte
//! slices when both inputs are ASCII, and strsim where it has the algorithm.

use sameas::compare;

struct Case {
    line: usize,
    comparator: String,
    a: String,
    b: String,
    expected: String,
}

/// Reads `\u{XXXX}`-style escapes so invisible characters stay visible in
/// the corpus file.
fn unescape(field: &str) -> String {
    let mut out = String::new();
    let mut rest = field;
    while let Some(start) = rest.find("\\u{") {
        out.push_str(&rest[..start]);
        let end = rest[start..].find('}').expect("unclosed escape in corpus") + start;
        let code = u32::from_str_radix(&rest[start + 3..end], 16).expect("bad escape in corpus");
        out.push(char::from_u32(code).expect("bad code point in corpus"));
        rest = &rest[end + 1..];
    }
    out.push_str(rest);
    out
}

fn corpus() -> Vec<Case> {
    include_str!("data/compare_corpus.tsv")
        .lines()
        .enumerate()
        .filter(|(_, line)| !line.starts_with('#') && !line.trim().is_empty())
        .map(|(index, line)| {
            let fields: Vec<&str> = line.split('\t').collect();
            assert!(
                fields.len() >= 4,
                "line {}: expected 4 fields, got {line:?}",
                index + 1
            );
            Case {
                line: index + 1,
                comparator: fields[0].to_string(),
                a: unescape(fields[1]),
                b: unescape(fields[2]),
                expected: fields[3].to_string(),
            }
        })
        .collect()
}

/// Asserts `actual` matches `expected` to the precision it is written with.
fn assert_close(case: &Case, implementation: &str, actual: f64) {
    let decimals = case.expected.split('.').nth(1).map_or(0, str::len);
    let tolerance = 0.5 * 10f64.powi(-(decimals as i32)) + 1e-12;
    let expected: f64 = case
        .expected
        .parse()
        .expect("expected value must be a number");
    assert!(
        (actual - expected).abs() <= tolerance,
        "line {}: {} via {implementation}({:?}, {:?}) = {actual}, expected {}",
        case.line,
        case.comparator,
        case.a,
        case.b,
        case.expected
    );
}

fn assert_count(case: &Case, implementation: &str, actual: Option<usize>) {
    let expected = match case.expected.as_str() {
        "none" => None,
        n => Some(
            n.parse::<usize>()
                .expect("expected value must be a count or none"),
        ),
    };
    assert_eq!(
        actual, expected,
        "line {}: {} via {implementation}({:?}, {:?})",
        case.line, case.comparator, case.a, case.b
    );
}

fn chars(s: &str) -> Vec<char> {
    s.chars().collect()
}

fn run(case: &Case) -> usize {
    let (a, b) = (case.a.as_str(), case.b.as_str());
    let (ca, cb) = (chars(a), chars(b));
    let ascii = a.is_ascii() && b.is_ascii();
    let (ba, bb) = (a.as_bytes(), b.as_bytes());
    let mut checks = 0;
    let mut close = |name: &str, value: f64| {
        assert_close(case, name, value);
        checks += 1;
    };
    match case.comparator.as_str() {
        "jaro" => {
            close("str", compare::jaro(a, b));
            close("chars", compare::jaro_slices(&ca, &cb));
            close("strsim", strsim::jaro(a, b));
            if ascii {
                close("bytes", compare::jaro_slices(ba, bb));
            }
        }
        "jaro_winkler" => {
            close("str", compare::jaro_winkler(a, b));
            close("chars", compare::jaro_winkler_slices(&ca, &cb));
            close("configured", compare::JaroWinkler::new().similarity(a, b));
            close("strsim", strsim::jaro_winkler(a, b));
            if ascii {
                close("bytes", compare::jaro_winkler_slices(ba, bb));
            }
        }
        "token_jaccard" => close("str", compare::token_jaccard(a, b)),
        "token_dice" => close("str", compare::token_dice(a, b)),
        q if q.starts_with("qgram_") => {
            let (kind, size) = q.rsplit_once('_').expect("qgram_<kind>_<q>");
            let size: usize = size.parse().expect("q must be a number");
            match kind {
                "qgram_jaccard" => close("str", compare::qgram_jaccard(a, b, size)),
                "qgram_dice" => close("str", compare::qgram_dice(a, b, size)),
                other => panic!("line {}: unknown comparator {other}", case.line),
            }
        }
        _ => return run_count(case),
    }
    checks
}

fn run_count(case: &Case) -> usize {
    let (a, b) = (case.a.as_str(), case.b.as_str());
    let (ca, cb) = (chars(a), chars(b));
    let ascii = a.is_ascii() && b.is_ascii();
    let (ba, bb) = (a.as_bytes(), b.as_bytes());
    let mut checks = 0;
    let mut count = |name: &str, value: Option<usize>| {
        assert_count(case, name, value);
        checks += 1;
    };
    match case.comparator.as_str() {
        "levenshtein" => {
            count("str", Some(compare::levenshtein(a, b)));
            count("chars", Some(compare::levenshtein_slices(&ca, &cb)));
            count("strsim", Some(strsim::levenshtein(a, b)));
            let d = compare::levenshtein(a, b);
            count("bounded", compare::levenshtein_bounded(a, b, d));
            if ascii {
                count("bytes", Some(compare::levenshtein_slices(ba, bb)));
            }
        }
        "osa" => {
            count("str", Some(compare::osa_distance(a, b)));
            count("chars", Some(compare::osa_distance_slices(&ca, &cb)));
            count("strsim", Some(strsim::osa_distance(a, b)));
        }
        "damerau" => {
            count("str", Some(compare::damerau_levenshtein(a, b)));
            count("chars", Some(compare::damerau_levenshtein_slices(&ca, &cb)));
            count("strsim", Some(strsim::damerau_levenshtein(a, b)));
            if ascii {
                count("bytes", Some(compare::damerau_levenshtein_slices(ba, bb)));
            }
        }
        "hamming" => {
            count("str", compare::hamming(a, b));
            count("chars", compare::hamming_slices(&ca, &cb));
            count("strsim", strsim::hamming(a, b).ok());
        }
        _ => return run_phonetic(case),
    }
    checks
}

fn run_phonetic(case: &Case) -> usize {
    let encode: fn(&str) -> compare::PhoneticCode = match case.comparator.as_str() {
        "soundex" => compare::soundex,
        "metaphone" => compare::metaphone,
        "nysiis" => compare::nysiis,
        other => panic!("line {}: unknown comparator {other}", case.line),
    };
    let expected = if case.expected == "none" {
        ""
    } else {
        case.expected.as_str()
    };
    let code = encode(&case.a);
    assert_eq!(
        code.as_str(),
        expected,
        "line {}: {}({:?})",
        case.line,
        case.comparator,
        case.a
    );
    // The lower-case spelling encodes the same.
    assert_eq!(encode(&case.a.to_lowercase()), code, "line {}", case.line);
    2
}

#[test]
fn every_corpus_case_holds_for_every_implementation() {
    let cases = corpus();
    assert!(cases.len() >= 40, "corpus shrank to {} cases", cases.len());
    let checks: usize = cases.iter().map(run).sum();
    assert!(checks >= 3 * cases.len() / 2, "only {checks} checks ran");
}
