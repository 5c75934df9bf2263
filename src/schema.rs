//! What the fields of the host's records mean.
//!
//! A [`Schema`] names each field and gives it a [`FieldKind`]; the kind
//! decides how the value is normalised at ingestion, which derived
//! features are kept (tokens, phonetic codes, parsed dates, phone digits,
//! e-mail parts), and which comparisons and blocking keys suit it.
//!
//! A field is matched on, or it is [metadata](SchemaBuilder::metadata)
//! (`updated_at`, a [`FieldKind::Timestamp`]): kept, output and usable by
//! survivorship, but never blocked on, compared or trained on.

use serde::{Deserialize, Serialize};

mod build_error;
pub(crate) mod parts;

pub use build_error::BuildError;
// The id lives in `crate::id`; kept here so `crate::schema::FieldId` still resolves.
pub use crate::id::FieldId;

/// What a field holds.
///
/// # Examples
///
/// ```
/// use sameas::FieldKind;
///
/// assert_eq!("given_name".parse::<FieldKind>()?, FieldKind::GivenName);
/// assert_eq!(FieldKind::Email.to_string(), "email");
/// assert!(FieldKind::FamilyName.is_name());
/// # Ok::<(), sameas::Error>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum FieldKind {
    /// A given (first) name: folded, with phonetic codes and nicknames.
    GivenName,
    /// A family (last) name: folded, with phonetic codes; a suffix
    /// written after it (`Smith, Jr.`, `O'Neal III`) is dropped.
    FamilyName,
    /// A whole person name ("Dr. Kelly A. Neal"): titles and suffixes
    /// dropped, tokens kept.
    FullName,
    /// A company or organisation name.
    Organisation,
    /// An e-mail address: normalised, split into local part and domain.
    Email,
    /// A social-media handle or user name (`@kneal1985`): lowercase,
    /// without the `@`; compared with the other record's names and birth
    /// year too (see [`normalize::handle`](crate::normalize::handle)).
    Handle,
    /// A phone number: E.164-like digits.
    Phone,
    /// A calendar date such as a date of birth, in any layout
    /// [`DateParser`](crate::normalize::DateParser) reads; a date known
    /// in part (`1945-08-00`, `1945-08`, `Aug 1945`) is the 1st of its
    /// month.
    Date,
    /// A street address line: folded, street types abbreviated.
    Address,
    /// A city or town.
    City,
    /// A postcode or ZIP code.
    Postcode,
    /// A country name or code.
    Country,
    /// An identifier (customer number, tax id): compared exactly after
    /// trimming and case folding.
    Identifier,
    /// Free text: folded, compared by tokens.
    Text,
    /// Several values in one field, split on `|`, or on `;` in a value
    /// without `|` (co-inventors, classes, social handles, all the
    /// e-mails a record has), or on the separator the schema names
    /// ([`SchemaBuilder::items_separated_by`]: `,` for lists `A, B`).
    /// Items are compared whole, in any order.
    Set,
    /// A category from a small vocabulary (gender, status).
    Category,
    /// A number (amount, age).
    Numeric,
    /// A point in time with its time of day (`2024-03-05T14:22:01Z`):
    /// when a record was created, updated or last seen. Read by
    /// [`DateParser::parse_timestamp`](crate::normalize::DateParser::parse_timestamp)
    /// (a date alone is its midnight) and kept in UTC. Usually a
    /// [metadata](SchemaBuilder::metadata) field: no default comparison
    /// or blocking key uses it, and survivorship's
    /// [most recent](crate::survive::SurvivorshipRule::MostRecent) rule
    /// ranks by it.
    Timestamp,
}

impl FieldKind {
    /// Every kind, in declaration order.
    ///
    /// # Examples
    ///
    /// ```
    /// assert_eq!(sameas::FieldKind::ALL.len(), 18);
    /// ```
    pub const ALL: [FieldKind; 18] = [
        FieldKind::GivenName,
        FieldKind::FamilyName,
        FieldKind::FullName,
        FieldKind::Organisation,
        FieldKind::Email,
        FieldKind::Handle,
        FieldKind::Phone,
        FieldKind::Date,
        FieldKind::Address,
        FieldKind::City,
        FieldKind::Postcode,
        FieldKind::Country,
        FieldKind::Identifier,
        FieldKind::Text,
        FieldKind::Set,
        FieldKind::Category,
        FieldKind::Numeric,
        FieldKind::Timestamp,
    ];

