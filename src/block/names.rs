//! Names with one typing error, in either order, within a city.

use super::keys::{Blocker, BlockingKeys};
use crate::id::FieldId;
use crate::normalize::name::is_particle;
use crate::prepare::PreparedRecord;

/// Keys a person by one name whole and the other name's first letters,
/// within a third field's exact value (the city), so that one typing
/// error in either name (after its first two letters), or given and
/// family name swapped, still leaves a key two records share.
///
/// The given name is its letters (one-letter words, middle initials,
/// left out: `john a` → `john`; words run together: `min jun` →
/// `minjun`), the family name its first word that is not a particle
/// (`garcia lopez` → `garcia`, `van der berg` → `berg`). Two keys per
/// record: each name whole with the other's first two letters. A typing
/// error leaves one name whole and,
/// unless it falls in the first two letters, the other's start (`Jing
/// Wanzg`, `Jign Wang` and `Wang Jing` each share a key with `Jing
/// Wang`); namesakes whose other name starts alike share keys too (`Jing
/// Wang`, `Jing Wu`) and are left to the scoring. The last letters would
/// catch errors at the start as well, but they are shared by many
/// different names (`Martinez` and `Hernandez`, `Yang` and `Zhang`):
/// measured on generated inventors, they cost more precision than they
/// bring recall.
///
/// The third field keeps blocks of common names (`Wei Wang` among a
/// hundred thousand patent inventors) within the block-size cap; a record
/// without it gets no key.
pub(super) struct NameEndsInCity {
    pub(super) name: String,
    pub(super) given: FieldId,
    pub(super) family: FieldId,
    pub(super) city: FieldId,
}

/// Separates the parts of a key.
const SEPARATOR: u8 = 0x1F;

/// The letters of a given name's words of two letters or more, run
/// together (the first letter when every word is an initial).
pub(super) fn given_letters(given: &str) -> String {
    let mut letters = String::with_capacity(given.len());
    for word in given
        .split(' ')
        .filter(|word| word.chars().nth(1).is_some())
    {
        letters.extend(word.chars().filter(|c| c.is_alphabetic()));
    }
    if letters.is_empty() {
        letters.extend(given.chars().find(|c| c.is_alphabetic()));
    }
    letters
}

/// The letters of a family name's first word that is not a particle
/// (the last word when all are).
pub(super) fn family_letters(family: &str) -> String {
    let mut words = family.split(' ').filter(|word| !word.is_empty()).peekable();
    let mut chosen = "";
    while let Some(word) = words.next() {
        chosen = word;
        if words.peek().is_none() || !is_particle(word) {
            break;
        }
    }
    chosen.chars().filter(|c| c.is_alphabetic()).collect()
}

/// A name's first two letters.
fn head(name: &str) -> &str {
    let end = name.char_indices().nth(2).map_or(name.len(), |(at, _)| at);
    &name[..end]
}

/// The record's given and family names as the name blockers key them
/// ([`given_letters`], [`family_letters`]); `None` when either is missing
/// or has no letters.
fn name_letters(
    record: &PreparedRecord<'_>,
    given: FieldId,
    family: FieldId,
) -> Option<(String, String)> {
    let given = given_letters(record.text(given)?);
    let family = family_letters(record.text(family)?);
    (!given.is_empty() && !family.is_empty()).then_some((given, family))
}

/// The two keys' name parts: `(whole, start of the other)`.
pub(super) fn name_keys<'a>(given: &'a str, family: &'a str) -> [(&'a str, &'a str); 2] {
    [(given, head(family)), (family, head(given))]
}

impl Blocker for NameEndsInCity {
    fn name(&self) -> String {
        self.name.clone()
    }

    fn keys(&self, record: &PreparedRecord<'_>, keys: &mut BlockingKeys) {
        let (Some((given, family)), Some(city)) = (
            name_letters(record, self.given, self.family),
            record.text(self.city),
        ) else {
            return;
        };
        for (whole, start) in name_keys(&given, &family) {
            keys.append(whole.as_bytes());
            keys.append(&[SEPARATOR]);
            keys.append(start.as_bytes());
            keys.append(&[SEPARATOR]);
            keys.append(city.as_bytes());
            keys.finish();
        }
    }
}

