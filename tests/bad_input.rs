//! Bad input through the public API: empty values, megabyte strings,
//! emoji, zero-width characters and mixed scripts. Each case asserts the
//! exact result; none may panic or run unbounded.

use sameas::compare;
use sameas::normalize;

const MEGABYTE: usize = 1 << 20;

fn megabyte_of(pattern: &str) -> String {
    pattern.repeat(MEGABYTE / pattern.len())
}

#[test]
fn empty_strings_have_defined_results() {
    assert_eq!(compare::jaro("", ""), 1.0);
    assert_eq!(compare::jaro_winkler("", "x"), 0.0);
    assert_eq!(compare::levenshtein("", ""), 0);
    assert_eq!(compare::levenshtein_bounded("", "abc", 2), None);
    assert_eq!(compare::normalized_levenshtein("", ""), 1.0);
    assert_eq!(compare::osa_distance("", "ab"), 2);
    assert_eq!(compare::damerau_levenshtein("ab", ""), 2);
    assert_eq!(compare::hamming("", ""), Some(0));
    assert_eq!(compare::token_jaccard("", ""), 1.0);
    assert_eq!(compare::token_dice("", "a"), 0.0);
    assert_eq!(compare::qgram_jaccard("", "", 2), 1.0);
    assert_eq!(compare::soundex("").as_str(), "");
    assert_eq!(compare::metaphone("").as_str(), "");
    assert_eq!(compare::nysiis("").as_str(), "");
    assert_eq!(normalize::fold_text(""), "");
    assert_eq!(normalize::normalize_address(""), "");
    assert_eq!(
        normalize::normalize_email(" "),
        Err(normalize::EmailError::Empty { input: " ".into() })
    );
}

#[test]
fn megabyte_strings_finish_with_exact_results() {
    let big = megabyte_of("ab");
    let len = big.len();
    let mut one_edit = big.clone();
    one_edit.replace_range(len / 2..len / 2 + 1, "x");
    let shifted = megabyte_of("ba");

    assert_eq!(compare::levenshtein(&big, ""), len);
    assert_eq!(compare::levenshtein(&big, &big), 0);
    assert_eq!(compare::levenshtein(&big, &one_edit), 1);
    // Delete the leading 'a', append one: 2 edits, found by the banded path.
    assert_eq!(compare::levenshtein(&big, &shifted), 2);
    assert_eq!(compare::levenshtein(&big, "abc"), len - 2);
    assert_eq!(compare::levenshtein_bounded(&big, &one_edit, 0), None);
    assert_eq!(compare::levenshtein_bounded(&big, &one_edit, 1), Some(1));
    assert_eq!(compare::levenshtein_bounded(&big, "abc", 10), None);
    // "ba" occurs inside "abab...": delete everything else.
    assert_eq!(compare::osa_distance(&big, "ba"), len - 2);
    assert_eq!(compare::damerau_levenshtein(&big, "ba"), len - 2);
    assert_eq!(compare::damerau_levenshtein(&big, "bb"), len - 2);
    assert_eq!(compare::hamming(&big, &one_edit), Some(1));
    assert_eq!(compare::hamming(&big, &shifted), Some(len));

    assert_eq!(compare::jaro(&big, &big), 1.0);
    let jaro = compare::jaro(&big, &one_edit);
    assert!(jaro > 0.8 && jaro < 1.0, "{jaro}");
    assert_eq!(jaro, compare::jaro(&one_edit, &big));
    // Every char matches its neighbour, every pair is transposed.
    assert!((compare::jaro(&big, &shifted) - 2.5 / 3.0).abs() < 1e-12);
    // "abc" matches 'a' and 'b' within the huge window.
    let short = (2.0 / len as f64 + 2.0 / 3.0 + 1.0) / 3.0;
    assert!((compare::jaro("abc", &big) - short).abs() < 1e-12);

    assert_eq!(compare::token_jaccard(&megabyte_of("word "), "word"), 1.0);
    assert_eq!(compare::qgram_jaccard(&big, &shifted, 3), 1.0);
    assert_eq!(compare::soundex(&big).as_str(), "A111");

    let zoe = megabyte_of("Zoë ");
    let folded = normalize::fold_text(&zoe);
    assert_eq!(folded.len(), MEGABYTE / "Zoë ".len() * 4 - 1);
    assert!(folded.starts_with("zoe zoe"));
}

#[test]
fn long_inputs_agree_with_strsim() {
    // The same shapes as the megabyte cases, small enough for strsim's
    // quadratic Jaro, so the long-input paths are checked exactly.
    let big = "ab".repeat(2000);
    let mut one_edit = big.clone();
    one_edit.replace_range(2000..2001, "x");
    let shifted = "ba".repeat(2000);
    for (a, b) in [(&big, &one_edit), (&big, &shifted), (&one_edit, &shifted)] {
        assert!((compare::jaro(a, b) - strsim::jaro(a, b)).abs() < 1e-12);
        assert!((compare::jaro_winkler(a, b) - strsim::jaro_winkler(a, b)).abs() < 1e-12);
        assert_eq!(compare::levenshtein(a, b), strsim::levenshtein(a, b));
        assert_eq!(compare::osa_distance(a, b), strsim::osa_distance(a, b));
    }
}

#[test]
fn emoji_zero_width_and_mixed_scripts() {
    // Emoji are single chars to the string kernels.
    assert_eq!(compare::levenshtein("🙂🙃", "🙃🙂"), 2);
    assert_eq!(compare::damerau_levenshtein("🙂🙃", "🙃🙂"), 1);
    assert_eq!(compare::hamming("👍🏽", "👍🏿"), Some(1));
    // A zero-width space is a char to the kernels but disappears in folding.
    assert_eq!(compare::levenshtein("Kelly\u{200B}Neal", "KellyNeal"), 1);
    assert_eq!(normalize::fold_text("Kelly\u{200B}Neal"), "kellyneal");
    assert_eq!(normalize::fold_text("\u{FEFF}\u{200D}"), "");
    assert_eq!(normalize::fold_text("🙂 Kelly 🙃"), "kelly");
    // Mixed scripts compare char by char; folding keeps every script.
    assert_eq!(compare::levenshtein("Иван Petrov", "Ivan Petrov"), 4);
    assert_eq!(normalize::fold_text("Иван PETROV 東京"), "иван petrov 東京");
    assert_eq!(compare::token_jaccard("東京 Tokyo", "Tokyo 東京"), 1.0);
    assert_eq!(compare::soundex("東京").as_str(), "");
    // Non-Latin letters are skipped; the rest encodes as one word: MEGASMITH.
    assert_eq!(compare::soundex("Ωmega Smith").as_str(), "M225");
}
