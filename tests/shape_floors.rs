//! Quality floors for each generated data shape through the
//! zero-configuration [`Resolver`](sameas::resolve::Resolver): pairwise precision, recall and F1
//! against the generator's truth, and the largest entity against the
//! largest true one, for every seed in 1..=5. Each floor is the lowest
//! value measured over the seeds, less a margin of the seed-to-seed spread
//! (at least 0.02), rounded down, so that today's quality cannot slip
//! unnoticed. Every run prints its measurements: rerun with
//! `cargo test --all-features --test shape_floors -- --nocapture`
//! (the results are deterministic, the same in debug and release).
#![cfg(feature = "synthetic")]

#[path = "support/floors.rs"]
mod floors;
#[path = "support/shapes.rs"]
mod shapes;

use std::collections::BTreeMap;

use floors::{Floors, Quality, SEEDS};
use sameas::cluster::ClusterOptions;
use sameas::resolve::{PAIRS_MIN_SUPPORT, PAIRS_WEAK_SIZE_LIMIT};
use sameas::synthetic::shapes::{
    BirthDateGenerator, BirthDateGeneratorBuilder, BusinessGenerator, GovernmentGenerator,
    GovernmentLayout, GovernmentNoise, InventorGenerator, ShapeData,
};
use sameas::{Record, RecordIndex};
use shapes::resolver_for;

const ENTITIES: usize = 1_000;

fn resolve(data: &ShapeData) -> Quality {
    let resolution = resolver_for(data).resolve().unwrap();
    Quality::of(&resolution, &truth_of(data))
}

/// The true entity of each record: records are numbered source after
/// source, as they were added.
fn truth_of(data: &ShapeData) -> Vec<u32> {
    data.sources()
        .iter()
        .flat_map(|source| source.entities().iter().copied())
        .collect()
}

fn check(shape: &str, floors: &Floors, generate: impl Fn(u64) -> ShapeData) {
    for seed in SEEDS {
        resolve(&generate(seed)).check(shape, seed, floors);
    }
}

#[test]
fn inventors_hold_their_floors() {
    // The generator files patents in teams since #10's co-participant
    // change (mentions of one patent share its title, classes and
    // assignee, and each lists the others): figures before it are of
    // other data and not comparable. Measured, seeds 1..=5, 1,000
    // entities (`cargo test --release --all-features --test shape_floors
    // inventors -- --nocapture`):
    //   P 0.9533..0.9779, R 0.7521..0.8672, F1 0.8408..0.9182,
    //   largest / largest true 0.65..1.0 (139/213 .. 281/281).
    // (Measured so before names entered the wrong way round met, #10:
    // P 0.9532..0.9779, R 0.7506..0.8684, F1 0.8399..0.9189; an earlier
    // comment's upper ends, R 0.9056 and F1 0.9398, were of another
    // state of the generator.)
    // (Before a dependence's cap on weaker levels: P 0.9514..0.9798, R
    // 0.7454..0.8688, F1 0.8359..0.9209.)
    // Without co-participants kept apart: P 0.8651..0.9494, R
    // 0.7460..0.8687, F1 0.8011..0.8932. Margins: the spreads (0.025,
    // 0.115, 0.077) or more. Names-only inventors must not chain into a giant
    // entity: at most 1.1x the largest true.
    let floors = Floors {
        precision: 0.92,
        recall: 0.62,
        f1: 0.75,
        largest_ratio: (11, 10),
    };
    check("inventors", &floors, |seed| {
        InventorGenerator::builder()
            .seed(seed)
            .entities(ENTITIES)
            .build()
            .unwrap()
            .generate()
    });
}

