//! Personal names: split into title, given, middle, family and suffix,
//! each folded with [`fold_text`]; see [`parse_person_name`] for the rules.

use std::borrow::Cow;

use smallvec::SmallVec;

use crate::normalize::fold_text;

/// Titles recognised before a name, folded, sorted.
static TITLES: &[&str] = &[
    "capt",
    "captain",
    "col",
    "dame",
    "doctor",
    "dr",
    "fr",
    "frau",
    "gen",
    "herr",
    "hon",
    "lady",
    "lord",
    "lt",
    "madam",
    "madame",
    "maj",
    "miss",
    "mister",
    "mlle",
    "mme",
    "mr",
    "mrs",
    "ms",
    "mx",
    "pastor",
    "prof",
    "professor",
    "rabbi",
    "rev",
    "revd",
    "reverend",
    "sgt",
    "sir",
];

/// Suffixes recognised after a name, folded, dots removed, sorted.
static SUFFIXES: &[&str] = &[
    "2nd", "3rd", "4th", "cbe", "cfa", "cpa", "dds", "dmd", "dphil", "dvm", "esq", "esquire", "ii",
    "iii", "iv", "jd", "jnr", "jr", "junior", "kbe", "kc", "mba", "mbe", "md", "obe", "phd", "qc",
    "rn", "senior", "snr", "sr",
];

/// Words that begin a family name, folded, sorted.
static PARTICLES: &[&str] = &[
    "al", "ap", "bin", "bint", "binti", "da", "dal", "das", "de", "degli", "dei", "del", "della",
    "den", "der", "des", "di", "dos", "du", "el", "ibn", "la", "le", "st", "ste", "ten", "ter",
    "van", "ver", "von", "zu",
];

/// Longest suffix written with dots between letters that is recognised
/// (`D.D.S.`).
const MAX_DOTTED_SUFFIX_PIECES: usize = 3;

/// Values clerks write in a name field when the name is not known,
/// folded, sorted: `UNKNOWN`, `NFN` (no first name), `FNU` / `LNU`
/// (first / last name unknown), `BABY GIRL` for a newborn not yet named,
/// `NOT PROVIDED`, `NOT AVAILABLE`, `REFUSED`, `DECLINED`,
/// `ANONYMOUS`, and `TEST` for a test record.
const PLACEHOLDER_NAMES: [&str; 36] = [
    "anonymous",
    "baby",
    "baby boy",
    "baby girl",
    "declined",
    "fnu",
    "infant",
    "lnu",
    "newborn",
    "nfn",
    "nln",
    "nmn",
    "no first name",
    "no last name",
    "no name",
    "noname",
    "none",
    "not applicable",
    "not available",
    "not given",
    "not known",
    "not provided",
    "not recorded",
    "not reported",
    "not stated",
    "notprovided",
    "null",
    "refused",
    "test",
    "unk",
    "unknown",
    "unknown name",
    "unnamed",
    "withheld",
    "xx",
    "xxx",
];

/// Courtesy titles that, alone where a given name belongs, hold none
/// (`MR`, `Mrs.`), sorted.
const COURTESY_TITLES: [&str; 8] = ["dr", "miss", "mister", "mr", "mrs", "ms", "mstr", "mx"];

/// Whether a normalised given name is a placeholder (see
/// [`is_placeholder_name`]) or a courtesy title alone.
pub(crate) fn is_placeholder_given_name(normalized: &str) -> bool {
    is_placeholder_name(normalized) || COURTESY_TITLES.binary_search(&normalized).is_ok()
}

/// Whether a normalised name (see [`normalize_name`]) is a placeholder
/// written when the name was not known (`unknown`, `nfn`, `fnu`, `lnu`,
/// `baby girl`) rather than a name: two records sharing one say nothing
/// about being one person, so the prepared store keeps it as missing.
///
/// # Examples
///
/// ```
/// use sameas::normalize::{is_placeholder_name, normalize_name};
/// assert!(is_placeholder_name(&normalize_name("UNKNOWN")));
/// assert!(is_placeholder_name(&normalize_name("Baby Girl")));
/// assert!(!is_placeholder_name(&normalize_name("Kelly")));
/// ```
pub fn is_placeholder_name(normalized: &str) -> bool {
    PLACEHOLDER_NAMES.binary_search(&normalized).is_ok()
}

fn is_title(word: &str) -> bool {
    TITLES.binary_search(&word).is_ok()
}

/// Whether `word` (folded, without dots) is a name suffix (`jr`, `iii`, `phd`).
pub(crate) fn is_suffix(word: &str) -> bool {
    SUFFIXES.binary_search(&word).is_ok()
}

/// Suffixes a family-name field may carry after the name (`Smith, Jr.`,
/// `O'Neal III`), folded, without dots, sorted: the generational ones
/// and the two academic ones written there most. Professional letters
/// that are also family names (`KC`, `MD`, `RN`) are not among them.
const FAMILY_NAME_SUFFIXES: [&str; 15] = [
    "2nd", "3rd", "4th", "esq", "esquire", "ii", "iii", "iv", "jnr", "jr", "junior", "phd",
    "senior", "snr", "sr",
];

/// A family name folded (see [`fold_text`]), without the suffixes
/// written after it: `Smith, Jr.` and `SMITH JR` are `smith`, as the
/// same person's `Smith` is. A name that is a suffix alone (`Senior`,
/// the Japanese `Ii`) is kept.
pub(crate) fn normalize_family_name(input: &str) -> Cow<'_, str> {
    let folded = fold_text(input);
    let mut end = folded.len();
    while let Some((rest, last)) = folded[..end].rsplit_once(' ') {
        if rest.is_empty() || FAMILY_NAME_SUFFIXES.binary_search(&last).is_err() {
            break;
        }
        end = rest.len();
    }
    if end == folded.len() {
        return folded;
    }
    Cow::Owned(folded[..end].to_string())
}

