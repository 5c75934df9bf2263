//! Explanations: why a pair scored what it scored, field by field.

use serde::{Deserialize, Serialize};

use super::Score;
use crate::id::FieldId;
use crate::prepare::PreparedRecord;
use crate::schema::{Field, FieldKind, Schema};

/// Whether an explanation shows the values of sensitive fields (see
/// [`SchemaBuilder::sensitive_field`](crate::SchemaBuilder::sensitive_field)).
///
/// # Examples
///
/// ```
/// use sameas::matcher::Reveal;
/// assert_eq!(Reveal::default(), Reveal::NonSensitive);
/// ```
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash)]
pub enum Reveal {
    /// Show values of fields not marked sensitive; hide the others.
    #[default]
    NonSensitive,
    /// Show every value, sensitive ones included.
    All,
}

/// One field's part in an explanation.
///
/// # Examples
///
/// ```
/// use sameas::matcher::{Comparison, FellegiSunter, LevelTest, Matcher, Reveal};
/// use sameas::{FieldKind, OwnedRecord, PreparedStore, Schema};
///
/// let schema = Schema::builder().field("email", FieldKind::Email).build()?;
/// let mut email = Comparison::new(&schema, "email", &[LevelTest::Exact])?;
/// email.set_probabilities(0, 0.9, 0.001)?;
/// let model = FellegiSunter::new(&schema, 0.01, vec![email])?;
/// let mut store = PreparedStore::new(schema);
/// let crm = store.add_source("crm", false)?;
/// store.ingest(crm, &[
///     OwnedRecord::new("1").with("email", "Ann@Example.com"),
///     OwnedRecord::new("2").with("email", "ann@example.com"),
/// ])?;
/// let records: Vec<_> = store.records().collect();
/// let explanation = model.explain(&records[0], &records[1], Reveal::NonSensitive);
/// let field = &explanation.fields()[0];
/// assert_eq!(field.field(), "email");
/// assert_eq!(field.raw(), [Some("Ann@Example.com"), Some("ann@example.com")]);
/// assert_eq!(field.normalized(), [Some("ann@example.com"), Some("ann@example.com")]);
/// assert_eq!(field.level(), Some("exact"));
/// assert!((field.weight() - (0.9f64 / 0.001).log2()).abs() < 1e-12);
/// # Ok::<(), sameas::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct FieldExplanation {
    comparison: String,
    values: Vec<ExplainedValues>,
    level: Option<String>,
    m: Option<f64>,
    u: Option<f64>,
    weight: f64,
}

/// The two records' values of one field, in an explanation.
///
/// # Examples
///
/// See [`FieldExplanation::values`].
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ExplainedValues {
    field: String,
    kind: FieldKind,
    hidden: bool,
    raw: [Option<String>; 2],
    normalized: [Option<String>; 2],
}

impl ExplainedValues {
    fn new(
        field: &Field,
        id: FieldId,
        (a, b): (&PreparedRecord<'_>, &PreparedRecord<'_>),
        reveal: Reveal,
    ) -> ExplainedValues {
        let hidden = field.is_sensitive() && reveal != Reveal::All;
        let show = |value: Option<&str>| {
            if hidden {
                None
            } else {
                value.map(str::to_string)
            }
        };
        ExplainedValues {
            field: field.name().to_string(),
            kind: field.kind(),
            hidden,
            raw: [show(a.raw(id)), show(b.raw(id))],
            normalized: [show(a.text(id)), show(b.text(id))],
        }
    }

    /// The field's name.
    pub fn field(&self) -> &str {
        &self.field
    }

    /// The field's kind.
    pub fn kind(&self) -> FieldKind {
        self.kind
    }

    /// Whether the values are hidden (a sensitive field, not revealed).
    pub fn is_hidden(&self) -> bool {
        self.hidden
    }

    /// The two records' values as given (`None`: missing or hidden).
    pub fn raw(&self) -> [Option<&str>; 2] {
        [self.raw[0].as_deref(), self.raw[1].as_deref()]
    }

    /// The two records' normalised values (`None`: missing, unparseable
    /// or hidden).
    pub fn normalized(&self) -> [Option<&str>; 2] {
        [self.normalized[0].as_deref(), self.normalized[1].as_deref()]
    }
}

