//! The schema of the inputs: the union of their columns, the record id
//! column, the kinds declared with `--field` and those inferred from a
//! sample of every file. A date kept in three columns (year, month,
//! day) becomes one date field named `YEAR+MONTH+DAY`, declared so or
//! found from the headers and values.

use sameas::infer::{ColumnRole, DateParts, find_date_parts, header_words, infer_schema};
use sameas::{FieldKind, Schema};

use crate::failure::Failure;
use crate::input::{INDEX_COLUMN, Input};

/// Where the record ids are and what the other columns hold.
pub struct InputSchema {
    /// The record id column; `None`: the row number.
    pub id_column: Option<String>,
    /// The fields: every column but the id, with its kind.
    pub schema: Schema,
}

impl InputSchema {
    /// Infers the schema from every input's sample, over the union of
    /// their columns, with `declared` (`COLUMN`, `KIND`) pairs taking
    /// precedence; `say` is told what was decided for each column.
    ///
    /// # Errors
    ///
    /// [`Failure::Usage`] for a column no input has, a kind that does
    /// not exist, or a kind declared for the id column;
    /// [`Failure::Input`] when no schema can be built.
    pub fn infer(
        inputs: &[Input],
        id_column: Option<&str>,
        declared: &[(String, String)],
        say: impl Fn(&str),
    ) -> Result<InputSchema, Failure> {
        // The union of the columns, in order of first appearance.
        let mut columns: Vec<&str> = Vec::new();
        for input in inputs {
            for column in &input.header {
                if !columns.contains(&column.as_str()) {
                    columns.push(column);
                }
            }
        }
        let known = |column: &str, option: &str| -> Result<(), Failure> {
            if columns.contains(&column) {
                Ok(())
            } else {
                Err(Failure::Usage(format!(
                    "unknown column `{column}` in {option}; the inputs have: {}",
                    columns.join(", ")
                )))
            }
        };
        let id_column = match id_column {
            Some(column) => {
                known(column, "--id")?;
                Some(column.to_string())
            }
            None => columns
                .iter()
                .find(|c| ["id", "rec_id", "record_id"].contains(&c.to_ascii_lowercase().as_str()))
                .map(|c| c.to_string()),
        };
        let mut kinds: Vec<(&str, Option<FieldKind>)> = Vec::new();
        let mut composed: Vec<DateParts> = Vec::new();
        for (column, kind) in declared {
            let option = format!("--field {column}={kind}");
            if let Some(parts) = declared_date_parts(&columns, column, kind, &option)? {
                composed.push(parts);
                continue;
            }
            known(column, &option)?;
            if Some(column) == id_column.as_ref() {
                return Err(Failure::Usage(format!(
                    "--field {column}={kind}: `{column}` is the record id column"
                )));
            }
            kinds.push((column, parse_kind(column, kind)?));
        }

        if let Some((column, _)) = kinds.iter().find(|(column, _)| {
            composed
                .iter()
                .any(|parts| parts.columns().contains(column))
        }) {
            return Err(Failure::Usage(format!(
                "--field {column}: `{column}` is also part of a declared YEAR+MONTH+DAY date"
            )));
        }
        let plain: Vec<&str> = columns
            .iter()
            .copied()
            .filter(|c| Some(*c) != id_column.as_deref())
            .collect();
        let samples_of = |headers: &[&str]| -> Vec<Vec<&str>> {
            let mut rows: Vec<Vec<&str>> = Vec::new();
            for input in inputs {
                let position: Vec<Option<usize>> =
                    headers.iter().map(|h| input.position(h)).collect();
                for row in &input.sample {
                    rows.push(
                        position
                            .iter()
                            .map(|at| at.and_then(|at| row.get(at)).unwrap_or(""))
                            .collect(),
                    );
                }
            }
            rows
        };
        // Dates in three columns the user did not name: from the columns
        // not declared (or declared one by one as numbers, categories or
        // dates: compared one by one, `by`, `bm` and `bd` tell a typo in
        // the day from another date no better than chance, and none of
        // them is a date alone), not the id and not in a declared triple.
        let one_by_one = [FieldKind::Numeric, FieldKind::Category, FieldKind::Date];
        let free: Vec<&str> = plain
            .iter()
            .copied()
            .filter(|c| {
                !kinds.iter().any(|(declared, kind)| {
                    declared == c && !kind.is_some_and(|kind| one_by_one.contains(&kind))
                })
            })
            .filter(|c| !composed.iter().any(|parts| parts.columns().contains(c)))
            .collect();
        let found = find_date_parts(&free, &samples_of(&free));
        let declared_parts: Vec<String> = found
            .iter()
            .filter(|parts| {
                kinds
                    .iter()
                    .any(|(column, _)| parts.columns().contains(column))
            })
            .map(DateParts::field_name)
            .collect();
        kinds.retain(|(column, _)| !found.iter().any(|parts| parts.columns().contains(column)));
        let inferred_parts: Vec<String> = found.iter().map(DateParts::field_name).collect();
        composed.extend(found);

        // Each triple's columns give way to one field where the first of
        // them was.
        let mut headers: Vec<String> = Vec::new();
        for column in &plain {
            match composed
                .iter()
                .find(|parts| parts.columns().contains(column))
            {
                Some(parts) => {
                    let name = parts.field_name();
                    if !headers.contains(&name) {
                        headers.push(name);
                    }
                }
                None => headers.push((*column).to_string()),
            }
        }
        let mut sample_rows: Vec<Vec<String>> = Vec::new();
        for input in inputs {
            for row in &input.sample {
                let value = |column: &str| {
                    input
                        .position(column)
                        .and_then(|at| row.get(at))
                        .unwrap_or("")
                };
                sample_rows.push(
                    headers
                        .iter()
                        .map(|header| match DateParts::from_field_name(header) {
                            Some(parts) if composed.contains(&parts) => {
                                let [year, month, day] = parts.columns();
                                DateParts::compose(value(year), value(month), value(day))
                                    .unwrap_or_default()
                            }
                            _ => value(header).to_string(),
                        })
                        .collect(),
                );
            }
        }
        let names: Vec<String> = composed.iter().map(DateParts::field_name).collect();
        for name in &names {
            kinds.push((name, Some(FieldKind::Date)));
        }
        let inferred = infer_schema(&headers, &sample_rows, &kinds)
            .map_err(|error| Failure::Input(format!("cannot build a schema: {error}")))?;
        // An export's index names the records when no column says it
        // does: row numbers counted otherwise than ours (from 0 in
        // pandas) or labels, which the caller's other tables use.
        let index_ignored = inferred
            .column(INDEX_COLUMN)
            .is_some_and(|column| column.role() == ColumnRole::Ignored);
        let id_column = id_column.or_else(|| {
            inferred
                .record_id_column()
                .into_iter()
                .chain(index_ignored.then_some(INDEX_COLUMN))
                .find(|column| is_filled_everywhere(inputs, column))
                .map(str::to_string)
        });
        say(&format!(
            "record id: {}",
            id_column
                .as_deref()
                .map_or("the row number".to_string(), |c| format!("column `{c}`"))
        ));
        for column in inferred.columns() {
            let role = match column.role() {
                _ if id_column.as_deref() == Some(column.column()) => "record id".to_string(),
                ColumnRole::RecordId => "ignored (looks like an id)".to_string(),
                role => role.to_string(),
            };
            let reason = if declared_parts.iter().any(|name| name == column.column()) {
                "declared one by one, but year, month and day of one date in three columns: \
                 read as one date"
            } else if inferred_parts.iter().any(|name| name == column.column()) {
                "year, month and day of one date in three columns, read as one date"
            } else if column.column() == INDEX_COLUMN
                && column.role() != ColumnRole::RecordId
                && id_column.as_deref() == Some(INDEX_COLUMN)
            {
                "no other column names the records, so the index an export wrote does"
            } else {
                column.reason()
            };
            say(&format!(
                "  {:<16} {:<14} {}",
                column.column(),
                role,
                reason
            ));
        }
        Ok(InputSchema {
            id_column,
            schema: split_whole_names(inferred.into_schema(), &columns)?,
        })
    }
}

