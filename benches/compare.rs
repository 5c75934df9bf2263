//! Comparison kernels against strsim, in the same run, over generated name
//! pairs: ASCII names with FEBRL-style typos, and non-ASCII names (Latin
//! with diacritics, Greek, Cyrillic, Japanese) with the same typo model;
//! each as single name tokens and as full names.
//!
//! Each benchmark iteration compares every pair of a corpus once (1,000
//! pairs): the time per iteration in microseconds is the time per pair in
//! nanoseconds.
//!
//!     cargo bench --bench compare

use criterion::{BenchmarkId, Criterion, Throughput, criterion_group, criterion_main};
use std::hint::black_box;

const PAIRS: usize = 1000;

const GIVEN_ASCII: &[&str] = &[
    "james",
    "mary",
    "robert",
    "patricia",
    "john",
    "jennifer",
    "michael",
    "linda",
    "william",
    "elizabeth",
    "david",
    "barbara",
    "richard",
    "susan",
    "joseph",
    "jessica",
    "thomas",
    "sarah",
    "christopher",
    "karen",
    "kelly",
    "neal",
    "margaret",
    "jonathan",
    "alexandra",
    "bob",
    "peggy",
];
const FAMILY_ASCII: &[&str] = &[
    "smith",
    "johnson",
    "williams",
    "brown",
    "jones",
    "garcia",
    "miller",
    "davis",
    "rodriguez",
    "martinez",
    "hernandez",
    "lopez",
    "gonzalez",
    "wilson",
    "anderson",
    "thomas",
    "taylor",
    "moore",
    "jackson",
    "martin",
    "lee",
    "perez",
    "thompson",
    "white",
    "harris",
    "neal",
    "oconnor",
];
const GIVEN_UNICODE: &[&str] = &[
    "zoë",
    "josé",
    "maría",
    "françois",
    "jürgen",
    "łukasz",
    "søren",
    "åsa",
    "ines",
    "chloé",
    "nikolaos",
    "γιώργος",
    "ελένη",
    "дмитрий",
    "анна",
    "наталья",
    "たろう",
    "はなこ",
    "björn",
    "agnieszka",
    "małgorzata",
    "ðórr",
    "zoltán",
    "dorottya",
];
const FAMILY_UNICODE: &[&str] = &[
    "müller",
    "schröder",
    "łódzki",
    "nowak",
    "wiśniewski",
    "dvořák",
    "novák",
    "gonzález",
    "peña",
    "lefèvre",
    "garçon",
    "jørgensen",
    "åberg",
    "papadopoulos",
    "παπαδόπουλος",
    "иванов",
    "смирнова",
    "やまだ",
    "すずき",
    "kovács",
    "szabó",
    "öztürk",
    "çelik",
];

/// A small deterministic generator (SplitMix64), so the corpus is the same
/// in every run.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }

    fn pick<'a>(&mut self, items: &[&'a str]) -> &'a str {
        items[self.below(items.len())]
    }
}

/// One FEBRL-style typo: insert, delete, substitute or transpose a char.
fn typo(rng: &mut Rng, name: &str) -> String {
    let mut chars: Vec<char> = name.chars().collect();
    if chars.len() < 2 {
        return name.to_string();
    }
    let at = rng.below(chars.len() - 1);
    let letter = chars[rng.below(chars.len())];
    match rng.below(4) {
        0 => chars.insert(at, letter),
        1 => {
            chars.remove(at);
        }
        2 => chars[at] = letter,
        _ => chars.swap(at, at + 1),
    }
    chars.into_iter().collect()
}

/// Pairs of single name tokens (a given or a family name, as a schema
/// with separate name fields compares them): half the same name with one
/// typo, half two different names.
fn token_pairs(seed: u64, given: &[&str], family: &[&str]) -> Vec<(String, String)> {
    let mut rng = Rng(seed);
    (0..PAIRS)
        .map(|i| {
            let names = if i % 4 < 2 { given } else { family };
            let name = rng.pick(names);
            let other = if i % 2 == 0 {
                typo(&mut rng, name)
            } else {
                rng.pick(names).to_string()
            };
            (name.to_string(), other)
        })
        .collect()
}

