//! What a column's sampled values look like.
//!
//! Each value is tested once against the crate's own parsers (e-mail,
//! date, phone) and a few shape checks (postcode patterns, numbers,
//! codes, names, addresses, company words); the [`Profile`] counts how
//! many values pass each test, which is all the deciding step needs.

use crate::normalize::date::first_of_written_month;
use crate::normalize::{
    PhoneNormalizer, fold_text, formal_names, is_legal_form, is_street_word, normalize_email,
    parse_date,
};

/// One sampled value: trimmed, cut to at most
/// [`MAX_SAMPLED_VALUE_BYTES`](super::MAX_SAMPLED_VALUE_BYTES) bytes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct SampledValue {
    pub(crate) text: String,
    /// The value was longer than the cut.
    pub(crate) truncated: bool,
}

impl SampledValue {
    /// Keeps `value` trimmed and cut at a char boundary; `None` when blank.
    pub(crate) fn new(value: &str, max_bytes: usize) -> Option<SampledValue> {
        let trimmed = value.trim();
        if trimmed.is_empty() {
            return None;
        }
        let cut = trimmed
            .char_indices()
            .map(|(index, c)| index + c.len_utf8())
            .take_while(|&end| end <= max_bytes)
            .last()
            .unwrap_or(0);
        let truncated = cut < trimmed.len();
        Some(SampledValue {
            text: trimmed.get(..cut).unwrap_or_default().to_string(),
            truncated,
        })
    }
}

/// Counts of sampled values passing each test.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(crate) struct Profile {
    /// Non-empty values sampled.
    pub(crate) values: usize,
    /// Distinct values among them.
    pub(crate) distinct: usize,
    pub(crate) email: usize,
    pub(crate) set: usize,
    /// Of those, sets whose items hold `, ` (`Lee, Ann|Chan, Bob`): a
    /// comma is inside their items.
    pub(crate) set_with_commas: usize,
    /// Not a `|` set, but items separated by `;` (a set's other
    /// separator).
    pub(crate) semicolon_set: usize,
    /// A list separated by `, ` alone, which a set splits only where
    /// the schema says so.
    pub(crate) listed: usize,
    /// Of those, lists of three items or more: `Lee, Ann` may be one
    /// name, `A, B, C` is a list.
    pub(crate) long_listed: usize,
    pub(crate) date: usize,
    /// Dates with a time of day other than midnight.
    pub(crate) timestamp: usize,
    pub(crate) phone: usize,
    /// Written as a US social security number is (`123-45-6789`).
    pub(crate) social_security_shaped: usize,
    /// Unbroken digit strings of 7 to 15 digits (phone numbers or ids).
    pub(crate) long_digits: usize,
    pub(crate) url: usize,
    pub(crate) handle: usize,
    /// Postcodes with letters or separators (`SW1A 1AA`, `12345-6789`).
    pub(crate) postcode_pattern: usize,
    /// Short codes a postcode header can hold (digits or letters and digits).
    pub(crate) postcode_like: usize,
    pub(crate) integer: usize,
    pub(crate) decimal: usize,
    pub(crate) boolean: usize,
    pub(crate) country: usize,
    pub(crate) organisation: usize,
    pub(crate) address: usize,
    /// One word without digits.
    pub(crate) single_word: usize,
    /// A single word that is a known given name.
    pub(crate) given_single: usize,
    /// Two to four words without digits.
    pub(crate) few_words: usize,
    /// Several words, the first (after a title) a known given name.
    pub(crate) given_first: usize,
    /// One to four words in Latin letters, which the given-name list can judge.
    pub(crate) latin_names: usize,
    /// No white space, letters and digits mixed, like an account number.
    pub(crate) code: usize,
    pub(crate) truncated: usize,
    pub(crate) words_total: usize,
    pub(crate) chars_total: usize,
    /// All values are integers counting up by one.
    pub(crate) row_numbers: bool,
    /// All values are integers in 1900..=2100.
    pub(crate) years: bool,
    /// The most common length of the integer values, and how many have it.
    pub(crate) integer_length: (usize, usize),
    /// The median length in chars of the integer values.
    pub(crate) integer_median_length: usize,
}

