//! Ways the shapes' values are written differently: legal forms,
//! transliterations, hyphenated given names, initials, spelling by ear,
//! digit slips in dates and numbers.

use crate::rng::Rng;
use crate::synthetic::noise::typo;
use crate::synthetic::population::{Birth, days_in_month};

/// Legal forms and other ways of writing each, longest first so that
/// `Co., Ltd.` is found before `Ltd.`.
const LEGAL_FORMS: [(&str, &[&str]); 17] = [
    (
        "Co., Ltd.",
        &[
            "Co. Ltd.",
            "Co Ltd",
            "Company Limited",
            "Co., Ltd",
            "CO LTD",
        ],
    ),
    ("Pvt. Ltd.", &["Private Limited", "Pvt Ltd", "Pvt. Limited"]),
    ("Corporation", &["Corp.", "Corp", "Corporation of America"]),
    ("Incorporated", &["Inc.", "Inc"]),
    ("Limited", &["Ltd.", "Ltd"]),
    ("Corp.", &["Corporation", "Corp"]),
    ("Inc.", &["Inc", "Incorporated", "INC"]),
    ("Ltd.", &["Limited", "Ltd", "LTD"]),
    ("GmbH", &["G.m.b.H.", "Gmbh", "GMBH"]),
    ("K.K.", &["Kabushiki Kaisha", "KK"]),
    ("LLC", &["L.L.C.", "Llc"]),
    ("LLP", &["L.L.P.", "Llp"]),
    ("AG", &["Aktiengesellschaft", "A.G."]),
    ("Co.", &["Company", "Co"]),
    ("PC", &["P.C.", "Pc"]),
    ("DDS", &["D.D.S.", "Dds"]),
    ("SA", &["S.A.", "Sa"]),
];

/// Splits `name` into the part before its legal form and the legal form
/// (`("Kanto Electronics", "Co., Ltd.")`), when it ends with one.
pub(super) fn split_legal_form(name: &str) -> Option<(&str, &'static str)> {
    LEGAL_FORMS.iter().find_map(|&(form, _)| {
        let stem = name.strip_suffix(form)?;
        let stem = stem.strip_suffix(' ')?;
        Some((stem.trim_end_matches(','), form))
    })
}

/// The organisation name written another way: its legal form dropped
/// (a third of the time) or spelled differently, `&` for `and` or the
/// reverse, or in capitals. The result always differs from `name`.
pub(super) fn organisation_variant(name: &str, rng: &mut Rng) -> String {
    if let Some((stem, form)) = split_legal_form(name) {
        if rng.chance(1.0 / 3.0) {
            return stem.to_string();
        }
        let others = LEGAL_FORMS
            .iter()
            .find(|(canonical, _)| *canonical == form)
            .map_or(&[][..], |(_, others)| *others);
        let other = others.get(rng.below(others.len())).copied().unwrap_or("");
        if !other.is_empty() {
            let comma = if rng.chance(0.2) { "," } else { "" };
            return format!("{stem}{comma} {other}");
        }
    }
    if name.contains(" & ") {
        return name.replacen(" & ", " and ", 1);
    }
    if name.contains(" and ") {
        return name.replacen(" and ", " & ", 1);
    }
    let upper = name.to_uppercase();
    if upper != name {
        return upper;
    }
    typo(name, rng)
}

