//! The schema of the inputs: the union of their columns, the record id
//! column, the kinds declared with `--field` and those inferred from a
//! sample of every file.

use sameas::infer::{ColumnRole, infer_schema};
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
        for (column, kind) in declared {
            known(column, &format!("--field {column}={kind}"))?;
            if Some(column) == id_column.as_ref() {
                return Err(Failure::Usage(format!(
                    "--field {column}={kind}: `{column}` is the record id column"
                )));
            }
            kinds.push((column, parse_kind(column, kind)?));
        }

        let headers: Vec<&str> = columns
            .iter()
            .copied()
            .filter(|c| Some(*c) != id_column.as_deref())
            .collect();
        let mut sample_rows: Vec<Vec<&str>> = Vec::new();
        for input in inputs {
            let position: Vec<Option<usize>> = headers.iter().map(|h| input.position(h)).collect();
            for row in &input.sample {
                sample_rows.push(
                    position
                        .iter()
                        .map(|at| at.and_then(|at| row.get(at)).unwrap_or(""))
                        .collect(),
                );
            }
        }
        let inferred = infer_schema(&headers, &sample_rows, &kinds)
            .map_err(|error| Failure::Input(format!("cannot build a schema: {error}")))?;
        say(&format!(
            "record id: {}",
            id_column
                .as_deref()
                .map_or("the row number".to_string(), |c| format!("column `{c}`"))
        ));
        for column in inferred.columns() {
            let role = match column.role() {
                ColumnRole::RecordId => "ignored (looks like an id)".to_string(),
                role => role.to_string(),
            };
            say(&format!(
                "  {:<16} {:<14} {}",
                column.column(),
                role,
                column.reason()
            ));
        }
        Ok(InputSchema {
            id_column,
            schema: inferred.into_schema(),
        })
    }
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