impl Profile {
    /// Tests every sampled value.
    pub(crate) fn of(sample: &[SampledValue]) -> Profile {
        let phones = PhoneNormalizer::new();
        let mut profile = Profile {
            values: sample.len(),
            ..Profile::default()
        };
        let mut sorted: Vec<&str> = sample.iter().map(|v| v.text.as_str()).collect();
        sorted.sort_unstable();
        sorted.dedup();
        profile.distinct = sorted.len();

        let mut integers: Vec<u64> = Vec::new();
        let mut integer_lengths: Vec<usize> = Vec::new();
        for value in sample {
            let text = value.text.as_str();
            profile.chars_total += text.chars().count();
            profile.words_total += text.split_whitespace().count();
            if value.truncated {
                profile.truncated += 1;
                continue;
            }
            profile.add(text, &phones);
            if is_integer(text) {
                integer_lengths.push(text.len());
                if let Ok(number) = text.parse::<u64>() {
                    integers.push(number);
                }
            }
        }
        let all_integers = integers.len() == sample.len() && !integers.is_empty();
        profile.row_numbers = all_integers
            && integers.len() >= 3
            && integers
                .windows(2)
                .all(|pair| matches!(pair, [a, b] if a.checked_add(1) == Some(*b)));
        profile.years = all_integers && integers.iter().all(|year| (1900..=2100).contains(year));
        integer_lengths.sort_unstable();
        profile.integer_median_length = integer_lengths
            .get(integer_lengths.len() / 2)
            .copied()
            .unwrap_or(0);
        profile.integer_length = most_common(&integer_lengths);
        profile
    }

    /// Counts the tests `text` (trimmed, not empty) passes.
    fn add(&mut self, text: &str, phones: &PhoneNormalizer) {
        let has_whitespace = text.contains(char::is_whitespace);
        if text.contains('@') && !has_whitespace && normalize_email(text).is_ok() {
            self.email += 1;
            return;
        }
        if text.starts_with('@') && !has_whitespace && text.len() > 1 {
            self.handle += 1;
            return;
        }
        if text
            .split('|')
            .filter(|part| !part.trim().is_empty())
            .count()
            >= 2
        {
            self.set += 1;
            if text.contains(", ") {
                self.set_with_commas += 1;
            }
            return;
        }
        if text
            .split(';')
            .filter(|part| !part.trim().is_empty())
            .count()
            >= 2
        {
            self.semicolon_set += 1;
        } else if text.contains(", ") {
            self.listed += 1;
            if text.matches(", ").nth(1).is_some() {
                self.long_listed += 1;
            }
        }
        let lower = text.to_ascii_lowercase();
        if lower.starts_with("http://")
            || lower.starts_with("https://")
            || lower.starts_with("www.")
        {
            self.url += 1;
            return;
        }
        match date_shape(text) {
            DateShape::Timestamp => {
                self.timestamp += 1;
                return;
            }
            DateShape::Date => {
                self.date += 1;
                return;
            }
            DateShape::None => {}
        }
        let postcode_pattern = is_postcode_pattern(text);
        if postcode_pattern {
            self.postcode_pattern += 1;
        }
        if postcode_pattern || is_short_code(text) {
            self.postcode_like += 1;
        }
        if is_social_security_shaped(text) {
            self.social_security_shaped += 1;
            return;
        }
        if !postcode_pattern && is_phone(text, phones) {
            self.phone += 1;
            return;
        }
        if is_integer(text) {
            self.integer += 1;
            if (7..=15).contains(&text.len()) {
                self.long_digits += 1;
            }
        } else if is_decimal(text) {
            self.decimal += 1;
        }
        if is_boolean(&lower) {
            self.boolean += 1;
        }
        let folded = fold_text(text);
        let words: Vec<&str> = folded.split_whitespace().collect();
        if is_country(&folded) || (words.len() == 1 && is_country_code(text)) {
            self.country += 1;
        }
        if words.iter().any(|word| is_company_word(word)) {
            self.organisation += 1;
        }
        if looks_like_address(text, &words) {
            self.address += 1;
        }
        let has_digit = text.contains(|c: char| c.is_ascii_digit());
        let has_letter = text.contains(char::is_alphabetic);
        if !has_whitespace && has_digit && has_letter && !postcode_pattern && text.len() >= 3 {
            self.code += 1;
        }
        if has_digit || !has_letter {
            return;
        }
        let names: Vec<&str> = words
            .iter()
            .copied()
            .filter(|word| !is_title(word))
            .collect();
        if (1..=4).contains(&names.len()) && folded.is_ascii() {
            self.latin_names += 1;
        }
        match names.as_slice() {
            [only] => {
                self.single_word += 1;
                if is_given_name(only) {
                    self.given_single += 1;
                }
            }
            [first, .., last] if names.len() <= 4 => {
                self.few_words += 1;
                // "Neal, Kelly" puts the given name last.
                let given = if text.contains(',') { last } else { first };
                if is_given_name(given) {
                    self.given_first += 1;
                }
            }
            _ => {}
        }
    }