impl FieldExplanation {
    /// One comparison's part in the explanation of a pair, for a custom
    /// [`Matcher`](super::Matcher): the values the two records hold in
    /// `fields` (in the records' schema; values of sensitive fields are
    /// hidden unless `reveal` is [`Reveal::All`]) and the `weight` (log2
    /// Bayes factor) the comparison added. No level is reached until
    /// [`with_level`](Self::with_level) names one.
    ///
    /// # Examples
    ///
    /// ```
    /// use sameas::matcher::{Explanation, FieldExplanation, Reveal, Score};
    /// use sameas::{FieldKind, OwnedRecord, PreparedStore, Schema};
    ///
    /// let schema = Schema::builder().sensitive_field("ssn", FieldKind::Identifier).build()?;
    /// let ssn = schema.field_id("ssn")?;
    /// let mut store = PreparedStore::new(schema);
    /// let crm = store.add_source("crm", false)?;
    /// store.ingest(crm, &[OwnedRecord::new("1").with("ssn", "078-05-1120"), OwnedRecord::new("2").with("ssn", "078051120")])?;
    /// let r: Vec<_> = store.records().collect();
    /// let part = FieldExplanation::new("same ssn", &[ssn], &r[0], &r[1], Reveal::NonSensitive, 12.0)
    ///     .with_level("exact")
    ///     .with_probabilities(0.95, 0.0002);
    /// assert_eq!((part.field(), part.level(), part.m()), ("same ssn", Some("exact"), Some(0.95)));
    /// assert!(part.is_hidden());
    /// let explanation = Explanation::new(-10.0, vec![part], Score::from_weight(2.0));
    /// assert_eq!(explanation.fields().len(), 1);
    /// assert!(!explanation.to_string().contains("078"));
    /// # Ok::<(), sameas::Error>(())
    /// ```
    pub fn new(
        comparison: impl Into<String>,
        fields: &[FieldId],
        a: &PreparedRecord<'_>,
        b: &PreparedRecord<'_>,
        reveal: Reveal,
        weight: f64,
    ) -> FieldExplanation {
        let mut explanation =
            FieldExplanation::compared(a.schema(), "", fields, (a, b), reveal, None, weight);
        explanation.comparison = comparison.into();
        explanation
    }

    /// Names the level the pair reached (without m and u; see
    /// [`with_probabilities`](Self::with_probabilities)).
    ///
    /// # Examples
    ///
    /// See [`new`](Self::new).
    pub fn with_level(mut self, label: impl Into<String>) -> FieldExplanation {
        self.level = Some(label.into());
        self
    }

    /// Sets the m and u probabilities of the level reached.
    ///
    /// # Examples
    ///
    /// See [`new`](Self::new).
    pub fn with_probabilities(mut self, m: f64, u: f64) -> FieldExplanation {
        self.m = Some(m);
        self.u = Some(u);
        self
    }

    /// Explains one comparison of a pair: the values of its fields
    /// (hidden if sensitive and not revealed), the level reached (`None`:
    /// no field had both values, or the field was not tested) with its m
    /// and u, and the weight it added.
    pub(crate) fn compared(
        schema: &Schema,
        comparison: &str,
        fields: &[FieldId],
        records: (&PreparedRecord<'_>, &PreparedRecord<'_>),
        reveal: Reveal,
        level: Option<(&str, f64, f64)>,
        weight: f64,
    ) -> FieldExplanation {
        FieldExplanation {
            comparison: comparison.to_string(),
            values: fields
                .iter()
                .filter_map(|&id| {
                    Some(ExplainedValues::new(
                        schema.try_field(id)?,
                        id,
                        records,
                        reveal,
                    ))
                })
                .collect(),
            level: level.map(|(label, _, _)| label.to_string()),
            m: level.map(|(_, m, _)| m),
            u: level.map(|(_, _, u)| u),
            weight,
        }
    }

    /// Drops m and u (a rule's outcome has none).
    pub(crate) fn clear_probabilities(&mut self) {
        self.m = None;
        self.u = None;
    }

    /// The comparison's name: the field's name when it compares one.
    pub fn field(&self) -> &str {
        &self.comparison
    }