/// A schema whose only names are one full-name field (`name`: `Hans
/// Schmitt`, `Schmitt, Hans`) with that field kept as metadata and
/// given, middle and family name fields added after it (`name_given`,
/// `name_middle`, `name_family`, or with a number when a column has
/// that name), which the files derive from it (see
/// [`derived_fields`](crate::ingest::derived_fields)): given and family
/// names have comparisons (nicknames, initials, swapped names) and
/// blocking rules (one name wrong, a wrong date) a whole name has not.
/// Any other schema as it is.
fn split_whole_names(schema: Schema, columns: &[&str]) -> Result<Schema, Failure> {
    let matching = |kind| schema.matching_fields_of(kind).count();
    let full = schema.matching_fields_of(FieldKind::FullName).next();
    let Some(full) = full.filter(|_| {
        matching(FieldKind::FullName) == 1
            && schema.fields_of(FieldKind::GivenName).next().is_none()
            && schema.fields_of(FieldKind::FamilyName).next().is_none()
    }) else {
        return Ok(schema);
    };
    let full = schema.field(full).name().to_string();
    let free = |part: &str| {
        (1..)
            .map(|n| match n {
                1 => format!("{full}_{part}"),
                n => format!("{full}_{part}{n}"),
            })
            .find(|name| !columns.contains(&name.as_str()) && schema.field_id(name).is_err())
            .unwrap_or_default()
    };
    let (given, middle, family) = (free("given"), free("middle"), free("family"));
    let mut builder = Schema::builder();
    for field in schema.fields() {
        if field.name() == full {
            builder.metadata(field.name(), field.kind());
            builder.field(given.clone(), FieldKind::GivenName);
            builder.field(middle.clone(), FieldKind::GivenName);
            builder.field(family.clone(), FieldKind::FamilyName);
        } else if field.is_metadata() {
            builder.metadata(field.name(), field.kind());
        } else {
            builder.field(field.name(), field.kind());
        }
        builder.sensitive(field.name(), field.is_sensitive());
        if let Some(separator) = field.item_separator() {
            builder.items_separated_by(field.name(), separator);
        }
    }
    builder
        .build()
        .map_err(|error| Failure::Input(format!("cannot build a schema: {error}")))
}

