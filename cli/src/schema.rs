//! The schema of the inputs: the union of their columns, the record id
//! column, the kinds declared with `--field` and those inferred from a
//! sample of every file. A date kept in three columns (year, month,
//! day) becomes one date field named `YEAR+MONTH+DAY`, declared so or
//! found from the headers and values.

use sameas::infer::{ColumnRole, DateParts, find_date_parts, infer_schema};
use sameas::{FieldKind, Schema};

use crate::failure::Failure;
use crate::input::Input;

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
        // not declared, not the id and not in a declared triple.
        let free: Vec<&str> = plain
            .iter()
            .copied()
            .filter(|c| !kinds.iter().any(|(declared, _)| declared == c))
            .filter(|c| !composed.iter().any(|parts| parts.columns().contains(c)))
            .collect();
        let found = find_date_parts(&free, &samples_of(&free));
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
            let position: Vec<Option<usize>> = plain.iter().map(|h| input.position(h)).collect();
            for row in &input.sample {
                let value = |column: &str| {
                    plain
                        .iter()
                        .position(|c| *c == column)
                        .and_then(|at| position[at])
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
        let id_column = id_column.or_else(|| {
            inferred
                .record_id_column()
                .filter(|column| is_filled_everywhere(inputs, column))
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
                ColumnRole::RecordId if id_column.as_deref() == Some(column.column()) => {
                    "record id".to_string()
                }
                ColumnRole::RecordId => "ignored (looks like an id)".to_string(),
                role => role.to_string(),
            };
            let reason = if inferred_parts.iter().any(|name| name == column.column()) {
                "year, month and day of one date in three columns, read as one date"
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
            schema: inferred.into_schema(),
        })
    }
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