    /// The values of every field the comparison tests (one for most).
    ///
    /// # Examples
    ///
    /// ```
    /// use sameas::matcher::{Comparison, FellegiSunter, LevelTest, Matcher, Reveal};
    /// use sameas::{FieldKind, OwnedRecord, PreparedStore, Schema};
    ///
    /// let schema = Schema::builder()
    ///     .field("address", FieldKind::Address)
    ///     .field("phone", FieldKind::Phone)
    ///     .build()?;
    /// let contact = Comparison::across(&schema, "contact", &[
    ///     &[("address", LevelTest::Exact), ("phone", LevelTest::Exact)],
    ///     &[("phone", LevelTest::Exact)],
    /// ])?;
    /// let model = FellegiSunter::new(&schema, 0.01, vec![contact])?;
    /// let mut store = PreparedStore::new(schema);
    /// let crm = store.add_source("crm", false)?;
    /// store.ingest(crm, &[
    ///     OwnedRecord::new("1").with("address", "1 Main St").with("phone", "212 555 0101"),
    ///     OwnedRecord::new("2").with("phone", "(212) 555-0101"),
    /// ])?;
    /// let r: Vec<_> = store.records().collect();
    /// let explanation = model.explain(&r[0], &r[1], Reveal::NonSensitive);
    /// let contact = &explanation.fields()[0];
    /// assert_eq!(contact.field(), "contact");
    /// assert_eq!(contact.level(), Some("phone exact"));
    /// let phone = &contact.values()[1];
    /// assert_eq!((phone.field(), phone.kind()), ("phone", FieldKind::Phone));
    /// assert_eq!(phone.raw(), [Some("212 555 0101"), Some("(212) 555-0101")]);
    /// assert_eq!(contact.values()[0].normalized()[1], None);
    /// # Ok::<(), sameas::Error>(())
    /// ```
    pub fn values(&self) -> &[ExplainedValues] {
        &self.values
    }

    /// The first field's kind.
    pub fn kind(&self) -> Option<FieldKind> {
        self.values.first().map(ExplainedValues::kind)
    }

    /// Whether any value is hidden (a sensitive field, not revealed).
    pub fn is_hidden(&self) -> bool {
        self.values.iter().any(ExplainedValues::is_hidden)
    }

    /// The first field's values as given (`None`: missing or hidden).
    pub fn raw(&self) -> [Option<&str>; 2] {
        self.values
            .first()
            .map_or([None, None], ExplainedValues::raw)
    }

    /// The first field's normalised values (`None`: missing, unparseable
    /// or hidden).
    pub fn normalized(&self) -> [Option<&str>; 2] {
        self.values
            .first()
            .map_or([None, None], ExplainedValues::normalized)
    }

    /// The label of the level the pair reached; `None` when a value is
    /// missing (the field weighs nothing) or the matcher did not test it.
    pub fn level(&self) -> Option<&str> {
        self.level.as_deref()
    }

    /// The m probability of the level reached (Fellegi-Sunter only).
    pub fn m(&self) -> Option<f64> {
        self.m
    }

    /// The u probability used for the level reached: the level's own, or
    /// the shared value's frequency when term frequencies adjust it.
    pub fn u(&self) -> Option<f64> {
        self.u
    }

    /// The weight (log2 Bayes factor) this field added to the total.
    pub fn weight(&self) -> f64 {
        self.weight
    }
}

/// Why a pair scored what it did: the prior, each field's contribution,
/// and the total. `Display` prints a waterfall; the fields are there for
/// programs, and an explanation serialises and deserialises with serde
/// (a service can send it and its client read it back; see [`Score`] for
/// infinite weights).
///
/// # Examples
///
/// ```
/// use sameas::matcher::{Comparison, FellegiSunter, LevelTest, Matcher, Reveal};
/// use sameas::{FieldKind, OwnedRecord, PreparedStore, Schema};
///
/// let schema = Schema::builder()
///     .field("name", FieldKind::FullName)
///     .sensitive_field("ssn", FieldKind::Identifier)
///     .build()?;
/// let model = FellegiSunter::new(&schema, 0.001, vec![
///     Comparison::new(&schema, "name", &[LevelTest::Exact, LevelTest::JaroWinkler { at_least: 0.9 }])?,
///     Comparison::new(&schema, "ssn", &[LevelTest::Exact])?,
/// ])?;
/// let mut store = PreparedStore::new(schema);
/// let crm = store.add_source("crm", false)?;
/// store.ingest(crm, &[
///     OwnedRecord::new("1").with("name", "Ann Lee").with("ssn", "123-45-6789"),
///     OwnedRecord::new("2").with("name", "Anne Lee").with("ssn", "123-45-6789"),
/// ])?;
/// let records: Vec<_> = store.records().collect();
///
/// let explanation = model.explain(&records[0], &records[1], Reveal::NonSensitive);
/// let total: f64 = explanation.prior_weight()
///     + explanation.fields().iter().map(|field| field.weight()).sum::<f64>();
/// assert!((total - explanation.score().weight()).abs() < 1e-9);
/// assert!(explanation.fields()[1].is_hidden());
/// let text = explanation.to_string();
/// assert!(text.contains("jaro-winkler >= 0.9"));
/// assert!(!text.contains("123-45-6789"));
/// assert!(model.explain(&records[0], &records[1], Reveal::All).to_string().contains("123-45-6789"));
/// # Ok::<(), sameas::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Explanation {
    prior_weight: f64,
    /// The two sources whose own prior the pair started from (see
    /// [`SourcePrior`](super::SourcePrior)).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    prior_sources: Option<[String; 2]>,
    fields: Vec<FieldExplanation>,
    score: Score,
}