/// Whether every input has `column` and every sampled row a value in it:
/// only then can an id column inference found (`mention_id`,
/// `person_key`) name the records, as a blank id skips its record.
fn is_filled_everywhere(inputs: &[Input], column: &str) -> bool {
    inputs.iter().all(|input| {
        input.position(column).is_some_and(|at| {
            input
                .sample
                .iter()
                .all(|row| row.get(at).is_some_and(|value| !value.trim().is_empty()))
        })
    })
}

/// Words that say a column holds a field of the record at another
/// address or time: `mailing_address_city` on a tax form is the `city`
/// a census calls by its name. Longer qualifiers first.
const QUALIFIERS: [&[&str]; 9] = [
    &["mailing", "address"],
    &["mailing"],
    &["home", "address"],
    &["home"],
    &["residential", "address"],
    &["residential"],
    &["residence"],
    &["current", "address"],
    &["current"],
];

/// The words of `column` after a [qualifier](QUALIFIERS) at its start,
/// if it has one and more words follow.
fn unqualified(column: &str) -> Option<Vec<String>> {
    let words = header_words(column);
    QUALIFIERS.iter().find_map(|qualifier| {
        let qualified = words.len() > qualifier.len()
            && words.iter().zip(qualifier.iter()).all(|(w, q)| w == q);
        qualified.then(|| words[qualifier.len()..].to_vec())
    })
}

/// The position in `header` of the one qualified column that holds
/// `field` (`mailing_address_city` for `city`), when `header` lacks
/// `field` itself.
pub fn qualified_position(header: &[String], field: &str) -> Option<usize> {
    let wanted = header_words(field);
    only_position(header, field, |column| {
        unqualified(column).is_some_and(|rest| rest == wanted)
    })
}