/// A list entry and its spelling variants: `Zhang/Chang`.
pub(super) fn variants(entry: &'static str) -> impl Iterator<Item = &'static str> {
    entry
        .split('/')
        .map(str::trim)
        .filter(|part| !part.is_empty())
}

/// The canonical spelling of a list entry (before the first `/`).
pub(super) fn canonical(entry: &'static str) -> &'static str {
    variants(entry).next().unwrap_or_default()
}

/// Whether the entry can be written another way: it lists variants, has
/// a hyphen (`Min-Jun`) or diacritics (`José`).
pub(super) fn has_variant(entry: &'static str) -> bool {
    entry.contains('/') || entry.contains('-') || !entry.is_ascii()
}

/// Another spelling of the entry: a listed variant (`Chang` for
/// `Zhang`), the hyphen of a given name dropped or spaced (`Minjun`,
/// `Min Jun`, `Min-jun`), or diacritics dropped (`Jose`). The canonical
/// spelling itself when the entry has no variant.
pub(super) fn variant_of(entry: &'static str, rng: &mut Rng) -> String {
    let name = canonical(entry);
    let listed: Vec<&'static str> = variants(entry).skip(1).collect();
    let mut options: Vec<String> = listed.iter().map(|v| (*v).to_string()).collect();
    if let Some((first, second)) = name.split_once('-') {
        let mut joined = String::with_capacity(name.len());
        joined.push_str(first);
        joined.push_str(&second.to_lowercase());
        options.push(joined);
        options.push(format!("{first} {second}"));
        options.push(format!("{first}-{}", second.to_lowercase()));
    }
    if !name.is_ascii() {
        options.push(crate::normalize::fold_diacritics(name).into_owned());
    }
    options.retain(|option| option != name);
    if options.is_empty() {
        return name.to_string();
    }
    let index = rng.below(options.len());
    options.swap_remove(index)
}

/// The name's first letter and a dot: `K.`.
pub(super) fn initial(name: &str) -> String {
    let mut out = String::with_capacity(4);
    if let Some(first) = name.chars().next() {
        out.extend(first.to_uppercase());
        out.push('.');
    }
    out
}

/// Spellings that sound alike, applied once each way: `Schmitt` and
/// `Schmidt`, `Meyer` and `Maier`, `Philip` and `Filip`.
const SOUND_ALIKE: [(&str, &str); 14] = [
    ("dt", "tt"),
    ("tt", "dt"),
    ("ey", "ai"),
    ("ei", "ai"),
    ("ai", "ei"),
    ("ph", "f"),
    ("f", "ph"),
    ("ck", "k"),
    ("c", "k"),
    ("y", "i"),
    ("ie", "y"),
    ("th", "t"),
    ("mm", "m"),
    ("nn", "n"),
];

/// The name spelled the way another clerk heard it (upper case in, upper
/// case out); a typing error when no rule applies. Always differs.
pub(super) fn sound_alike(name: &str, rng: &mut Rng) -> String {
    let lower = name.to_lowercase();
    let applicable: Vec<(&str, &str)> = SOUND_ALIKE
        .iter()
        .copied()
        .filter(|(from, _)| lower.contains(from))
        .collect();
    if let Some(&(from, to)) = applicable.get(rng.below(applicable.len())) {
        let changed = lower.replacen(from, to, 1);
        let changed = if name.chars().any(char::is_lowercase) {
            capitalise_like(&changed, name)
        } else {
            changed.to_uppercase()
        };
        if changed != name {
            return changed;
        }
    }
    typo(name, rng)
}

/// `value` with each word's first letter in upper case when `model`
/// starts with one.
fn capitalise_like(value: &str, model: &str) -> String {
    if !model.chars().next().is_some_and(char::is_uppercase) {
        return value.to_string();
    }
    let mut out = String::with_capacity(value.len());
    let mut start = true;
    for c in value.chars() {
        if start {
            out.extend(c.to_uppercase());
        } else {
            out.push(c);
        }
        start = c == ' ' || c == '-';
    }
    out
}

/// Whether `(year, month, day)` is a date of the calendar.
pub(super) fn is_valid_date((year, month, day): Birth) -> bool {
    (1..=12).contains(&month) && day >= 1 && day <= days_in_month(year, month)
}

/// The eight digits of a date, `yyyymmdd`.
fn date_digits((year, month, day): Birth) -> [u8; 8] {
    let value = u32::from(year) * 10_000 + u32::from(month) * 100 + u32::from(day);
    let mut digits = [0u8; 8];
    let mut rest = value;
    for slot in digits.iter_mut().rev() {
        *slot = (rest % 10) as u8;
        rest /= 10;
    }
    digits
}

fn from_digits(digits: &[u8; 8]) -> Birth {
    let number = |range: std::ops::Range<usize>| {
        digits
            .get(range)
            .unwrap_or_default()
            .iter()
            .fold(0u32, |acc, &d| acc * 10 + u32::from(d))
    };
    (number(0..4) as u16, number(4..6) as u8, number(6..8) as u8)
}

/// How a date of birth goes wrong.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum DateError {
    /// One digit mistyped: `1945-08-14` → `1945-08-15`, `1955` → `1935`.
    Digit,
    /// Two neighbouring digits swapped, where that gives a valid date:
    /// `1945-08-14` → `1954-08-14`, `1945-08-41` is no date (a digit
    /// instead when no swap gives one).
    Transposition,
    /// Day and month swapped: `1945-08-04` → `1945-04-08` (a digit
    /// instead when the day is above 12 or equals the month).
    DayMonthSwap,
    /// The year one off: `1944`, `1946`.
    YearOff,
    /// The day or the month written wrong as a whole: `1945-08-27`,
    /// `1945-03-14`.
    DayOrMonth,
    /// A wholly different date.
    Different,
}

impl DateError {
    /// The kinds with their share of wrong dates, in percent.
    pub(super) const MIX: [(DateError, u32); 6] = [
        (DateError::Digit, 25),
        (DateError::Transposition, 15),
        (DateError::DayMonthSwap, 15),
        (DateError::YearOff, 15),
        (DateError::DayOrMonth, 15),
        (DateError::Different, 15),
    ];

    /// A kind drawn from [`MIX`](Self::MIX).
    pub(super) fn draw(rng: &mut Rng) -> DateError {
        let mut roll = rng.below(100) as u32;
        for (kind, share) in DateError::MIX {
            if roll < share {
                return kind;
            }
            roll -= share;
        }
        DateError::Different
    }
}

/// A valid date other than `date`, made wrong the way `kind` says; when
/// `kind` cannot change this date (a day/month swap of `1945-08-08`, a
/// transposition of `2000-11-11`) a digit or a day goes wrong instead.
/// Years stay within `low..=high`.
pub(super) fn wrong_birth(
    date: Birth,
    kind: DateError,
    low: u16,
    high: u16,
    rng: &mut Rng,
) -> Birth {
    let (year, month, day) = date;
    let candidate = match kind {
        DateError::DayMonthSwap if day <= 12 && day != month => Some((year, day, month)),
        DateError::YearOff => {
            let year = if (rng.chance(0.5) && year < high) || year <= low {
                year + 1
            } else {
                year - 1
            };
            Some((year, month, day.min(days_in_month(year, month))))
        }
        DateError::Different => {
            let year = low + rng.below(usize::from(high.saturating_sub(low)) + 1) as u16;
            let month = 1 + rng.below(12) as u8;
            let day = 1 + rng.below(usize::from(days_in_month(year, month))) as u8;
            Some((year, month, day))
        }
        DateError::DayOrMonth => Some(if rng.chance(0.5) {
            (
                year,
                month,
                1 + rng.below(usize::from(days_in_month(year, month))) as u8,
            )
        } else {
            (year, 1 + rng.below(12) as u8, day)
        }),
        DateError::Transposition => {
            let digits = date_digits(date);
            // Neighbouring positions within the year (last three), month
            // and day; only those that give a valid, different date.
            let options: Vec<Birth> = [1usize, 2, 3, 4, 6]
                .into_iter()
                .filter_map(|at| {
                    let mut swapped = digits;
                    swapped.swap(at, at + 1);
                    let birth = from_digits(&swapped);
                    (birth != date && is_valid_date(birth) && (low..=high).contains(&birth.0))
                        .then_some(birth)
                })
                .collect();
            options.get(rng.below(options.len())).copied()
        }
        DateError::Digit | DateError::DayMonthSwap => None,
    };
    if let Some(birth) = candidate.filter(|&birth| birth != date && is_valid_date(birth)) {
        return birth;
    }
    digit_slip(date, low, high, rng)
}

/// One digit of the date mistyped (year digits after the first two,
/// month, day), keeping the date valid and within `low..=high`; a day off
/// when no digit gives one.
fn digit_slip(date: Birth, low: u16, high: u16, rng: &mut Rng) -> Birth {
    let digits = date_digits(date);
    let mut options = Vec::with_capacity(40);
    for at in 2..8 {
        for digit in 0..10u8 {
            let mut changed = digits;
            if let Some(slot) = changed.get_mut(at) {
                *slot = digit;
            }
            let birth = from_digits(&changed);
            if birth != date && is_valid_date(birth) && (low..=high).contains(&birth.0) {
                options.push(birth);
            }
        }
    }
    if let Some(&birth) = options.get(rng.below(options.len())) {
        return birth;
    }
    let (year, month, day) = date;
    if day > 1 {
        (year, month, day - 1)
    } else {
        (year, month, day + 1)
    }
}

/// A nine-digit number with one digit mistyped or two neighbours
/// swapped; always different.
pub(super) fn number_slip(value: u32, digits: usize, rng: &mut Rng) -> u32 {
    let mut parts: Vec<u8> = (0..digits)
        .rev()
        .map(|at| (value / 10u32.pow(at as u32) % 10) as u8)
        .collect();
    let at = rng.below(digits.saturating_sub(1));
    let swapped = parts.get(at) != parts.get(at + 1);
    if swapped && rng.chance(0.3) {
        parts.swap(at, at + 1);
    } else if let Some(slot) = parts.get_mut(at) {
        *slot = (*slot + 1 + rng.below(9) as u8) % 10;
    }
    parts.iter().fold(0u32, |acc, &d| acc * 10 + u32::from(d))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn legal_forms_are_split_and_varied() {
        assert_eq!(
            split_legal_form("Kanto Electronics Co., Ltd."),
            Some(("Kanto Electronics", "Co., Ltd."))
        );
        assert_eq!(split_legal_form("Acme Inc."), Some(("Acme", "Inc.")));
        assert_eq!(split_legal_form("Golden Dragon"), None);
        let mut rng = Rng::new(1, 1);
        for name in [
            "Kanto Electronics Co., Ltd.",
            "Smith & Jones LLP",
            "Golden Dragon",
            "Bean and Leaf",
            "ACME",
        ] {
            for _ in 0..50 {
                assert_ne!(organisation_variant(name, &mut rng), name);
            }
        }
    }

    #[test]
    fn name_variants_differ_from_the_canonical_spelling() {
        let mut rng = Rng::new(2, 2);
        assert_eq!(canonical("Zhang/Chang"), "Zhang");
        assert!(has_variant("Min-Jun") && has_variant("José") && !has_variant("Wei"));
        for entry in ["Zhang/Chang", "Min-Jun", "José", "Sato/Satoh/Satou"] {
            for _ in 0..30 {
                assert_ne!(variant_of(entry, &mut rng), canonical(entry));
            }
        }
        assert_eq!(variant_of("Wei", &mut rng), "Wei");
        assert_eq!(initial("kelly"), "K.");
        for name in ["SCHMITT", "Meyer", "Anna", "XQZ"] {
            for _ in 0..30 {
                assert_ne!(sound_alike(name, &mut rng), name);
            }
        }
    }

    #[test]
    fn wrong_dates_are_valid_different_and_in_range() {
        let mut rng = Rng::new(3, 3);
        let kinds = DateError::MIX.map(|(kind, _)| kind);
        for date in [
            (1945, 8, 14),
            (2000, 2, 29),
            (1999, 12, 31),
            (1970, 1, 1),
            (1988, 8, 8),
        ] {
            for kind in kinds {
                for _ in 0..50 {
                    let wrong = wrong_birth(date, kind, 1920, 2005, &mut rng);
                    assert_ne!(wrong, date, "{kind:?}");
                    assert!(is_valid_date(wrong), "{wrong:?}");
                    assert!((1920..=2005).contains(&wrong.0));
                }
            }
        }
        assert_eq!(
            wrong_birth((1945, 8, 4), DateError::DayMonthSwap, 1900, 2000, &mut rng),
            (1945, 4, 8)
        );
    }

    #[test]
    fn number_slips_change_one_or_two_digits() {
        let mut rng = Rng::new(4, 4);
        for _ in 0..200 {
            let slipped = number_slip(123_456_789, 9, &mut rng);
            assert_ne!(slipped, 123_456_789);
            let differing = (0..9)
                .filter(|&at| slipped / 10u32.pow(at) % 10 != 123_456_789 / 10u32.pow(at) % 10)
                .count();
            assert!((1..=2).contains(&differing));
        }
    }
}