/// Keys a person by the names and the organisation they work for (a
/// patent's assignee), for the pairs the name blocks within a city miss.
/// Two kinds of key:
///
/// - both names, in alphabetical order, with the organisation's first
///   word: the same name in another city or without one (an inventor who
///   moved, a patent without the city), or given and family name swapped;
/// - one name whole with the other's last three letters, the city and
///   the organisation's first word: an error in the other name's first
///   letters (`Auresh Joshi` for `Suresh Joshi`, `Jose Nernandez`) or
///   another romanisation of its start (`Hong Zhang` and `Hong Chang`),
///   which [`NameEndsInCity`] cannot reach when the other name is five
///   letters or longer (a shorter name's end holds its second letter).
///
/// The organisation keeps these blocks small: a common name (`Wei Wang`)
/// or a common ending (`-ang`) is shared by few colleagues within one
/// company and city. A record without an organisation gets no key;
/// without a city, only the first.
pub(super) struct NamesAtOrganisation {
    pub(super) name: String,
    pub(super) given: FieldId,
    pub(super) family: FieldId,
    pub(super) city: Option<FieldId>,
    pub(super) organisation: FieldId,
}

/// A name's last three letters (the whole name when shorter).
fn end(name: &str) -> &str {
    let start = name.char_indices().rev().nth(2).map_or(0, |(at, _)| at);
    &name[start..]
}

/// The first word of a (normalised) organisation name.
fn first_word(organisation: &str) -> &str {
    organisation
        .split(' ')
        .find(|word| !word.is_empty())
        .unwrap_or("")
}

/// The tags that keep the two kinds of key of [`NamesAtOrganisation`]
/// apart.
const BOTH_NAMES: u8 = b'b';
const ONE_NAME: u8 = b'o';

/// The keys' name parts: both names in alphabetical order, and each name
/// whole with the other's end.
fn organisation_keys<'a>(given: &'a str, family: &'a str) -> [(&'a str, &'a str); 3] {
    let both = if given <= family {
        (given, family)
    } else {
        (family, given)
    };
    [both, (given, end(family)), (family, end(given))]
}

impl Blocker for NamesAtOrganisation {
    fn name(&self) -> String {
        self.name.clone()
    }

