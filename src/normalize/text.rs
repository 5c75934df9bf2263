//! Free-text folding: the canonical comparison form of names, streets,
//! company names and other human-typed text.
//!
//! Every function here borrows its input when nothing changes and
//! otherwise allocates the output once, sized to the input. They work one
//! `char` at a time, so their cost is linear and they never recurse.
//!
//! # What [`fold_text`] does, in order, per character
//!
//! 1. Zero-width and format characters (U+200B..U+200F, U+202A..U+202E,
//!    U+2060..U+206F, U+FEFF, U+00AD soft hyphen, variation selectors, tag
//!    characters) are deleted: they are invisible, so two values that
//!    differ only by them must compare equal.
//! 2. Apostrophes (`'` `’` `‘` `ʼ` `ʻ` `` ` `` `´` `′`) and the Catalan
//!    middle dot `·` are deleted, so `O'Brien` becomes `obrien` and
//!    `Paral·lel` becomes `parallel`.
//! 3. Precomposed Hangul syllables are kept whole (use [`hangul_to_jamo`]
//!    for a finer-grained form).
//! 4. Everything else is decomposed with NFKD, which also folds full-width
//!    forms, ligatures and superscripts to their plain letters.
//! 5. Diacritic marks are dropped: the generic combining blocks
//!    (U+0300..U+036F, U+1AB0..U+1AFF, U+1DC0..U+1DFF, U+20D0..U+20FF,
//!    U+FE20..U+FE2F) plus the optional Hebrew points and Arabic harakat.
//!    Combining marks that spell a script (Thai vowels, Devanagari signs,
//!    the Japanese voicing mark) are kept, in their input order.
//! 6. Letters are lowercased with Unicode's full lowercase mapping, which
//!    serves as our case folding; final sigma `ς` becomes `σ`.
//! 7. Letters NFKD leaves alone are spelled out: `ł`→`l`, `đ`/`ð`→`d`,
//!    `ø`→`o`, `æ`→`ae`, `œ`→`oe`, `ß`→`ss`, `ı`→`i`, `þ`→`th`,
//!    `ħ`→`h`, `ŧ`→`t` (and their capitals).
//! 8. Letters, digits and kept marks of every script stay; every other
//!    character (punctuation, symbols including emoji, white space,
//!    controls) is a separator. Runs of separators become one ASCII space
//!    and the result is trimmed.

use std::borrow::Cow;

use unicode_normalization::char::{decompose_canonical, decompose_compatible, is_combining_mark};

/// Returns the canonical comparison form of free text: lowercase, without
/// diacritics, apostrophes or invisible characters, with every other
/// punctuation or symbol turned into a single space.
///
/// See the [module documentation](self) for the exact rules. The result is
/// idempotent: folding it again returns it unchanged (and borrowed).
///
/// Returns [`Cow::Borrowed`] exactly when the input is already in canonical
/// form; otherwise allocates once, with the input's length as capacity
/// (folding rarely grows text; `ß`→`ss` and a few ligatures can).
///
/// # Examples
///
/// ```
/// use std::borrow::Cow;
/// use sameas::normalize::fold_text;
///
/// assert_eq!(fold_text("  Zoë   O'Brien "), "zoe obrien");
/// assert_eq!(fold_text("ŁÓDŹ"), "lodz");
/// assert_eq!(fold_text("Straße"), "strasse");
/// assert_eq!(fold_text("José-María"), "jose maria");
/// assert_eq!(fold_text("ＡＢＣ"), "abc");
/// assert!(matches!(fold_text("already clean"), Cow::Borrowed("already clean")));
/// ```
pub fn fold_text(input: &str) -> Cow<'_, str> {
    if is_canonical_ascii(input.as_bytes()) {
        return Cow::Borrowed(input);
    }
    if input.is_ascii() {
        return Cow::Owned(fold_ascii_text(input.as_bytes()));
    }
    let mut folder = TextFolder {
        out: LazyCow::new(input),
        pending_separator: false,
    };
    for c in input.chars() {
        folder.fold_input_char(c);
    }
    folder.out.finish()
}