    /// The kind's name, as `FromStr` accepts it.
    ///
    /// # Examples
    ///
    /// ```
    /// assert_eq!(sameas::FieldKind::Postcode.as_str(), "postcode");
    /// ```
    pub fn as_str(self) -> &'static str {
        match self {
            FieldKind::GivenName => "given_name",
            FieldKind::FamilyName => "family_name",
            FieldKind::FullName => "full_name",
            FieldKind::Organisation => "organisation",
            FieldKind::Email => "email",
            FieldKind::Handle => "handle",
            FieldKind::Phone => "phone",
            FieldKind::Date => "date",
            FieldKind::Address => "address",
            FieldKind::City => "city",
            FieldKind::Postcode => "postcode",
            FieldKind::Country => "country",
            FieldKind::Identifier => "identifier",
            FieldKind::Text => "text",
            FieldKind::Set => "set",
            FieldKind::Category => "category",
            FieldKind::Numeric => "numeric",
            FieldKind::Timestamp => "timestamp",
        }
    }

    /// Whether the kind holds (part of) a person's name.
    pub fn is_name(self) -> bool {
        matches!(
            self,
            FieldKind::GivenName | FieldKind::FamilyName | FieldKind::FullName
        )
    }
}

impl std::fmt::Display for FieldKind {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

impl std::str::FromStr for FieldKind {
    type Err = BuildError;

    /// Parses a kind name; `organization`, `zip` and a few other common
    /// spellings are accepted too.
    fn from_str(name: &str) -> Result<FieldKind, BuildError> {
        let lowered = name.trim().to_ascii_lowercase().replace(['-', ' '], "_");
        let alias = match lowered.as_str() {
            "organization" | "company" => "organisation",
            "first_name" | "given" => "given_name",
            "last_name" | "surname" | "family" => "family_name",
            "name" => "full_name",
            "zip" | "zipcode" | "postal_code" => "postcode",
            "dob" | "date_of_birth" => "date",
            "id" => "identifier",
            "datetime" | "date_time" => "timestamp",
            "username" | "user_name" | "screen_name" => "handle",
            other => other,
        };
        FieldKind::ALL
            .into_iter()
            .find(|kind| kind.as_str() == alias)
            .ok_or_else(|| BuildError::UnknownFieldKind(name.to_string()))
    }
}

/// One field of a schema.
///
/// # Examples
///
/// ```
/// use sameas::{FieldKind, Schema};
///
/// let schema = Schema::builder().field("email", FieldKind::Email).build()?;
/// let field = &schema.fields()[0];
/// assert_eq!((field.name(), field.kind()), ("email", FieldKind::Email));
/// # Ok::<(), sameas::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Field {
    name: String,
    kind: FieldKind,
    sensitive: bool,
    /// Written only when set, so schemas (and saved models) without
    /// metadata read and write as before.
    #[serde(default, skip_serializing_if = "is_false")]
    metadata: bool,
    /// A set's item separator when not the default (see
    /// [`SchemaBuilder::items_separated_by`]); written only when set.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    items: Option<char>,
}

/// Whether a flag is unset (serde's `skip_serializing_if`).
fn is_false(flag: &bool) -> bool {
    !*flag
}

impl Field {
    /// The field's name, as the host's records spell it.
    pub fn name(&self) -> &str {
        &self.name
    }

    /// What the field holds.
    pub fn kind(&self) -> FieldKind {
        self.kind
    }

    /// Whether explanations must hide the field's values unless asked.
    pub fn is_sensitive(&self) -> bool {
        self.sensitive
    }

