//! The shipped rule-based survivorship: a chain of rules per field.

use super::Survivorship;
use super::builder::gather;
use super::candidate::Candidate;
use super::defaults::{DefaultContext, default_chain};
use super::golden::{Alternative, GoldenRecord, Member, Provenance, SurvivingValue};
use super::rule::{RuleName, SurvivorshipRule};
use crate::error::{BuildError, Result, SurviveError};
use crate::id::{FieldId, RecordIndex};
use crate::prepare::{PreparedRecord, PreparedStore};
use crate::schema::{FieldKind, Schema};

/// Rule-based survivorship: for each field a chain of
/// [`SurvivorshipRule`]s, validated once when built.
///
/// Fields without a rule of their own get the default chain for their
/// kind (see the [table](super#default-rules)). The rules are built for a
/// store's schema and source names; [`survive`](Survivorship::survive)
/// then accepts any store with the same schema.
///
/// # Examples
///
/// ```
/// use sameas::survive::{RuleName, Survivorship, SurvivorshipRule, SurvivorshipRules};
/// use sameas::{FieldKind, OwnedRecord, PreparedStore, RecordIndex, Schema};
///
/// let schema = Schema::builder()
///     .field("email", FieldKind::Email)
///     .field("address", FieldKind::Address)
///     .field("updated", FieldKind::Date)
///     .build()?;
/// let mut store = PreparedStore::new(schema);
/// let crm = store.add_source("crm", false)?;
/// let web = store.add_source("web", false)?;
/// store.ingest(crm, &[OwnedRecord::new("c1")
///     .with("email", "ann@x.org").with("address", "1 Old Rd").with("updated", "2019-05-01")])?;
/// store.ingest(web, &[OwnedRecord::new("w1")
///     .with("email", "ann@y.org").with("address", "9 New St").with("updated", "2024-02-01")])?;
///
/// let rules = SurvivorshipRules::builder(&store)
///     .timestamp_field("updated")
///     .rule("email", [SurvivorshipRule::source_priority(["crm"])])
///     .build()?;
/// let golden = rules.survive(&store, &[RecordIndex::from_position(1), RecordIndex::from_position(0)])?;
/// assert_eq!(golden.value("email"), Some("ann@x.org"));
/// assert_eq!(golden.value("address"), Some("9 New St"));
/// assert_eq!(golden.provenance("address").unwrap().rule(), &RuleName::MostRecent);
/// # Ok::<(), sameas::Error>(())
/// ```
#[derive(Debug, Clone)]
pub struct SurvivorshipRules {
    schema: Schema,
    timestamp: Option<FieldId>,
    /// One chain per schema field, in schema order.
    chains: Vec<Vec<SurvivorshipRule>>,
}

/// Configures [`SurvivorshipRules`]; see [`SurvivorshipRules::builder`].
///
/// # Examples
///
/// ```
/// use sameas::survive::{SurvivorshipRule, SurvivorshipRules};
/// use sameas::{FieldKind, PreparedStore, Schema};
///
/// let mut store = PreparedStore::new(Schema::builder().field("email", FieldKind::Email).build()?);
/// store.add_source("crm", false)?;
/// let mut builder = SurvivorshipRules::builder(&store);
/// builder.source_priority(["crm"]);
/// builder.rule("email", [SurvivorshipRule::MostComplete]);
/// let rules = builder.build()?;
/// assert_eq!(rules.rules("email").map(|chain| chain.len()), Some(1));
/// # Ok::<(), sameas::Error>(())
/// ```
#[derive(Debug, Clone)]
pub struct SurvivorshipRulesBuilder {
    schema: Schema,
    sources: Vec<String>,
    timestamp: Option<String>,
    source_priority: Option<Vec<String>>,
    /// Per-field chains in the order set; a later chain for the same
    /// field replaces an earlier one.
    chains: Vec<(String, Vec<SurvivorshipRule>)>,
}

impl SurvivorshipRules {
    /// The default rules for `store`'s schema: each field's default chain
    /// (see the [table](super#default-rules)), no timestamp field, no
    /// source priority.
    ///
    /// # Examples
    ///
    /// ```
    /// use sameas::survive::{RuleName, SurvivorshipRules};
    /// use sameas::{FieldKind, PreparedStore, Schema};
    ///
    /// let store = PreparedStore::new(Schema::builder().field("given", FieldKind::GivenName).build()?);
    /// let rules = SurvivorshipRules::new(&store);
    /// let names: Vec<RuleName> = rules.rules("given").unwrap().iter().map(|r| r.name()).collect();
    /// assert_eq!(names, [RuleName::MostFrequent, RuleName::MostComplete]);
    /// # Ok::<(), sameas::Error>(())
    /// ```
    pub fn new(store: &PreparedStore) -> SurvivorshipRules {
        let schema = store.schema().clone();
        let chains = schema
            .fields()
            .iter()
            .map(|field| {
                let context = DefaultContext {
                    has_timestamp: false,
                    is_timestamp: false,
                    source_priority: None,
                };
                default_chain(field.kind(), &context)
            })
            .collect();
        SurvivorshipRules {
            schema,
            timestamp: None,
            chains,
        }
    }