    /// `count` as a whole percentage of the values.
    pub(crate) fn percent(&self, count: usize) -> usize {
        match self.values {
            0 => 0,
            values => (count.saturating_mul(100) + values / 2) / values,
        }
    }

    /// Whether at least `percent` % of the values pass a test passed by `count`.
    pub(crate) fn at_least(&self, count: usize, percent: usize) -> bool {
        self.values > 0 && count.saturating_mul(100) >= percent.saturating_mul(self.values)
    }

    /// Whether every value is distinct.
    pub(crate) fn is_unique(&self) -> bool {
        self.values > 0 && self.distinct == self.values
    }

    /// Mean words per value, rounded down.
    pub(crate) fn mean_words(&self) -> usize {
        self.words_total.checked_div(self.values).unwrap_or(0)
    }

    /// Mean chars per value, rounded down.
    pub(crate) fn mean_chars(&self) -> usize {
        self.chars_total.checked_div(self.values).unwrap_or(0)
    }

    /// Values that are mostly something typed (e-mail, date, phone,
    /// number), which no name or text kind should hold.
    pub(crate) fn typed(&self) -> usize {
        self.email + self.date + self.timestamp + self.phone + self.integer + self.decimal
    }
}

/// The most common value of a sorted slice and its count (ties: the smaller).
fn most_common(sorted: &[usize]) -> (usize, usize) {
    let mut best = (0, 0);
    let mut run_start = 0;
    for end in 1..=sorted.len() {
        if end == sorted.len() || sorted.get(end) != sorted.get(run_start) {
            let count = end - run_start;
            if count > best.1 {
                best = (sorted.get(run_start).copied().unwrap_or(0), count);
            }
            run_start = end;
        }
    }
    best
}

enum DateShape {
    Date,
    Timestamp,
    None,
}

/// Whether `text` is a date, or a date with a time of day (a time of
/// midnight, as spreadsheets write dates, still counts as a date).
fn date_shape(text: &str) -> DateShape {
    if !text.contains(|c: char| c.is_ascii_digit()) {
        return DateShape::None;
    }
    let (date_part, time_part) = match text.find([' ', 'T']) {
        Some(split) if text.contains(':') => (
            text.get(..split).unwrap_or(text),
            text.get(split + 1..).unwrap_or(""),
        ),
        _ => (text, ""),
    };
    // A month with its year alone (`1945-08`) is a date known in part.
    let Some(date) = parse_date(date_part)
        .ok()
        .or_else(|| first_of_written_month(date_part))
    else {
        return DateShape::None;
    };
    // Eight bare digits parse as yyyymmdd; keep them only when plausible.
    if !(1800..=2100).contains(&date.year()) {
        return DateShape::None;
    }
    let midnight = time_part
        .chars()
        .filter(|c| c.is_ascii_digit())
        .all(|c| c == '0');
    if midnight {
        DateShape::Date
    } else {
        DateShape::Timestamp
    }
}

/// Letters as `A`, digits as `9`, everything else kept (upper-cased).
fn shape_of(text: &str) -> String {
    text.chars()
        .map(|c| {
            if c.is_ascii_digit() {
                '9'
            } else if c.is_ascii_alphabetic() {
                'A'
            } else {
                c
            }
        })
        .collect()
}

/// Postcode shapes that plain digit strings do not cover: UK, Canada,
/// the Netherlands, US ZIP+4, Poland, Portugal, Brazil, Japan, Sweden.
fn is_postcode_pattern(text: &str) -> bool {
    if text.len() > 10 {
        return false;
    }
    matches!(
        shape_of(text).as_str(),
        "A9 9AA"
            | "A99 9AA"
            | "AA9 9AA"
            | "AA99 9AA"
            | "A9A 9AA"
            | "AA9A 9AA"
            | "A99AA"
            | "A999AA"
            | "AA99AA"
            | "AA999AA"
            | "A9A9AA"
            | "AA9A9AA"
            | "A9A 9A9"
            | "A9A9A9"
            | "9999 AA"
            | "9999AA"
            | "99999-9999"
            | "99-999"
            | "9999-999"
            | "99999-999"
            | "999-9999"
            | "999 99"
    )
}