/// The position of the one column of `header` that `holds`, when
/// `header` lacks `field` itself; `None` for none or several.
fn only_position(header: &[String], field: &str, holds: impl Fn(&str) -> bool) -> Option<usize> {
    if header.iter().any(|column| column == field) {
        return None;
    }
    let mut found = header
        .iter()
        .enumerate()
        .filter(|(_, column)| holds(column));
    let (position, _) = found.next()?;
    found.next().is_none().then_some(position)
}

/// Renames, in each input that has it, a column qualified by a place or
/// time (`mailing_address_street_name`) to the plain column other inputs
/// have (`street_name`), so both are one field: sources name one field
/// their own way, and without this the two would never be compared. Only
/// where no input has both, neither is the id, and `--field` declares
/// the qualified column only as it declares the plain one, and neither
/// ignored (a declared plain column's kind then holds for both: `--field
/// zipcode=postcode` reads a tax form's `mailing_address_zipcode` as that
/// postcode); a file with two qualified columns for one field keeps
/// both. Returns (source, column, read as) per rename.
pub fn align_qualified_columns(
    inputs: &mut [Input],
    id_column: Option<&str>,
    declared: &[(String, String)],
) -> Vec<(String, String, String)> {
    let mut plain: Vec<&str> = Vec::new();
    for input in inputs.iter() {
        for column in &input.header {
            if unqualified(column).is_none() && !plain.contains(&column.as_str()) {
                plain.push(column);
            }
        }
    }
    let mut renames: Vec<(usize, usize, String)> = Vec::new();
    for (index, input) in inputs.iter().enumerate() {
        for (position, column) in input.header.iter().enumerate() {
            let Some(rest) = unqualified(column) else {
                continue;
            };
            let Some(target) = plain.iter().find(|plain| header_words(plain) == rest) else {
                continue;
            };
            let together = inputs
                .iter()
                .any(|other| other.position(column).is_some() && other.position(target).is_some());
            let twice = qualified_position(&input.header, target).is_none();
            if together
                || twice
                || Some(*target) == id_column
                || Some(column.as_str()) == id_column
                || !declared_alike([
                    declared_kind(declared, target),
                    declared_kind(declared, column),
                ])
                || (declared_kind(declared, column).is_some()
                    && declared_kind(declared, target).is_none())
            {
                continue;
            }
            renames.push((index, position, (*target).to_string()));
        }
    }
    renames
        .into_iter()
        .map(|(index, position, target)| {
            let input = &mut inputs[index];
            let column = std::mem::replace(&mut input.header[position], target.clone());
            (input.name.clone(), column, target)
        })
        .collect()
}

/// What `--field COLUMN=KIND` declares `column` (see [`parse_kind`]):
/// `Some(Ok(Some(kind)))` a kind, `Some(Ok(None))` ignored,
/// `Some(Err(()))` a kind that does not parse (reported later); `None`
/// when `column` is not declared.
fn declared_kind(
    declared: &[(String, String)],
    column: &str,
) -> Option<Result<Option<FieldKind>, ()>> {
    declared
        .iter()
        .find(|(name, _)| name == column)
        .map(|(name, kind)| parse_kind(name, kind).map_err(|_| ()))
}

/// Whether declarations let columns be aligned into one field: each
/// declared one of the same kind (an ignored column, or one whose kind
/// does not parse, stays as declared).
fn declared_alike(kinds: impl IntoIterator<Item = Option<Result<Option<FieldKind>, ()>>>) -> bool {
    let mut first: Option<FieldKind> = None;
    for kind in kinds.into_iter().flatten() {
        match kind {
            Ok(Some(kind)) if first.is_none_or(|first| first == kind) => first = Some(kind),
            _ => return false,
        }
    }
    true
}

/// `declared` without the declarations of the `renamed` columns that no
/// input has any more (renamed by [`align_qualified_columns`] or
/// [`align_synonym_columns`] into a column declared alike).
pub fn still_declared(
    inputs: &[Input],
    declared: &[(String, String)],
    renamed: &[String],
) -> Vec<(String, String)> {
    declared
        .iter()
        .filter(|(name, _)| {
            !renamed.contains(name) || inputs.iter().any(|input| input.position(name).is_some())
        })
        .cloned()
        .collect()
}

