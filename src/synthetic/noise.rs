//! The ways people and systems garble a value: typing errors, case and
//! spacing, lost diacritics, date and phone formats, wrong dates and
//! digits, e-mail variants.

use super::population::{Birth, days_in_month, push_number};
use crate::normalize::fold_diacritics;
use crate::rng::Rng;

/// The QWERTY neighbours of each letter `a` to `z`.
const KEYBOARD_NEIGHBOURS: [&str; 26] = [
    "qwsz", "vghn", "xdfv", "serfcx", "wsdr", "drtgvc", "ftyhbv", "gyujnb", "ujko", "huikmn",
    "jiolm", "kop", "njk", "bhjm", "iklp", "ol", "wa", "edft", "awedxz", "rfgy", "yhji", "cfgb",
    "qase", "zsdc", "tghu", "asx",
];

const MONTH_ABBREVIATIONS: [&str; 12] = [
    "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
];

/// A letter other than `c`: a keyboard neighbour most of the time (the
/// usual slip), any letter otherwise; case follows `c`.
fn wrong_letter(c: char, rng: &mut Rng) -> char {
    let lower = c.to_ascii_lowercase();
    let neighbours = if lower.is_ascii_lowercase() {
        KEYBOARD_NEIGHBOURS
            .get(usize::from(lower as u8 - b'a'))
            .copied()
            .unwrap_or("")
    } else {
        ""
    };
    let replacement = if !neighbours.is_empty() && rng.chance(0.7) {
        let index = rng.below(neighbours.len());
        neighbours
            .as_bytes()
            .get(index)
            .map_or('e', |&b| char::from(b))
    } else {
        let mut letter = char::from(b'a' + rng.below(26) as u8);
        if letter == lower {
            letter = if letter == 'z' {
                'a'
            } else {
                char::from(letter as u8 + 1)
            };
        }
        letter
    };
    if c.is_uppercase() {
        replacement.to_ascii_uppercase()
    } else {
        replacement
    }
}

/// One typing error, FEBRL style: a character inserted, deleted,
/// substituted or two neighbours transposed. The result always differs
/// from a non-empty input.
pub(super) fn typo(value: &str, rng: &mut Rng) -> String {
    let mut chars: Vec<char> = value.chars().collect();
    if chars.is_empty() {
        return String::new();
    }
    let at = rng.below(chars.len());
    let current = chars.get(at).copied().unwrap_or('e');
    let kind = rng.below(4);
    match kind {
        0 => chars.insert(at, wrong_letter(current, rng)),
        1 if chars.len() > 1 => {
            chars.remove(at);
        }
        2 => transpose_or_substitute(&mut chars, at, rng),
        _ => {
            if let Some(slot) = chars.get_mut(at) {
                *slot = wrong_letter(current, rng);
            }
        }
    }
    chars.into_iter().collect()
}

/// Swaps the first pair of different neighbours from `at` on (wrapping),
/// or substitutes when every character is the same.
fn transpose_or_substitute(chars: &mut [char], at: usize, rng: &mut Rng) {
    let len = chars.len();
    for step in 0..len.saturating_sub(1) {
        let i = (at + step) % (len - 1);
        if chars.get(i) != chars.get(i + 1) {
            chars.swap(i, i + 1);
            return;
        }
    }
    if let Some(slot) = chars.get_mut(at) {
        *slot = wrong_letter(*slot, rng);
    }
}

/// Upper case, lower case, or stray spaces, each a third of the time.
pub(super) fn vary_case(value: &str, rng: &mut Rng) -> String {
    match rng.below(3) {
        0 => value.to_uppercase(),
        1 => value.to_lowercase(),
        _ => {
            let mut spaced = String::with_capacity(value.len() + 2);
            if rng.chance(0.5) {
                spaced.push(' ');
            }
            for c in value.chars() {
                spaced.push(c);
                if c == ' ' {
                    spaced.push(' ');
                }
            }
            spaced.push(' ');
            spaced
        }
    }
}

/// The value as an ASCII keyboard writes it: German umlauts spelled out
/// (`Müller` → `Mueller`) half the time, diacritics simply dropped
/// (`Muller`) otherwise. ASCII values come back unchanged.
pub(super) fn strip_diacritics(value: &str, rng: &mut Rng) -> String {
    if value.is_ascii() {
        return value.to_string();
    }
    let german = value.contains(['ä', 'ö', 'ü', 'Ä', 'Ö', 'Ü']);
    if german && rng.chance(0.5) {
        let mut spelled = String::with_capacity(value.len() + 2);
        for c in value.chars() {
            match c {
                'ä' => spelled.push_str("ae"),
                'ö' => spelled.push_str("oe"),
                'ü' => spelled.push_str("ue"),
                'Ä' => spelled.push_str("Ae"),
                'Ö' => spelled.push_str("Oe"),
                'Ü' => spelled.push_str("Ue"),
                other => spelled.push(other),
            }
        }
        return fold_diacritics(&spelled).into_owned();
    }
    fold_diacritics(value).into_owned()
}