#[test]
fn business_holds_its_floors() {
    // Measured, seeds 1..=5, 1,000 entities (`cargo test --all-features
    // --test shape_floors business -- --nocapture`):
    //   P 0.9914..1.0000, R 0.9697..0.9827, F1 0.9837..0.9913,
    //   largest / largest true 1.0..1.33 (4/3) (re-measured with #10's
    //   dependence cap; earlier P 0.9915..1.0000, R 0.9783..0.9855).
    // Margins 0.02 (every spread is smaller). Before the check of
    // multi-field comparisons (a chain's branches taught EM that a
    // different address and phone cost nothing) P was 0.71..0.80 and seed
    // 2 put 9 records in one entity where the largest true one has 3.
    let floors = Floors {
        precision: 0.97,
        recall: 0.95,
        f1: 0.96,
        largest_ratio: (3, 2),
    };
    check("business", &floors, |seed| {
        BusinessGenerator::builder()
            .seed(seed)
            .entities(ENTITIES)
            .build()
            .unwrap()
            .generate()
    });
}

#[test]
fn government_holds_its_floors() {
    // Measured, seeds 1..=5, 1,000 entities:
    //   P 0.9908..0.9992, R 0.9949..0.9988, F1 0.9935..0.9988,
    //   largest / largest true 1.0..1.17 (7/6: twins).
    // (Dates wrong also by the day or month as a whole since #10's
    // `DayOrMonthWrong`: another draw of the same seeds. Before, P
    // 0.9977..0.9994, R 0.9951..0.9974; on the new draw without the
    // dependence's cap on weaker levels seed 1 gave P 0.9836 and an
    // entity of 10: twins chained by a surname typo weighing more than
    // the surname spelt right at the shared address.)
    // Margins: 0.02 (every spread is below it). Before training measured
    // households (the family name weighing little at a shared address,
    // `Dependence`), P was 0.9732..0.9853 and the largest entity 1.5x
    // the largest true one (9/6): siblings and spouses merged; before
    // date-free blocking and the postcode + given name rule, R was
    // 0.9722..0.9766.
    let floors = Floors {
        precision: 0.97,
        recall: 0.97,
        f1: 0.97,
        largest_ratio: (6, 5),
    };
    check("government", &floors, |seed| {
        GovernmentGenerator::builder()
            .seed(seed)
            .entities(ENTITIES)
            .build()
            .unwrap()
            .generate()
    });
}

#[test]
fn wide_government_holds_its_floors() {
    // The wide layout (address split over street number, name and unit;
    // age, relationship, race; employers shared by co-workers; wages,
    // tax years, social-security events), every column declared with
    // the nearest kind. Measured, seeds 1..=5, 1,000 entities:
    //   P 0.9794..0.9988, R 0.9974..0.9989, F1 0.9883..0.9981,
    //   largest / largest true 1.0..1.43 (10/7: twins).
    // (Before the new draw: P 0.9821..0.9994, R 0.9972..0.9994.)
    // Margins: 0.02 (every spread is below it). Before the split address
    // made one comparison and the employer's columns another, `resolve`
    // with these kinds at 5,000 entities, seeds 7 and 8, gave about the
    // same F1 (0.9948 / 0.9918, now 0.9947 / 0.9915) from 7 times the
    // candidate pairs, counting the employer seven times (a job change
    // cost a person's own tax forms 11 bits).
    let floors = Floors {
        precision: 0.96,
        recall: 0.97,
        f1: 0.96,
        largest_ratio: (8, 5),
    };
    check("government_wide", &floors, |seed| {
        GovernmentGenerator::builder()
            .seed(seed)
            .entities(ENTITIES)
            .layout(GovernmentLayout::Wide)
            .build()
            .unwrap()
            .generate()
    });
}