    /// Whether the field is metadata (see [`SchemaBuilder::metadata`]):
    /// kept, output and usable by survivorship, but never blocked on,
    /// compared, or trained on.
    pub fn is_metadata(&self) -> bool {
        self.metadata
    }

    /// The character between a [`FieldKind::Set`]'s items, when the
    /// schema names one (see [`SchemaBuilder::items_separated_by`]; `|`
    /// separates them too); `None`: items are separated by `|`, or by
    /// `;` in a value without `|`.
    ///
    /// # Examples
    ///
    /// ```
    /// use sameas::{FieldKind, Schema};
    /// let schema = Schema::builder()
    ///     .field("cpc", FieldKind::Set)
    ///     .items_separated_by("cpc", ',')
    ///     .field("tags", FieldKind::Set)
    ///     .build()?;
    /// let separators: Vec<Option<char>> = schema.fields().iter().map(|f| f.item_separator()).collect();
    /// assert_eq!(separators, [Some(','), None]);
    /// # Ok::<(), sameas::Error>(())
    /// ```
    pub fn item_separator(&self) -> Option<char> {
        self.items
    }
}

/// The fields of the records to resolve, checked once when built.
///
/// # Examples
///
/// ```
/// use sameas::{BuildError, FieldKind, Schema};
///
/// let schema = Schema::builder()
///     .field("given", FieldKind::GivenName)
///     .field("family", FieldKind::FamilyName)
///     .field("email", FieldKind::Email)
///     .build()?;
/// assert_eq!(schema.len(), 3);
/// assert_eq!(schema.field_id("nope"), Err(BuildError::UnknownField("nope".into())));
/// # Ok::<(), sameas::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(try_from = "SchemaFields")]
pub struct Schema {
    fields: Vec<Field>,
}

/// A schema as read by serde, checked like [`SchemaBuilder::build`]
/// before it becomes a [`Schema`].
#[derive(Deserialize)]
struct SchemaFields {
    fields: Vec<Field>,
}

impl TryFrom<SchemaFields> for Schema {
    type Error = BuildError;

    fn try_from(read: SchemaFields) -> Result<Schema, BuildError> {
        SchemaBuilder {
            fields: read.fields,
            ..SchemaBuilder::default()
        }
        .build()
    }
}

/// The most fields a schema may hold.
///
/// # Examples
///
/// ```
/// assert_eq!(sameas::MAX_FIELDS, 1024);
/// ```
pub const MAX_FIELDS: usize = 1024;

impl Schema {
    /// A builder for a schema.
    ///
    /// # Examples
    ///
    /// ```
    /// use sameas::{FieldKind, Schema};
    /// let schema = Schema::builder().field("phone", FieldKind::Phone).build()?;
    /// assert_eq!(schema.fields()[0].name(), "phone");
    /// # Ok::<(), sameas::Error>(())
    /// ```
    pub fn builder() -> SchemaBuilder {
        SchemaBuilder::default()
    }

    /// The schema with the fields `ignored` made
    /// [metadata](SchemaBuilder::metadata), ids and names as they were:
    /// what the default blocking rules see of a field training found not
    /// to identify.
    pub(crate) fn ignoring(&self, ignored: &[FieldId]) -> Schema {
        let mut schema = self.clone();
        for &id in ignored {
            if let Some(field) = schema.fields.get_mut(id.index()) {
                field.metadata = true;
            }
        }
        schema
    }

    /// The fields, in declaration order.
    pub fn fields(&self) -> &[Field] {
        &self.fields
    }

    /// How many fields the schema has (never zero).
    #[allow(clippy::len_without_is_empty)] // a built schema is never empty
    pub fn len(&self) -> usize {
        self.fields.len()
    }

    /// The id of the field called `name`.
    ///
    /// # Errors
    ///
    /// [`BuildError::UnknownField`] when no field has that name.
    ///
    /// # Examples
    ///
    /// ```
    /// use sameas::{FieldKind, Schema};
    /// let schema = Schema::builder().field("email", FieldKind::Email).build()?;
    /// assert!(schema.field_id("email").is_ok());
    /// assert!(schema.field_id("Email").is_err());
    /// # Ok::<(), sameas::Error>(())
    /// ```
    pub fn field_id(&self, name: &str) -> Result<FieldId, BuildError> {
        self.fields
            .iter()
            .position(|field| field.name == name)
            .map(|index| FieldId(index as u16))
            .ok_or_else(|| BuildError::UnknownField(name.to_string()))
    }

