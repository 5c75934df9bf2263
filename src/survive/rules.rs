//! The shipped rule-based survivorship: a chain of rules per field.

use std::collections::BTreeMap;

use super::candidate::{member_order, Candidate};
use super::defaults::{default_chain, DefaultContext};
use super::golden::{
    Alternative, GoldenField, GoldenRecord, Member, Provenance, Sighting, SurvivingValue,
};
use super::rule::{RuleName, SurvivorshipRule};
use super::Survivorship;
use crate::error::{Error, Result};
use crate::prepare::{PreparedRecord, PreparedStore, RecordIndex};
use crate::schema::{FieldId, FieldKind, Schema};

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
    /// use sameas::{Error, FieldKind, PreparedStore, Schema};
    ///
    /// let store = PreparedStore::new(Schema::builder().field("email", FieldKind::Email).build()?);
    /// let wrong = SurvivorshipRules::builder(&store)
    ///     .rule("e-mail", [SurvivorshipRule::MostFrequent])
    ///     .build();
    /// assert_eq!(wrong.unwrap_err(), Error::UnknownField("e-mail".into()));
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
    ///
    /// # Examples
    ///
    /// ```
    /// use sameas::survive::SurvivorshipRules;
    /// use sameas::{FieldKind, PreparedStore, Schema};
    ///
    /// let store = PreparedStore::new(Schema::builder().field("seen", FieldKind::Date).build()?);
    /// assert_eq!(SurvivorshipRules::new(&store).timestamp_field(), None);
    /// let rules = SurvivorshipRules::builder(&store).timestamp_field("seen").build()?;
    /// assert_eq!(rules.timestamp_field(), Some("seen"));
    /// # Ok::<(), sameas::Error>(())
    /// ```
    pub fn timestamp_field(&self) -> Option<&str> {
        self.timestamp
            .and_then(|field| self.schema.try_field(field))
            .map(|field| field.name())
    }

    /// One field's candidates, its distinct values, and the chosen one.
    fn survive_field(
        &self,
        field: FieldId,
        records: &[(PreparedRecord<'_>, &str)],
        members: &[Member],
    ) -> (Option<SurvivingValue>, Vec<Alternative>) {
        let mut candidates: Vec<Candidate<'_>> = Vec::new();
        let mut usable: BTreeMap<&str, Vec<Sighting>> = BTreeMap::new();
        let mut unreadable: BTreeMap<&str, Vec<Sighting>> = BTreeMap::new();
        for ((record, source), member) in records.iter().zip(members) {
            let normalized = record.text(field);
            let Some(raw) = record.raw(field).or(normalized) else {
                continue;
            };
            let sighting = Sighting {
                raw: raw.to_string(),
                member: member.clone(),
            };
            match normalized {
                Some(normalized) => {
                    usable.entry(normalized).or_default().push(sighting);
                    candidates.push(Candidate {
                        record: record.index(),
                        record_id: record.id(),
                        source,
                        raw,
                        normalized,
                        timestamp: self.timestamp.and_then(|stamp| record.date(stamp)),
                    });
                }
                None => unreadable.entry(raw).or_default().push(sighting),
            }
        }
        let mut alternatives: Vec<Alternative> = usable
            .into_iter()
            .map(|(normalized, sightings)| Alternative {
                normalized: Some(normalized.to_string()),
                sightings,
            })
            .collect();
        // Stable: equal counts keep the map's normalised-value order.
        alternatives.sort_by(|a, b| b.sightings.len().cmp(&a.sightings.len()));
        alternatives.extend(unreadable.into_values().map(|sightings| Alternative {
            normalized: None,
            sightings,
        }));

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
    let mut decided_by = None;
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
            return Err(Error::SchemaMismatch);
        }
        if members.is_empty() {
            return Err(Error::EmptyCluster);
        }
        let mut records: Vec<(PreparedRecord<'_>, &str)> = Vec::with_capacity(members.len());
        for &index in members {
            let record = store
                .record(index)
                .ok_or(Error::UnknownRecord(index.get()))?;
            let source = store
                .try_source(record.source())
                .map_or("", |source| source.name());
            records.push((record, source));
        }
        records.sort_by(|(a, a_source), (b, b_source)| {
            member_order((a_source, a.id(), a.index()), (b_source, b.id(), b.index()))
        });
        records.dedup_by_key(|(record, _)| record.index());
        let member_list: Vec<Member> = records
            .iter()
            .map(|(record, source)| Member {
                source: source.to_string(),
                record_id: record.id().to_string(),
                record: record.index(),
            })
            .collect();
        let fields = self
            .schema
            .fields()
            .iter()
            .enumerate()
            .map(|(position, field)| {
                // Schemas hold at most `MAX_FIELDS` (1024) fields.
                let id = FieldId(position as u16);
                let (value, alternatives) = self.survive_field(id, &records, &member_list);
                GoldenField {
                    name: field.name().to_string(),
                    kind: field.kind(),
                    sensitive: field.is_sensitive(),
                    value,
                    alternatives,
                }
            })
            .collect();
        Ok(GoldenRecord {
            members: member_list,
            fields,
        })
    }
}

impl SurvivorshipRulesBuilder {
    /// Names the [`FieldKind::Date`] field that says when each record was
    /// last updated; [`SurvivorshipRule::MostRecent`] ranks by it, and
    /// the default chains use it (see the [table](super#default-rules)).
    ///
    /// # Examples
    ///
    /// ```
    /// use sameas::survive::SurvivorshipRules;
    /// use sameas::{Error, FieldKind, PreparedStore, Schema};
    ///
    /// let schema = Schema::builder().field("seen", FieldKind::Date).field("note", FieldKind::Text).build()?;
    /// let store = PreparedStore::new(schema);
    /// assert!(SurvivorshipRules::builder(&store).timestamp_field("seen").build().is_ok());
    /// assert_eq!(
    ///     SurvivorshipRules::builder(&store).timestamp_field("note").build().unwrap_err(),
    ///     Error::TimestampNotDate { field: "note".into(), kind: FieldKind::Text },
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
    /// In this order: [`Error::UnknownField`] for a timestamp field the
    /// schema lacks, [`Error::TimestampNotDate`] for one that is not a
    /// date field, [`Error::UnknownSourceName`] for a default priority
    /// naming a source the store did not hold, then, per field chain in
    /// the order set, [`Error::UnknownField`] for an unknown field,
    /// [`Error::NoTimestampField`] for [`SurvivorshipRule::MostRecent`]
    /// without a timestamp field, and [`Error::UnknownSourceName`] for a
    /// [`SurvivorshipRule::SourcePriority`] naming an unknown source.
    ///
    /// # Examples
    ///
    /// ```
    /// use sameas::survive::{SurvivorshipRule, SurvivorshipRules};
    /// use sameas::{Error, FieldKind, PreparedStore, Schema};
    ///
    /// let mut store = PreparedStore::new(Schema::builder().field("email", FieldKind::Email).build()?);
    /// store.add_source("crm", false)?;
    /// let unknown_source = SurvivorshipRules::builder(&store)
    ///     .rule("email", [SurvivorshipRule::source_priority(["crm", "erp"])])
    ///     .build();
    /// assert_eq!(unknown_source.unwrap_err(), Error::UnknownSourceName("erp".into()));
    /// let undated = SurvivorshipRules::builder(&store)
    ///     .rule("email", [SurvivorshipRule::MostRecent])
    ///     .build();
    /// assert_eq!(undated.unwrap_err(), Error::NoTimestampField("email".into()));
    /// # Ok::<(), sameas::Error>(())
    /// ```
    pub fn build(&self) -> Result<SurvivorshipRules> {
        let timestamp = match &self.timestamp {
            None => None,
            Some(name) => {
                let id = self.schema.field_id(name)?;
                let kind = self.schema.try_field(id).map(|field| field.kind());
                if kind != Some(FieldKind::Date) {
                    return Err(Error::TimestampNotDate {
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
                        return Err(Error::NoTimestampField(name.clone()));
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

    fn check_sources(&self, names: &[String]) -> Result<()> {
        match names.iter().find(|name| !self.sources.contains(name)) {
            Some(unknown) => Err(Error::UnknownSourceName(unknown.clone())),
            None => Ok(()),
        }
    }
}