/// A code of 3 to 10 letters and digits with at least one digit: what a
/// postcode column of any country holds.
fn is_short_code(text: &str) -> bool {
    (3..=10).contains(&text.len())
        && text.contains(|c: char| c.is_ascii_digit())
        && text
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == ' ' || c == '-')
}

/// Digits and phone punctuation only, 7 to 15 digits, written like a
/// phone number (with separators, a `+`, a trunk `0`, or ten or more
/// digits), and accepted by the crate's phone normaliser.
fn is_phone(text: &str, phones: &PhoneNormalizer) -> bool {
    let allowed = |c: char| c.is_ascii_digit() || " ()-./+".contains(c);
    if !text.chars().all(allowed) {
        return false;
    }
    let digits = text.chars().filter(char::is_ascii_digit).count();
    if !(7..=15).contains(&digits) {
        return false;
    }
    let bare = digits == text.len();
    let separators = text.chars().filter(|c| !c.is_ascii_digit()).count();
    // A decimal number ("1234567.5") has one '.' and nothing else.
    if separators == 1 && text.contains('.') {
        return false;
    }
    let phone_like = !bare || text.starts_with('0') || digits >= 10;
    phone_like && phones.normalize(text).is_ok()
}

/// `123-45-6789`: how a US social security number is written, in groups
/// of three, two and four digits that no numbering plan gives a phone
/// number.
fn is_social_security_shaped(text: &str) -> bool {
    text.split('-').map(str::len).eq([3, 2, 4])
        && text.bytes().all(|b| b.is_ascii_digit() || b == b'-')
}

fn is_integer(text: &str) -> bool {
    !text.is_empty() && text.len() <= 19 && text.bytes().all(|b| b.is_ascii_digit())
}

/// A number with a sign, a decimal point or comma, or thousands separators.
fn is_decimal(text: &str) -> bool {
    let unsigned = text
        .strip_prefix(['-', '+'])
        .unwrap_or(text)
        .trim_start_matches(['$', '€', '£']);
    unsigned.starts_with(|c: char| c.is_ascii_digit())
        && unsigned
            .chars()
            .all(|c| c.is_ascii_digit() || c == '.' || c == ',')
        && unsigned.chars().filter(|&c| c == '.' || c == ',').count() <= 3
}

fn is_boolean(lower: &str) -> bool {
    matches!(
        lower,
        "yes"
            | "no"
            | "y"
            | "n"
            | "true"
            | "false"
            | "t"
            | "f"
            | "0"
            | "1"
            | "on"
            | "off"
            | "ja"
            | "nein"
            | "oui"
            | "non"
            | "si"
    )
}