    /// A builder for rules over `store`'s schema and sources.
    ///
    /// # Examples
    ///
    /// ```
    /// use sameas::survive::{SurvivorshipRule, SurvivorshipRules};
    /// use sameas::{BuildError, FieldKind, PreparedStore, Schema};
    ///
    /// let store = PreparedStore::new(Schema::builder().field("email", FieldKind::Email).build()?);
    /// let wrong = SurvivorshipRules::builder(&store)
    ///     .rule("e-mail", [SurvivorshipRule::MostFrequent])
    ///     .build();
    /// assert_eq!(wrong.unwrap_err(), BuildError::UnknownField("e-mail".into()));
    /// # Ok::<(), sameas::Error>(())
    /// ```
    pub fn builder(store: &PreparedStore) -> SurvivorshipRulesBuilder {
        SurvivorshipRulesBuilder {
            schema: store.schema().clone(),
            sources: store
                .sources()
                .iter()
                .map(|source| source.name().to_string())
                .collect(),
            timestamp: None,
            source_priority: None,
            chains: Vec::new(),
        }
    }

    /// The chain applied to `field_name`, or `None` for an unknown field.
    ///
    /// # Examples
    ///
    /// ```
    /// use sameas::survive::{RuleName, SurvivorshipRules};
    /// use sameas::{FieldKind, PreparedStore, Schema};
    ///
    /// let schema = Schema::builder().field("email", FieldKind::Email).field("seen", FieldKind::Date).build()?;
    /// let store = PreparedStore::new(schema);
    /// let rules = SurvivorshipRules::builder(&store).timestamp_field("seen").build()?;
    /// let names: Vec<RuleName> = rules.rules("email").unwrap().iter().map(|r| r.name()).collect();
    /// assert_eq!(names, [RuleName::MostFrequent, RuleName::MostRecent]);
    /// assert!(rules.rules("nope").is_none());
    /// # Ok::<(), sameas::Error>(())
    /// ```
    pub fn rules(&self, field_name: &str) -> Option<&[SurvivorshipRule]> {
        let field = self.schema.field_id(field_name).ok()?;
        self.chains.get(field.index()).map(Vec::as_slice)
    }

    /// The name of the timestamp field, if one was set.
    pub fn timestamp_field(&self) -> Option<&str> {
        self.timestamp
            .and_then(|field| self.schema.try_field(field))
            .map(|field| field.name())
    }