    /// The field with this id.
    ///
    /// # Panics
    ///
    /// When `id` came from another schema with more fields; see
    /// [`try_field`](Self::try_field).
    pub fn field(&self, id: FieldId) -> &Field {
        &self.fields[id.index()]
    }

    /// The field with this id, or `None` for an id of another schema.
    pub fn try_field(&self, id: FieldId) -> Option<&Field> {
        self.fields.get(id.index())
    }

    /// The ids of the fields of `kind`, in declaration order.
    ///
    /// # Examples
    ///
    /// ```
    /// use sameas::{FieldKind, Schema};
    /// let schema = Schema::builder()
    ///     .field("home", FieldKind::Phone)
    ///     .field("email", FieldKind::Email)
    ///     .field("mobile", FieldKind::Phone)
    ///     .build()?;
    /// let phones: Vec<usize> = schema.fields_of(FieldKind::Phone).map(|f| f.index()).collect();
    /// assert_eq!(phones, [0, 2]);
    /// # Ok::<(), sameas::Error>(())
    /// ```
    pub fn fields_of(&self, kind: FieldKind) -> impl Iterator<Item = FieldId> + '_ {
        self.ids().filter(move |&id| self.field(id).kind == kind)
    }

    /// Every field id, in declaration order.
    pub fn ids(&self) -> impl Iterator<Item = FieldId> + '_ {
        (0..self.fields.len()).map(|index| FieldId(index as u16))
    }

    /// The ids of the fields matching may use (every field but
    /// [metadata](SchemaBuilder::metadata)), in declaration order: what
    /// default blockers, comparisons and training rules are chosen from.
    ///
    /// # Examples
    ///
    /// ```
    /// use sameas::{FieldKind, Schema};
    /// let schema = Schema::builder()
    ///     .metadata("created", FieldKind::Timestamp)
    ///     .field("email", FieldKind::Email)
    ///     .build()?;
    /// let matching: Vec<usize> = schema.matching_ids().map(|f| f.index()).collect();
    /// assert_eq!(matching, [1]);
    /// # Ok::<(), sameas::Error>(())
    /// ```
    pub fn matching_ids(&self) -> impl Iterator<Item = FieldId> + '_ {
        self.ids().filter(move |&id| !self.field(id).metadata)
    }

    /// The ids of the fields of `kind` that matching may use (not
    /// [metadata](SchemaBuilder::metadata)), in declaration order.
    ///
    /// # Examples
    ///
    /// ```
    /// use sameas::{FieldKind, Schema};
    /// let schema = Schema::builder()
    ///     .metadata("registered", FieldKind::Date)
    ///     .field("dob", FieldKind::Date)
    ///     .build()?;
    /// let dates: Vec<usize> = schema.matching_fields_of(FieldKind::Date).map(|f| f.index()).collect();
    /// assert_eq!(dates, [1]);
    /// # Ok::<(), sameas::Error>(())
    /// ```
    pub fn matching_fields_of(&self, kind: FieldKind) -> impl Iterator<Item = FieldId> + '_ {
        self.fields_of(kind)
            .filter(move |&id| !self.field(id).metadata)
    }

    /// The id of the field called `name`, which matching may use.
    ///
    /// # Errors
    ///
    /// [`BuildError::UnknownField`] when no field has that name,
    /// [`BuildError::MetadataField`] when it is metadata.
    pub(crate) fn matching_field_id(&self, name: &str) -> Result<FieldId, BuildError> {
        let id = self.field_id(name)?;
        if self.field(id).metadata {
            return Err(BuildError::MetadataField(name.to_string()));
        }
        Ok(id)
    }
}

