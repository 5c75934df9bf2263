//! Normalisers over generated messy values: names with titles, case and
//! diacritics; e-mail addresses with tags and aliases; phone numbers in
//! national and international formats; dates in many formats.
//!
//!     cargo bench --bench normalize

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use sameas::normalize;
use std::hint::black_box;

const NAMES: &[&str] = &[
    "Dr. Kelly A. Neal Jr.",
    "NEAL, Kelly",
    "Zoë O'Brien",
    "José-María González",
    "Łukasz Wiśniewski",
    "kelly neal",
    "Mr Bob  Smith III",
    "van der Berg, Anna",
];
const EMAILS: &[&str] = &[
    "K.Neal+news@GoogleMail.com",
    "kneal1985@example.com",
    " Kelly Neal <kelly.neal@Example.COM> ",
    "mailto:bob.smith@gmail.com",
];
const PHONES: &[&str] = &[
    "+1 (555) 010-2030",
    "555.010.2030",
    "1-555-010-2030",
    "(555) 010 2030 ext. 7",
];
const DATES: &[&str] = &[
    "1985-03-04",
    "03/04/1985",
    "3/4/85",
    "04.03.1985",
    "19850304",
    "3 Mar 1985",
    "March 3, 1985",
];
const ADDRESSES: &[&str] = &[
    "12 Main Street, Apt. 4",
    "12 main st apt 4",
    "1600 Pennsylvania Avenue NW",
    "Flat 3, 10 Downing Road",
];

fn bench_normalizers(c: &mut Criterion) {
    let mut group = c.benchmark_group("normalize");
    group.throughput(Throughput::Elements(NAMES.len() as u64));
    group.bench_function("fold_text", |b| {
        b.iter(|| {
            NAMES
                .iter()
                .map(|n| normalize::fold_text(black_box(n)).len())
                .sum::<usize>()
        })
    });
    group.bench_function("normalize_name", |b| {
        b.iter(|| {
            NAMES
                .iter()
                .map(|n| normalize::normalize_name(black_box(n)).len())
                .sum::<usize>()
        })
    });
    group.bench_function("parse_person_name", |b| {
        b.iter(|| {
            NAMES
                .iter()
                .map(|n| normalize::parse_person_name(black_box(n)).is_empty() as usize)
                .sum::<usize>()
        })
    });
    group.throughput(Throughput::Elements(EMAILS.len() as u64));
    group.bench_function("normalize_email", |b| {
        b.iter(|| {
            EMAILS
                .iter()
                .filter_map(|e| normalize::normalize_email(black_box(e)).ok())
                .count()
        })
    });
    let phones = normalize::PhoneNormalizer::builder()
        .default_country("US")
        .build()
        .expect("US is a known country");
    group.throughput(Throughput::Elements(PHONES.len() as u64));
    group.bench_function("phone", |b| {
        b.iter(|| {
            PHONES
                .iter()
                .filter_map(|p| phones.normalize(black_box(p)).ok())
                .count()
        })
    });
    let dates = normalize::DateParser::new();
    group.throughput(Throughput::Elements(DATES.len() as u64));
    group.bench_function("parse_date", |b| {
        b.iter(|| {
            DATES
                .iter()
                .filter_map(|d| dates.parse(black_box(d)).ok())
                .count()
        })
    });
    group.throughput(Throughput::Elements(ADDRESSES.len() as u64));
    group.bench_function("normalize_address", |b| {
        b.iter(|| {
            ADDRESSES
                .iter()
                .map(|a| normalize::normalize_address(black_box(a)).len())
                .sum::<usize>()
        })
    });
    group.finish();
}

criterion_group!(benches, bench_normalizers);
criterion_main!(benches);