/// How a source writes a date.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum DateFormat {
    /// `1985-03-04`
    Iso,
    /// `3/4/85`
    UsShort,
    /// `03/04/1985`
    UsLong,
    /// `Mar 4, 1985`
    Text,
}

impl DateFormat {
    pub(super) const ALL: [DateFormat; 4] = [
        DateFormat::Iso,
        DateFormat::UsShort,
        DateFormat::UsLong,
        DateFormat::Text,
    ];
}

pub(super) fn push_date(out: &mut String, (year, month, day): Birth, format: DateFormat) {
    let (year, month, day) = (u32::from(year), u32::from(month), u32::from(day));
    match format {
        DateFormat::Iso => {
            push_number(out, year, 4);
            out.push('-');
            push_number(out, month, 2);
            out.push('-');
            push_number(out, day, 2);
        }
        DateFormat::UsShort => {
            push_number(out, month, 1);
            out.push('/');
            push_number(out, day, 1);
            out.push('/');
            push_number(out, year % 100, 2);
        }
        DateFormat::UsLong => {
            push_number(out, month, 2);
            out.push('/');
            push_number(out, day, 2);
            out.push('/');
            push_number(out, year, 4);
        }
        DateFormat::Text => {
            let index = (month as usize).saturating_sub(1);
            out.push_str(MONTH_ABBREVIATIONS.get(index).copied().unwrap_or("Jan"));
            out.push(' ');
            push_number(out, day, 1);
            out.push_str(", ");
            push_number(out, year, 4);
        }
    }
}

/// A wrong but valid date near the true one: day and month swapped (when
/// that is a different valid date), a day off, or a year off.
pub(super) fn wrong_date((year, month, day): Birth, rng: &mut Rng) -> Birth {
    match rng.below(3) {
        0 if day <= 12 && day != month => (year, day, month.min(days_in_month(year, day))),
        2 => {
            let year = if rng.chance(0.5) { year + 1 } else { year - 1 };
            (year, month, day.min(days_in_month(year, month)))
        }
        _ => {
            let last = days_in_month(year, month);
            let day = if day == last || (day > 1 && rng.chance(0.5)) {
                day - 1
            } else {
                day + 1
            };
            (year, month, day)
        }
    }
}

/// How a source writes a ten-digit NANP phone number.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum PhoneFormat {
    /// `+1 555 010 2030`
    International,
    /// `(555) 010-2030`
    Parenthesised,
    /// `555.010.2030`
    Dotted,
    /// `555-010-2030`
    Dashed,
    /// `5550102030`
    Plain,
    /// `1-555-010-2030`
    TrunkPrefixed,
}

impl PhoneFormat {
    pub(super) const ALL: [PhoneFormat; 6] = [
        PhoneFormat::International,
        PhoneFormat::Parenthesised,
        PhoneFormat::Dotted,
        PhoneFormat::Dashed,
        PhoneFormat::Plain,
        PhoneFormat::TrunkPrefixed,
    ];
}

pub(super) fn push_phone(out: &mut String, phone: u64, format: PhoneFormat) {
    let area = (phone / 10_000_000 % 1000) as u32;
    let exchange = (phone / 10_000 % 1000) as u32;
    let line = (phone % 10_000) as u32;
    let (prefix, open, between, before_line) = match format {
        PhoneFormat::International => ("+1 ", "", " ", " "),
        PhoneFormat::Parenthesised => ("(", "", ") ", "-"),
        PhoneFormat::Dotted => ("", "", ".", "."),
        PhoneFormat::Dashed => ("", "", "-", "-"),
        PhoneFormat::Plain => ("", "", "", ""),
        PhoneFormat::TrunkPrefixed => ("1-", "", "-", "-"),
    };
    out.push_str(prefix);
    out.push_str(open);
    push_number(out, area, 3);
    out.push_str(between);
    push_number(out, exchange, 3);
    out.push_str(before_line);
    push_number(out, line, 4);
}

/// The number with its last digit mistyped.
pub(super) fn wrong_last_digit(phone: u64, rng: &mut Rng) -> u64 {
    let last = phone % 10;
    let shift = 1 + rng.below_u64(9);
    phone - last + (last + shift) % 10
}

/// The same mailbox written differently: a `+tag`, other case, Gmail dots
/// or the `googlemail.com` alias.
pub(super) fn email_variant(email: &str, rng: &mut Rng) -> String {
    let Some((local, domain)) = email.split_once('@') else {
        return email.to_string();
    };
    let gmail = domain == "gmail.com";
    let dot = if gmail {
        gmail_dot_position(local, rng)
    } else {
        None
    };
    let mut out = String::with_capacity(email.len() + 8);
    match (rng.below(if gmail { 4 } else { 2 }), dot) {
        (1, _) => {
            if rng.chance(0.5) {
                out.push_str(&email.to_uppercase());
            } else {
                let mut chars = local.chars();
                if let Some(first) = chars.next() {
                    out.extend(first.to_uppercase());
                }
                out.push_str(chars.as_str());
                out.push('@');
                out.push_str(domain);
            }
        }
        (2, Some(cut)) => {
            // A dot between two letters, where Gmail ignores it.
            out.push_str(local.get(..cut).unwrap_or(local));
            out.push('.');
            out.push_str(local.get(cut..).unwrap_or(""));
            out.push('@');
            out.push_str(domain);
        }
        (3, _) => {
            out.push_str(local);
            out.push_str("@googlemail.com");
        }
        _ => {
            out.push_str(local);
            out.push('+');
            out.push_str(rng.pick(&["news", "shop", "promo", "web", "2019", "spam"]));
            out.push('@');
            out.push_str(domain);
        }
    }
    out
}