/// Whether `word` (folded) begins a family name (`van`, `de`, `al`...).
pub(crate) fn is_particle(word: &str) -> bool {
    PARTICLES.binary_search(&word).is_ok()
}

/// One folded word of the input.
#[derive(Debug, Clone)]
struct NameToken<'a> {
    text: Cow<'a, str>,
    /// Index of the comma-separated segment (dense: empty segments are
    /// not counted).
    segment: usize,
    /// Directly after a dot that directly follows the previous word, as
    /// the `D` in `Ph.D.`.
    glued: bool,
}

type Tokens<'a> = SmallVec<[NameToken<'a>; 8]>;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Role {
    Title,
    Given,
    Middle,
    Family,
    Suffix,
}

type Roles = SmallVec<[Role; 8]>;

/// Folds the word `input[start..end]` (if any) and appends it; `false`
/// when there is no word or it folds to nothing (symbols only).
fn push_word<'a>(
    input: &'a str,
    start: Option<usize>,
    end: usize,
    glued: bool,
    segment: usize,
    tokens: &mut Tokens<'a>,
) -> bool {
    let Some(word) = start.and_then(|start| input.get(start..end)) else {
        return false;
    };
    let text = fold_text(word);
    if text.is_empty() {
        return false;
    }
    // A word joined by `-` or `/` folds to several parts; titles leading
    // it and suffixes ending it are words of their own (`Mr/Mrs`,
    // `Doe-II`), the rest stays one part (`Smith-Jones`).
    if text.contains(' ') {
        let parts: SmallVec<[&str; 4]> = text.split(' ').collect();
        let lead = parts.iter().take_while(|part| is_title(part)).count();
        let trail = parts[lead..]
            .iter()
            .rev()
            .take_while(|part| is_suffix(part))
            .count();
        if lead + trail > 0 {
            let inner = parts[lead..parts.len() - trail].join(" ");
            let pieces = parts[..lead]
                .iter()
                .map(|part| part.to_string())
                .chain((!inner.is_empty()).then_some(inner))
                .chain(
                    parts[parts.len() - trail..]
                        .iter()
                        .map(|part| part.to_string()),
                );
            for (at, piece) in pieces.enumerate() {
                tokens.push(NameToken {
                    text: Cow::Owned(piece),
                    segment,
                    glued: glued && at == 0,
                });
            }
            return true;
        }
    }
    tokens.push(NameToken {
        text,
        segment,
        glued,
    });
    true
}

/// Splits the input into folded words (see `parse_person_name`, steps 1-2).
fn tokenize(input: &str) -> Tokens<'_> {
    let mut tokens = Tokens::new();
    let mut segment = 0;
    let mut segment_has_tokens = false;
    let mut glue_next = false;
    let mut word_start: Option<usize> = None;
    let mut skip_until: Option<char> = None;

    for (at, c) in input.char_indices() {
        if let Some(closing) = skip_until {
            if c == closing {
                skip_until = None;
            }
            continue;
        }
        let closing = match c {
            '(' => Some(')'),
            '[' => Some(']'),
            '"' => Some('"'),
            '\u{201C}' => Some('\u{201D}'),
            '\u{00AB}' => Some('\u{00BB}'),
            _ => None,
        };
        let is_boundary = closing.is_some() || c.is_whitespace() || matches!(c, ',' | ';' | '.');
        if !is_boundary {
            if word_start.is_none() {
                word_start = Some(at);
            }
            continue;
        }
        let pushed = push_word(
            input,
            word_start.take(),
            at,
            glue_next,
            segment,
            &mut tokens,
        );
        segment_has_tokens |= pushed;
        glue_next = c == '.' && pushed;
        if matches!(c, ',' | ';') && segment_has_tokens {
            segment += 1;
            segment_has_tokens = false;
        }
        skip_until = closing;
    }
    push_word(
        input,
        word_start,
        input.len(),
        glue_next,
        segment,
        &mut tokens,
    );
    tokens
}

/// The folded text of `pieces` written together (`ph` + `d` = `phd`),
/// in `buffer`; `None` when too long to be a suffix.
fn joined<'b>(pieces: &[NameToken<'_>], buffer: &'b mut [u8; 16]) -> Option<&'b str> {
    let mut len = 0;
    for piece in pieces {
        let bytes = piece.text.as_bytes();
        buffer
            .get_mut(len..len + bytes.len())?
            .copy_from_slice(bytes);
        len += bytes.len();
    }
    std::str::from_utf8(buffer.get(..len)?).ok()
}