/// Names one field goes by in different sources, as their words joined
/// (`first_name` → `firstname`): sources from different systems name a
/// given name `first_name`, `given_name` or `fname`, and as three
/// columns they would never be compared.
const SYNONYMS: [&[&str]; 12] = [
    &[
        "firstname",
        "givenname",
        "given",
        "first",
        "fname",
        "forename",
        "forenames",
        "namefirst",
        "vorname",
        "prenom",
    ],
    &[
        "lastname",
        "surname",
        "familyname",
        "family",
        "last",
        "lname",
        "namelast",
        "nachname",
        "nomdefamille",
    ],
    &[
        "middlename",
        "middle",
        "mname",
        "middleinitial",
        "middlenames",
        "mi",
        "midinit",
    ],
    &[
        "dob",
        "dateofbirth",
        "birthdate",
        "birthday",
        "bdate",
        "birthdt",
        "born",
        "geburtsdatum",
    ],
    &["zip", "zipcode", "postcode", "postalcode", "plz"],
    &["email", "emailaddress", "mail", "courriel"],
    &[
        "phone",
        "phonenumber",
        "phoneno",
        "telephone",
        "tel",
        "telefon",
    ],
    &["ssn", "socialsecuritynumber", "socialsecurity", "socsecid"],
    &[
        "address",
        "streetaddress",
        "address1",
        "addressline1",
        "addr",
    ],
    &["city", "town", "cityname"],
    &["state", "statecode", "province"],
    &["sex", "gender"],
];

/// The position in `header` of the one column that holds `field` under
/// another name of its [synonym group](SYNONYMS) (`given_name` for
/// `first_name`), when `header` lacks `field` itself.
pub fn synonym_position(header: &[String], field: &str) -> Option<usize> {
    let key = |column: &str| header_words(column).concat();
    let group = SYNONYMS
        .iter()
        .find(|group| group.contains(&key(field).as_str()))?;
    only_position(header, field, |column| {
        group.contains(&key(column).as_str())
    })
}

/// Renames columns that are one field under different names in
/// different inputs (`given_name` in one, `first_name` in another; see
/// [`SYNONYMS`]) to the name the first input uses, or to the first name
/// declared with `--field` (whose kind then holds for all). Only where no
/// input has two of the names (then the group is left as it is), none
/// is the id, and those declared are declared of one kind (none
/// ignored). Returns (source, column, read as) per rename.
pub fn align_synonym_columns(
    inputs: &mut [Input],
    id_column: Option<&str>,
    declared: &[(String, String)],
) -> Vec<(String, String, String)> {
    let mut renames = Vec::new();
    for group in SYNONYMS {
        let in_group = |column: &str| group.contains(&header_words(column).concat().as_str());
        // The group's names, in order of first appearance.
        let mut names: Vec<String> = Vec::new();
        for input in inputs.iter() {
            for column in &input.header {
                if in_group(column) && !names.contains(column) {
                    names.push(column.clone());
                }
            }
        }
        let named = names
            .iter()
            .find(|name| declared_kind(declared, name).is_some())
            .cloned();
        let alike = declared_alike(names.iter().map(|name| declared_kind(declared, name)));
        let excluded = !alike || names.iter().any(|name| Some(name.as_str()) == id_column);
        let together = inputs
            .iter()
            .any(|input| input.header.iter().filter(|c| in_group(c)).count() > 1);
        let Some(first) = named.or_else(|| names.first().cloned()) else {
            continue;
        };
        if names.len() < 2 || excluded || together {
            continue;
        }
        for input in inputs.iter_mut() {
            for column in input.header.iter_mut() {
                if in_group(column) && *column != first {
                    let old = std::mem::replace(column, first.clone());
                    renames.push((input.name.clone(), old, first.clone()));
                }
            }
        }
    }
    renames
}