    fn keys(&self, record: &PreparedRecord<'_>, keys: &mut BlockingKeys) {
        let (Some((given, family)), Some(organisation)) = (
            name_letters(record, self.given, self.family),
            record.text(self.organisation).map(first_word),
        ) else {
            return;
        };
        if organisation.is_empty() {
            return;
        }
        let city = self.city.and_then(|city| record.text(city));
        let [both, ones @ ..] = organisation_keys(&given, &family);
        let with_city = ones
            .into_iter()
            .filter_map(|one| Some((ONE_NAME, one, city?)));
        for (tag, (first, second), city) in std::iter::once((BOTH_NAMES, both, "")).chain(with_city)
        {
            for part in [
                &[tag][..],
                first.as_bytes(),
                second.as_bytes(),
                city.as_bytes(),
            ] {
                keys.append(part);
                keys.append(&[SEPARATOR]);
            }
            keys.append(organisation.as_bytes());
            keys.finish();
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Whether two names share a key (in one city).
    fn meet(a: (&str, &str), b: (&str, &str)) -> bool {
        let (a_given, a_family) = (given_letters(a.0), family_letters(a.1));
        let (b_given, b_family) = (given_letters(b.0), family_letters(b.1));
        let a_keys = name_keys(&a_given, &a_family);
        let b_keys = name_keys(&b_given, &b_family);
        a_keys.iter().any(|key| b_keys.contains(key))
    }

    #[test]
    fn the_name_parts_drop_initials_and_particles() {
        assert_eq!(given_letters("john a"), "john");
        assert_eq!(given_letters("min jun"), "minjun");
        assert_eq!(given_letters("j r"), "j");
        assert_eq!(given_letters("42"), "");
        assert_eq!(family_letters("garcia lopez"), "garcia");
        assert_eq!(family_letters("van der berg"), "berg");
        assert_eq!(family_letters("van"), "van");
        assert_eq!(family_letters("o brien"), "o");
    }

    #[test]
    fn the_start_is_the_first_two_letters() {
        assert_eq!(head("wang"), "wa");
        assert_eq!(head("wei"), "we");
        assert_eq!(head("j"), "j");
        assert_eq!(head("ëva"), "ëv");
        assert_eq!(head("ürgen"), "ür");
    }

    #[test]
    fn one_typing_error_or_a_swap_keeps_a_key() {
        let wang = ("jing", "wang");
        for other in [
            ("jing", "wanzg"), // insertion
            ("jing", "wag"),   // deletion
            ("jing", "wanf"),  // substitution
            ("jign", "wang"),  // transposition
            ("jing", "wagn"),  // transposition
            ("wang", "jing"),  // swapped
            ("jing a", "wang"),
            ("jing", "wang li"),
            ("ji ng", "wang"),
        ] {
            assert!(meet(wang, other), "{other:?}");
        }
    }

    #[test]
    fn different_names_share_no_key() {
        let wang = ("jing", "wang");
        for other in [
            ("jing", "zhang"),
            ("jun", "wang"),
            ("min", "li"),
            ("wang", "li"),
            // An error in the first two letters of one name, beside
            // another name's start: out of reach.
            ("ijng", "wang"),
            ("jing", "awng"),
            ("jing", "wzang"),
        ] {
            assert!(!meet(wang, other), "{other:?}");
        }
    }

    /// Whether two names share a key of [`NamesAtOrganisation`] (at one
    /// organisation in one city).
    fn meet_at_organisation(a: (&str, &str), b: (&str, &str)) -> bool {
        let (a_given, a_family) = (given_letters(a.0), family_letters(a.1));
        let (b_given, b_family) = (given_letters(b.0), family_letters(b.1));
        let a_keys = organisation_keys(&a_given, &a_family);
        let b_keys = organisation_keys(&b_given, &b_family);
        // The first key holds both names, the others one name and an end.
        a_keys[0] == b_keys[0] || a_keys[1..].iter().any(|key| b_keys[1..].contains(key))
    }

    #[test]
    fn the_end_is_the_last_three_letters() {
        assert_eq!(end("hernandez"), "dez");
        assert_eq!(end("wu"), "wu");
        assert_eq!(end(""), "");
        assert_eq!(end("müller"), "ler");
        assert_eq!(end("josé"), "osé");
        assert_eq!(first_word("stonebridge energy"), "stonebridge");
        assert_eq!(first_word(" acme"), "acme");
        assert_eq!(first_word(""), "");
    }

    #[test]
    fn an_error_at_the_start_of_a_long_name_keeps_a_key_at_its_organisation() {
        let joshi = ("suresh", "joshi");
        for other in [
            ("auresh", "joshi"), // substitution in the first letter
            ("usresh", "joshi"), // transposition in the first two
            ("resh", "joshi"),   // the first two letters lost
            ("suresh", "hjoshi"),
            ("joshi", "suresh"), // swapped
            ("suresh a", "joshi"),
        ] {
            assert!(meet_at_organisation(joshi, other), "{other:?}");
        }
        // Another romanisation of the start of a name.
        assert!(meet_at_organisation(("hong", "zhang"), ("hong", "chang")));
        assert!(meet_at_organisation(
            ("jose", "hernandez"),
            ("jose", "nernandez")
        ));
    }

    #[test]
    fn other_names_at_one_organisation_share_no_key() {
        let wang = ("jing", "wang");
        for other in [("jun", "wang"), ("jing", "li"), ("min", "zhao")] {
            assert!(!meet_at_organisation(wang, other), "{other:?}");
        }
        // Errors in both names, or one in the end of a short name
        // beside an error at the start of the other: out of reach.
        assert!(!meet_at_organisation(
            ("suresh", "joshi"),
            ("auresh", "joshu")
        ));
    }

    proptest::proptest! {
        /// Swapping given and family name never loses the both-names key,
        /// and a record's keys do not depend on which name is which.
        #[test]
        fn swapped_names_keep_every_key(given in "[a-z]{1,9}", family in "[a-z]{1,9}") {
            let keys = organisation_keys(&given, &family);
            let swapped = organisation_keys(&family, &given);
            proptest::prop_assert_eq!(keys[0], swapped[0]);
            proptest::prop_assert!(keys[1] == swapped[2] && keys[2] == swapped[1]);
        }

        /// An error in the first letters of a name of five letters or
        /// more leaves its end, so the record still meets its person.
        #[test]
        fn an_error_before_the_end_keeps_a_key(
            given in "[a-z]{2,8}",
            family in "[a-z]{5,9}",
            typo in "[a-z]",
        ) {
            let mut misspelt = family.clone();
            misspelt.replace_range(0..1, &typo);
            proptest::prop_assert!(meet_at_organisation(
                (given.as_str(), family.as_str()),
                (given.as_str(), misspelt.as_str()),
            ));
        }
    }
}