    /// One field's surviving value and distinct values.
    fn survive_field(
        &self,
        field: FieldId,
        records: &[(PreparedRecord<'_>, &str)],
        members: &[Member],
    ) -> (Option<SurvivingValue>, Vec<Alternative>) {
        let (candidates, alternatives) = gather(field, records, members, self.timestamp);
        let chain = self
            .chains
            .get(field.index())
            .map_or(&[][..], Vec::as_slice);
        let value = choose(chain, candidates).and_then(|(chosen, rule)| {
            let position = records
                .iter()
                .position(|(record, _)| record.index() == chosen.record)?;
            Some(SurvivingValue {
                raw: chosen.raw.to_string(),
                normalized: chosen.normalized.to_string(),
                provenance: Provenance {
                    member: members.get(position)?.clone(),
                    rule,
                },
            })
        });
        (value, alternatives)
    }
}

/// Runs `chain` over `candidates` (in member order); returns the chosen
/// candidate and the rule that decided its value.
fn choose<'a>(
    chain: &[SurvivorshipRule],
    mut candidates: Vec<Candidate<'a>>,
) -> Option<(Candidate<'a>, RuleName)> {
    // Members that agree (or a lone member) leave nothing to decide: no
    // rule takes the credit.
    let mut decided_by = holds_one_value(&candidates).then_some(RuleName::OnlyValue);
    for rule in chain {
        if candidates.len() < 2 && decided_by.is_some() {
            break;
        }
        rule.narrow(&mut candidates);
        if decided_by.is_none() && holds_one_value(&candidates) {
            decided_by = Some(rule.name());
        }
    }
    let chosen = candidates.first().copied()?;
    Some((chosen, decided_by.unwrap_or(RuleName::FirstNonEmpty)))
}

fn holds_one_value(candidates: &[Candidate<'_>]) -> bool {
    candidates
        .split_first()
        .is_some_and(|(first, rest)| rest.iter().all(|c| c.normalized == first.normalized))
}

impl Survivorship for SurvivorshipRules {
    fn survive(&self, store: &PreparedStore, members: &[RecordIndex]) -> Result<GoldenRecord> {
        if store.schema() != &self.schema {
            return Err(SurviveError::SchemaMismatch.into());
        }
        let mut golden = GoldenRecord::builder(store, members)?;
        for id in self.schema.ids() {
            let (value, alternatives) = self.survive_field(id, golden.records(), golden.members());
            golden.set(id, value, alternatives);
        }
        Ok(golden.finish())
    }
}

impl SurvivorshipRulesBuilder {
    /// Names the field that says when each record was last updated, a
    /// [`FieldKind::Timestamp`] (ranked by its full time, time of day
    /// included) or a [`FieldKind::Date`] (ranked by day), typically a
    /// [metadata](crate::SchemaBuilder::metadata) field such as
    /// `updated_at`; [`SurvivorshipRule::MostRecent`] ranks by it, and
    /// the default chains use it (see the [table](super#default-rules)).
    ///
    /// # Examples
    ///
    /// ```
    /// use sameas::survive::SurvivorshipRules;
    /// use sameas::{BuildError, FieldKind, PreparedStore, Schema};
    ///
    /// let schema = Schema::builder().field("seen", FieldKind::Date).field("note", FieldKind::Text).build()?;
    /// let store = PreparedStore::new(schema);
    /// assert!(SurvivorshipRules::builder(&store).timestamp_field("seen").build().is_ok());
    /// assert_eq!(
    ///     SurvivorshipRules::builder(&store).timestamp_field("note").build().unwrap_err(),
    ///     BuildError::TimestampNotDate { field: "note".into(), kind: FieldKind::Text },
    /// );
    /// # Ok::<(), sameas::Error>(())
    /// ```
    pub fn timestamp_field(&mut self, field_name: &str) -> &mut Self {
        self.timestamp = Some(field_name.to_string());
        self
    }

    /// Sets a default source priority (best first): it breaks the ties
    /// every default chain leaves, and leads the chain of identifier
    /// fields. Chains set with [`rule`](Self::rule) are not changed.
    ///
    /// # Examples
    ///
    /// ```
    /// use sameas::survive::{Survivorship, SurvivorshipRules};
    /// use sameas::{FieldKind, OwnedRecord, PreparedStore, RecordIndex, Schema};
    ///
    /// let mut store = PreparedStore::new(Schema::builder().field("email", FieldKind::Email).build()?);
    /// let crm = store.add_source("crm", false)?;
    /// let web = store.add_source("web", false)?;
    /// store.ingest(crm, &[OwnedRecord::new("1").with("email", "crm@x.org")])?;
    /// store.ingest(web, &[OwnedRecord::new("1").with("email", "web@x.org")])?;
    /// let rules = SurvivorshipRules::builder(&store).source_priority(["web", "crm"]).build()?;
    /// let golden = rules.survive(&store, &[RecordIndex::from_position(0), RecordIndex::from_position(1)])?;
    /// assert_eq!(golden.value("email"), Some("web@x.org"));
    /// # Ok::<(), sameas::Error>(())
    /// ```
    pub fn source_priority<I, S>(&mut self, sources: I) -> &mut Self
    where
        I: IntoIterator<Item = S>,
        S: Into<String>,
    {
        self.source_priority = Some(sources.into_iter().map(Into::into).collect());
        self
    }

    /// Sets the chain of rules for one field (replacing its default and
    /// any chain set before). An empty chain leaves the choice to the
    /// member order.
    ///
    /// # Examples
    ///
    /// ```
    /// use sameas::survive::{Survivorship, SurvivorshipRule, SurvivorshipRules};
    /// use sameas::{FieldKind, OwnedRecord, PreparedStore, RecordIndex, Schema};
    ///
    /// let mut store = PreparedStore::new(Schema::builder().field("given", FieldKind::GivenName).build()?);
    /// let crm = store.add_source("crm", false)?;
    /// store.ingest(crm, &[
    ///     OwnedRecord::new("1").with("given", "Bill"),
    ///     OwnedRecord::new("2").with("given", "Bill"),
    ///     OwnedRecord::new("3").with("given", "William"),
    /// ])?;
    /// let rules = SurvivorshipRules::builder(&store)
    ///     .rule("given", [SurvivorshipRule::MostComplete, SurvivorshipRule::MostFrequent])
    ///     .build()?;
    /// let members: Vec<RecordIndex> = (0..3).map(RecordIndex::from_position).collect();
    /// assert_eq!(rules.survive(&store, &members)?.value("given"), Some("William"));
    /// # Ok::<(), sameas::Error>(())
    /// ```
    pub fn rule<I>(&mut self, field_name: &str, chain: I) -> &mut Self
    where
        I: IntoIterator<Item = SurvivorshipRule>,
    {
        let chain: Vec<SurvivorshipRule> = chain.into_iter().collect();
        match self.chains.iter_mut().find(|(name, _)| name == field_name) {
            Some((_, existing)) => *existing = chain,
            None => self.chains.push((field_name.to_string(), chain)),
        }
        self
    }

    /// Checks the configuration and builds the rules.
    ///
    /// # Errors
    ///
    /// In this order: [`BuildError::UnknownField`] for a timestamp field the
    /// schema lacks, [`BuildError::TimestampNotDate`] for one that is neither
    /// a date nor a timestamp field, [`BuildError::UnknownSourceName`] for a default priority
    /// naming a source the store did not hold, then, per field chain in
    /// the order set, [`BuildError::UnknownField`] for an unknown field,
    /// [`BuildError::NoTimestampField`] for [`SurvivorshipRule::MostRecent`]
    /// without a timestamp field, and [`BuildError::UnknownSourceName`] for a
    /// [`SurvivorshipRule::SourcePriority`] naming an unknown source.
    ///
    /// # Examples
    ///
    /// ```
    /// use sameas::survive::{SurvivorshipRule, SurvivorshipRules};
    /// use sameas::{BuildError, FieldKind, PreparedStore, Schema};
    ///
    /// let mut store = PreparedStore::new(Schema::builder().field("email", FieldKind::Email).build()?);
    /// store.add_source("crm", false)?;
    /// let unknown_source = SurvivorshipRules::builder(&store)
    ///     .rule("email", [SurvivorshipRule::source_priority(["crm", "erp"])])
    ///     .build();
    /// assert_eq!(unknown_source.unwrap_err(), BuildError::UnknownSourceName("erp".into()));
    /// let undated = SurvivorshipRules::builder(&store)
    ///     .rule("email", [SurvivorshipRule::MostRecent])
    ///     .build();
    /// assert_eq!(undated.unwrap_err(), BuildError::NoTimestampField("email".into()));
    /// # Ok::<(), sameas::Error>(())
    /// ```
    pub fn build(&self) -> Result<SurvivorshipRules, BuildError> {
        let timestamp = match &self.timestamp {
            None => None,
            Some(name) => {
                let id = self.schema.field_id(name)?;
                let kind = self.schema.try_field(id).map(|field| field.kind());
                if !matches!(kind, Some(FieldKind::Date | FieldKind::Timestamp)) {
                    return Err(BuildError::TimestampNotDate {
                        field: name.clone(),
                        kind: kind.unwrap_or(FieldKind::Text),
                    });
                }
                Some(id)
            }
        };
        if let Some(priority) = &self.source_priority {
            self.check_sources(priority)?;
        }
        let mut chains: Vec<Vec<SurvivorshipRule>> = self
            .schema
            .fields()
            .iter()
            .enumerate()
            .map(|(position, field)| {
                let context = DefaultContext {
                    has_timestamp: timestamp.is_some(),
                    is_timestamp: timestamp.is_some_and(|id| id.index() == position),
                    source_priority: self.source_priority.as_deref(),
                };
                default_chain(field.kind(), &context)
            })
            .collect();
        for (name, chain) in &self.chains {
            let id = self.schema.field_id(name)?;
            for rule in chain {
                match rule {
                    SurvivorshipRule::MostRecent if timestamp.is_none() => {
                        return Err(BuildError::NoTimestampField(name.clone()));
                    }
                    SurvivorshipRule::SourcePriority(sources) => self.check_sources(sources)?,
                    _ => {}
                }
            }
            if let Some(slot) = chains.get_mut(id.index()) {
                slot.clone_from(chain);
            }
        }
        Ok(SurvivorshipRules {
            schema: self.schema.clone(),
            timestamp,
            chains,
        })
    }

    fn check_sources(&self, names: &[String]) -> Result<(), BuildError> {
        match names.iter().find(|name| !self.sources.contains(name)) {
            Some(unknown) => Err(BuildError::UnknownSourceName(unknown.clone())),
            None => Ok(()),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::error::StoreError;
    use crate::record::OwnedRecord;

    /// A store with three sources and the records given per source.
    fn store_with(records: &[(&str, OwnedRecord)]) -> PreparedStore {
        let schema = Schema::builder()
            .field("given", FieldKind::GivenName)
            .field("email", FieldKind::Email)
            .field("phone", FieldKind::Phone)
            .field("dob", FieldKind::Date)
            .field("address", FieldKind::Address)
            .field("customer", FieldKind::Identifier)
            .sensitive_field("ssn", FieldKind::Identifier)
            .field("updated", FieldKind::Date)
            .build()
            .unwrap();
        let mut store = PreparedStore::new(schema);
        for name in ["crm", "web", "support"] {
            let source = store.add_source(name, false).unwrap();
            let from_source: Vec<OwnedRecord> = records
                .iter()
                .filter(|(record_source, _)| *record_source == name)
                .map(|(_, record)| record.clone())
                .collect();
            store.ingest(source, &from_source).unwrap();
        }
        store
    }

    fn everyone(store: &PreparedStore) -> Vec<RecordIndex> {
        store.records().map(|record| record.index()).collect()
    }

    fn record(id: &str) -> OwnedRecord {
        OwnedRecord::new(id)
    }

    /// (value, source, record id, rule) of a field's survivor.
    fn survivor(golden: &GoldenRecord, field: &str) -> Option<(String, String, String, String)> {
        let provenance = golden.provenance(field)?;
        Some((
            golden.value(field)?.to_string(),
            provenance.source().to_string(),
            provenance.record_id().to_string(),
            provenance.rule().to_string(),
        ))
    }

    fn expect(
        value: &str,
        source: &str,
        id: &str,
        rule: &str,
    ) -> Option<(String, String, String, String)> {
        Some((value.into(), source.into(), id.into(), rule.into()))
    }

    fn with_rule(
        store: &PreparedStore,
        field: &str,
        chain: Vec<SurvivorshipRule>,
    ) -> SurvivorshipRules {
        SurvivorshipRules::builder(store)
            .timestamp_field("updated")
            .rule(field, chain)
            .build()
            .unwrap()
    }

    #[test]
    fn most_recent_takes_the_latest_timestamp_and_ranks_undated_records_last() {
        let store = store_with(&[
            (
                "crm",
                record("c1")
                    .with("address", "1 Old Road")
                    .with("updated", "2019-01-01"),
            ),
            (
                "web",
                record("w1")
                    .with("address", "9 New Street")
                    .with("updated", "2024-06-30"),
            ),
            ("web", record("w2").with("address", "5 Undated Lane")),
            (
                "support",
                record("s1")
                    .with("address", "3 Middle Way")
                    .with("updated", "2021-12-31"),
            ),
        ]);
        let rules = with_rule(&store, "address", vec![SurvivorshipRule::MostRecent]);
        let golden = rules.survive(&store, &everyone(&store)).unwrap();
        assert_eq!(
            survivor(&golden, "address"),
            expect("9 New Street", "web", "w1", "most_recent")
        );
    }

    #[test]
    fn most_recent_without_any_timestamp_keeps_everyone_for_the_next_rule() {
        let store = store_with(&[
            ("crm", record("c1").with("address", "1 Rd")),
            ("web", record("w1").with("address", "12 Longer Road")),
        ]);
        let rules = with_rule(
            &store,
            "address",
            vec![SurvivorshipRule::MostRecent, SurvivorshipRule::MostComplete],
        );
        let golden = rules.survive(&store, &everyone(&store)).unwrap();
        assert_eq!(
            survivor(&golden, "address"),
            expect("12 Longer Road", "web", "w1", "most_complete")
        );
    }

    #[test]
    fn most_frequent_compares_normalised_values_and_keeps_a_raw_one() {
        let store = store_with(&[
            ("web", record("w1").with("email", "kneal@gmail.com")),
            ("web", record("w2").with("email", "other@example.org")),
            (
                "support",
                record("s1").with("email", "K.Neal@GoogleMail.com"),
            ),
            ("crm", record("c1").with("email", "other2@example.org")),
        ]);
        let rules = with_rule(&store, "email", vec![SurvivorshipRule::MostFrequent]);
        let golden = rules.survive(&store, &everyone(&store)).unwrap();
        // Two records hold kneal@gmail.com; support sorts before web.
        assert_eq!(
            survivor(&golden, "email"),
            expect("K.Neal@GoogleMail.com", "support", "s1", "most_frequent")
        );
        assert_eq!(golden.normalized_value("email"), Some("kneal@gmail.com"));
        let alternatives: Vec<(Option<&str>, Vec<&str>)> = golden
            .alternatives("email")
            .iter()
            .map(|a| {
                (
                    a.normalized(),
                    a.sightings().iter().map(|s| s.raw()).collect(),
                )
            })
            .collect();
        assert_eq!(
            alternatives,
            [
                (
                    Some("kneal@gmail.com"),
                    vec!["K.Neal@GoogleMail.com", "kneal@gmail.com"]
                ),
                (Some("other2@example.org"), vec!["other2@example.org"]),
                (Some("other@example.org"), vec!["other@example.org"]),
            ]
        );
    }

    #[test]
    fn most_complete_prefers_the_longest_normalised_value() {
        let store = store_with(&[
            ("crm", record("c1").with("given", "Bill")),
            ("web", record("w1").with("given", "William")),
            ("web", record("w2").with("given", "Will")),
        ]);
        let rules = with_rule(&store, "given", vec![SurvivorshipRule::MostComplete]);
        let golden = rules.survive(&store, &everyone(&store)).unwrap();
        assert_eq!(
            survivor(&golden, "given"),
            expect("William", "web", "w1", "most_complete")
        );
        // The default for names: agreement first, fuller form on a tie.
        let golden = SurvivorshipRules::new(&store)
            .survive(&store, &everyone(&store))
            .unwrap();
        assert_eq!(
            survivor(&golden, "given"),
            expect("William", "web", "w1", "most_complete")
        );
    }

    #[test]
    fn source_priority_ranks_listed_sources_first_and_unlisted_last() {
        let store = store_with(&[
            ("crm", record("c1").with("phone", "+1 555 010 1111")),
            ("web", record("w1").with("phone", "+1 555 010 2222")),
            ("support", record("s1").with("phone", "+1 555 010 3333")),
        ]);
        let golden = with_rule(
            &store,
            "phone",
            vec![SurvivorshipRule::source_priority(["support", "crm"])],
        )
        .survive(&store, &everyone(&store))
        .unwrap();
        assert_eq!(
            survivor(&golden, "phone"),
            expect("+1 555 010 3333", "support", "s1", "source_priority")
        );
        // Only the web holds a value: the unlisted source still provides
        // it, and with one value there was nothing for a rule to decide.
        let web_only = [RecordIndex::from_position(1)];
        let golden = with_rule(
            &store,
            "phone",
            vec![SurvivorshipRule::source_priority(["support", "crm"])],
        )
        .survive(&store, &web_only)
        .unwrap();
        assert_eq!(
            survivor(&golden, "phone"),
            expect("+1 555 010 2222", "web", "w1", "only_value")
        );
    }

    #[test]
    fn first_non_empty_follows_the_member_order_and_skips_missing_values() {
        let store = store_with(&[
            ("crm", record("c2")),
            ("crm", record("c1").with("customer", "A-1")),
            ("web", record("a0").with("customer", "B-2")),
        ]);
        let golden = with_rule(&store, "customer", vec![SurvivorshipRule::FirstNonEmpty])
            .survive(&store, &everyone(&store))
            .unwrap();
        assert_eq!(
            survivor(&golden, "customer"),
            expect("A-1", "crm", "c1", "first_non_empty")
        );
        let members: Vec<String> = golden.members().iter().map(ToString::to_string).collect();
        assert_eq!(members, ["crm/c1", "crm/c2", "web/a0"]);
    }

    #[test]
    fn custom_rules_choose_by_position_and_defer_on_none_or_out_of_range() {
        let store = store_with(&[
            ("crm", record("c1").with("email", "ann@freemail.example")),
            ("web", record("w1").with("email", "ann@work.example")),
            ("web", record("w2").with("email", "ann@work.example")),
        ]);
        let work = SurvivorshipRule::custom("work", |candidates| {
            candidates
                .iter()
                .position(|c| c.normalized().ends_with("@work.example"))
        });
        let golden = with_rule(&store, "email", vec![work])
            .survive(&store, &everyone(&store))
            .unwrap();
        assert_eq!(
            survivor(&golden, "email"),
            expect("ann@work.example", "web", "w1", "custom:work")
        );
        for (name, answer) in [("none", None), ("past_end", Some(99))] {
            let rule = SurvivorshipRule::custom(name, move |_| answer);
            let golden = with_rule(&store, "email", vec![rule, SurvivorshipRule::MostFrequent])
                .survive(&store, &everyone(&store))
                .unwrap();
            assert_eq!(
                survivor(&golden, "email"),
                expect("ann@work.example", "web", "w1", "most_frequent"),
                "{name}"
            );
        }
    }

    #[test]
    fn a_tie_goes_to_the_next_rule_and_provenance_names_the_deciding_rule() {
        let store = store_with(&[
            (
                "crm",
                record("c1")
                    .with("email", "old@x.org")
                    .with("updated", "2020-01-01"),
            ),
            (
                "web",
                record("w1")
                    .with("email", "new@x.org")
                    .with("updated", "2023-01-01"),
            ),
            (
                "web",
                record("w2")
                    .with("email", "NEW@x.org")
                    .with("updated", "2024-01-01"),
            ),
            ("web", record("w3").with("email", "old@x.org")),
        ]);
        let chain = vec![SurvivorshipRule::MostFrequent, SurvivorshipRule::MostRecent];
        let golden = with_rule(&store, "email", chain)
            .survive(&store, &everyone(&store))
            .unwrap();
        assert_eq!(
            survivor(&golden, "email"),
            expect("NEW@x.org", "web", "w2", "most_recent")
        );
        // With a majority, most frequent decides the value and most recent
        // only picks the spelling.
        let store = store_with(&[
            (
                "crm",
                record("c1")
                    .with("email", "new@x.org")
                    .with("updated", "2020-01-01"),
            ),
            (
                "web",
                record("w2")
                    .with("email", "NEW@x.org")
                    .with("updated", "2024-01-01"),
            ),
            (
                "web",
                record("w3")
                    .with("email", "old@x.org")
                    .with("updated", "2025-01-01"),
            ),
        ]);
        let chain = vec![SurvivorshipRule::MostFrequent, SurvivorshipRule::MostRecent];
        let golden = with_rule(&store, "email", chain)
            .survive(&store, &everyone(&store))
            .unwrap();
        assert_eq!(
            survivor(&golden, "email"),
            expect("NEW@x.org", "web", "w2", "most_frequent")
        );
    }

    #[test]
    fn an_unbroken_tie_falls_to_the_member_order() {
        let store = store_with(&[
            ("web", record("w1").with("given", "Ann")),
            ("crm", record("c1").with("given", "Eve")),
        ]);
        let golden = SurvivorshipRules::new(&store)
            .survive(&store, &everyone(&store))
            .unwrap();
        assert_eq!(
            survivor(&golden, "given"),
            expect("Eve", "crm", "c1", "first_non_empty")
        );
        let empty_chain = with_rule(&store, "given", vec![])
            .survive(&store, &everyone(&store))
            .unwrap();
        assert_eq!(survivor(&empty_chain, "given"), survivor(&golden, "given"));
    }

    #[test]
    fn missing_values_everywhere_give_no_value_and_no_alternatives() {
        let store = store_with(&[
            ("crm", record("c1")),
            ("web", record("w1").with("given", "  ")),
        ]);
        let golden = SurvivorshipRules::new(&store)
            .survive(&store, &everyone(&store))
            .unwrap();
        for field in store.schema().fields() {
            let name = field.name();
            assert_eq!(golden.value(name), None, "{name}");
            assert_eq!(golden.provenance(name), None, "{name}");
            assert!(golden.alternatives(name).is_empty(), "{name}");
        }
        assert_eq!(golden.members().len(), 2);
    }

    #[test]
    fn unreadable_values_never_survive_but_stay_reachable() {
        let store = store_with(&[
            (
                "crm",
                record("c1")
                    .with("email", "not an address")
                    .with("dob", "2023-02-30"),
            ),
            (
                "web",
                record("w1")
                    .with("email", "ann@x.org")
                    .with("dob", "also bad"),
            ),
        ]);
        let golden = SurvivorshipRules::new(&store)
            .survive(&store, &everyone(&store))
            .unwrap();
        assert_eq!(golden.value("email"), Some("ann@x.org"));
        assert_eq!(golden.value("dob"), None);
        let dob: Vec<(Option<&str>, &str)> = golden
            .alternatives("dob")
            .iter()
            .map(|a| (a.normalized(), a.sightings()[0].raw()))
            .collect();
        assert_eq!(dob, [(None, "2023-02-30"), (None, "also bad")]);
        let email: Vec<Option<&str>> = golden
            .alternatives("email")
            .iter()
            .map(|a| a.normalized())
            .collect();
        assert_eq!(email, [Some("ann@x.org"), None]);
    }

    #[test]
    fn non_ascii_values_group_by_normalised_form() {
        let store = store_with(&[
            ("crm", record("c1").with("given", "ZOË")),
            ("web", record("w1").with("given", "Zoë")),
            ("web", record("w2").with("given", "山田 太郎")),
            ("support", record("s1").with("given", "Zoe\u{200B}")),
            ("support", record("s2").with("given", "🦀 Ferris")),
        ]);
        let golden = SurvivorshipRules::new(&store)
            .survive(&store, &everyone(&store))
            .unwrap();
        assert_eq!(
            survivor(&golden, "given"),
            expect("ZOË", "crm", "c1", "most_frequent")
        );
        let first = &golden.alternatives("given")[0];
        assert_eq!(first.normalized(), Some("zoe"));
        let raws: Vec<&str> = first.sightings().iter().map(|s| s.raw()).collect();
        assert_eq!(raws, ["ZOË", "Zoe\u{200B}", "Zoë"]);
        let all_raws: usize = golden
            .alternatives("given")
            .iter()
            .map(|a| a.sightings().len())
            .sum();
        assert_eq!(all_raws, 5);
    }

    #[test]
    fn huge_values_survive_without_trouble() {
        let huge = "é".repeat(500_000);
        let store = store_with(&[
            ("crm", record("c1").with("address", &huge)),
            ("web", record("w1").with("address", "1 Short Rd")),
        ]);
        let golden = SurvivorshipRules::new(&store)
            .survive(&store, &everyone(&store))
            .unwrap();
        // Kept as the store keeps it: cut to the longest value a field
        // keeps, at a character boundary (`é` is two bytes).
        let kept = &huge[..crate::prepare::MAX_FIELD_BYTES];
        assert_eq!(golden.value("address"), Some(kept));
    }

    #[test]
    fn duplicate_members_count_once() {
        let store = store_with(&[
            ("crm", record("c1").with("given", "Bill")),
            ("web", record("w1").with("given", "William")),
        ]);
        let bill = RecordIndex::from_position(0);
        let william = RecordIndex::from_position(1);
        let rules = SurvivorshipRules::new(&store);
        let repeated = rules.survive(&store, &[bill, bill, bill, william]).unwrap();
        assert_eq!(repeated, rules.survive(&store, &[william, bill]).unwrap());
        assert_eq!(repeated.value("given"), Some("William"));
        assert_eq!(repeated.members().len(), 2);
    }

    #[test]
    fn bad_clusters_are_typed_errors() {
        let store = store_with(&[("crm", record("c1"))]);
        let rules = SurvivorshipRules::new(&store);
        assert_eq!(
            rules.survive(&store, &[]),
            Err(SurviveError::EmptyCluster.into())
        );
        assert_eq!(
            rules.survive(
                &store,
                &[RecordIndex::from_position(0), RecordIndex::from_position(1)]
            ),
            Err(StoreError::RecordOutOfRange {
                index: 1,
                records: 1
            }
            .into())
        );
        assert_eq!(
            rules.survive(&store, &[RecordIndex::from_position(usize::MAX)]),
            Err(StoreError::RecordOutOfRange {
                index: u32::MAX as usize,
                records: 1
            }
            .into())
        );
        let other = PreparedStore::new(
            Schema::builder()
                .field("given", FieldKind::GivenName)
                .build()
                .unwrap(),
        );
        assert_eq!(
            rules.survive(&other, &[RecordIndex::from_position(0)]),
            Err(SurviveError::SchemaMismatch.into())
        );
    }

    #[test]
    fn building_rejects_bad_configuration_with_typed_errors() {
        let store = store_with(&[]);
        let build = |configure: &dyn Fn(&mut SurvivorshipRulesBuilder)| {
            let mut builder = SurvivorshipRules::builder(&store);
            configure(&mut builder);
            builder.build().err()
        };
        assert_eq!(
            build(&|b| {
                b.timestamp_field("modified");
            }),
            Some(BuildError::UnknownField("modified".into()))
        );
        assert_eq!(
            build(&|b| {
                b.timestamp_field("email");
            }),
            Some(BuildError::TimestampNotDate {
                field: "email".into(),
                kind: FieldKind::Email
            })
        );
        assert_eq!(
            build(&|b| {
                b.source_priority(["crm", "erp"]);
            }),
            Some(BuildError::UnknownSourceName("erp".into()))
        );
        assert_eq!(
            build(&|b| {
                b.rule("Given", [SurvivorshipRule::MostFrequent]);
            }),
            Some(BuildError::UnknownField("Given".into()))
        );
        assert_eq!(
            build(&|b| {
                b.rule(
                    "given",
                    [SurvivorshipRule::MostFrequent, SurvivorshipRule::MostRecent],
                );
            }),
            Some(BuildError::NoTimestampField("given".into()))
        );
        assert_eq!(
            build(&|b| {
                b.rule("given", [SurvivorshipRule::source_priority(["CRM"])]);
            }),
            Some(BuildError::UnknownSourceName("CRM".into()))
        );
        assert_eq!(
            build(&|b| {
                b.timestamp_field("updated")
                    .source_priority(["crm"])
                    .rule("given", [SurvivorshipRule::MostRecent]);
            }),
            None
        );
    }

    #[test]
    fn a_later_chain_for_a_field_replaces_the_earlier_one() {
        let store = store_with(&[]);
        let rules = SurvivorshipRules::builder(&store)
            .rule("email", [SurvivorshipRule::MostComplete])
            .rule("email", [SurvivorshipRule::FirstNonEmpty])
            .build()
            .unwrap();
        let names: Vec<RuleName> = rules
            .rules("email")
            .unwrap()
            .iter()
            .map(SurvivorshipRule::name)
            .collect();
        assert_eq!(names, [RuleName::FirstNonEmpty]);
    }

    #[test]
    fn the_default_priority_breaks_ties_and_leads_identifiers() {
        let store = store_with(&[
            (
                "crm",
                record("c1").with("customer", "C-1").with("given", "Ann"),
            ),
            (
                "web",
                record("w1").with("customer", "W-1").with("given", "Eve"),
            ),
            ("web", record("w2").with("customer", "W-1")),
        ]);
        let rules = SurvivorshipRules::builder(&store)
            .source_priority(["web", "crm"])
            .build()
            .unwrap();
        let golden = rules.survive(&store, &everyone(&store)).unwrap();
        assert_eq!(
            survivor(&golden, "given"),
            expect("Eve", "web", "w1", "source_priority")
        );
        let rules = SurvivorshipRules::builder(&store)
            .source_priority(["crm", "web"])
            .build()
            .unwrap();
        let golden = rules.survive(&store, &everyone(&store)).unwrap();
        // The identifier trusts the crm over the web's majority.
        assert_eq!(
            survivor(&golden, "customer"),
            expect("C-1", "crm", "c1", "source_priority")
        );
    }

    #[test]
    fn the_timestamp_field_itself_keeps_the_latest_date() {
        let store = store_with(&[
            ("crm", record("c1").with("updated", "2020-01-01")),
            ("web", record("w1").with("updated", "03/04/2024")),
            ("web", record("w2").with("updated", "2020-01-01")),
        ]);
        let rules = SurvivorshipRules::builder(&store)
            .timestamp_field("updated")
            .build()
            .unwrap();
        assert_eq!(rules.timestamp_field(), Some("updated"));
        let golden = rules.survive(&store, &everyone(&store)).unwrap();
        assert_eq!(
            survivor(&golden, "updated"),
            expect("03/04/2024", "web", "w1", "most_recent")
        );
        assert_eq!(golden.normalized_value("updated"), Some("2024-03-04"));
    }

    #[test]
    fn sensitive_values_survive_and_display_hides_them() {
        let store = store_with(&[
            (
                "crm",
                record("c1").with("ssn", "078-05-1120").with("given", "Ann"),
            ),
            ("web", record("w1").with("ssn", "078-05-1120")),
        ]);
        let golden = SurvivorshipRules::new(&store)
            .survive(&store, &everyone(&store))
            .unwrap();
        assert_eq!(golden.value("ssn"), Some("078-05-1120"));
        assert!(golden.field("ssn").unwrap().is_sensitive());
        let shown = golden.to_string();
        assert!(!shown.contains("078"), "{shown}");
        assert_eq!(
            shown,
            "golden record of 2 members: crm/c1, web/w1\n  \
             given: Ann  [crm/c1, only_value]\n  \
             email: -\n  \
             phone: -\n  \
             dob: -\n  \
             address: -\n  \
             customer: -\n  \
             ssn: <sensitive>  [crm/c1, only_value]\n  \
             updated: -"
        );
    }

    #[test]
    fn display_counts_distinct_values() {
        let store = store_with(&[
            ("crm", record("c1").with("given", "Ann")),
            ("web", record("w1").with("given", "Anne")),
        ]);
        let golden = SurvivorshipRules::new(&store)
            .survive(&store, &everyone(&store))
            .unwrap();
        let line = golden.to_string().lines().nth(1).map(str::to_string);
        assert_eq!(
            line.as_deref(),
            Some("  given: Anne  [web/w1, most_complete] (2 distinct values)")
        );
    }
}