/// A `--field YEAR+MONTH+DAY=date` declaration: the date kept in those
/// three columns; `None` when `column` is not three `+`-joined columns
/// of the inputs (or is itself a column).
///
/// # Errors
///
/// [`Failure::Usage`] for such a triple declared with another kind than
/// `date`.
fn declared_date_parts(
    columns: &[&str],
    column: &str,
    kind: &str,
    option: &str,
) -> Result<Option<DateParts>, Failure> {
    if columns.contains(&column) {
        return Ok(None);
    }
    let Some(parts) = DateParts::from_field_name(column) else {
        return Ok(None);
    };
    if !parts.columns().iter().all(|part| columns.contains(part)) {
        return Ok(None);
    }
    if kind != FieldKind::Date.as_str() {
        return Err(Failure::Usage(format!(
            "{option}: a YEAR+MONTH+DAY field is a date; declare it `date`"
        )));
    }
    Ok(Some(parts))
}

/// A `--field` kind: a [`FieldKind`] name, or `ignore` (`None`).
fn parse_kind(column: &str, kind: &str) -> Result<Option<FieldKind>, Failure> {
    match kind {
        "ignore" | "ignored" => Ok(None),
        other => other.parse::<FieldKind>().map(Some).map_err(|_| {
            let kinds: Vec<&str> = FieldKind::ALL.iter().map(|k| k.as_str()).collect();
            Failure::Usage(format!(
                "bad kind `{other}` in --field {column}={other}; kinds are: {}, ignore",
                kinds.join(", ")
            ))
        }),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn header(columns: &[&str]) -> Vec<String> {
        columns.iter().map(|c| (*c).to_string()).collect()
    }

    #[test]
    fn qualifiers_are_read_at_the_start_only() {
        let plain = |words: &[&str]| Some(words.iter().map(|w| (*w).to_string()).collect());
        assert_eq!(
            unqualified("mailing_address_street_name"),
            plain(&["street", "name"])
        );
        assert_eq!(unqualified("Mailing Address City"), plain(&["city"]));
        assert_eq!(unqualified("home_phone"), plain(&["phone"]));
        assert_eq!(unqualified("current-city"), plain(&["city"]));
        // A whole address column qualified is the plain `address`.
        assert_eq!(unqualified("mailing_address"), plain(&["address"]));
        // A qualifier alone, later in the name, or a word that is not one.
        assert_eq!(unqualified("mailing"), None);
        assert_eq!(unqualified("home"), None);
        assert_eq!(unqualified("city_of_residence"), None);
        assert_eq!(unqualified("postal_code"), None);
        assert_eq!(unqualified("employer_city"), None);
        assert_eq!(unqualified(""), None);
    }

    #[test]
    fn a_field_is_found_under_one_synonym_only() {
        let tax = header(&["id", "given_name", "Surname", "DOB"]);
        assert_eq!(synonym_position(&tax, "first_name"), Some(1));
        assert_eq!(synonym_position(&tax, "last_name"), Some(2));
        assert_eq!(synonym_position(&tax, "date_of_birth"), Some(3));
        assert_eq!(synonym_position(&tax, "zip"), None);
        assert_eq!(synonym_position(&tax, "employer"), None);
        assert_eq!(synonym_position(&tax, "given_name"), None);
        let two = header(&["first_name", "fname"]);
        assert_eq!(synonym_position(&two, "given_name"), None);
    }

    #[test]
    fn synonym_groups_do_not_overlap() {
        for (i, group) in SYNONYMS.iter().enumerate() {
            for other in &SYNONYMS[i + 1..] {
                assert!(group.iter().all(|name| !other.contains(name)), "{group:?}");
            }
        }
    }

    #[test]
    fn a_field_is_found_under_one_qualified_column_only() {
        let tax = header(&["id", "mailing_address_city", "home_phone"]);
        assert_eq!(qualified_position(&tax, "city"), Some(1));
        assert_eq!(qualified_position(&tax, "phone"), Some(2));
        assert_eq!(qualified_position(&tax, "zipcode"), None);
        // The plain column itself wins; two qualified ones are ambiguous.
        let both = header(&["city", "mailing_address_city"]);
        assert_eq!(qualified_position(&both, "city"), None);
        let two = header(&["mailing_city", "home_city"]);
        assert_eq!(qualified_position(&two, "city"), None);
    }
}