impl Explanation {
    /// An explanation from its parts, for a custom
    /// [`Matcher`](super::Matcher): the prior's weight, each
    /// comparison's part (see [`FieldExplanation::new`]) and the pair's
    /// score. The crate's matchers give a score equal to the prior plus
    /// the parts' weights; a custom matcher's score is whatever it
    /// scored.
    ///
    /// # Examples
    ///
    /// See [`FieldExplanation::new`].
    pub fn new(prior_weight: f64, fields: Vec<FieldExplanation>, score: Score) -> Explanation {
        Explanation {
            prior_weight,
            prior_sources: None,
            fields,
            score,
        }
    }

    /// The explanation with its prior named as that of the pairs between
    /// sources `a` and `b` (see [`SourcePrior`](super::SourcePrior)):
    /// `Display` says so on the prior's line.
    ///
    /// # Examples
    ///
    /// ```
    /// use sameas::matcher::Explanation;
    /// use sameas::Score;
    /// let explanation = Explanation::new(-13.0, vec![], Score::from_weight(-13.0))
    ///     .with_prior_sources("tax", "census");
    /// assert_eq!(explanation.prior_sources(), Some(["census", "tax"]));
    /// assert!(explanation.to_string().starts_with("prior    -13.00    -13.00  the prior of census ~ tax"));
    /// ```
    #[must_use]
    pub fn with_prior_sources(mut self, a: &str, b: &str) -> Explanation {
        self.prior_sources = Some(super::source_prior::in_order(a, b).map(str::to_string));
        self
    }

    /// The prior's weight: log2 of the odds that two records match before
    /// looking at them.
    pub fn prior_weight(&self) -> f64 {
        self.prior_weight
    }

    /// The two sources whose own prior the pair started from, in order;
    /// `None` for the model's prior.
    pub fn prior_sources(&self) -> Option<[&str; 2]> {
        self.prior_sources
            .as_ref()
            .map(|[a, b]| [a.as_str(), b.as_str()])
    }

    /// Each field's part, in the matcher's order.
    pub fn fields(&self) -> &[FieldExplanation] {
        &self.fields
    }

    /// The pair's score: the prior plus every field's weight.
    pub fn score(&self) -> Score {
        self.score
    }
}

impl std::fmt::Display for Explanation {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let name_width = self
            .fields
            .iter()
            .map(|field| field.comparison.chars().count())
            .max()
            .unwrap_or(0)
            .max("prior".len());
        let shown = |value: &Option<String>, hidden: bool| match (value, hidden) {
            (_, true) => "(hidden)".to_string(),
            (Some(value), false) => format!("{value:?}"),
            (None, false) => "-".to_string(),
        };
        let mut running = self.prior_weight;
        write!(
            f,
            "{:<name_width$}  {:>+8.2}  {:>+8.2}",
            "prior", self.prior_weight, running
        )?;
        match &self.prior_sources {
            Some([a, b]) => writeln!(f, "  the prior of {a} ~ {b}")?,
            None => writeln!(f)?,
        }
        for field in &self.fields {
            running += field.weight;
            let level = match (&field.level, field.m, field.u) {
                (Some(level), Some(m), Some(u)) => format!("{level} (m {m:.3}, u {u:.2e})"),
                (Some(level), _, _) => level.clone(),
                (None, _, _) => "missing".to_string(),
            };
            let values: Vec<String> = field
                .values
                .iter()
                .map(|values| {
                    let pair = format!(
                        "{} | {}",
                        shown(&values.raw[0], values.hidden),
                        shown(&values.raw[1], values.hidden)
                    );
                    if field.values.len() > 1 {
                        format!("{}: {pair}", values.field)
                    } else {
                        pair
                    }
                })
                .collect();
            writeln!(
                f,
                "{:<name_width$}  {:>+8.2}  {:>+8.2}  {}  {level}",
                field.comparison,
                field.weight,
                running,
                values.join("; "),
            )?;
        }
        write!(
            f,
            "{:<name_width$}  {:>+8.2}  probability {:.6}",
            "total",
            self.score.weight(),
            self.score.probability()
        )
    }
}