/// Removes diacritics and spells out special Latin letters, keeping case,
/// punctuation and spacing.
///
/// Uses the canonical decomposition (NFD), not NFKD, so full-width forms
/// and ligatures are left alone; drops the same marks as [`fold_text`] and
/// maps `ł`→`l`, `Ł`→`L`, `ß`→`ss`, `ẞ`→`SS`, `Æ`→`AE`, `Þ`→`TH` and so on.
/// Hangul syllables are kept whole. Borrows when nothing changes.
///
/// # Examples
///
/// ```
/// use std::borrow::Cow;
/// use sameas::normalize::fold_diacritics;
///
/// assert_eq!(fold_diacritics("Łódź, Zoë!"), "Lodz, Zoe!");
/// assert_eq!(fold_diacritics("Ærøskøbing"), "AEroskobing");
/// assert!(matches!(fold_diacritics("Plain ASCII."), Cow::Borrowed(_)));
/// ```
pub fn fold_diacritics(input: &str) -> Cow<'_, str> {
    if input.is_ascii() {
        return Cow::Borrowed(input);
    }
    let mut out = LazyCow::new(input);
    for c in input.chars() {
        if c.is_ascii() || is_hangul_syllable(c) {
            out.push(c);
            continue;
        }
        decompose_canonical(c, |decomposed| {
            if is_dropped_mark(decomposed) {
                return;
            }
            match special_letter(decomposed) {
                Some(spelled) => out.push_str(spelled),
                None => out.push(decomposed),
            }
        });
    }
    out.finish()
}

/// Replaces every run of Unicode white space with one ASCII space and trims
/// both ends. Borrows when nothing changes.
///
/// # Examples
///
/// ```
/// use std::borrow::Cow;
/// use sameas::normalize::collapse_whitespace;
///
/// assert_eq!(collapse_whitespace(" Anna \t\u{3000} Maria\n"), "Anna Maria");
/// assert!(matches!(collapse_whitespace("Anna Maria"), Cow::Borrowed(_)));
/// ```
pub fn collapse_whitespace(input: &str) -> Cow<'_, str> {
    let mut out = LazyCow::new(input);
    let mut pending_space = false;
    let mut started = false;
    for c in input.chars() {
        if c.is_whitespace() {
            pending_space = started;
        } else {
            if pending_space {
                out.push(' ');
                pending_space = false;
            }
            out.push(c);
            started = true;
        }
    }
    out.finish()
}

/// Decomposes precomposed Hangul syllables (U+AC00..U+D7A3) into
/// conjoining jamo (leading consonant, vowel, optional trailing consonant),
/// so that edit distances between Korean names count letters rather than
/// whole syllables. Other characters are copied; borrows when the input
/// holds no syllable.
///
/// # Examples
///
/// ```
/// use std::borrow::Cow;
/// use sameas::normalize::hangul_to_jamo;
///
/// // 한 = ᄒ + ᅡ + ᆫ
/// assert_eq!(hangul_to_jamo("한"), "\u{1112}\u{1161}\u{11AB}");
/// // 김 and 금 differ in one syllable but only one jamo.
/// assert_eq!(hangul_to_jamo("김").chars().count(), 3);
/// assert!(matches!(hangul_to_jamo("Kim"), Cow::Borrowed("Kim")));
/// ```
pub fn hangul_to_jamo(input: &str) -> Cow<'_, str> {
    if !input.chars().any(is_hangul_syllable) {
        return Cow::Borrowed(input);
    }
    // Each syllable is 3 bytes and becomes at most 9.
    let mut out = String::with_capacity(input.len() * 2);
    for c in input.chars() {
        match decompose_hangul_syllable(c) {
            Some((leading, vowel, trailing)) => {
                out.push(leading);
                out.push(vowel);
                if let Some(trailing) = trailing {
                    out.push(trailing);
                }
            }
            None => out.push(c),
        }
    }
    Cow::Owned(out)
}

/// True when `bytes` is already what [`fold_text`] would return and is
/// ASCII: only `a-z`, `0-9` and single inner spaces.
fn is_canonical_ascii(bytes: &[u8]) -> bool {
    let mut previous_was_space = true; // forbids a leading space
    for &byte in bytes {
        match byte {
            b'a'..=b'z' | b'0'..=b'9' => previous_was_space = false,
            b' ' if !previous_was_space => previous_was_space = true,
            _ => return false,
        }
    }
    !previous_was_space || bytes.is_empty()
}