/// How many tokens at the end of `tokens[..end]` (not before `floor`)
/// spell one suffix, counting dotted forms like `M.D.` as one.
fn trailing_suffix_len(tokens: &[NameToken<'_>], floor: usize, end: usize) -> Option<usize> {
    (1..=MAX_DOTTED_SUFFIX_PIECES).rev().find(|&count| {
        let Some(start) = end.checked_sub(count).filter(|&start| start >= floor) else {
            return false;
        };
        let Some(run) = tokens.get(start..end) else {
            return false;
        };
        let glued = run.iter().skip(1).all(|token| token.glued);
        let mut buffer = [0u8; 16];
        glued && joined(run, &mut buffer).is_some_and(is_suffix)
    })
}

/// The name words of segment `start..end`, after its leading titles (if
/// `titles_allowed`) and trailing suffixes; at least one word stays when
/// `keep_one` is set.
fn name_range(
    tokens: &[NameToken<'_>],
    start: usize,
    end: usize,
    titles_allowed: bool,
    keep_one: bool,
) -> (usize, usize) {
    let mut first = start;
    let title_limit = if keep_one { end.saturating_sub(1) } else { end };
    if titles_allowed {
        while first < title_limit && tokens.get(first).is_some_and(|t| is_title(&t.text)) {
            first += 1;
        }
    }
    let floor = if keep_one { first + 1 } else { first };
    let mut last = end;
    while let Some(count) = trailing_suffix_len(tokens, floor, last) {
        last -= count;
    }
    (first, last.max(first))
}

fn set(roles: &mut Roles, range: std::ops::Range<usize>, role: Role) {
    for slot in roles.get_mut(range).unwrap_or_default() {
        *slot = role;
    }
}

/// Where the family name starts among the name words `first..last`: the
/// last word and the particles before it, never the first word.
fn family_start(tokens: &[NameToken<'_>], first: usize, last: usize) -> usize {
    let mut start = last.saturating_sub(1).max(first);
    while start > first + 1 && tokens.get(start - 1).is_some_and(|t| is_particle(&t.text)) {
        start -= 1;
    }
    start
}

/// Decides each token's role (see `parse_person_name`, steps 3-5).
fn assign_roles(tokens: &[NameToken<'_>]) -> Roles {
    let mut roles: Roles = SmallVec::from_elem(Role::Middle, tokens.len());
    let mut segments: SmallVec<[(usize, usize); 4]> = SmallVec::new();
    for (index, token) in tokens.iter().enumerate() {
        let count = segments.len();
        match segments.last_mut() {
            Some(last) if count == token.segment + 1 => last.1 = index + 1,
            _ => segments.push((index, index + 1)),
        }
    }
    let Some(&(start0, end0)) = segments.first() else {
        return roles;
    };
    let later = segments.get(1..).unwrap_or_default();
    let only_suffixes = |&(start, end): &(usize, usize)| {
        let (first, last) = name_range(tokens, start, end, false, false);
        first == last
    };
    if later.iter().all(only_suffixes) {
        let (first, last) = name_range(tokens, start0, end0, true, true);
        set(&mut roles, start0..first, Role::Title);
        set(&mut roles, last..end0, Role::Suffix);
        for &(start, end) in later {
            set(&mut roles, start..end, Role::Suffix);
        }
        if last - first == 1 {
            let role = if first > start0 {
                Role::Family
            } else {
                Role::Given
            };
            set(&mut roles, first..last, role);
        } else if last > first {
            let family = family_start(tokens, first, last);
            set(&mut roles, first..first + 1, Role::Given);
            set(&mut roles, family..last, Role::Family);
        }
        return roles;
    }
    // The family segment may be all title or suffix ("Jr., Kelly"): the
    // given name after the comma is name enough.
    let (first, last) = name_range(tokens, start0, end0, true, false);
    set(&mut roles, start0..first, Role::Title);
    set(&mut roles, first..last, Role::Family);
    set(&mut roles, last..end0, Role::Suffix);
    if let Some(&(start1, end1)) = later.first() {
        let (first, last) = name_range(tokens, start1, end1, true, true);
        set(&mut roles, start1..first, Role::Title);
        set(&mut roles, last..end1, Role::Suffix);
        let mut particles = last;
        while particles > first + 1
            && tokens
                .get(particles - 1)
                .is_some_and(|t| is_particle(&t.text))
        {
            particles -= 1;
        }
        set(&mut roles, first..first + 1, Role::Given);
        set(&mut roles, particles..last, Role::Family);
    }
    for &(start, end) in later.get(1..).unwrap_or_default() {
        let (_, last) = name_range(tokens, start, end, false, false);
        set(&mut roles, last..end, Role::Suffix);
    }
    roles
}

/// A byte range of [`PersonName`]'s folded buffer.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash)]
struct Span {
    start: usize,
    end: usize,
}

impl Span {
    fn is_empty(self) -> bool {
        self.start >= self.end
    }
}

/// A personal name split into its parts, each folded with [`fold_text`].
///
/// All parts live in one buffer, in the order titles, given, middle,
/// family, suffixes, separated by single spaces; each accessor borrows a
/// slice of it.
///
/// # Examples
///
/// ```
/// use sameas::normalize::parse_person_name;
///
/// let name = parse_person_name("Dr. Kelly A. Neal Jr.");
/// assert_eq!(name.titles().collect::<Vec<_>>(), ["dr"]);
/// assert_eq!(name.given(), Some("kelly"));
/// assert_eq!(name.middle_names().collect::<Vec<_>>(), ["a"]);
/// assert_eq!(name.family(), Some("neal"));
/// assert_eq!(name.suffixes().collect::<Vec<_>>(), ["jr"]);
/// assert_eq!(name.full_name(), "kelly a neal");
/// ```
#[derive(Debug, Clone, Default, PartialEq, Eq, Hash)]
pub struct PersonName {
    folded: String,
    titles: Span,
    given: Span,
    middle: Span,
    family: Span,
    suffixes: Span,
}

impl PersonName {
    fn part(&self, span: Span) -> Option<&str> {
        if span.is_empty() {
            None
        } else {
            self.folded.get(span.start..span.end)
        }
    }

    fn words(&self, span: Span) -> impl Iterator<Item = &str> + '_ {
        self.part(span)
            .unwrap_or_default()
            .split(' ')
            .filter(|word| !word.is_empty())
    }

    /// The titles before the name (`dr`, `mrs`, ...), in input order.
    ///
    /// # Examples
    ///
    /// ```
    /// use sameas::normalize::parse_person_name;
    ///
    /// let name = parse_person_name("Prof. Dr. Anna Schmidt");
    /// assert_eq!(name.titles().collect::<Vec<_>>(), ["prof", "dr"]);
    /// ```
    pub fn titles(&self) -> impl Iterator<Item = &str> + '_ {
        self.words(self.titles)
    }

    /// The given (first) name, if any.
    ///
    /// # Examples
    ///
    /// ```
    /// use sameas::normalize::parse_person_name;
    ///
    /// assert_eq!(parse_person_name("Neal, Kelly").given(), Some("kelly"));
    /// assert_eq!(parse_person_name("Mr. Neal").given(), None);
    /// ```
    pub fn given(&self) -> Option<&str> {
        self.part(self.given)
    }

    /// The middle names and initials, in input order (a hyphenated middle
    /// name yields its two halves).
    ///
    /// # Examples
    ///
    /// ```
    /// use sameas::normalize::parse_person_name;
    ///
    /// let name = parse_person_name("John Ronald Reuel Tolkien");
    /// assert_eq!(name.middle_names().collect::<Vec<_>>(), ["ronald", "reuel"]);
    /// ```
    pub fn middle_names(&self) -> impl Iterator<Item = &str> + '_ {
        self.words(self.middle)
    }

    /// The family name with its particles, words separated by single
    /// spaces (`van beethoven`, `smith jones` for `Smith-Jones`).
    ///
    /// # Examples
    ///
    /// ```
    /// use sameas::normalize::parse_person_name;
    ///
    /// assert_eq!(parse_person_name("Ludwig van Beethoven").family(), Some("van beethoven"));
    /// assert_eq!(parse_person_name("Kelly").family(), None);
    /// ```
    pub fn family(&self) -> Option<&str> {
        self.part(self.family)
    }

    /// The suffixes after the name (`jr`, `iii`, `phd`, ...), dots removed.
    ///
    /// # Examples
    ///
    /// ```
    /// use sameas::normalize::parse_person_name;
    ///
    /// let name = parse_person_name("Kelly Neal, Jr., Ph.D.");
    /// assert_eq!(name.suffixes().collect::<Vec<_>>(), ["jr", "phd"]);
    /// ```
    pub fn suffixes(&self) -> impl Iterator<Item = &str> + '_ {
        self.words(self.suffixes)
    }

    /// Given, middle and family names in that order, without titles and
    /// suffixes, whatever order the input used: a key that `Neal, Kelly`
    /// and `Kelly Neal` share.
    ///
    /// # Examples
    ///
    /// ```
    /// use sameas::normalize::parse_person_name;
    ///
    /// assert_eq!(parse_person_name("NEAL, Kelly A.").full_name(), "kelly a neal");
    /// assert_eq!(parse_person_name("").full_name(), "");
    /// ```
    pub fn full_name(&self) -> &str {
        let parts = [self.given, self.middle, self.family];
        let mut present = parts.iter().filter(|span| !span.is_empty());
        let Some(first) = present.next() else {
            return "";
        };
        let end = present.next_back().map_or(first.end, |span| span.end);
        self.folded.get(first.start..end).unwrap_or_default()
    }

    /// Whether no name word was found.
    ///
    /// # Examples
    ///
    /// ```
    /// use sameas::normalize::parse_person_name;
    ///
    /// assert!(parse_person_name(" , 🙂 ").is_empty());
    /// assert!(!parse_person_name("Kelly").is_empty());
    /// ```
    pub fn is_empty(&self) -> bool {
        self.folded.is_empty()
    }
}

