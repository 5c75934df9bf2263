//! Organisation names: one spelling per company, without its legal form.
//!
//! [`normalize_organisation`] folds the text with [`fold_text`] and drops
//! the words that give the legal form (`Inc`, `Ltd`, `GmbH`, `S.A.`):
//! `Acme Widgets Ltd` and `ACME Widgets Limited` then agree. A name made
//! only of legal-form words keeps them, so it never becomes empty.
//! [`is_legal_form`] tells one such word; schema inference uses it to
//! recognise organisation columns.

use std::borrow::Cow;

use super::text::fold_text;

/// The one list of legal-form words (folded), sorted for binary search
/// (a test checks the order).
static LEGAL_FORMS: &[&str] = &[
    "ab",
    "ag",
    "as",
    "bv",
    "cia",
    "cie",
    "co",
    "company",
    "corp",
    "corporation",
    "gmbh",
    "inc",
    "incorporated",
    "kg",
    "limited",
    "llc",
    "llp",
    "lp",
    "ltd",
    "ltda",
    "nv",
    "ohg",
    "oy",
    "plc",
    "pte",
    "pty",
    "sa",
    "sarl",
    "sas",
    "sl",
    "spa",
    "srl",
    "ug",
];

/// Whether a folded word names a legal form of company in one of several
/// countries (`inc`, `ltd`, `llc`, `gmbh`, `sarl`, `bv`, `pty`, ...).
///
/// # Examples
///
/// ```
/// use sameas::normalize::is_legal_form;
///
/// assert!(is_legal_form("gmbh") && is_legal_form("ltd"));
/// assert!(!is_legal_form("acme") && !is_legal_form("Ltd"));
/// ```
pub fn is_legal_form(folded_word: &str) -> bool {
    LEGAL_FORMS.binary_search(&folded_word).is_ok()
}

/// Returns the comparison form of an organisation name: folded text
/// without its legal-form words (see [`is_legal_form`]). A name made only
/// of such words keeps them. Borrows when folding changes nothing and no
/// word is dropped.
///
/// # Examples
///
/// ```
/// use std::borrow::Cow;
/// use sameas::normalize::normalize_organisation;
///
/// assert_eq!(normalize_organisation("ACME Widgets, Ltd."), "acme widgets");
/// assert_eq!(normalize_organisation("Acme Widgets Limited"), "acme widgets");
/// assert_eq!(normalize_organisation("Müller GmbH & Co. KG"), "muller");
/// assert_eq!(normalize_organisation("Company Ltd"), "company ltd");
/// assert!(matches!(normalize_organisation("acme"), Cow::Borrowed("acme")));
/// ```
pub fn normalize_organisation(input: &str) -> Cow<'_, str> {
    let folded = fold_text(input);
    if !folded.split(' ').any(is_legal_form) {
        return folded;
    }
    let kept: Vec<&str> = folded
        .split(' ')
        .filter(|word| !is_legal_form(word))
        .collect();
    if kept.is_empty() {
        folded
    } else {
        Cow::Owned(kept.join(" "))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn legal_forms_are_sorted_and_folded() {
        assert!(
            LEGAL_FORMS.windows(2).all(|pair| pair[0] < pair[1]),
            "{LEGAL_FORMS:?}"
        );
        for word in LEGAL_FORMS {
            assert_eq!(fold_text(word), *word);
            assert!(is_legal_form(word));
        }
    }

    #[test]
    fn legal_forms_hold_both_former_lists() {
        // The prepared store's list and schema inference's legal forms,
        // before they became this one list.
        let store = "ab ag as bv co company corp corporation gmbh inc incorporated kg limited \
            llc llp lp ltd nv oy plc pty sa sarl sas spa srl";
        let inference = "inc incorporated ltd limited llc llp plc corp corporation company co \
            gmbh ag kg ohg ug sa sas sarl sl srl spa bv nv oy pty pte ltda cie cia";
        for word in store.split_whitespace().chain(inference.split_whitespace()) {
            assert!(is_legal_form(word), "{word}");
        }
        assert_eq!(LEGAL_FORMS.len(), 33);
    }

    #[test]
    fn legal_forms_are_dropped_wherever_they_stand() {
        for (input, expected) in [
            ("Acme Inc", "acme"),
            ("Acme, Inc.", "acme"),
            ("The Acme Company", "the acme"),
            ("Acme Holdings Pty Ltd", "acme holdings"),
            ("Banco Santander S.A.", "banco santander s a"),
            ("Banco Santander SA", "banco santander"),
            ("Inc", "inc"),
            ("", ""),
        ] {
            assert_eq!(normalize_organisation(input), expected, "{input:?}");
        }
    }
}