/// [`fold_text`] for ASCII input that is not already canonical: the same
/// rules as `TextFolder::fold_ascii`, as one pass over bytes into a
/// buffer sized once (ingestion folds several values per record).
fn fold_ascii_text(bytes: &[u8]) -> String {
    let mut out = Vec::with_capacity(bytes.len());
    let mut pending_separator = false;
    for &byte in bytes {
        let kept = match byte {
            b'a'..=b'z' | b'0'..=b'9' => byte,
            b'A'..=b'Z' => byte.to_ascii_lowercase(),
            b'\'' | b'`' => continue,
            _ => {
                pending_separator = true;
                continue;
            }
        };
        if pending_separator && !out.is_empty() {
            out.push(b' ');
        }
        pending_separator = false;
        out.push(kept);
    }
    // Only ASCII letters, digits and spaces were pushed.
    String::from_utf8(out).unwrap_or_default()
}

/// The per-character state machine behind [`fold_text`].
struct TextFolder<'a> {
    out: LazyCow<'a>,
    /// A separator was seen after some output and not yet written: it is
    /// written only if more output follows, which trims the end for free.
    pending_separator: bool,
}

impl TextFolder<'_> {
    fn fold_input_char(&mut self, c: char) {
        if c.is_ascii() {
            self.fold_ascii(c);
        } else if is_deleted(c) {
            // Invisible or apostrophe: joins its neighbours.
        } else if is_hangul_syllable(c) {
            self.keep(c);
        } else {
            decompose_compatible(c, |decomposed| self.fold_decomposed_char(decomposed));
        }
    }

    fn fold_ascii(&mut self, c: char) {
        match c {
            'a'..='z' | '0'..='9' => self.keep(c),
            'A'..='Z' => self.keep(c.to_ascii_lowercase()),
            '\'' | '`' => {}
            _ => self.separate(),
        }
    }

    fn fold_decomposed_char(&mut self, c: char) {
        if c.is_ascii() {
            self.fold_ascii(c);
        } else if is_deleted(c) || is_dropped_mark(c) {
            // Deleted outright.
        } else if is_combining_mark(c) {
            // A mark that spells its script (Thai vowel, Devanagari sign).
            self.keep(c);
        } else if c.is_alphanumeric() && !is_emoji_letter(c) {
            for lower in c.to_lowercase() {
                self.keep_lowercase_letter(lower);
            }
        } else {
            self.separate();
        }
    }

    fn keep_lowercase_letter(&mut self, c: char) {
        if is_dropped_mark(c) {
            return;
        }
        if c == 'ς' {
            self.keep('σ');
        } else if let Some(spelled) = special_letter(c) {
            for spelled_char in spelled.chars() {
                self.keep(spelled_char);
            }
        } else {
            self.keep(c);
        }
    }

    fn keep(&mut self, c: char) {
        if self.pending_separator {
            self.out.push(' ');
            self.pending_separator = false;
        }
        self.out.push(c);
    }

    fn separate(&mut self) {
        self.pending_separator = self.out.has_output();
    }
}

/// Characters deleted without leaving a separator: invisible format
/// characters and apostrophe-like marks that join the parts of one word.
fn is_deleted(c: char) -> bool {
    matches!(
        c,
        '\u{00AD}'                      // soft hyphen
        | '\u{034F}'                    // combining grapheme joiner
        | '\u{061C}'                    // Arabic letter mark
        | '\u{180B}'..='\u{180F}'       // Mongolian variation selectors
        | '\u{200B}'..='\u{200F}'       // zero-width space, joiners, LRM/RLM
        | '\u{202A}'..='\u{202E}'       // bidi embeddings and overrides
        | '\u{2060}'..='\u{206F}'       // word joiner, invisible operators, isolates
        | '\u{FE00}'..='\u{FE0F}'       // variation selectors (emoji presentation)
        | '\u{FEFF}'                    // byte-order mark / zero-width no-break space
        | '\u{FFF9}'..='\u{FFFB}'       // interlinear annotation
        | '\u{E0000}'..='\u{E007F}'     // tag characters
        | '\u{E0100}'..='\u{E01EF}'     // variation selectors supplement
        | '\''
        | '`'
        | '\u{00B4}'                    // acute accent, typed as an apostrophe
        | '\u{00B7}'                    // middle dot (Catalan l·l)
        | '\u{02BB}'                    // modifier turned comma (ʻokina)
        | '\u{02BC}'                    // modifier letter apostrophe
        | '\u{2018}'                    // left single quotation mark
        | '\u{2019}'                    // right single quotation mark
        | '\u{2032}' // prime
    )
}

