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

use floors::{Floors, Quality, SEEDS};
use sameas::synthetic::shapes::{
    BirthDateGenerator, BusinessGenerator, GovernmentGenerator, InventorGenerator, ShapeData,
};
use shapes::resolver_for;

const ENTITIES: usize = 1_000;

fn resolve(data: &ShapeData) -> Quality {
    let resolution = resolver_for(data).resolve().unwrap();
    // Records are numbered source after source, as they were added.
    let truth: Vec<u32> = data
        .sources()
        .iter()
        .flat_map(|source| source.entities().iter().copied())
        .collect();
    Quality::of(&resolution, &truth)
}

fn check(shape: &str, floors: &Floors, generate: impl Fn(u64) -> ShapeData) {
    for seed in SEEDS {
        resolve(&generate(seed)).check(shape, seed, floors);
    }
}

#[test]
fn inventors_hold_their_floors() {
    // Measured, seeds 1..=5, 1,000 entities (the session blocked on the
    // assignee is left out, the prior comes from the names' session, the
    // names' m falls back with `else` at 0.5 %):
    //   P 0.8931..0.9706, R 0.8116..0.8978, F1 0.8504..0.9289,
    //   largest / largest true 0.78..0.99 (177/226 .. 212/214).
    // (Before: P 0.9262..0.9678, R 0.8070..0.8528, F1 0.8625..0.9030.)
    // Margins: the spreads (0.042, 0.046, 0.041); before: P 0.899..,
    // F1 0.850.. with floors 0.84 / 0.74 / 0.80. Names-only inventors
    // must not chain into a giant entity: at most 1.1x the largest true
    // (before the training checks and the guard's size limit it was over
    // 3x: 1,027 against 278 mentions at 5,000 inventors).
    let floors = Floors {
        precision: 0.88,
        recall: 0.76,
        f1: 0.82,
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
    //   P 0.9915..1.0000, R 0.9783..0.9855, F1 0.9863..0.9927,
    //   largest / largest true 1.0..1.33 (4/3).
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
    //   P 0.9977..0.9994, R 0.9951..0.9974, F1 0.9964..0.9978,
    //   largest / largest true 1.0 (6/6 .. 7/7).
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
fn birth_dates_hold_their_floors() {
    // Measured, seeds 1..=5, 1,000 entities:
    //   P 0.9485..1.0000, R 0.8411..0.9474, F1 0.9137..0.9730,
    //   largest / largest true 1.0..1.5 (2/2 .. 3/2).
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
    check("birth_dates", &floors, |seed| {
        BirthDateGenerator::builder()
            .seed(seed)
            .entities(ENTITIES)
            .build()
            .unwrap()
            .generate()
    });
}
