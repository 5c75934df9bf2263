//! What a report shows and hides: title, run settings, sensitive values,
//! how many entities the explorer samples.

use sameas::cluster::EntityId;
use sameas::{BuildError, Field};

/// The settings of a report, validated once by
/// [`ReportOptionsBuilder::build`].
///
/// # Examples
///
/// ```
/// use sameas_report::ReportOptions;
///
/// let options = ReportOptions::builder()
///     .title("Customers, March")
///     .setting("inputs", "crm.csv, web.csv")
///     .entities_per_view(10)
///     .build()?;
/// assert_eq!(options.title(), "Customers, March");
/// assert!(!options.reveals_sensitive());
/// # Ok::<(), sameas::BuildError>(())
/// ```
#[derive(Debug, Clone, PartialEq)]
pub struct ReportOptions {
    title: String,
    settings: Vec<(String, String)>,
    reveal: bool,
    entities_per_view: usize,
    max_members: usize,
    seed: u64,
    pinned: Vec<EntityId>,
}

impl Default for ReportOptions {
    fn default() -> Self {
        ReportOptions::new()
    }
}

impl ReportOptions {
    /// The defaults: title "sameas resolution report", sensitive values
    /// masked, 25 entities per explorer view, at most 40 records shown
    /// per entity, sampling seed 1.
    pub fn new() -> ReportOptions {
        ReportOptions {
            title: "sameas resolution report".to_string(),
            settings: Vec::new(),
            reveal: false,
            entities_per_view: 25,
            max_members: 40,
            seed: 1,
            pinned: Vec::new(),
        }
    }

    /// A builder starting from [`new`](Self::new).
    pub fn builder() -> ReportOptionsBuilder {
        ReportOptionsBuilder {
            options: ReportOptions::new(),
        }
    }

    /// The report's title.
    pub fn title(&self) -> &str {
        &self.title
    }

    /// The run settings to list in the summary, as `(name, value)`.
    pub fn settings(&self) -> &[(String, String)] {
        &self.settings
    }

    /// Whether sensitive values are written into the report.
    pub fn reveals_sensitive(&self) -> bool {
        self.reveal
    }

    /// Entities per explorer view (largest, lowest density, cut, random).
    pub fn entities_per_view(&self) -> usize {
        self.entities_per_view
    }

    /// The most records shown (and drawn in the pair graph) per entity.
    pub fn max_members(&self) -> usize {
        self.max_members
    }

    /// The seed of the explorer's random sample.
    pub fn seed(&self) -> u64 {
        self.seed
    }

    /// Entities the explorer always shows, in the order given.
    pub fn pinned(&self) -> &[EntityId] {
        &self.pinned
    }

    /// Whether the report masks the values of `field`: unless sensitive
    /// values are revealed, every field [`masked_by_default`].
    pub fn masks(&self, field: &Field) -> bool {
        !self.reveal && masked_by_default(field)
    }
}

/// Whether a report masks a field's values unless told to reveal them:
/// exactly the fields the schema marks [sensitive](Field::is_sensitive).
///
/// The schema's flag is the one source of truth, read alike by the
/// report, by explanations ([`Reveal`](sameas::matcher::Reveal)), by
/// golden records' `Display` and by the command's `--explain`: a field
/// shown in one is shown in all. The defaults set the flag where the
/// schema is made: [`SchemaBuilder::field`](sameas::SchemaBuilder::field)
/// marks identifiers; [`infer_schema`](sameas::infer::infer_schema) (and
/// so the command, declared kinds included) marks identifiers, dates and
/// columns whose header names a sensitive attribute. A schema built by
/// hand marks a date of birth with
/// [`sensitive_field`](sameas::SchemaBuilder::sensitive_field) or
/// [`sensitive`](sameas::SchemaBuilder::sensitive); a field the host set
/// not sensitive is shown, whatever its kind.
///
/// # Examples
///
/// ```
/// use sameas::{FieldKind, Schema};
/// use sameas_report::masked_by_default;
///
/// let schema = Schema::builder()
///     .field("email", FieldKind::Email)
///     .sensitive_field("dob", FieldKind::Date)
///     .field("ssn", FieldKind::Identifier) // sensitive by default
///     .field("member_no", FieldKind::Identifier)
///     .sensitive("member_no", false) // the host's decision
///     .field("visit", FieldKind::Date) // not marked: shown
///     .build()?;
/// let masked: Vec<bool> = schema.fields().iter().map(masked_by_default).collect();
/// assert_eq!(masked, [false, true, true, false, false]);
/// # Ok::<(), sameas::BuildError>(())
/// ```
pub fn masked_by_default(field: &Field) -> bool {
    field.is_sensitive()
}