/// Negative circled and squared Latin capitals (🅰, 🅿): Unicode counts
/// them as letters, but they have no decomposition or lowercase and are
/// used as emoji, so they separate like other emoji.
fn is_emoji_letter(c: char) -> bool {
    matches!(c, '\u{1F150}'..='\u{1F169}' | '\u{1F170}'..='\u{1F189}')
}

/// Combining marks that only decorate a base letter (accents, Hebrew
/// points, Arabic harakat). Marks that are part of a script's spelling
/// are not listed and are kept.
fn is_dropped_mark(c: char) -> bool {
    match c {
        '\u{0300}'..='\u{036F}'
        | '\u{1AB0}'..='\u{1AFF}'
        | '\u{1DC0}'..='\u{1DFF}'
        | '\u{20D0}'..='\u{20FF}'
        | '\u{FE20}'..='\u{FE2F}' => true,
        // The Hebrew and Arabic ranges mix marks with punctuation and
        // letters; only the marks are optional vocalisation.
        '\u{0591}'..='\u{05C7}' | '\u{064B}'..='\u{065F}' | '\u{0670}' => is_combining_mark(c),
        _ => false,
    }
}

/// Letters without a Unicode decomposition that readers still treat as
/// accented or ligated Latin letters.
fn special_letter(c: char) -> Option<&'static str> {
    Some(match c {
        'ß' => "ss",
        'ẞ' => "SS",
        'ł' => "l",
        'Ł' => "L",
        'đ' | 'ð' => "d",
        'Đ' | 'Ð' => "D",
        'ø' => "o",
        'Ø' => "O",
        'æ' => "ae",
        'Æ' => "AE",
        'œ' => "oe",
        'Œ' => "OE",
        'ı' => "i",
        'þ' => "th",
        'Þ' => "TH",
        'ħ' => "h",
        'Ħ' => "H",
        'ŧ' => "t",
        'Ŧ' => "T",
        _ => return None,
    })
}

const HANGUL_SYLLABLE_FIRST: u32 = 0xAC00;
const HANGUL_SYLLABLE_LAST: u32 = 0xD7A3;
const HANGUL_LEADING_FIRST: u32 = 0x1100;
const HANGUL_VOWEL_FIRST: u32 = 0x1161;
/// One before the first trailing consonant: trailing index 0 means "none".
const HANGUL_TRAILING_BASE: u32 = 0x11A7;
const HANGUL_VOWEL_COUNT: u32 = 21;
const HANGUL_TRAILING_COUNT: u32 = 28;

fn is_hangul_syllable(c: char) -> bool {
    (HANGUL_SYLLABLE_FIRST..=HANGUL_SYLLABLE_LAST).contains(&u32::from(c))
}

/// Splits a precomposed syllable into (leading, vowel, trailing) jamo with
/// the Unicode arithmetic (chapter 3.12); `None` for any other character.
fn decompose_hangul_syllable(c: char) -> Option<(char, char, Option<char>)> {
    if !is_hangul_syllable(c) {
        return None;
    }
    let index = u32::from(c) - HANGUL_SYLLABLE_FIRST;
    let per_leading = HANGUL_VOWEL_COUNT * HANGUL_TRAILING_COUNT;
    let leading = char::from_u32(HANGUL_LEADING_FIRST + index / per_leading)?;
    let vowel = char::from_u32(HANGUL_VOWEL_FIRST + (index % per_leading) / HANGUL_TRAILING_COUNT)?;
    let trailing_index = index % HANGUL_TRAILING_COUNT;
    let trailing = if trailing_index == 0 {
        None
    } else {
        Some(char::from_u32(HANGUL_TRAILING_BASE + trailing_index)?)
    };
    Some((leading, vowel, trailing))
}