/// Appends the tokens with `role` (and `keep`) to `out`, space-separated
/// (dotted suffix pieces written together), and returns their span.
fn write_part(
    out: &mut String,
    tokens: &[NameToken<'_>],
    roles: &[Role],
    role: Role,
    keep: impl Fn(&NameToken<'_>) -> bool,
) -> Span {
    let mut span: Option<Span> = None;
    let mut previous: Option<usize> = None;
    for (index, (token, _)) in tokens
        .iter()
        .zip(roles)
        .enumerate()
        .filter(|(_, (token, token_role))| **token_role == role && keep(token))
    {
        let tight = role == Role::Suffix
            && token.glued
            && previous.is_some()
            && previous == index.checked_sub(1);
        if !out.is_empty() && !tight {
            out.push(' ');
        }
        let start = span.map_or(out.len(), |span| span.start);
        out.push_str(&token.text);
        span = Some(Span {
            start,
            end: out.len(),
        });
        previous = Some(index);
    }
    span.unwrap_or(Span {
        start: out.len(),
        end: out.len(),
    })
}

/// Parses a personal name into its parts.
///
/// # How a name is read
///
/// 1. Text in brackets or double quotes (`Robert "Bob" Smith`,
///    `Kelly (née Smith) Neal`) is an annotation and is skipped; an
///    unclosed bracket or quote skips the rest of the input.
/// 2. Words are separated by white space and dots; commas and semicolons
///    also separate segments. Each word is folded on its own, so a
///    hyphenated word stays one part (`Smith-Jones` is the family name
///    `smith jones`) and `O'Brien` becomes `obrien`; only titles leading
///    a hyphenated or slashed word and suffixes ending it are words of
///    their own (`Mr/Mrs Smith` has titles `mr`, `mrs`; `Jane Doe-II`
///    has family `doe` and suffix `ii`).
/// 3. In each segment, leading titles (`Mr`, `Dr`, `Prof`, `Sir`, ...) and
///    trailing suffixes (`Jr`, `III`, `PhD`, `M.D.`, `Esq`, ...) are set
///    apart, always leaving at least one name word.
/// 4. With one segment (`Dr. Kelly A. Neal Jr.`), or when every segment
///    after the first holds only suffixes (`Kelly Neal, Jr., PhD`), the
///    order is given, middle..., family. The family name is the last word
///    plus any particles before it (`van`, `von`, `de`, `del`, `da`, `di`,
///    `le`, `la`, `bin`, `al`, ...): `Ludwig van Beethoven` has family
///    `van beethoven`. A lone word is the given name, unless a title came
///    before it (`Dr. Neal` has family `neal`).
/// 5. Otherwise the first segment is the family name and the second holds
///    the given and middle names (`Neal, Kelly A.`); particles at the end
///    of the second segment join the family name (`Beethoven, Ludwig van`).
///    Further segments hold suffixes or more middle names.
///
/// Family-first order without a comma (`NEAL Kelly`) is not guessed:
/// capitalisation is too unreliable a signal in customer data, so that
/// input is read as given `neal`, family `kelly`.
///
/// Allocates one buffer for all parts, plus a short-lived string for each
/// word that folding changes ([`fold_text`] returns a `Cow` per call) and,
/// for names of more than eight words, the word list.
///
/// # Examples
///
/// ```
/// use sameas::normalize::parse_person_name;
///
/// for written in ["Kelly Neal", "Neal, Kelly", "Ms. KELLY NEAL", "  kelly   neal  "] {
///     let name = parse_person_name(written);
///     assert_eq!(name.given(), Some("kelly"));
///     assert_eq!(name.family(), Some("neal"));
/// }
/// let name = parse_person_name("K. Neal-Smith");
/// assert_eq!(name.given(), Some("k"));
/// assert_eq!(name.family(), Some("neal smith"));
/// ```
pub fn parse_person_name(input: &str) -> PersonName {
    let tokens = tokenize(input);
    let roles = assign_roles(&tokens);
    let mut folded = String::with_capacity(input.len());
    let titles = write_part(&mut folded, &tokens, &roles, Role::Title, |_| true);
    let given = write_part(&mut folded, &tokens, &roles, Role::Given, |_| true);
    let middle = write_part(&mut folded, &tokens, &roles, Role::Middle, |_| true);
    // Family particles found after the comma (`Beethoven, Ludwig van`)
    // come before the family words of the first segment.
    let moved = write_part(&mut folded, &tokens, &roles, Role::Family, |t| {
        t.segment > 0
    });
    let rest = write_part(&mut folded, &tokens, &roles, Role::Family, |t| {
        t.segment == 0
    });
    let family = match (moved.is_empty(), rest.is_empty()) {
        (true, _) => rest,
        (false, true) => moved,
        (false, false) => Span {
            start: moved.start,
            end: rest.end,
        },
    };
    let suffixes = write_part(&mut folded, &tokens, &roles, Role::Suffix, |_| true);
    PersonName {
        folded,
        titles,
        given,
        middle,
        family,
        suffixes,
    }
}

/// Folds a personal name and drops its titles, suffixes and bracketed
/// annotations, keeping the other words in input order, single-spaced.
///
/// Borrows the input when it is already in that form. Unlike
/// [`PersonName::full_name`] it does not reorder `Neal, Kelly`.
///
/// # Examples
///
/// ```
/// use std::borrow::Cow;
/// use sameas::normalize::normalize_name;
///
/// assert_eq!(normalize_name("Dr. Kelly A. O'Neal-Smith, Jr."), "kelly a oneal smith");
/// assert_eq!(normalize_name("Neal, Kelly"), "neal kelly");
/// assert!(matches!(normalize_name("kelly neal"), Cow::Borrowed("kelly neal")));
/// ```
pub fn normalize_name(input: &str) -> Cow<'_, str> {
    if input.is_empty() {
        return Cow::Borrowed(input);
    }
    // Fast path for the common case, plain words with no title or suffix:
    // the name is its folded text (about a sixth of the full parse's cost,
    // and ingestion normalises a name field per record).
    if input
        .chars()
        .all(|c| c.is_alphabetic() || matches!(c, ' ' | '-' | '\''))
    {
        let folded = fold_text(input);
        if !folded
            .split(' ')
            .any(|word| is_title(word) || is_suffix(word))
        {
            return folded;
        }
    }
    // One parse can leave a title or suffix that only its separator hid
    // (`Mr/Mrs Smith` gives `mr mrs smith`, `Jane Doe-II` gives
    // `jane doe ii`); parsing the output again drops it. Repeating until
    // nothing changes makes normalising idempotent. Each pass only drops
    // words, so a few passes end it; the bound is a guard.
    let mut current = normalize_parsed_name(input);
    for _ in 0..MAX_NORMALIZE_PASSES {
        let Cow::Owned(text) = &current else {
            break;
        };
        match normalize_parsed_name(text) {
            Cow::Borrowed(_) => break,
            Cow::Owned(again) => current = Cow::Owned(again),
        }
    }
    current
}

/// The most extra passes [`normalize_name`] makes to reach a name that
/// normalises to itself.
const MAX_NORMALIZE_PASSES: usize = 8;

/// [`normalize_name`] by the full tokenise-and-assign-roles parse.
fn normalize_parsed_name(input: &str) -> Cow<'_, str> {
    let tokens = tokenize(input);
    let roles = assign_roles(&tokens);
    let kept: SmallVec<[&str; 8]> = tokens
        .iter()
        .zip(&roles)
        .filter(|(_, role)| matches!(role, Role::Given | Role::Middle | Role::Family))
        .map(|(token, _)| token.text.as_ref())
        .collect();
    // A title or suffix kept only because its comma segment had nothing
    // else ("Jr., Dr., Kelly") would be dropped when the output is
    // normalised again; dropping it now makes normalising idempotent.
    let mut first = 0;
    while first + 1 < kept.len() && kept.get(first).is_some_and(|word| is_title(word)) {
        first += 1;
    }
    let mut last = kept.len();
    while last > first + 1 && kept.get(last - 1).is_some_and(|word| is_suffix(word)) {
        last -= 1;
    }
    let words = kept.get(first..last).unwrap_or_default();
    if input.split(' ').eq(words.iter().copied()) {
        return Cow::Borrowed(input);
    }
    Cow::Owned(words.join(" "))
}