/// Builds a [`Schema`]; [`build`](SchemaBuilder::build) validates it.
///
/// # Examples
///
/// ```
/// use sameas::{FieldKind, Schema};
/// let mut builder = Schema::builder();
/// builder.field("given", FieldKind::GivenName);
/// builder.field("family", FieldKind::FamilyName);
/// assert_eq!(builder.build()?.len(), 2);
/// # Ok::<(), sameas::Error>(())
/// ```
#[derive(Debug, Clone, Default)]
pub struct SchemaBuilder {
    fields: Vec<Field>,
    /// Sensitivity set by name with [`sensitive`](Self::sensitive),
    /// applied (and checked) by [`build`](Self::build).
    sensitivity: Vec<(String, bool)>,
    /// Item separators set by name with
    /// [`items_separated_by`](Self::items_separated_by), applied (and
    /// checked) by [`build`](Self::build).
    separators: Vec<(String, char)>,
}

impl SchemaBuilder {
    /// Adds a field. A [`FieldKind::Identifier`] (a customer number, a
    /// national id) is [sensitive](Field::is_sensitive) unless
    /// [`sensitive`](Self::sensitive) says otherwise; other kinds are not.
    ///
    /// # Examples
    ///
    /// ```
    /// use sameas::{FieldKind, Schema};
    /// let schema = Schema::builder()
    ///     .field("city", FieldKind::City)
    ///     .field("ssn", FieldKind::Identifier)
    ///     .build()?;
    /// assert_eq!(schema.fields()[0].kind(), FieldKind::City);
    /// assert!(!schema.fields()[0].is_sensitive());
    /// assert!(schema.fields()[1].is_sensitive());
    /// # Ok::<(), sameas::Error>(())
    /// ```
    pub fn field(&mut self, name: impl Into<String>, kind: FieldKind) -> &mut Self {
        self.push(name.into(), kind, kind == FieldKind::Identifier, false)
    }

    /// Marks the field `name` (added before or after) sensitive or not:
    /// explanations hide a sensitive field's values unless revealed on
    /// purpose ([`Reveal::All`](crate::matcher::Reveal::All)), and golden
    /// records' `Display` hides them.
    ///
    /// # Examples
    ///
    /// ```
    /// use sameas::{BuildError, FieldKind, Schema};
    /// let schema = Schema::builder()
    ///     .field("email", FieldKind::Email)
    ///     .field("member_no", FieldKind::Identifier)
    ///     .sensitive("email", true)
    ///     .sensitive("member_no", false)
    ///     .build()?;
    /// assert!(schema.fields()[0].is_sensitive());
    /// assert!(!schema.fields()[1].is_sensitive());
    /// assert_eq!(
    ///     Schema::builder().field("email", FieldKind::Email).sensitive("mail", true).build(),
    ///     Err(BuildError::UnknownField("mail".into()))
    /// );
    /// # Ok::<(), sameas::Error>(())
    /// ```
    pub fn sensitive(&mut self, name: impl Into<String>, sensitive: bool) -> &mut Self {
        self.sensitivity.push((name.into(), sensitive));
        self
    }

    /// Says that the [`FieldKind::Set`] field `name` (added before or
    /// after) separates its items by `separator`, as a table that writes
    /// lists `H01L21/02, G06F3/01` does; without it a set's items are
    /// separated by `|`, or by `;` in a value without `|`. Items are
    /// trimmed, so `, ` and `,` read alike.
    ///
    /// # Examples
    ///
    /// ```
    /// use sameas::{BuildError, FieldKind, Schema};
    /// let schema = Schema::builder()
    ///     .field("classes", FieldKind::Set)
    ///     .items_separated_by("classes", ',')
    ///     .build()?;
    /// assert_eq!(schema.fields()[0].item_separator(), Some(','));
    /// assert_eq!(
    ///     Schema::builder()
    ///         .field("title", FieldKind::Text)
    ///         .items_separated_by("title", ',')
    ///         .build(),
    ///     Err(BuildError::ItemSeparator {
    ///         field: "title".into(),
    ///         reason: "only a set has items",
    ///     })
    /// );
    /// # Ok::<(), sameas::Error>(())
    /// ```
    pub fn items_separated_by(&mut self, name: impl Into<String>, separator: char) -> &mut Self {
        self.separators.push((name.into(), separator));
        self
    }