/// An output string that stays a borrow of the input for as long as the
/// output written so far is a prefix of the input, and allocates once, at
/// the first difference.
pub(super) struct LazyCow<'a> {
    input: &'a str,
    /// Bytes of `input` that the output matches so far (always on a char
    /// boundary, because only whole encoded chars are matched).
    matched: usize,
    owned: Option<String>,
}

impl<'a> LazyCow<'a> {
    pub(super) fn new(input: &'a str) -> Self {
        Self {
            input,
            matched: 0,
            owned: None,
        }
    }

    pub(super) fn has_output(&self) -> bool {
        self.matched > 0 || self.owned.as_ref().is_some_and(|s| !s.is_empty())
    }

    pub(super) fn push(&mut self, c: char) {
        if let Some(owned) = &mut self.owned {
            owned.push(c);
            return;
        }
        let mut buffer = [0; 4];
        let encoded = c.encode_utf8(&mut buffer).as_bytes();
        let end = self.matched + encoded.len();
        let input = self.input.as_bytes();
        // One byte (ASCII, most chars) is compared as a byte, not through
        // a slice comparison's call.
        let matches = match encoded {
            [byte] => input.get(self.matched) == Some(byte),
            _ => input.get(self.matched..end) == Some(encoded),
        };
        if matches {
            self.matched = end;
        } else {
            let mut owned = String::with_capacity(self.input.len().max(self.matched + 4));
            owned.push_str(self.matched_prefix());
            owned.push(c);
            self.owned = Some(owned);
        }
    }

    pub(super) fn push_str(&mut self, s: &str) {
        for c in s.chars() {
            self.push(c);
        }
    }

    fn matched_prefix(&self) -> &'a str {
        self.input.get(..self.matched).unwrap_or_default()
    }

    /// Borrowed when the output is the whole input, owned otherwise.
    pub(super) fn finish(self) -> Cow<'a, str> {
        match self.owned {
            Some(owned) => Cow::Owned(owned),
            None if self.matched == self.input.len() => Cow::Borrowed(self.input),
            None => Cow::Owned(self.matched_prefix().to_owned()),
        }
    }
}

/// The fewest characters of an identifier that is a placeholder (see
/// [`is_placeholder_identifier`]): shorter ones such as `1111` or
/// `123456` are real ids in small numbering schemes.
const MIN_PLACEHOLDER_IDENTIFIER: usize = 8;

/// Whether a normalised identifier (folded, without spaces or
/// separators) is a placeholder written when the real one was not known:
/// one character repeated (`000000000` for `000-00-0000`, `999999999`,
/// `xxxxxxxxx`) or the digits counted up from 0 or 1 (`123456789`,
/// `0123456789`), at least eight characters long. Records sharing one are
/// not one entity, and one against a real identifier is no
/// disagreement, so the prepared store keeps it as missing.
///
/// # Examples
///
/// ```
/// use sameas::normalize::is_placeholder_identifier;
/// assert!(is_placeholder_identifier("000000000"));
/// assert!(is_placeholder_identifier("123456789"));
/// assert!(!is_placeholder_identifier("863867052"));
/// assert!(!is_placeholder_identifier("123456"));
/// ```
pub fn is_placeholder_identifier(normalized: &str) -> bool {
    let mut chars = normalized.chars();
    let Some(first) = chars.next() else {
        return false;
    };
    if normalized.chars().count() < MIN_PLACEHOLDER_IDENTIFIER {
        return false;
    }
    let repeated = chars.all(|c| c == first);
    let counted_up = matches!(first, '0' | '1')
        && normalized
            .bytes()
            .zip(normalized.bytes().skip(1))
            .all(|(a, b)| {
                a.is_ascii_digit() && b.is_ascii_digit() && (b == a + 1 || (a == b'9' && b == b'0'))
            });
    repeated || counted_up
}

#[cfg(test)]
mod tests {
    use super::*;