/// Builds [`ReportOptions`]; [`build`](Self::build) checks the numbers.
#[derive(Debug, Clone)]
pub struct ReportOptionsBuilder {
    options: ReportOptions,
}

impl ReportOptionsBuilder {
    /// The title at the top of the report and of its window.
    pub fn title(&mut self, title: impl Into<String>) -> &mut Self {
        self.options.title = title.into();
        self
    }

    /// A run setting to list in the summary (input files, options the
    /// resolution cannot tell, such as the command line); repeatable,
    /// shown in the order given.
    pub fn setting(&mut self, name: impl Into<String>, value: impl Into<String>) -> &mut Self {
        self.options.settings.push((name.into(), value.into()));
        self
    }

    /// Write the values of sensitive fields (see [`masked_by_default`])
    /// into the report (default `false`: they are masked, and the file
    /// holds none of them).
    pub fn reveal_sensitive(&mut self, reveal: bool) -> &mut Self {
        self.options.reveal = reveal;
        self
    }

    /// Entities per explorer view, 1 to 1,000 (default 25).
    pub fn entities_per_view(&mut self, entities: usize) -> &mut Self {
        self.options.entities_per_view = entities;
        self
    }

    /// The most records shown per entity, 2 to 500 (default 40); a larger
    /// entity shows its first records in store order and says how many
    /// it leaves out.
    pub fn max_members(&mut self, records: usize) -> &mut Self {
        self.options.max_members = records;
        self
    }

    /// The seed of the explorer's random sample (default 1): the same
    /// seed and resolution give the same sample.
    pub fn seed(&mut self, seed: u64) -> &mut Self {
        self.options.seed = seed;
        self
    }

    /// An entity the explorer always shows (repeatable), for example
    /// one a reviewer asked about. An id the resolution does not have is
    /// left out.
    pub fn pin(&mut self, entity: EntityId) -> &mut Self {
        if !self.options.pinned.contains(&entity) {
            self.options.pinned.push(entity);
        }
        self
    }

    /// The options.
    ///
    /// # Errors
    ///
    /// [`BuildError::InvalidParameter`] naming `entities_per_view` or
    /// `max_members` when outside its range.
    ///
    /// # Examples
    ///
    /// ```
    /// use sameas::BuildError;
    /// use sameas_report::ReportOptions;
    ///
    /// let error = ReportOptions::builder().max_members(1).build().unwrap_err();
    /// assert_eq!(
    ///     error,
    ///     BuildError::InvalidParameter { name: "max_members", reason: "1 is not in 2..=500".into() }
    /// );
    /// ```
    pub fn build(&self) -> Result<ReportOptions, BuildError> {
        let check = |name: &'static str, value: usize, range: std::ops::RangeInclusive<usize>| {
            if range.contains(&value) {
                Ok(())
            } else {
                Err(BuildError::InvalidParameter {
                    name,
                    reason: format!("{value} is not in {}..={}", range.start(), range.end()),
                })
            }
        };
        check(
            "entities_per_view",
            self.options.entities_per_view,
            1..=1000,
        )?;
        check("max_members", self.options.max_members, 2..=500)?;
        Ok(self.options.clone())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use sameas::{FieldKind, Schema};

    #[test]
    fn revealing_unmasks_every_field() {
        let schema = Schema::builder()
            .sensitive_field("dob", FieldKind::Date)
            .field("given", FieldKind::GivenName)
            .build()
            .unwrap();
        let masked = ReportOptions::new();
        let revealed = ReportOptions::builder()
            .reveal_sensitive(true)
            .build()
            .unwrap();
        let [dob, given] = [&schema.fields()[0], &schema.fields()[1]];
        assert!(masked.masks(dob) && !masked.masks(given));
        assert!(!revealed.masks(dob) && !revealed.masks(given));
    }

    #[test]
    fn ranges_are_checked_at_both_ends() {
        let error = ReportOptions::builder()
            .entities_per_view(0)
            .build()
            .unwrap_err();
        assert_eq!(
            error,
            BuildError::InvalidParameter {
                name: "entities_per_view",
                reason: "0 is not in 1..=1000".into()
            }
        );
        assert!(
            ReportOptions::builder()
                .entities_per_view(1000)
                .build()
                .is_ok()
        );
        assert!(ReportOptions::builder().max_members(501).build().is_err());
    }

    #[test]
    fn pins_are_kept_once_in_order() {
        let (a, b) = (
            EntityId::of_anchor("crm", "1"),
            EntityId::of_anchor("crm", "2"),
        );
        let options = ReportOptions::builder()
            .pin(b)
            .pin(a)
            .pin(b)
            .build()
            .unwrap();
        assert_eq!(options.pinned(), [b, a]);
    }
}