#[test]
fn harsh_government_holds_its_floors() {
    // Census and administrative noise (`GovernmentNoise::Harsh`: 20 %
    // blanks, a relative's date of birth or SSN, placeholder names,
    // phonetic and OCR errors, swapped names, wrong sex, state and ZIP,
    // spouses' other surnames, children at a second home), tidy layout.
    // Measured, seeds 1..=5, 1,000 entities:
    //   P 0.9924..0.9971, R 0.9588..0.9707, F1 0.9764..0.9825,
    //   largest / largest true 1.0..1.14 (8/7). Before names entered the
    //   wrong way round met (blocking on both names' sound in either
    //   order, a `swapped` level at Jaro-Winkler 0.85), measured at
    //   21a1b67: R 0.9548..0.9678, F1 0.9749..0.9810 (the comment then
    //   said 0.9739, of an earlier state). Before the family name's
    //   dependence on the date of birth, the names' m from identifier
    //   anchors, blocking on a name's ends and the double-surname level: P 0.9380..0.9979, R
    //   0.9435..0.9527, F1 0.9453..0.9710, 8/6; earlier (with the date
    //   draw of `DayOrMonthWrong`) P 0.9364..0.9929, R 0.9438..0.9542.
    // Margins: the spreads, at least 0.02 (0.02, 0.02, 0.02). Before
    // placeholder names counted as missing and household dependences
    // held at a mistyped address or for a mistyped surname, `resolve` at
    // 5,000 entities (seeds 7 / 8) gave F1 0.927 / 0.923; now 0.969 /
    // 0.965.
    let floors = Floors {
        precision: 0.972,
        recall: 0.938,
        f1: 0.956,
        largest_ratio: (3, 2),
    };
    check("government_harsh", &floors, |seed| {
        GovernmentGenerator::builder()
            .seed(seed)
            .entities(ENTITIES)
            .noise(GovernmentNoise::Harsh)
            .build()
            .unwrap()
            .generate()
    });
}

#[test]
fn harsh_wide_government_holds_its_floors() {
    // The harsh noise in the wide layout, every column declared.
    // Measured, seeds 1..=5, 1,000 entities:
    //   P 0.9818..0.9971, R 0.9707..0.9795, F1 0.9762..0.9882,
    //   largest / largest true 1.0..1.25 (10/8). Before names entered the
    //   wrong way round met, measured at 21a1b67: P 0.9818..0.9971 (the
    //   comment then said 0.9824, of an earlier state), R 0.9680..0.9758,
    //   F1 0.9748..0.9863. Before the family name's
    //   dependence on the date of birth, the names' anchors, blocking on
    //   a name's ends and the double-surname level: P 0.9668..0.9965, R 0.9585..0.9636, F1
    //   0.9629..0.9771, 12/7; earlier (with the date draw of
    //   `DayOrMonthWrong`) P 0.9578..0.9935, R 0.9581..0.9620.
    // Margins: the spreads, at least 0.02 (0.02, 0.02, 0.02). At 5,000
    // entities (seeds 7 / 8) `resolve` gave F1 0.957 / 0.953 before the
    // household fixes, now 0.975 / 0.974.
    let floors = Floors {
        precision: 0.961,
        recall: 0.950,
        f1: 0.956,
        largest_ratio: (3, 2),
    };
    check("government_wide_harsh", &floors, |seed| {
        wide_harsh(seed, true)
    });
}

#[test]
fn harsh_wide_government_with_undated_tax_forms_holds_its_floors() {
    // Tax forms as real W-2 and 1099 forms come, without a date of
    // birth: a form meets the census on name and address alone.
    // Measured, seeds 1..=5, 1,000 entities:
    //   P 0.9692..0.9904, R 0.9586..0.9673, F1 0.9641..0.9787,
    //   largest / largest true 1.0..1.25 (10/8); the same forms with the
    //   date: F1 0.9762..0.9882. Margins: the spreads, at least 0.02
    //   (0.0212, 0.02, 0.02). At 5,000 entities (seeds 7 / 8) `sameas
    //   resolve`, kinds inferred: F1 0.9614 / 0.9574 (0.9749 / 0.9733
    //   with the date).
    let floors = Floors {
        precision: 0.948,
        recall: 0.938,
        f1: 0.944,
        largest_ratio: (3, 2),
    };
    check("government_wide_harsh_undated", &floors, |seed| {
        wide_harsh(seed, false)
    });
}