    proptest::proptest! {
        /// One character repeated, or digits counted up from 0 or 1 (on
        /// past 9 to 0), is a placeholder from eight characters on; one
        /// character changed or a shorter run is not; nothing panics.
        #[test]
        fn placeholder_identifiers_are_long_repeats_or_counts(
            repeated in "[0-9a-zX]",
            start in 0usize..2,
            len in 1usize..14,
            changed in 0usize..14,
            other in "\\PC{0,12}",
        ) {
            let counted: String = "01234567890123456789".chars().skip(start).take(len).collect();
            let run = repeated.repeat(len);
            for text in [&run, &counted] {
                let long_enough = text.chars().count() >= 8;
                proptest::prop_assert_eq!(is_placeholder_identifier(text), long_enough, "{}", text);
                // One character changed breaks the pattern.
                let mut broken: Vec<char> = text.chars().collect();
                if let Some(c) = broken.get_mut(changed) {
                    *c = if *c == '5' { '7' } else { '5' };
                    let broken: String = broken.into_iter().collect();
                    if broken != *text && broken.chars().count() >= 3 {
                        proptest::prop_assert!(!is_placeholder_identifier(&broken), "{}", broken);
                    }
                }
            }
            let _ = is_placeholder_identifier(&other);
            proptest::prop_assert!(!is_placeholder_identifier("123456789:"));
        }
    }

    proptest::proptest! {
        #[test]
        fn the_ascii_fast_path_agrees_with_the_state_machine(input in "[ -~\t\n]{0,40}") {
            let mut folder = TextFolder { out: LazyCow::new(&input), pending_separator: false };
            for c in input.chars() {
                folder.fold_input_char(c);
            }
            let slow = folder.out.finish();
            let fast = fold_text(&input);
            proptest::prop_assert_eq!(fast.as_ref(), slow.as_ref());
        }
    }
    use proptest::prelude::*;

    #[allow(clippy::ptr_arg)] // the point is to inspect the Cow variant
    fn is_borrowed(cow: &Cow<'_, str>) -> bool {
        matches!(cow, Cow::Borrowed(_))
    }

    #[test]
    fn fold_text_brief_examples() {
        assert_eq!(fold_text("  Zoë   O'Brien "), "zoe obrien");
        assert_eq!(fold_text("ŁÓDŹ"), "lodz");
        assert_eq!(fold_text("Straße"), "strasse");
        assert_eq!(fold_text("José-María"), "jose maria");
        assert_eq!(fold_text("ＡＢＣ"), "abc");
        assert!(is_borrowed(&fold_text("already clean")));
    }

    #[test]
    fn fold_text_special_letters() {
        assert_eq!(fold_text("Łukasz Đoković"), "lukasz dokovic");
        assert_eq!(fold_text("Søren Ærø"), "soren aero");
        assert_eq!(fold_text("Œuvre"), "oeuvre");
        assert_eq!(fold_text("ẞ"), "ss");
        assert_eq!(fold_text("Işık"), "isik");
        assert_eq!(fold_text("Þórður"), "thordur");
        assert_eq!(fold_text("Ǿ"), "o");
        assert_eq!(fold_text("İstanbul"), "istanbul");
        assert_eq!(fold_text("ΟΔΥΣΣΕΥΣ"), "οδυσσευσ");
        assert_eq!(fold_text("Ελλάς"), "ελλασ");
    }

    #[test]
    fn fold_text_apostrophes_and_invisibles() {
        assert_eq!(fold_text("O’Brien"), "obrien");
        assert_eq!(fold_text("Oʼ Brien"), "o brien");
        assert_eq!(fold_text("D`Angelo"), "dangelo");
        assert_eq!(fold_text("O´Neill"), "oneill");
        assert_eq!(fold_text("Hawaiʻi"), "hawaii");
        assert_eq!(fold_text("Paral·lel"), "parallel");
        assert_eq!(fold_text("Jo\u{200B}hn"), "john");
        assert_eq!(fold_text("co\u{AD}operate"), "cooperate");
        assert_eq!(fold_text("\u{FEFF}anna"), "anna");
        assert_eq!(fold_text("a\u{200D}b\u{2060}c"), "abc");
    }

    #[test]
    fn fold_text_separators() {
        assert_eq!(fold_text("Smith,John"), "smith john");
        assert_eq!(fold_text("a\t\n\r b"), "a b");
        assert_eq!(fold_text("a\u{0}b"), "a b");
        assert_eq!(fold_text("Anne—Marie"), "anne marie");
        assert_eq!(fold_text("A.B.C."), "a b c");
        assert_eq!(fold_text("(555) 010-2030"), "555 010 2030");
        assert_eq!(fold_text("\u{3000}東京\u{3000}"), "東京");
    }