/// A known given name: the crate's English nickname table, plus common
/// given names it lacks, from the countries whose headers are read.
fn is_given_name(folded_word: &str) -> bool {
    !formal_names(folded_word).is_empty()
        || matches!(
            folded_word,
            "kelly"
                | "audrey"
                | "karen"
                | "ashley"
                | "jason"
                | "justin"
                | "heather"
                | "megan"
                | "donna"
                | "brittany"
                | "courtney"
                | "crystal"
                | "tiffany"
                | "amber"
                | "april"
                | "erin"
                | "kayla"
                | "lauren"
                | "chelsea"
                | "shannon"
                | "tara"
                | "dana"
                | "kyle"
                | "ryan"
                | "sean"
                | "shane"
                | "brett"
                | "chad"
                | "cody"
                | "derek"
                | "dustin"
                | "jared"
                | "jeremy"
                | "jordan"
                | "logan"
                | "mason"
                | "noah"
                | "liam"
                | "aiden"
                | "ethan"
                | "dylan"
                | "caleb"
                | "hunter"
                | "austin"
                | "blake"
                | "madison"
                | "olivia"
                | "chloe"
                | "mia"
                | "ava"
                | "zoe"
                | "lily"
                | "grace"
                | "hannah"
                | "brooke"
                | "paige"
                | "jade"
                | "amy"
                | "kylie"
                | "tanya"
                | "tracy"
                | "stacey"
                | "kirsty"
                | "leah"
                | "maria"
                | "jose"
                | "juan"
                | "carlos"
                | "luis"
                | "miguel"
                | "javier"
                | "pablo"
                | "pedro"
                | "diego"
                | "sergio"
                | "alejandro"
                | "fernando"
                | "manuel"
                | "antonio"
                | "francisco"
                | "rafael"
                | "raul"
                | "jorge"
                | "ana"
                | "lucia"
                | "carmen"
                | "rosa"
                | "isabel"
                | "elena"
                | "sofia"
                | "marta"
                | "paula"
                | "laia"
                | "hans"
                | "jurgen"
                | "klaus"
                | "wolfgang"
                | "dieter"
                | "uwe"
                | "stefan"
                | "matthias"
                | "andreas"
                | "thomas"
                | "markus"
                | "tobias"
                | "lukas"
                | "jonas"
                | "felix"
                | "sabine"
                | "ursula"
                | "monika"
                | "petra"
                | "claudia"
                | "birgit"
                | "katrin"
                | "anja"
                | "heike"
                | "ute"
                | "pierre"
                | "jean"
                | "jacques"
                | "michel"
                | "philippe"
                | "alain"
                | "nicolas"
                | "francois"
                | "julien"
                | "mathieu"
                | "antoine"
                | "marie"
                | "sophie"
                | "camille"
                | "manon"
                | "juliette"
                | "isabelle"
                | "nathalie"
                | "sylvie"
                | "giuseppe"
                | "giovanni"
                | "marco"
                | "luca"
                | "matteo"
                | "alessandro"
                | "francesca"
                | "giulia"
                | "chiara"
                | "federica"
                | "paolo"
                | "roberto"
                | "joao"
                | "tiago"
                | "rui"
                | "mohammed"
                | "muhammad"
                | "mohamed"
                | "ahmed"
                | "ali"
                | "omar"
                | "fatima"
                | "aisha"
                | "wei"
                | "li"
                | "jing"
                | "ying"
                | "hiroshi"
                | "yuki"
                | "kenji"
                | "raj"
                | "priya"
                | "amit"
                | "anil"
                | "sanjay"
                | "deepak"
                | "ravi"
                | "sunil"
                | "lars"
                | "sven"
                | "anders"
                | "erik"
                | "nils"
                | "ingrid"
                | "astrid"
                | "jan"
                | "piotr"
                | "tomasz"
                | "ivan"
                | "olga"
                | "natalia"
                | "dmitri"
                | "sergei"
        )
}

fn is_title(folded_word: &str) -> bool {
    matches!(
        folded_word,
        "mr" | "mrs"
            | "ms"
            | "miss"
            | "mx"
            | "dr"
            | "prof"
            | "sir"
            | "herr"
            | "frau"
            | "mme"
            | "mlle"
            | "sr"
            | "sra"
    )
}

/// Legal forms (see [`is_legal_form`]) and words that name organisations
/// rather than people. `as` (a Danish and Norwegian legal form) is left
/// out: in a column of free text it is far more often the English word.
fn is_company_word(folded_word: &str) -> bool {
    (is_legal_form(folded_word) && folded_word != "as")
        || matches!(
            folded_word,
            "group"
                | "holdings"
                | "holding"
                | "partners"
                | "associates"
                | "foundation"
                | "university"
                | "universitat"
                | "universite"
                | "hospital"
                | "bank"
                | "trust"
                | "institute"
                | "society"
                | "association"
                | "ministry"
                | "gesellschaft"
                | "sons"
                | "bros"
                | "brothers"
                | "services"
                | "solutions"
                | "systems"
                | "technologies"
                | "technology"
                | "consulting"
                | "international"
                | "industries"
                | "enterprises"
                | "cafe"
                | "restaurant"
                | "grill"
                | "bistro"
                | "bar"
                | "pizzeria"
                | "trattoria"
                | "diner"
                | "hotel"
                | "bakery"
                | "salon"
                | "clinic"
                | "pharmacy"
                | "studio"
                | "club"
                | "school"
                | "college"
                | "church"
                | "center"
                | "centre"
                | "store"
                | "shop"
                | "market"
                | "kitchen"
                | "steakhouse"
                | "brasserie"
                | "tavern"
        )
}