/// Government of [`ENTITIES`] people drawn with `seed` in the wide
/// layout with harsh noise, the tax forms `dated` or not.
fn wide_harsh(seed: u64, dated: bool) -> ShapeData {
    GovernmentGenerator::builder()
        .seed(seed)
        .entities(ENTITIES)
        .layout(GovernmentLayout::Wide)
        .noise(GovernmentNoise::Harsh)
        .tax_birth_dates(dated)
        .build()
        .unwrap()
        .generate()
}

/// Birth dates of [`ENTITIES`] persons drawn with `seed` and the
/// settings `configure` makes.
fn birth_dates(seed: u64, configure: impl Fn(&mut BirthDateGeneratorBuilder)) -> ShapeData {
    let mut builder = BirthDateGenerator::builder();
    builder.seed(seed).entities(ENTITIES);
    configure(&mut builder);
    builder.build().unwrap().generate()
}

/// [`check`] on birth dates, and over the same runs the true pairs
/// whose two `dob` values `selected` picks (`what`): more than `least`
/// of them, and at least 95 % of those in one entity.
fn check_finding(
    shape: &str,
    floors: &Floors,
    generate: impl Fn(u64) -> ShapeData,
    what: &str,
    least: usize,
    selected: impl Fn(&str, &str) -> bool,
) {
    let (mut found, mut pairs) = (0, 0);
    for seed in SEEDS {
        let data = generate(seed);
        let resolution = resolver_for(&data).resolve().unwrap();
        Quality::of(&resolution, &truth_of(&data)).check(shape, seed, floors);
        let source = &data.sources()[0];
        let mut by_entity: BTreeMap<u32, Vec<usize>> = BTreeMap::new();
        for (at, &entity) in source.entities().iter().enumerate() {
            by_entity.entry(entity).or_default().push(at);
        }
        let entity_of = |at: usize| {
            resolution
                .entity_of(RecordIndex::from_position(at))
                .unwrap()
                .id()
        };
        for members in by_entity.values().filter(|members| members.len() == 2) {
            let [a, b] =
                [members[0], members[1]].map(|at| source.records()[at].field("dob").unwrap());
            if selected(a, b) {
                pairs += 1;
                found += usize::from(entity_of(members[0]) == entity_of(members[1]));
            }
        }
    }
    eprintln!("{what}: {found} of {pairs} pairs found");
    assert!(pairs > least, "{pairs}");
    assert!(found as f64 >= 0.95 * pairs as f64, "{found} of {pairs}");
}

#[test]
fn entities_that_are_pairs_cluster_again_with_a_strict_majority() {
    // Birth dates, 9,000 people, seed 7 (the README's row): one duplicate
    // per person at most, so a record that joins a pair through one of
    // its two records is a namesake or a copy with a slipped date.
    // Measured: 905 of 910 entities of several records are pairs in the
    // first clustering; P 0.9717 -> 0.9824 at the same recall (0.9401),
    // F1 0.9556 -> 0.9608, the entities of three records gone.
    let data = BirthDateGenerator::builder()
        .seed(7)
        .entities(9_000)
        .build()
        .unwrap()
        .generate();
    let resolution = resolver_for(&data).resolve().unwrap();
    let seen = resolution
        .stats()
        .pairs_only
        .expect("the entities are pairs");
    assert!(seen.entities >= 800 && seen.share() >= 0.99, "{seen:?}");
    assert_eq!(
        resolution.cluster_options().guard(),
        Some((0.99, PAIRS_MIN_SUPPORT))
    );
    let truth = truth_of(&data);
    let quality = Quality::of(&resolution, &truth);
    println!(
        "pairs only: {} of {}; P {:.4} R {:.4} F1 {:.4} largest {}",
        seen.pairs, seen.entities, quality.precision, quality.recall, quality.f1, quality.largest
    );
    assert!(
        quality.precision >= 0.98 && quality.recall >= 0.93,
        "P {} R {}",
        quality.precision,
        quality.recall
    );
    assert_eq!(quality.largest, 2);

    // A guard of the host's own is kept.
    let mut resolver = resolver_for(&data);
    resolver.cluster_options(ClusterOptions::builder().guard(0.99, 0.6).build().unwrap());
    let resolution = resolver.resolve().unwrap();
    assert_eq!(resolution.stats().pairs_only, None);
    assert_eq!(resolution.cluster_options().guard(), Some((0.99, 0.6)));

    // Inventors' entities are not pairs.
    let inventors = InventorGenerator::builder()
        .seed(7)
        .entities(ENTITIES)
        .build()
        .unwrap()
        .generate();
    let resolution = resolver_for(&inventors).resolve().unwrap();
    assert_eq!(resolution.stats().pairs_only, None);
    assert_eq!(resolution.cluster_options(), &ClusterOptions::new());
}