/// The initials of a parsed name, lower case, in name order: one for the
/// given name, one per middle name, and one for the family name taken
/// from its first word that is not a particle (`van beethoven` gives
/// `b`). Titles and suffixes are ignored.
///
/// In-order initials (rather than sorted) keep `k a n` distinct from
/// `a k n`; compare two names' initials as sets if order should not
/// matter.
///
/// # Examples
///
/// ```
/// use sameas::normalize::{initials, parse_person_name};
///
/// assert_eq!(initials(&parse_person_name("Dr. Kelly A. Neal Jr.")), "kan");
/// assert_eq!(initials(&parse_person_name("Neal, K.")), "kn");
/// assert_eq!(initials(&parse_person_name("Ludwig van Beethoven")), "lb");
/// assert_eq!(initials(&parse_person_name("")), "");
/// ```
pub fn initials(name: &PersonName) -> String {
    let family_initial = name.family().and_then(|family| {
        let mut words = family.split(' ');
        let first = words.clone().next();
        words.find(|word| !is_particle(word)).or(first)
    });
    name.given()
        .into_iter()
        .chain(name.middle_names())
        .chain(family_initial)
        .filter_map(|word| word.chars().next())
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    proptest! {
        #[test]
        fn the_fast_path_agrees_with_the_full_parse(
            input in prop_oneof![
                "[a-zA-ZéøÆß' -]{0,30}".boxed(),
                prop::collection::vec(
                    prop::sample::select(vec![
                        "Dr", "dr", "Mr", "Jr", "III", "ii", "Sir", "van", "De", "O'Brien", "Anne-Marie",
                        "Kelly", "NEAL", "Ms", "Prof", "Esq", "Sr", "'", "-", "Zoë",
                    ]),
                    0..6,
                )
                .prop_map(|words| words.join(" "))
                .boxed(),
            ]
        ) {
            // The full parse, repeated until nothing changes (one parse
            // can leave `a rn` of `A-rN`, which drops `rn` when parsed again).
            let mut full = normalize_parsed_name(&input).into_owned();
            loop {
                let again = normalize_parsed_name(&full).into_owned();
                if again == full {
                    break;
                }
                full = again;
            }
            let fast = normalize_name(&input);
            prop_assert_eq!(fast.as_ref(), full.as_str());
        }
    }

    #[test]
    fn the_fast_path_leaves_titles_and_suffixes_to_the_parser() {
        assert_eq!(normalize_name("Dr Kelly Neal Jr"), "kelly neal");
        assert_eq!(normalize_name("Kelly Neal"), "kelly neal");
        assert_eq!(normalize_name("José-María O'Brien"), "jose maria obrien");
    }

    /// (titles, given, middle, family, suffixes) with parts joined by '|'.
    fn parts(input: &str) -> [String; 5] {
        let name = parse_person_name(input);
        [
            name.titles().collect::<Vec<_>>().join("|"),
            name.given().unwrap_or_default().to_string(),
            name.middle_names().collect::<Vec<_>>().join("|"),
            name.family().unwrap_or_default().to_string(),
            name.suffixes().collect::<Vec<_>>().join("|"),
        ]
    }

    #[test]
    fn word_tables_are_sorted_folded_ascii() {
        for table in [TITLES, SUFFIXES, PARTICLES] {
            for pair in table.windows(2) {
                assert!(pair[0] < pair[1], "{pair:?}");
            }
            for word in table {
                assert_eq!(fold_text(word), *word);
                assert!(word.bytes().all(|b| b.is_ascii_alphanumeric()), "{word}");
            }
        }
    }

    #[test]
    fn realistic_variants() {
        let cases: &[(&str, [&str; 5])] = &[
            ("Kelly Neal", ["", "kelly", "", "neal", ""]),
            ("Neal, Kelly", ["", "kelly", "", "neal", ""]),
            ("NEAL,KELLY", ["", "kelly", "", "neal", ""]),
            ("  kelly   NEAL  ", ["", "kelly", "", "neal", ""]),
            ("Dr. Kelly A. Neal Jr.", ["dr", "kelly", "a", "neal", "jr"]),
            ("Dr Kelly A Neal Jr", ["dr", "kelly", "a", "neal", "jr"]),
            (
                "Neal, Dr. Kelly A., Jr.",
                ["dr", "kelly", "a", "neal", "jr"],
            ),
            ("Neal Jr., Kelly", ["", "kelly", "", "neal", "jr"]),
            (
                "Kelly Neal, Jr., Ph.D.",
                ["", "kelly", "", "neal", "jr|phd"],
            ),
            ("Kelly Neal M.D.", ["", "kelly", "", "neal", "md"]),
            ("Kelly Neal III", ["", "kelly", "", "neal", "iii"]),
            (
                "Mrs. Kelly Neal-Smith",
                ["mrs", "kelly", "", "neal smith", ""],
            ),
            ("K. Neal", ["", "k", "", "neal", ""]),
            ("K.A. Neal", ["", "k", "a", "neal", ""]),
            ("Neal, K. A.", ["", "k", "a", "neal", ""]),
            ("Kelly", ["", "kelly", "", "", ""]),
            ("Dr. Neal", ["dr", "", "", "neal", ""]),
            (
                "Prof. Dr. Anna Schmidt",
                ["prof|dr", "anna", "", "schmidt", ""],
            ),
            (
                "Ludwig van Beethoven",
                ["", "ludwig", "", "van beethoven", ""],
            ),
            (
                "Beethoven, Ludwig van",
                ["", "ludwig", "", "van beethoven", ""],
            ),
            (
                "Vincent van der Berg",
                ["", "vincent", "", "van der berg", ""],
            ),
            ("María de la Cruz", ["", "maria", "", "de la cruz", ""]),
            (
                "Mohammed bin Salman",
                ["", "mohammed", "", "bin salman", ""],
            ),
            ("Ahmed Al-Rashid", ["", "ahmed", "", "al rashid", ""]),
            ("Al Gore", ["", "al", "", "gore", ""]),
            ("Seán O'Brien", ["", "sean", "", "obrien", ""]),
            ("José María García", ["", "jose", "maria", "garcia", ""]),
            ("Robert \"Bob\" Smith", ["", "robert", "", "smith", ""]),
            ("Kelly (née Smith) Neal", ["", "kelly", "", "neal", ""]),
            (
                "John Ronald Reuel Tolkien",
                ["", "john", "ronald|reuel", "tolkien", ""],
            ),
            ("Mary-Kate Olsen", ["", "mary kate", "", "olsen", ""]),
            // Family-first without a comma is not guessed.
            ("NEAL Kelly", ["", "neal", "", "kelly", ""]),
            ("Jr., Kelly", ["", "kelly", "", "", "jr"]),
            ("Dr.", ["", "dr", "", "", ""]),
            ("Jr", ["", "jr", "", "", ""]),
            ("Кэлли Нил", ["", "кэлли", "", "нил", ""]),
            ("", ["", "", "", "", ""]),
            (" , . ; ", ["", "", "", "", ""]),
            ("🙂 Kelly 🙂 Neal", ["", "kelly", "", "neal", ""]),
            ("Kel\u{200B}ly Neal", ["", "kelly", "", "neal", ""]),
        ];
        for (input, expected) in cases {
            assert_eq!(parts(input), expected.map(String::from), "{input:?}");
        }
    }

    #[test]
    fn full_name_ignores_input_order() {
        assert_eq!(
            parse_person_name("Neal, Kelly A.").full_name(),
            "kelly a neal"
        );
        assert_eq!(
            parse_person_name("Dr. Kelly A. Neal Jr.").full_name(),
            "kelly a neal"
        );
        assert_eq!(parse_person_name("Dr. Neal").full_name(), "neal");
        assert_eq!(
            parse_person_name("Beethoven, Ludwig van").full_name(),
            "ludwig van beethoven"
        );
    }

    #[test]
    fn placeholder_names_are_sorted_and_folded() {
        assert!(PLACEHOLDER_NAMES.windows(2).all(|pair| pair[0] < pair[1]));
        for placeholder in PLACEHOLDER_NAMES {
            assert_eq!(normalize_name(placeholder), placeholder);
            assert!(is_placeholder_name(placeholder));
        }
        assert!(!is_placeholder_name("kelly"));
        assert!(!is_placeholder_name("baby kelly"));
        for written in ["Not Provided", "NOTPROVIDED", "REFUSED", "Test"] {
            assert!(is_placeholder_name(&normalize_name(written)), "{written}");
        }
        // `Na` is a Korean family name; `N. A.` (and so `N/A`) initials.
        for name in ["Na", "N. A."] {
            assert!(!is_placeholder_name(&normalize_name(name)), "{name}");
        }
    }

    #[test]
    fn family_names_lose_the_suffixes_written_after_them() {
        let cases = [
            ("Smith, Jr.", "smith"),
            ("SMITH JR", "smith"),
            ("O'Neal III", "oneal"),
            ("van der Berg Sr.", "van der berg"),
            ("Agarwal, Jr., PhD", "agarwal"),
            ("Smith", "smith"),
            ("Senior", "senior"),
            ("Ii", "ii"),
            ("Jr Smith", "jr smith"),
            ("Thapa KC", "thapa kc"),
            ("", ""),
        ];
        for (input, expected) in cases {
            assert_eq!(normalize_family_name(input), expected, "{input:?}");
        }
        assert!(matches!(
            normalize_family_name("smith"),
            Cow::Borrowed("smith")
        ));
    }

    #[test]
    fn family_name_suffixes_are_sorted_folded_and_single_words() {
        assert!(FAMILY_NAME_SUFFIXES.is_sorted());
        for suffix in FAMILY_NAME_SUFFIXES {
            assert_eq!(fold_text(suffix), suffix);
            assert!(!suffix.contains(' '));
            assert!(is_suffix(suffix), "{suffix} is a name suffix too");
        }
    }

    #[test]
    fn normalize_name_variants() {
        let cases = [
            ("Kelly Neal", "kelly neal"),
            ("Dr. Kelly A. Neal Jr.", "kelly a neal"),
            ("Neal, Kelly", "neal kelly"),
            ("Mrs. Kelly Neal-Smith, PhD", "kelly neal smith"),
            ("Robert \"Bob\" O'Brien III", "robert obrien"),
            ("Ms.", "ms"),
            ("", ""),
            ("🙂", ""),
        ];
        for (input, expected) in cases {
            assert_eq!(normalize_name(input), expected, "{input:?}");
        }
        assert!(matches!(normalize_name("kelly a neal"), Cow::Borrowed(_)));
        assert!(matches!(normalize_name(""), Cow::Borrowed(_)));
        assert!(matches!(normalize_name("kelly  neal"), Cow::Owned(_)));
    }

    #[test]
    fn initials_in_name_order() {
        assert_eq!(initials(&parse_person_name("Dr. Kelly A. Neal Jr.")), "kan");
        assert_eq!(initials(&parse_person_name("Neal, Kelly Ann")), "kan");
        assert_eq!(initials(&parse_person_name("Vincent van der Berg")), "vb");
        assert_eq!(initials(&parse_person_name("Mrs. Neal")), "n");
        assert_eq!(initials(&parse_person_name("Zoë Ålund")), "za");
        assert_eq!(initials(&parse_person_name("")), "");
    }

    #[test]
    fn megabyte_inputs_are_linear_and_exact() {
        let words = "ab ".repeat(1 << 18);
        let name = parse_person_name(&words);
        assert_eq!(name.given(), Some("ab"));
        assert_eq!(name.family(), Some("ab"));
        assert_eq!(name.middle_names().count(), (1 << 18) - 2);
        assert_eq!(normalize_name(&words).len(), 3 * (1 << 18) - 1);
        assert!(parse_person_name(&"(".repeat(1 << 20)).is_empty());
        assert!(parse_person_name(&",".repeat(1 << 20)).is_empty());
        assert!(parse_person_name(&"🙂".repeat(1 << 18)).is_empty());
        let dots = "a.".repeat(1 << 19);
        assert_eq!(initials(&parse_person_name(&dots)).len(), 1 << 19);
    }

    /// The cases proptest once shrank to (its seed file replays other
    /// inputs once a strategy changes), kept as plain tests.
    #[test]
    fn cases_proptest_found_stay_fixed() {
        assert_eq!(normalize_name("dr, dr;Ph "), "ph");
        assert_eq!(normalize_name("ph"), "ph");
        assert_eq!(normalize_name("A-rN"), "a");
        // `jd` is a suffix: the comma-order property leaves such names out.
        assert_eq!(parse_person_name("Aa, Jd").full_name(), "aa");
    }

    #[test]
    fn titles_and_suffixes_hidden_by_separators_are_dropped_once_and_for_all() {
        for (input, expected) in [
            ("Mr/Mrs Smith", "smith"),
            ("Jane Doe-II", "jane doe"),
            ("Ms & Mr Doe", "doe"),
            ("Prof-Dr Ann Lee", "ann lee"),
        ] {
            let once = normalize_name(input);
            assert_eq!(once, expected, "{input}");
            assert!(matches!(normalize_name(&once), Cow::Borrowed(_)), "{input}");
        }
    }

    /// What the idempotence property sees, measured on 10,000 generated
    /// names (seeded): 87 % change when normalised (titles, suffixes,
    /// case, punctuation), 61 % hold `/`, `-` or `&`, and 29 %
    /// hide a title or suffix in a word joined by `/` or `-` (`Mr/Mrs
    /// Smith`, `Doe-II`): the single-pass normaliser, which kept them,
    /// failed on those, and the earlier generator made none.
    #[test]
    fn the_name_generator_reaches_what_idempotence_must_survive() {
        use proptest::strategy::ValueTree;
        use proptest::test_runner::TestRunner;

        let mut runner = TestRunner::deterministic();
        let strategy = name_words();
        let (mut changed, mut hidden, mut separators) = (0, 0, 0);
        let total = 10_000;
        for _ in 0..total {
            let input = strategy.new_tree(&mut runner).expect("a name").current();
            changed += usize::from(!matches!(normalize_name(&input), Cow::Borrowed(_)));
            hidden += usize::from(input.split_whitespace().any(|word| {
                word.contains(['/', '-'])
                    && fold_text(word)
                        .split(' ')
                        .any(|part| is_title(part) || is_suffix(part))
            }));
            separators += usize::from(input.contains(['/', '-', '&']));
        }
        assert!(changed * 10 >= total * 8, "{changed} of {total} change");
        assert!(
            separators * 2 >= total,
            "{separators} of {total} hold / - &"
        );
        assert!(
            hidden * 100 >= total * 20,
            "{hidden} of {total} hide a title or suffix"
        );
    }

    #[test]
    fn person_name_is_thread_safe() {
        fn assert_traits<T: Send + Sync + std::panic::UnwindSafe>() {}
        assert_traits::<PersonName>();
    }

    /// Names as they come: given and family names with particles,
    /// titles (`Mrs`, `Ms`, `Prof`, `Dr`), suffixes (`Jr`, `II`, `PhD`),
    /// and the separators that hide them (`Mr/Mrs`, `Doe-II`, `Ann & Bob`,
    /// `(Kelly)`), so that idempotence is checked where it can fail.
    fn name_words() -> impl Strategy<Value = String> {
        let word = prop::sample::select(vec![
            "Kelly", "NEAL", "a", "K", "dr", "Mr", "Mrs", "Ms", "Miss", "Prof", "Rev", "jr", "Sr",
            "II", "III", "iv", "PhD", "Esq", "Ph", "D", "van", "de", "la", "Ann", "O'Brien", "Zoë",
            "al", "bin", "md", "Doe", "Smith", "Jane",
        ]);
        let separator = prop::sample::select(vec![
            " ", ", ", ". ", ".", "  ", ";", "/", "-", " & ", "&", " (", ") ", "'",
        ]);
        prop::collection::vec((word, separator), 0..8).prop_map(|pairs| {
            pairs
                .into_iter()
                .map(|(word, separator)| format!("{word}{separator}"))
                .collect()
        })
    }

    proptest! {
        #[test]
        fn never_panics(input in ".{0,64}") {
            let name = parse_person_name(&input);
            let _ = initials(&name);
            let _ = normalize_name(&input);
        }

        #[test]
        fn a_family_name_keeps_its_words_up_to_the_suffixes(input in name_words()) {
            let folded = fold_text(&input).into_owned();
            let family = normalize_family_name(&input).into_owned();
            // What is kept begins the folded name, the rest is suffixes
            // after it, and normalising again changes nothing.
            prop_assert!(folded.starts_with(&family));
            prop_assert!(family.is_empty() == folded.is_empty());
            let dropped = folded[family.len()..].split(' ').filter(|word| !word.is_empty());
            for word in dropped {
                prop_assert!(FAMILY_NAME_SUFFIXES.contains(&word), "{word}");
            }
            let again = normalize_family_name(&family);
            prop_assert_eq!(again.as_ref(), family.as_str());
        }

        #[test]
        fn normalize_is_idempotent(input in name_words()) {
            let once = normalize_name(&input).into_owned();
            let twice = normalize_name(&once);
            prop_assert_eq!(twice.as_ref(), once.as_str());
            prop_assert!(matches!(twice, Cow::Borrowed(_)));
        }

        #[test]
        fn parts_are_folded_and_rebuild_the_buffer(input in name_words()) {
            let name = parse_person_name(&input);
            let rebuilt: Vec<&str> = name
                .titles()
                .chain(name.given())
                .chain(name.middle_names())
                .chain(name.family())
                .chain(name.suffixes())
                .collect();
            prop_assert_eq!(rebuilt.join(" "), name.folded.clone());
            prop_assert_eq!(fold_text(&name.folded), name.folded.as_str());
        }

        #[test]
        fn comma_order_gives_the_same_full_name(given in "[A-Z][a-z]{1,8}", family in "[A-Z][a-z]{1,8}") {
            let direct = parse_person_name(&format!("{given} {family}"));
            let inverted = parse_person_name(&format!("{family}, {given}"));
            let folded_given = given.to_lowercase();
            prop_assume!(!is_particle(&folded_given) && !is_title(&folded_given) && !is_suffix(&folded_given));
            prop_assume!(!is_suffix(&family.to_lowercase()) && !is_title(&family.to_lowercase()));
            prop_assert_eq!(direct.full_name(), inverted.full_name());
        }
    }
}