    #[test]
    fn fold_text_compatibility_forms() {
        assert_eq!(fold_text("ﬁnance"), "finance");
        assert_eq!(fold_text("x²"), "x2");
        assert_eq!(fold_text("①"), "1");
        assert_eq!(fold_text("ｶﾀｶﾅ"), "カタカナ");
        assert_eq!(fold_text("Ⅻ"), "xii");
    }

    #[test]
    fn fold_text_keeps_other_scripts() {
        for text in ["東京", "สวัสดี", "مرحبا", "москва", "김민준", "नमस्ते"]
        {
            let folded = fold_text(text);
            assert_eq!(folded, text);
            assert!(is_borrowed(&folded), "{text}");
        }
        assert_eq!(fold_text("МОСКВА"), "москва");
        // Arabic harakat and Hebrew niqqud are optional vowel marks.
        assert_eq!(fold_text("مُحَمَّد"), "محمد");
        assert_eq!(fold_text("שָׁלוֹם"), "שלום");
        assert_eq!(fold_text("Ёлка"), "елка");
    }

    #[test]
    fn fold_text_emoji_are_separators() {
        assert_eq!(fold_text("😀"), "");
        assert_eq!(fold_text("Anna😀Maria"), "anna maria");
        assert_eq!(fold_text("❤️ Bob 👍🏽"), "bob");
        assert_eq!(fold_text("👨‍👩‍👧"), "");
        assert_eq!(fold_text("🇫🇷 Paris"), "paris");
        assert_eq!(fold_text("1\u{FE0F}\u{20E3}"), "1");
        assert_eq!(fold_text("🅰\u{FE0F}🅱"), "");
    }

    #[test]
    fn fold_text_empty_and_blank() {
        assert!(is_borrowed(&fold_text("")));
        assert_eq!(fold_text(""), "");
        assert_eq!(fold_text("   "), "");
        assert_eq!(fold_text("'''"), "");
        assert_eq!(fold_text("\u{200B}"), "");
    }

    #[test]
    fn fold_text_borrows_only_when_unchanged() {
        assert!(is_borrowed(&fold_text("a")));
        assert!(is_borrowed(&fold_text("a b c 123")));
        assert!(is_borrowed(&fold_text("zoe ελλασ")));
        for changed in ["A", " a", "a ", "a  b", "a-b", "zoë"] {
            assert!(!is_borrowed(&fold_text(changed)), "{changed:?}");
        }
        // A pure prefix of the input is still a change.
        assert_eq!(fold_text("abc "), "abc");
        assert!(!is_borrowed(&fold_text("abc ")));
    }

    #[test]
    fn fold_text_huge_input() {
        let huge = "Zoë O'Brien, ".repeat(80_000);
        let folded = fold_text(&huge);
        assert_eq!(folded.len(), "zoe obrien ".len() * 80_000 - 1);
        assert!(folded.starts_with("zoe obrien zoe"));
    }

    #[test]
    fn fold_text_is_idempotent_for_every_char() {
        // Folding is per character plus separator collapsing, so checking
        // every scalar value proves idempotence for all strings.
        for c in (0..=u32::from(char::MAX)).filter_map(char::from_u32) {
            let mut buffer = [0; 4];
            let once = fold_text(c.encode_utf8(&mut buffer)).into_owned();
            let twice = fold_text(&once);
            assert_eq!(twice, once, "U+{:04X}", u32::from(c));
            assert!(is_borrowed(&twice), "U+{:04X}", u32::from(c));
            assert!(
                !once.chars().any(char::is_uppercase),
                "U+{:04X}",
                u32::from(c)
            );
            assert!(
                !once
                    .chars()
                    .any(|o| o != ' ' && (o.is_whitespace() || o.is_control() || is_deleted(o))),
                "U+{:04X}",
                u32::from(c)
            );
            assert!(
                !once.starts_with(' ') && !once.ends_with(' '),
                "U+{:04X}",
                u32::from(c)
            );
        }
    }