    /// Adds a metadata field: kept, normalised and output like any other
    /// (golden records hold it, survivorship chooses its value and may
    /// rank by it, as [`SurvivorshipRule::MostRecent`](crate::survive::SurvivorshipRule::MostRecent)
    /// does by a timestamp), but never blocked on, compared, or used to
    /// train or explain a match. Default blockers, comparisons and
    /// training rules skip it, and a blocking key, comparison or rule
    /// naming it is a [`BuildError::MetadataField`]. Typical: `updated_at`
    /// as a [`FieldKind::Timestamp`].
    ///
    /// # Examples
    ///
    /// ```
    /// use sameas::block::default_blockers;
    /// use sameas::matcher::{default_comparisons, Comparison, LevelTest};
    /// use sameas::{BuildError, FieldKind, Schema};
    ///
    /// let schema = Schema::builder()
    ///     .field("email", FieldKind::Email)
    ///     .metadata("updated_at", FieldKind::Timestamp)
    ///     .metadata("signup_email", FieldKind::Email)
    ///     .build()?;
    /// let compared: Vec<String> = default_comparisons(&schema).iter().map(|c| c.name().to_string()).collect();
    /// assert_eq!(compared, ["email"]);
    /// assert!(default_blockers(&schema).iter().all(|b| !b.name().contains("signup_email")));
    /// assert_eq!(
    ///     Comparison::new(&schema, "signup_email", &[LevelTest::Exact]).unwrap_err(),
    ///     BuildError::MetadataField("signup_email".into())
    /// );
    /// # Ok::<(), sameas::Error>(())
    /// ```
    pub fn metadata(&mut self, name: impl Into<String>, kind: FieldKind) -> &mut Self {
        self.push(name.into(), kind, false, true)
    }

    /// Adds a field whose values explanations hide unless asked.
    ///
    /// # Examples
    ///
    /// ```
    /// use sameas::{FieldKind, Schema};
    /// let schema = Schema::builder().sensitive_field("dob", FieldKind::Date).build()?;
    /// assert!(schema.fields()[0].is_sensitive());
    /// # Ok::<(), sameas::Error>(())
    /// ```
    pub fn sensitive_field(&mut self, name: impl Into<String>, kind: FieldKind) -> &mut Self {
        self.push(name.into(), kind, true, false)
    }

    fn push(
        &mut self,
        name: String,
        kind: FieldKind,
        sensitive: bool,
        metadata: bool,
    ) -> &mut Self {
        self.fields.push(Field {
            name,
            kind,
            sensitive,
            metadata,
            items: None,
        });
        self
    }

