//! Property tests: our kernels agree with strsim (the reference) on random
//! strings, and the metric laws hold.

use proptest::prelude::*;
use sameas::compare;

/// Strings over a small mixed alphabet, so that matches, transpositions and
/// repeats are frequent, long enough to cross the 64-symbol fast path.
fn small_alphabet() -> impl Strategy<Value = String> {
    prop_oneof![
        "[abcdeé€ ]{0,20}",
        "[ab]{0,80}",
        "[a-e]{60,70}",
        "[aéßЖ東🙂\u{200B}]{0,70}",
    ]
}

/// Arbitrary Unicode text (any scalar values but surrogates).
fn any_text() -> impl Strategy<Value = String> {
    prop_oneof!["\\PC{0,24}", ".{0,24}", "[a-zA-Z]{0,12}"]
}

fn text() -> impl Strategy<Value = String> {
    prop_oneof![small_alphabet(), any_text()]
}

fn chars(s: &str) -> Vec<char> {
    s.chars().collect()
}

/// Jaro matches and transpositions by the textbook quadratic algorithm.
fn reference_counts(a: &str, b: &str) -> (u128, u128) {
    let (a, b) = (chars(a), chars(b));
    let range = (a.len().max(b.len()) / 2).saturating_sub(1);
    let mut b_used = vec![false; b.len()];
    let mut a_matched = Vec::new();
    for (i, &x) in a.iter().enumerate() {
        let lo = i.saturating_sub(range);
        let hi = (i + range + 1).min(b.len());
        if let Some(j) = (lo..hi).find(|&j| !b_used[j] && b[j] == x) {
            b_used[j] = true;
            a_matched.push(x);
        }
    }
    let b_matched = b
        .iter()
        .zip(&b_used)
        .filter(|&(_, &used)| used)
        .map(|(&y, _)| y);
    let half = a_matched
        .iter()
        .zip(b_matched)
        .filter(|&(&x, ref y)| x != *y)
        .count();
    (a_matched.len() as u128, (half / 2) as u128)
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(2000))]

    #[test]
    fn jaro_agrees_with_strsim(a in text(), b in text()) {
        let ours = compare::jaro(&a, &b);
        let reference = strsim::jaro(&a, &b);
        prop_assert!((ours - reference).abs() < 1e-12, "{ours} vs {reference}");
        prop_assert!((0.0..=1.0).contains(&ours));
        prop_assert_eq!(ours, compare::jaro_slices(&chars(&a), &chars(&b)));
    }

    #[test]
    fn jaro_winkler_agrees_with_strsim(a in text(), b in text()) {
        let ours = compare::jaro_winkler(&a, &b);
        let reference = strsim::jaro_winkler(&a, &b);
        prop_assert!((0.0..=1.0).contains(&ours));
        let jaro = compare::jaro(&a, &b);
        if (jaro - 0.7).abs() < 1e-12 {
            // Exactly at the boost threshold strsim's rounding may tip the
            // pair over it; ours is correctly rounded and does not boost.
            prop_assert_eq!(ours, jaro);
        } else {
            prop_assert!((ours - reference).abs() < 1e-12, "{ours} vs {reference}");
        }
    }

    #[test]
    fn jaro_is_correctly_rounded(a in text(), b in text()) {
        // The exact rational value, computed independently in integers.
        let (matches, transpositions) = reference_counts(&a, &b);
        let (la, lb) = (a.chars().count() as u128, b.chars().count() as u128);
        let ours = compare::jaro(&a, &b);
        if matches == 0 {
            prop_assert_eq!(ours, if la + lb == 0 { 1.0 } else { 0.0 });
        } else {
            let numerator = matches * matches * (la + lb) + (matches - transpositions) * la * lb;
            let denominator = 3 * la * lb * matches;
            prop_assert_eq!(ours, numerator as f64 / denominator as f64);
        }
    }

    #[test]
    fn levenshtein_agrees_with_strsim(a in text(), b in text()) {
        let ours = compare::levenshtein(&a, &b);
        prop_assert_eq!(ours, strsim::levenshtein(&a, &b));
        prop_assert_eq!(ours, compare::levenshtein(&b, &a));
        prop_assert_eq!(ours, compare::levenshtein_slices(&chars(&a), &chars(&b)));
        let similarity = compare::normalized_levenshtein(&a, &b);
        prop_assert!((similarity - strsim::normalized_levenshtein(&a, &b)).abs() < 1e-12);
    }

    #[test]
    fn a_transposition_is_one_swap_of_adjacent_symbols(a in text(), b in text(), at in 0usize..8) {
        // Against the obvious reference: the same length, OSA distance 1
        // and the same multiset of symbols (one substitution keeps the
        // distance but changes the symbols; one insertion changes the
        // length).
        let reference = |a: &str, b: &str| {
            let (mut x, mut y): (Vec<char>, Vec<char>) = (a.chars().collect(), b.chars().collect());
            x.sort_unstable();
            y.sort_unstable();
            x.len() == y.len() && x == y && strsim::osa_distance(a, b) == 1
        };
        prop_assert_eq!(compare::is_transposition(&a, &b), reference(&a, &b));
        prop_assert_eq!(compare::is_transposition(&a, &b), compare::is_transposition(&b, &a));
        // A swap made on purpose is found.
        let chars: Vec<char> = a.chars().collect();
        if at + 1 < chars.len() && chars[at] != chars[at + 1] {
            let mut swapped = chars.clone();
            swapped.swap(at, at + 1);
            let swapped: String = swapped.into_iter().collect();
            prop_assert!(compare::is_transposition(&a, &swapped));
        }
    }

    #[test]
    fn osa_agrees_with_strsim(a in text(), b in text()) {
        let ours = compare::osa_distance(&a, &b);
        prop_assert_eq!(ours, strsim::osa_distance(&a, &b));
        prop_assert_eq!(ours, compare::osa_distance(&b, &a));
    }

    #[test]
    fn damerau_agrees_with_strsim(a in text(), b in text()) {
        let ours = compare::damerau_levenshtein(&a, &b);
        prop_assert_eq!(ours, strsim::damerau_levenshtein(&a, &b));
        prop_assert_eq!(ours, compare::damerau_levenshtein(&b, &a));
    }

    #[test]
    fn hamming_agrees_with_strsim(a in text(), b in text()) {
        prop_assert_eq!(compare::hamming(&a, &b), strsim::hamming(&a, &b).ok());
        prop_assert_eq!(compare::hamming(&a, &a), Some(0));
    }

    #[test]
    fn bounded_levenshtein_is_exact_under_the_cut_off(a in text(), b in text(), cut_off in 0usize..90) {
        let distance = compare::levenshtein(&a, &b);
        let bounded = compare::levenshtein_bounded(&a, &b, cut_off);
        if distance <= cut_off {
            prop_assert_eq!(bounded, Some(distance));
        } else {
            prop_assert_eq!(bounded, None);
        }
    }

    #[test]
    fn edit_distances_obey_the_metric_laws(a in text(), b in text(), c in text()) {
        prop_assert_eq!(compare::levenshtein(&a, &a), 0);
        prop_assert_eq!(compare::osa_distance(&a, &a), 0);
        prop_assert_eq!(compare::damerau_levenshtein(&a, &a), 0);
        let (la, lb) = (a.chars().count(), b.chars().count());
        let lev = compare::levenshtein(&a, &b);
        prop_assert!(la.abs_diff(lb) <= lev && lev <= la.max(lb));
        prop_assert!(compare::damerau_levenshtein(&a, &b) <= compare::osa_distance(&a, &b));
        prop_assert!(compare::osa_distance(&a, &b) <= lev);
        prop_assert!(compare::levenshtein(&a, &c) <= lev + compare::levenshtein(&b, &c));
        prop_assert!(
            compare::damerau_levenshtein(&a, &c)
                <= compare::damerau_levenshtein(&a, &b) + compare::damerau_levenshtein(&b, &c)
        );
    }

    #[test]
    fn set_similarities_are_symmetric_and_bounded(a in text(), b in text(), q in 0usize..6) {
        for similarity in [
            compare::token_jaccard(&a, &b),
            compare::token_dice(&a, &b),
            compare::qgram_jaccard(&a, &b, q),
            compare::qgram_dice(&a, &b, q),
        ] {
            prop_assert!((0.0..=1.0).contains(&similarity));
        }
        prop_assert_eq!(compare::token_jaccard(&a, &b), compare::token_jaccard(&b, &a));
        prop_assert_eq!(compare::qgram_dice(&a, &b, q), compare::qgram_dice(&b, &a, q));
        prop_assert_eq!(compare::qgram_jaccard(&a, &a, q), 1.0);
        prop_assert_eq!(compare::token_dice(&a, &a), 1.0);
        // Dice = 2J / (1 + J).
        let j = compare::qgram_jaccard(&a, &b, q);
        prop_assert!((compare::qgram_dice(&a, &b, q) - 2.0 * j / (1.0 + j)).abs() < 1e-12);
    }

    #[test]
    fn similarities_are_symmetric_with_identity(a in text(), b in text()) {
        prop_assert_eq!(compare::jaro(&a, &a), 1.0);
        prop_assert_eq!(compare::jaro_winkler(&a, &a), 1.0);
        prop_assert_eq!(compare::normalized_levenshtein(&a, &a), 1.0);
        prop_assert!((compare::jaro(&a, &b) - compare::jaro(&b, &a)).abs() < 1e-12);
    }
}