    #[test]
    fn fold_diacritics_keeps_case_and_punctuation() {
        assert_eq!(fold_diacritics("Łódź, Zoë!"), "Lodz, Zoe!");
        assert_eq!(fold_diacritics("Straße ẞ"), "Strasse SS");
        assert_eq!(fold_diacritics("Þór"), "THor");
        assert_eq!(fold_diacritics("ＡＢＣ"), "ＡＢＣ");
        assert_eq!(fold_diacritics("한국"), "한국");
        assert!(is_borrowed(&fold_diacritics("東京 O'Brien")));
        assert!(is_borrowed(&fold_diacritics("")));
    }

    #[test]
    fn collapse_whitespace_cases() {
        assert_eq!(collapse_whitespace(""), "");
        assert_eq!(collapse_whitespace(" \t\n "), "");
        assert_eq!(collapse_whitespace("a\u{00A0}\u{2003}b"), "a b");
        assert_eq!(collapse_whitespace("a  b"), "a b");
        assert_eq!(collapse_whitespace("a, b"), "a, b");
        assert!(is_borrowed(&collapse_whitespace("a, b")));
        assert!(!is_borrowed(&collapse_whitespace("a\tb")));
        // Zero-width space is not white space.
        assert_eq!(collapse_whitespace("a\u{200B}b"), "a\u{200B}b");
    }

    #[test]
    fn hangul_to_jamo_reference_values() {
        // Unicode 3.12 worked example: 팥 = ᄑ ᅡ ᇀ.
        assert_eq!(hangul_to_jamo("팥"), "\u{1111}\u{1161}\u{11C0}");
        // 가 has no trailing consonant.
        assert_eq!(hangul_to_jamo("가"), "\u{1100}\u{1161}");
        assert_eq!(hangul_to_jamo("힣"), "\u{1112}\u{1175}\u{11C2}");
        assert_eq!(hangul_to_jamo("Kim 김!"), "Kim \u{1100}\u{1175}\u{11B7}!");
        assert!(is_borrowed(&hangul_to_jamo("")));
        assert!(is_borrowed(&hangul_to_jamo("\u{1100}\u{1161}")));
    }

    #[test]
    fn hangul_to_jamo_agrees_with_nfd() {
        use unicode_normalization::UnicodeNormalization;
        for c in (HANGUL_SYLLABLE_FIRST..=HANGUL_SYLLABLE_LAST).filter_map(char::from_u32) {
            let s = c.to_string();
            assert_eq!(hangul_to_jamo(&s), s.nfd().collect::<String>());
        }
    }

    proptest! {
        #[test]
        fn fold_text_invariants(input in "\\PC*|[ -~]*|.*") {
            let once = fold_text(&input);
            prop_assert_eq!(is_borrowed(&once), once == input.as_str());
            prop_assert!(!once.starts_with(' ') && !once.ends_with(' '));
            prop_assert!(!once.contains("  "));
            prop_assert!(!once.chars().any(|c| c.is_uppercase()));
            prop_assert!(!once.chars().any(|c| c != ' ' && (c.is_whitespace() || c.is_control())));
            let twice = fold_text(&once);
            prop_assert_eq!(&twice, &once);
            prop_assert!(is_borrowed(&twice));
        }

        #[test]
        fn fold_text_ascii_matches_reference(input in "[ -~\\t\\n]*") {
            // Obvious reference for ASCII: delete apostrophes, lowercase,
            // split on everything that is not alphanumeric.
            let reference = input
                .replace(['\'', '`'], "")
                .to_ascii_lowercase()
                .split(|c: char| !c.is_ascii_alphanumeric())
                .filter(|word| !word.is_empty())
                .collect::<Vec<_>>()
                .join(" ");
            prop_assert_eq!(fold_text(&input), reference);
        }

        #[test]
        fn other_functions_borrow_iff_unchanged(input in "\\PC*|.*") {
            for output in [fold_diacritics(&input), collapse_whitespace(&input), hangul_to_jamo(&input)] {
                prop_assert_eq!(is_borrowed(&output), output == input.as_str());
            }
            let collapsed = collapse_whitespace(&input);
            prop_assert_eq!(collapse_whitespace(&collapsed), collapsed.clone());
            prop_assert!(!collapsed.starts_with(' ') && !collapsed.ends_with(' ') && !collapsed.contains("  "));
        }
    }
}