#[test]
fn in_runs_of_pairs_a_weak_pair_makes_no_entity_of_three() {
    // Register names, 10,000 people, seed 8: namesakes whose date is a
    // typo away are accepted with both records of a pair. Measured with
    // the strict majority alone (the same guard chosen by the host):
    // P 0.9274 R 0.9332, largest 5; with weak pairs held to pairs
    // P 0.9492 R 0.9332, largest 2.
    let data = BirthDateGenerator::builder()
        .seed(8)
        .entities(10_000)
        .register_names(true)
        .build()
        .unwrap()
        .generate();
    let truth = truth_of(&data);
    let resolution = resolver_for(&data).resolve().unwrap();
    assert!(resolution.stats().pairs_only.is_some());
    assert_eq!(
        resolution.cluster_options().weak_size_limit(),
        PAIRS_WEAK_SIZE_LIMIT
    );
    let held = Quality::of(&resolution, &truth);
    let mut resolver = resolver_for(&data);
    resolver.cluster_options(
        ClusterOptions::builder()
            .guard(0.99, PAIRS_MIN_SUPPORT)
            .build()
            .unwrap(),
    );
    let majority = Quality::of(&resolver.resolve().unwrap(), &truth);
    println!(
        "weak pairs held to pairs: P {:.4} R {:.4} largest {}; strict majority alone: P {:.4} R {:.4} largest {}",
        held.precision,
        held.recall,
        held.largest,
        majority.precision,
        majority.recall,
        majority.largest
    );
    assert!(held.precision >= majority.precision + 0.01);
    assert!(held.recall >= majority.recall - 0.001);
    assert!(held.largest < majority.largest);
}

#[test]
fn birth_dates_with_register_names_hold_their_floors() {
    // Names from one country's register (100 given, 100 family names):
    // most persons share their full name with another, and the date
    // tells namesakes apart. Measured, seeds 1..=5, 1,000 entities:
    //   P 0.9694..1.0000, R 0.8716..0.9735, F1 0.9179..0.9865,
    //   largest / largest true 1.0 (2/2).
    // (Before the date's `year wrong` level, seeds 1 and 2 gave P
    // 0.9794 and 0.9896; before weak pairs were held to pairs in runs of
    // pairs, seed 4 gave P 0.9515, largest 3.)
    // Margins: the spreads, at least 0.02 (0.031, 0.102, 0.069): at
    // 1,000 persons a seed holds few namesakes. At 9,000 (`shapes
    // birth-dates --register-names`, seed 7) `sameas resolve` gives
    // P 0.947 R 0.935 F1 0.941, against 0.961 with the default names.
    let floors = Floors {
        precision: 0.93,
        recall: 0.77,
        f1: 0.84,
        largest_ratio: (3, 2),
    };
    check("birth_dates_register", &floors, |seed| {
        birth_dates(seed, |builder| {
            builder.register_names(true);
        })
    });
}