/// A byte position inside `local` with an ASCII alphanumeric character on
/// both sides, chosen at random; `None` when there is none.
fn gmail_dot_position(local: &str, rng: &mut Rng) -> Option<usize> {
    let bytes = local.as_bytes();
    let candidates = || {
        (1..bytes.len()).filter(|&cut| {
            bytes.get(cut - 1).is_some_and(u8::is_ascii_alphanumeric)
                && bytes.get(cut).is_some_and(u8::is_ascii_alphanumeric)
        })
    };
    let count = candidates().count();
    candidates().nth(rng.below(count))
}

/// A typing error in the local part of an address, keeping it valid.
pub(super) fn email_typo(email: &str, rng: &mut Rng) -> String {
    let Some((local, domain)) = email.split_once('@') else {
        return typo(email, rng);
    };
    let mut local = typo(local, rng);
    if local.is_empty() {
        local.push('x');
    }
    local.push('@');
    local.push_str(domain);
    local
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn typos_always_change_the_value() {
        let mut rng = Rng::new(3, 3);
        for value in ["Anna", "Müller", "ll", "x", "Nguyễn", "aaaa"] {
            for _ in 0..200 {
                let typed = typo(value, &mut rng);
                assert_ne!(typed, value);
                let lengths = value.chars().count().saturating_sub(1)..=value.chars().count() + 1;
                assert!(lengths.contains(&typed.chars().count()));
            }
        }
        assert_eq!(typo("", &mut rng), "");
    }

    #[test]
    fn dates_in_every_format() {
        let mut out = String::new();
        for format in DateFormat::ALL {
            push_date(&mut out, (1985, 3, 4), format);
            out.push('|');
        }
        assert_eq!(out, "1985-03-04|3/4/85|03/04/1985|Mar 4, 1985|");
        let mut out = String::new();
        push_date(&mut out, (2005, 12, 31), DateFormat::UsShort);
        assert_eq!(out, "12/31/05");
    }

    #[test]
    fn wrong_dates_are_valid_and_different() {
        let mut rng = Rng::new(4, 4);
        for birth in [(1985, 3, 4), (2000, 2, 29), (1999, 12, 31), (1970, 1, 1)] {
            for _ in 0..200 {
                let wrong = wrong_date(birth, &mut rng);
                assert_ne!(wrong, birth);
                assert!(
                    crate::Date::new(i64::from(wrong.0), u32::from(wrong.1), u32::from(wrong.2))
                        .is_ok()
                );
            }
        }
    }

    #[test]
    fn phones_in_every_format() {
        let mut out = String::new();
        for format in PhoneFormat::ALL {
            push_phone(&mut out, 5_550_102_030, format);
            out.push('|');
        }
        assert_eq!(
            out,
            "+1 555 010 2030|(555) 010-2030|555.010.2030|555-010-2030|5550102030|1-555-010-2030|"
        );
        let mut rng = Rng::new(5, 5);
        for _ in 0..100 {
            let wrong = wrong_last_digit(5_550_102_030, &mut rng);
            assert_ne!(wrong, 5_550_102_030);
            assert_eq!(wrong / 10, 555_010_203);
        }
    }

    #[test]
    fn email_variants_normalise_to_the_same_address() {
        let mut rng = Rng::new(6, 6);
        for email in ["kelly.neal@gmail.com", "kneal@yahoo.com"] {
            let canonical = crate::normalize::normalize_email(email).map(|e| e.into_owned());
            for _ in 0..100 {
                let variant = email_variant(email, &mut rng);
                assert_ne!(variant, email);
                let normalised =
                    crate::normalize::normalize_email(&variant).map(|e| e.into_owned());
                assert_eq!(normalised, canonical, "{variant}");
            }
        }
    }

    #[test]
    fn diacritics_are_stripped_or_spelled_out() {
        let mut rng = Rng::new(7, 7);
        let mut seen = Vec::new();
        for _ in 0..50 {
            let stripped = strip_diacritics("Müller", &mut rng);
            if !seen.contains(&stripped) {
                seen.push(stripped);
            }
        }
        seen.sort();
        assert_eq!(seen, ["Mueller", "Muller"]);
        assert_eq!(strip_diacritics("Łukasz Nguyễn", &mut rng), "Lukasz Nguyen");
        assert_eq!(strip_diacritics("Smith", &mut rng), "Smith");
    }
}