/// A house number followed by words, or a street-type word among others.
fn looks_like_address(text: &str, folded_words: &[&str]) -> bool {
    let starts_with_number = text.starts_with(|c: char| c.is_ascii_digit())
        && folded_words
            .iter()
            .skip(1)
            .any(|word| word.chars().all(char::is_alphabetic));
    let street_word = folded_words.len() >= 2 && folded_words.iter().any(|w| is_street_word(w));
    starts_with_number || street_word
}

/// Country names in English and in their own languages (folded).
fn is_country(folded: &str) -> bool {
    matches!(
        folded,
        "afghanistan"
            | "albania"
            | "algeria"
            | "argentina"
            | "armenia"
            | "australia"
            | "austria"
            | "osterreich"
            | "bangladesh"
            | "belarus"
            | "belgium"
            | "belgique"
            | "belgie"
            | "bolivia"
            | "brazil"
            | "brasil"
            | "bulgaria"
            | "cambodia"
            | "cameroon"
            | "canada"
            | "chile"
            | "china"
            | "colombia"
            | "costa rica"
            | "croatia"
            | "cuba"
            | "cyprus"
            | "czech republic"
            | "czechia"
            | "denmark"
            | "danmark"
            | "dominican republic"
            | "ecuador"
            | "egypt"
            | "el salvador"
            | "estonia"
            | "ethiopia"
            | "finland"
            | "suomi"
            | "france"
            | "germany"
            | "deutschland"
            | "ghana"
            | "greece"
            | "guatemala"
            | "honduras"
            | "hong kong"
            | "hungary"
            | "iceland"
            | "india"
            | "indonesia"
            | "iran"
            | "iraq"
            | "ireland"
            | "israel"
            | "italy"
            | "italia"
            | "jamaica"
            | "japan"
            | "jordan"
            | "kazakhstan"
            | "kenya"
            | "korea"
            | "south korea"
            | "kuwait"
            | "latvia"
            | "lebanon"
            | "lithuania"
            | "luxembourg"
            | "malaysia"
            | "malta"
            | "mexico"
            | "morocco"
            | "nepal"
            | "netherlands"
            | "the netherlands"
            | "nederland"
            | "holland"
            | "new zealand"
            | "nicaragua"
            | "nigeria"
            | "norway"
            | "norge"
            | "pakistan"
            | "panama"
            | "paraguay"
            | "peru"
            | "philippines"
            | "poland"
            | "polska"
            | "portugal"
            | "puerto rico"
            | "qatar"
            | "romania"
            | "russia"
            | "russian federation"
            | "saudi arabia"
            | "senegal"
            | "serbia"
            | "singapore"
            | "slovakia"
            | "slovenia"
            | "south africa"
            | "spain"
            | "espana"
            | "sri lanka"
            | "sweden"
            | "sverige"
            | "switzerland"
            | "schweiz"
            | "suisse"
            | "svizzera"
            | "taiwan"
            | "tanzania"
            | "thailand"
            | "tunisia"
            | "turkey"
            | "turkiye"
            | "uganda"
            | "ukraine"
            | "united arab emirates"
            | "uae"
            | "united kingdom"
            | "uk"
            | "great britain"
            | "england"
            | "scotland"
            | "wales"
            | "united states"
            | "united states of america"
            | "usa"
            | "us"
            | "uruguay"
            | "venezuela"
            | "vietnam"
            | "viet nam"
            | "zimbabwe"
    )
}