/// Pairs of full names ("given family"): half the same person with one
/// typo, half two different people.
fn full_name_pairs(seed: u64, given: &[&str], family: &[&str]) -> Vec<(String, String)> {
    let mut rng = Rng(seed);
    (0..PAIRS)
        .map(|i| {
            let full = format!("{} {}", rng.pick(given), rng.pick(family));
            let other = if i % 2 == 0 {
                typo(&mut rng, &full)
            } else {
                format!("{} {}", rng.pick(given), rng.pick(family))
            };
            (full, other)
        })
        .collect()
}

type Kernel = fn(&str, &str) -> f64;

fn bench_kernels(c: &mut Criterion) {
    let corpora = [
        ("ascii_tokens", token_pairs(1, GIVEN_ASCII, FAMILY_ASCII)),
        (
            "ascii_full_names",
            full_name_pairs(2, GIVEN_ASCII, FAMILY_ASCII),
        ),
        (
            "non_ascii_tokens",
            token_pairs(3, GIVEN_UNICODE, FAMILY_UNICODE),
        ),
        (
            "non_ascii_full_names",
            full_name_pairs(4, GIVEN_UNICODE, FAMILY_UNICODE),
        ),
    ];
    let kernels: [(&str, Kernel, Kernel); 5] = [
        (
            "jaro_winkler",
            sameas::compare::jaro_winkler,
            strsim::jaro_winkler,
        ),
        ("jaro", sameas::compare::jaro, strsim::jaro),
        (
            "levenshtein",
            |a, b| sameas::compare::levenshtein(a, b) as f64,
            |a, b| strsim::levenshtein(a, b) as f64,
        ),
        (
            "osa_distance",
            |a, b| sameas::compare::osa_distance(a, b) as f64,
            |a, b| strsim::osa_distance(a, b) as f64,
        ),
        (
            "damerau_levenshtein",
            |a, b| sameas::compare::damerau_levenshtein(a, b) as f64,
            |a, b| strsim::damerau_levenshtein(a, b) as f64,
        ),
    ];
    for (kernel, ours, reference) in kernels {
        let mut group = c.benchmark_group(kernel);
        for (corpus_name, pairs) in &corpora {
            group.throughput(Throughput::Elements(pairs.len() as u64));
            for (implementation, function) in [("sameas", ours), ("strsim", reference)] {
                group.bench_with_input(
                    BenchmarkId::new(implementation, corpus_name),
                    pairs,
                    |bench, pairs| {
                        bench.iter(|| {
                            let mut total = 0.0;
                            for (a, b) in pairs {
                                total += function(black_box(a), black_box(b));
                            }
                            total
                        })
                    },
                );
            }
        }
        group.finish();
    }
    let mut group = c.benchmark_group("levenshtein_bounded_2");
    for (corpus_name, pairs) in &corpora {
        group.throughput(Throughput::Elements(pairs.len() as u64));
        group.bench_with_input(
            BenchmarkId::new("sameas", corpus_name),
            pairs,
            |bench, pairs| {
                bench.iter(|| {
                    pairs
                        .iter()
                        .filter(|(a, b)| {
                            sameas::compare::levenshtein_bounded(black_box(a), black_box(b), 2)
                                .is_some()
                        })
                        .count()
                })
            },
        );
    }
    group.finish();
}

type Encoder = fn(&str) -> sameas::compare::PhoneticCode;

/// Phonetic encoders over every name of both corpora (no strsim
/// counterpart; absolute figures only).
fn bench_phonetic(c: &mut Criterion) {
    let names: Vec<&str> = GIVEN_ASCII
        .iter()
        .chain(FAMILY_ASCII)
        .chain(GIVEN_UNICODE)
        .chain(FAMILY_UNICODE)
        .copied()
        .collect();
    let mut group = c.benchmark_group("phonetic");
    group.throughput(Throughput::Elements(names.len() as u64));
    let encoders: [(&str, Encoder); 3] = [
        ("soundex", sameas::compare::soundex),
        ("metaphone", sameas::compare::metaphone),
        ("nysiis", sameas::compare::nysiis),
    ];
    for (name, encode) in encoders {
        group.bench_function(name, |bench| {
            bench.iter(|| {
                names
                    .iter()
                    .map(|n| encode(black_box(n)).len())
                    .sum::<usize>()
            })
        });
    }
    group.finish();
}

criterion_group!(benches, bench_kernels, bench_phonetic);
criterion_main!(benches);