#[test]
fn birth_dates_with_years_written_wrong_hold_their_floors() {
    // A third of the wrong dates with the year written wrong as a whole
    // (`1972-08-14` for `1945-08-14`). Measured, seeds 1..=5, 1,000
    // entities:
    //   P 0.9714..1.0000, R 0.9286..0.9833, F1 0.9630..0.9916,
    //   largest / largest true 1.0 (2/2); 100 of the 101 pairs whose
    //   dates differ in the year alone found.
    // Margins: the spreads, at least 0.02 (0.029, 0.055, 0.029). Before
    // the date's `year wrong` level, the same data through `sameas
    // resolve`: R 0.8235..0.9293, F1 0.9032..0.9634, 55 of those 101
    // pairs found.
    let floors = Floors {
        precision: 0.94,
        recall: 0.87,
        f1: 0.93,
        largest_ratio: (3, 2),
    };
    let generate = |seed| {
        birth_dates(seed, |builder| {
            builder.year_wrong_rate(0.3);
        })
    };
    // The pairs whose dates differ in the year alone, by two or more.
    let year = |date: &str| date[..4].parse::<u16>().unwrap_or(0);
    check_finding(
        "birth_dates_year_wrong",
        &floors,
        generate,
        "years written wrong",
        50,
        |a, b| a[4..] == b[4..] && year(a).abs_diff(year(b)) >= 2,
    );
}

#[test]
fn birth_dates_with_digit_slips_hold_their_floors() {
    // A third of the wrong dates with a digit typed into one part or
    // lost from it, as in a register that keeps year, month and day in
    // columns of their own (`19465-08-14`, `0195-08-14`, a month `58`
    // for `8`, a day `142` or `4` for `14`). Measured, seeds 1..=5,
    // 1,000 entities:
    //   P 0.9709..1.0000, R 0.9304..0.9744, F1 0.9640..0.9870,
    //   largest / largest true 1.0 (2/2); 66 of the 67 pairs whose dates
    //   differ by a digit slip found.
    // Margins: the spreads, at least 0.02 (0.029, 0.044, 0.023). Before
    // the tests on a date's parts read impossible dates as written, and
    // before a part with a digit more or less was kept: R
    // 0.9043..0.9615, F1 0.9455..0.9782, 55 of those 67 pairs found.
    let floors = Floors {
        precision: 0.94,
        recall: 0.88,
        f1: 0.94,
        largest_ratio: (3, 2),
    };
    let generate = |seed| {
        birth_dates(seed, |builder| {
            builder.digit_slip_rate(0.3);
        })
    };
    // The pairs whose dates differ in one part alone, by a digit more
    // or less (the parts as a register writes them: no leading zeros).
    let slipped = |a: &str, b: &str| {
        let parts = |date: &str| -> Vec<String> {
            date.split('-')
                .map(|part| part.trim_start_matches('0').to_string())
                .collect()
        };
        let (p, q) = (parts(a), parts(b));
        let differing: Vec<usize> = (0..p.len().min(q.len()))
            .filter(|&at| p[at] != q[at])
            .collect();
        let [at] = differing[..] else {
            return false;
        };
        let (short, long) = if p[at].len() < q[at].len() {
            (&p[at], &q[at])
        } else {
            (&q[at], &p[at])
        };
        long.len() == short.len() + 1
            && (0..long.len()).any(|cut| format!("{}{}", &long[..cut], &long[cut + 1..]) == *short)
    };
    check_finding(
        "birth_dates_digit_slips",
        &floors,
        generate,
        "digit slips",
        50,
        slipped,
    );
}

#[test]
fn birth_dates_with_impossible_dates_hold_their_floors() {
    // Half the wrong dates written as no date (`1945-08-41`: a digit of
    // day or month typed wrong), a fifth of the duplicates. Measured,
    // seeds 1..=5, 1,000 entities:
    //   P 0.9808..1.0000, R 0.9623..0.9913, F1 0.9714..0.9956,
    //   largest / largest true 1.0 (2/2); 110 of the 111 pairs with an
    //   impossible date found.
    // Margins: the spreads, at least 0.02 (0.02, 0.029, 0.024). Before
    // impossible dates kept their digits (they were missing), the same
    // data through `sameas resolve`: P 0.9626..1.0000, F1 0.9554..0.9956,
    // 99 of the 111 pairs found (at 3,000 entities, seeds 1..=3: 174 of
    // 206, now 205).
    let floors = Floors {
        precision: 0.96,
        recall: 0.93,
        f1: 0.94,
        largest_ratio: (3, 2),
    };
    let generate = |seed| {
        birth_dates(seed, |builder| {
            builder.impossible_date_rate(0.5);
        })
    };
    // The pairs one of whose dates is no date: found by their digits.
    check_finding(
        "birth_dates_impossible",
        &floors,
        generate,
        "impossible dates",
        80,
        |a, b| {
            [a, b]
                .iter()
                .any(|dob| sameas::normalize::parse_date(dob).is_err())
        },
    );
}