/// ISO 3166 alpha-2 and alpha-3 codes of the countries most often met in
/// customer data, upper case as written.
fn is_country_code(text: &str) -> bool {
    matches!(
        text,
        "AR" | "AT"
            | "AU"
            | "BE"
            | "BG"
            | "BR"
            | "CA"
            | "CH"
            | "CL"
            | "CN"
            | "CO"
            | "CY"
            | "CZ"
            | "DE"
            | "DK"
            | "EE"
            | "EG"
            | "ES"
            | "FI"
            | "FR"
            | "GB"
            | "GR"
            | "HK"
            | "HR"
            | "HU"
            | "ID"
            | "IE"
            | "IL"
            | "IN"
            | "IS"
            | "IT"
            | "JP"
            | "KR"
            | "LT"
            | "LU"
            | "LV"
            | "MT"
            | "MX"
            | "MY"
            | "NG"
            | "NL"
            | "NO"
            | "NZ"
            | "PE"
            | "PH"
            | "PK"
            | "PL"
            | "PT"
            | "RO"
            | "RS"
            | "RU"
            | "SA"
            | "SE"
            | "SG"
            | "SI"
            | "SK"
            | "TH"
            | "TR"
            | "TW"
            | "UA"
            | "US"
            | "VN"
            | "ZA"
            | "AUS"
            | "AUT"
            | "BEL"
            | "BRA"
            | "CAN"
            | "CHE"
            | "CHN"
            | "DEU"
            | "DNK"
            | "ESP"
            | "FIN"
            | "FRA"
            | "GBR"
            | "IND"
            | "IRL"
            | "ITA"
            | "JPN"
            | "KOR"
            | "MEX"
            | "NLD"
            | "NOR"
            | "NZL"
            | "POL"
            | "PRT"
            | "RUS"
            | "SWE"
            | "TWN"
            | "USA"
            | "ZAF"
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn profile(values: &[&str]) -> Profile {
        let sample: Vec<SampledValue> = values
            .iter()
            .filter_map(|v| SampledValue::new(v, 128))
            .collect();
        Profile::of(&sample)
    }

    #[test]
    fn sampled_values_are_trimmed_and_cut_at_char_boundaries() {
        assert_eq!(SampledValue::new("  \t ", 128), None);
        let cut = SampledValue::new(" ééé ", 3).unwrap();
        assert_eq!((cut.text.as_str(), cut.truncated), ("é", true));
        let kept = SampledValue::new(" ab ", 2).unwrap();
        assert_eq!((kept.text.as_str(), kept.truncated), ("ab", false));
        let emoji = SampledValue::new("🎉", 2).unwrap();
        assert_eq!((emoji.text.as_str(), emoji.truncated), ("", true));
    }

    #[test]
    fn each_value_shape_is_recognised() {
        let p = profile(&[
            "k.neal@example.com",
            "@kneal",
            "a | b",
            "https://example.com",
            "1985-03-04",
            "2021-03-04 10:20:30",
            "1985-03-04 00:00:00",
            "19850304",
            "SW1A 1AA",
            "+1 (555) 010-2030",
            "0212345678",
            "12345",
            "3.14",
            "yes",
            "Germany",
            "Acme Widgets Ltd",
            "6958 Spring Parkway",
            "Kelly",
            "Kelly Neal",
            "Neal, Kelly",
            "AB12CD34",
        ]);
        assert_eq!(
            (p.email, p.handle, p.set, p.url, p.date, p.timestamp),
            (1, 1, 1, 1, 3, 1)
        );
        assert_eq!(
            (p.postcode_pattern, p.phone, p.integer, p.decimal),
            (1, 2, 1, 1)
        );
        assert_eq!(
            (p.boolean, p.country, p.organisation, p.address),
            (1, 1, 1, 1)
        );
        assert_eq!((p.single_word, p.given_single), (3, 1));
        assert_eq!((p.few_words, p.given_first), (3, 2));
        assert_eq!(p.code, 1);
        // A social security number's shape is not a phone number's.
        let ssn = profile(&["863-86-7052", "123-456-7890"]);
        assert_eq!((ssn.social_security_shaped, ssn.phone), (1, 1));
        assert!(
            is_social_security_shaped("863-86-7052") && !is_social_security_shaped("863-86-705")
        );
        assert!(
            !is_social_security_shaped("86a-86-7052") && !is_social_security_shaped("863867052")
        );
    }

    #[test]
    fn integers_are_checked_for_row_numbers_and_years() {
        assert!(profile(&["1", "2", "3", "4"]).row_numbers);
        assert!(!profile(&["1", "2", "4"]).row_numbers);
        assert!(!profile(&["1", "2"]).row_numbers);
        assert!(profile(&["1985", "1990", "2001"]).years);
        let lengths = profile(&["2615", "2000", "3101", "80"]);
        assert_eq!(lengths.integer_length, (4, 3));
        assert_eq!(lengths.integer_median_length, 4);
        assert!(!profile(&["18446744073709551615", "18446744073709551616"]).row_numbers);
    }

    #[test]
    fn percentages_round_and_never_divide_by_zero() {
        let empty = profile(&[]);
        assert_eq!((empty.percent(0), empty.at_least(0, 0)), (0, false));
        let p = profile(&["a", "b", "c"]);
        assert_eq!(p.percent(2), 67);
        assert!(p.at_least(2, 66) && !p.at_least(2, 67));
        assert_eq!(most_common(&[]), (0, 0));
        assert_eq!(most_common(&[1, 2, 2, 3]), (2, 2));
    }
}
