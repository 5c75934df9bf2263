//! Proves the comparison kernels never touch the heap for inputs of up to
//! 64 chars: a counting global allocator records every allocation made by
//! the current thread while a kernel runs.

use std::alloc::{GlobalAlloc, Layout, System};
use std::cell::Cell;

use sameas::compare;

struct CountingAllocator;

thread_local! {
    static ALLOCATIONS: Cell<usize> = const { Cell::new(0) };
}

unsafe impl GlobalAlloc for CountingAllocator {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        let _ = ALLOCATIONS.try_with(|count| count.set(count.get() + 1));
        // SAFETY: forwarding the caller's valid layout to the system allocator.
        unsafe { System.alloc(layout) }
    }

    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        // SAFETY: `ptr` was allocated by `System` with this layout.
        unsafe { System.dealloc(ptr, layout) }
    }

    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        let _ = ALLOCATIONS.try_with(|count| count.set(count.get() + 1));
        // SAFETY: forwarding a pointer and layout the caller got from us.
        unsafe { System.realloc(ptr, layout, new_size) }
    }
}

#[global_allocator]
static GLOBAL: CountingAllocator = CountingAllocator;

/// Allocations the current thread makes while running `f`.
fn allocations_during(f: impl FnOnce()) -> usize {
    let before = ALLOCATIONS.with(Cell::get);
    f();
    ALLOCATIONS.with(Cell::get) - before
}

/// Pairs of inputs up to 64 chars: ASCII, Latin with diacritics, mixed
/// scripts, emoji, zero-width characters, empty.
fn pairs() -> Vec<(String, String)> {
    let ascii64: String = "abcdefghij".repeat(7).chars().take(64).collect();
    let ascii64_other: String = "jihgfedcba".repeat(7).chars().take(64).collect();
    let unicode64: String = "Zoë Łódź 東京 สมชาย 🙂\u{200B}"
        .chars()
        .cycle()
        .take(64)
        .collect();
    let unicode64_other: String = "Zoe Lodz 東京都 สมชาย 🙃"
        .chars()
        .cycle()
        .take(64)
        .collect();
    // 64 distinct non-ASCII symbols: the worst case for the mask tables.
    let distinct: String = ('\u{0400}'..='\u{043F}').collect();
    let distinct_reversed: String = distinct.chars().rev().collect();
    let cjk_words: String = ('\u{4E00}'..'\u{4E40}').collect();
    vec![
        ("MARTHA".into(), "MARHTA".into()),
        ("Kelly Neal".into(), "Neal, Kelly".into()),
        ("José María".into(), "Jose Maria".into()),
        (String::new(), "abc".into()),
        (String::new(), String::new()),
        (ascii64.clone(), ascii64_other),
        (ascii64, unicode64.clone()),
        (unicode64, unicode64_other),
        (distinct, distinct_reversed),
        (cjk_words.clone(), cjk_words),
    ]
}

#[test]
fn string_kernels_do_not_allocate_up_to_64_chars() {
    let jaro_winkler = compare::JaroWinkler::builder()
        .max_prefix(6)
        .build()
        .unwrap();
    for (a, b) in pairs() {
        assert!(a.chars().count() <= 64 && b.chars().count() <= 64);
        let count = allocations_during(|| {
            std::hint::black_box((
                compare::exact(&a, &b),
                compare::jaro(&a, &b),
                compare::jaro_winkler(&a, &b),
                jaro_winkler.similarity(&a, &b),
                compare::levenshtein(&a, &b),
                compare::levenshtein_bounded(&a, &b, 2),
                compare::normalized_levenshtein(&a, &b),
                compare::osa_distance(&a, &b),
                compare::damerau_levenshtein(&a, &b),
                compare::hamming(&a, &b),
            ));
            std::hint::black_box((
                compare::token_jaccard(&a, &b),
                compare::token_dice(&a, &b),
                compare::qgram_jaccard(&a, &b, 2),
                compare::qgram_dice(&a, &b, 3),
                compare::qgram_jaccard(&a, &b, 5),
                compare::soundex(&a),
                compare::metaphone(&a),
                compare::nysiis(&b),
            ));
        });
        assert_eq!(count, 0, "allocations comparing {a:?} with {b:?}");
    }
}

#[test]
fn scoring_a_pair_does_not_allocate() {
    use sameas::matcher::{Matcher, Trainer};
    use sameas::synthetic::{PeopleGenerator, SyntheticData};

    let data = PeopleGenerator::builder()
        .seed(3)
        .entities(1_000)
        .build()
        .unwrap()
        .generate();
    let mut store = sameas::PreparedStore::with_options(
        SyntheticData::schema(),
        SyntheticData::prepare_options(),
    );
    data.ingest_into(&mut store).unwrap();
    let model = Trainer::new(&store).random_pairs(20_000).train().unwrap();
    let records: Vec<_> = store.records().take(200).collect();
    let mut total = 0.0;
    let allocations = allocations_during(|| {
        for a in &records {
            for b in &records {
                total += model.score(a, b).probability();
            }
        }
    });
    assert_eq!(allocations, 0);
    assert!(total > 0.0);
}

#[test]
fn the_counter_sees_allocations() {
    // Guards the test above: a broken counter would pass it vacuously.
    let long_a = "a".repeat(200);
    let long_b = "b".repeat(200);
    let count = allocations_during(|| {
        std::hint::black_box(compare::jaro(&long_a, &long_b));
    });
    assert!(count > 0);
}