    /// Checks the fields and builds the schema.
    ///
    /// # Errors
    ///
    /// [`BuildError::EmptySchema`] without fields, [`BuildError::EmptyFieldName`]
    /// for a blank name, [`BuildError::DuplicateField`] when two fields share a
    /// name, [`BuildError::TooManyFields`] beyond [`MAX_FIELDS`],
    /// [`BuildError::UnknownField`] for a [`sensitive`](Self::sensitive)
    /// or [`items_separated_by`](Self::items_separated_by) naming no
    /// field, [`BuildError::ItemSeparator`] for an item separator on a
    /// field that is no set, or one that is a letter, a digit, white
    /// space or a control character.
    ///
    /// # Examples
    ///
    /// ```
    /// use sameas::{BuildError, FieldKind, Schema};
    /// assert_eq!(Schema::builder().build(), Err(BuildError::EmptySchema));
    /// assert_eq!(
    ///     Schema::builder().field("a", FieldKind::Text).field("a", FieldKind::Email).build(),
    ///     Err(BuildError::DuplicateField("a".into()))
    /// );
    /// ```
    pub fn build(&self) -> Result<Schema, BuildError> {
        if self.fields.is_empty() {
            return Err(BuildError::EmptySchema);
        }
        if self.fields.len() > MAX_FIELDS {
            return Err(BuildError::TooManyFields(self.fields.len()));
        }
        for (index, field) in self.fields.iter().enumerate() {
            if field.name.trim().is_empty() {
                return Err(BuildError::EmptyFieldName);
            }
            if self.fields[..index]
                .iter()
                .any(|earlier| earlier.name == field.name)
            {
                return Err(BuildError::DuplicateField(field.name.clone()));
            }
        }
        let mut fields = self.fields.clone();
        for (name, sensitive) in &self.sensitivity {
            let field = fields
                .iter_mut()
                .find(|field| &field.name == name)
                .ok_or_else(|| BuildError::UnknownField(name.clone()))?;
            field.sensitive = *sensitive;
        }
        for (name, separator) in &self.separators {
            let field = fields
                .iter_mut()
                .find(|field| &field.name == name)
                .ok_or_else(|| BuildError::UnknownField(name.clone()))?;
            field.items = Some(*separator);
        }
        for field in &fields {
            if let Some(separator) = field.items {
                let reason = if field.kind != FieldKind::Set {
                    "only a set has items"
                } else if separator.is_alphanumeric()
                    || separator.is_whitespace()
                    || separator.is_control()
                {
                    "a letter, a digit, white space or a control character is part of an item"
                } else {
                    continue;
                };
                return Err(BuildError::ItemSeparator {
                    field: field.name.clone(),
                    reason,
                });
            }
        }
        Ok(Schema { fields })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_deserialised_schema_is_checked_like_a_built_one() {
        let field = |name: &str| Field {
            name: name.to_string(),
            kind: FieldKind::Text,
            sensitive: false,
            metadata: false,
            items: None,
        };
        let read = |fields: Vec<Field>| Schema::try_from(SchemaFields { fields });
        assert_eq!(read(vec![]), Err(BuildError::EmptySchema));
        assert_eq!(
            read(vec![field("a"), field("a")]),
            Err(BuildError::DuplicateField("a".into()))
        );
        let too_many: Vec<Field> = (0..=MAX_FIELDS).map(|i| field(&format!("f{i}"))).collect();
        assert_eq!(
            read(too_many),
            Err(BuildError::TooManyFields(MAX_FIELDS + 1))
        );
        assert_eq!(read(vec![field("a")]).map(|schema| schema.len()), Ok(1));
        // An item separator read from a file is checked too.
        let separated = |kind: FieldKind, separator: char| Field {
            kind,
            items: Some(separator),
            ..field("a")
        };
        assert_eq!(
            read(vec![separated(FieldKind::Text, ',')]),
            Err(BuildError::ItemSeparator {
                field: "a".into(),
                reason: "only a set has items",
            })
        );
        for separator in ['x', '7', ' ', '\t', '\0'] {
            assert!(
                matches!(
                    read(vec![separated(FieldKind::Set, separator)]),
                    Err(BuildError::ItemSeparator { .. })
                ),
                "{separator:?}"
            );
        }
        let schema = read(vec![separated(FieldKind::Set, ',')]).expect("a set split at commas");
        assert_eq!(schema.fields()[0].item_separator(), Some(','));
    }

    #[test]
    fn an_item_separator_is_saved_only_when_set() {
        let plain = Schema::builder()
            .field("tags", FieldKind::Set)
            .build()
            .expect("schema");
        let json = serde_json::to_string(&plain).expect("json");
        assert!(!json.contains("items"), "{json}");
        let separated = Schema::builder()
            .field("tags", FieldKind::Set)
            .items_separated_by("tags", ',')
            .build()
            .expect("schema");
        let json = serde_json::to_string(&separated).expect("json");
        assert!(json.contains(r#""items":",""#), "{json}");
        let read: Schema = serde_json::from_str(&json).expect("read back");
        assert_eq!(read, separated);
        assert_eq!(
            Schema::builder()
                .field("tags", FieldKind::Set)
                .items_separated_by("labels", ',')
                .build(),
            Err(BuildError::UnknownField("labels".into()))
        );
    }
}