#[test]
fn birth_dates_with_placeholder_values_hold_their_floors() {
    // 4 % of records, first or duplicate, dated `1900-01-01` (a source's
    // "not known"). Read as a date, the placeholder made strangers agree
    // exactly on their date of birth. Measured, seeds 1..=5, 1,000
    // entities: P 0.9684..0.9907, R 0.8879..0.9224, F1 0.9268..0.9554,
    // largest / largest true 1.0 (2/2) but seed 1 (3/2); read as a date
    // (`placeholder_values(false)`), F1 0.7143 / 0.6946 / 0.5802 / 0.9154
    // / 0.6400. At 9,000 persons (`shapes birth-dates
    // --placeholder-dates 0.04`, seed 7) `sameas resolve` gives F1 0.9216
    // (0.3974 read as a date: training took the date for an event's), as
    // with those dates blank. Margins: the spreads, at least 0.02
    // (0.022, 0.035, 0.029).
    let floors = Floors {
        precision: 0.94,
        recall: 0.85,
        f1: 0.89,
        largest_ratio: (3, 2),
    };
    for seed in SEEDS {
        let data = birth_dates(seed, |builder| {
            builder.placeholder_date_rate(0.04);
        });
        let held = data.sources()[0]
            .records()
            .iter()
            .filter(|record| record.field("dob") == Some("1900-01-01"))
            .count() as u64;
        let resolution = resolver_for(&data).resolve().unwrap();
        let found = &resolution.stats().placeholder_values;
        assert_eq!(found.len(), 1, "seed {seed}");
        assert_eq!((found[0].field.as_str(), found[0].records), ("dob", held));
        let quality = Quality::of(&resolution, &truth_of(&data));
        quality.check("birth_dates_placeholder", seed, &floors);
        let mut unread = resolver_for(&data);
        unread.placeholder_values(false);
        let unread = Quality::of(&unread.resolve().unwrap(), &truth_of(&data));
        eprintln!("  read as a date: F1 {:.4}", unread.f1);
        assert!(unread.f1 < quality.f1, "seed {seed}: {}", unread.f1);
    }
}

#[test]
fn birth_dates_hold_their_floors() {
    // Measured, seeds 1..=5, 1,000 entities:
    //   P 0.9798..1.0000, R 0.8796..0.9688, F1 0.9360..0.9841,
    //   largest / largest true 1.0 (2/2).
    // (Before dates wrong by the day or month as a whole were drawn and
    // met a level of their own, another draw: P 0.9485..1.0000, R
    // 0.8411..0.9474, F1 0.9137..0.9730.)
    // (Before one name with date parts in blocking and the transposition
    // and one-edit name levels, the same runs: F1 0.9137 / 0.9340 /
    // 0.9268 / 0.9613 / 0.9636, now 0.9137 / 0.9246 / 0.9372 / 0.9727 /
    // 0.9730: the lowest unchanged, so the floors stay.)
    // Margins: the spreads (0.032, 0.069, 0.047). Before date-free
    // blocking (name-only and date-only rules, capped) and constrained EM
    // every rule required the exact date: R 0.49..0.58, F1 0.66..0.73.
    let floors = Floors {
        precision: 0.93,
        recall: 0.80,
        f1: 0.87,
        largest_ratio: (3, 2),
    };
    check("birth_dates", &floors, |seed| birth_dates(seed, |_| {}));
}
