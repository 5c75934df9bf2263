//! Building a golden record: the members in member order, a chosen value
//! per field with its provenance, and every value the members held.

use std::collections::BTreeMap;

use super::candidate::{Candidate, member_order};
use super::golden::{
    Alternative, GoldenField, GoldenRecord, Member, Provenance, Sighting, SurvivingValue,
};
use super::rule::RuleName;
use crate::error::{Result, StoreError, SurviveError};
use crate::id::{EntityId, FieldId, RecordIndex};
use crate::prepare::{PreparedRecord, PreparedStore};

/// Builds a [`GoldenRecord`] for a custom
/// [`Survivorship`](super::Survivorship); see [`GoldenRecord::builder`].
///
/// The builder reads the members from the store once: it puts them in
/// the [member order](super#member-order) (each once), and gathers every
/// distinct value they hold for every field, so the golden record it
/// builds keeps all of them among the
/// [alternatives](GoldenRecord::alternatives). The caller only chooses
/// which member's value survives in each field, and names the rule that
/// chose it; provenance follows from the member. A field nobody chose
/// has no value. The golden record carries the
/// [`EntityId::of_anchor`] of its first member (a
/// [`Resolution`](crate::resolve::Resolution) gives it the clustering's
/// id instead).
///
/// # Examples
///
/// A survivorship that trusts the record ingested last:
///
/// ```
/// use sameas::survive::{GoldenRecord, RuleName, Survivorship};
/// use sameas::{FieldKind, OwnedRecord, PreparedStore, RecordIndex, Schema};
///
/// struct LastIngested;
///
/// impl Survivorship for LastIngested {
///     fn survive(&self, store: &PreparedStore, members: &[RecordIndex]) -> sameas::Result<GoldenRecord> {
///         let mut golden = GoldenRecord::builder(store, members)?;
///         for field in store.schema().fields() {
///             let id = store.schema().field_id(field.name())?;
///             let latest = golden
///                 .members()
///                 .iter()
///                 .filter_map(|member| member.record())
///                 .filter(|&record| store.record(record).is_some_and(|r| r.text(id).is_some()))
///                 .max();
///             if let Some(record) = latest {
///                 golden.choose(field.name(), record, RuleName::Custom("last_ingested".into()))?;
///             }
///         }
///         Ok(golden.build())
///     }
/// }
///
/// let mut store = PreparedStore::new(Schema::builder().field("email", FieldKind::Email).build()?);
/// let crm = store.add_source("crm", false)?;
/// store.ingest(crm, &[
///     OwnedRecord::new("1").with("email", "ann@old.example"),
///     OwnedRecord::new("2").with("email", "ann@new.example"),
/// ])?;
/// let golden = LastIngested.survive(&store, &[RecordIndex::from_position(0), RecordIndex::from_position(1)])?;
/// assert_eq!(golden.value("email"), Some("ann@new.example"));
/// assert_eq!(golden.provenance("email").map(|p| p.record_id()), Some("2"));
/// assert_eq!(golden.alternatives("email").len(), 2);
/// # Ok::<(), sameas::Error>(())
/// ```
#[derive(Clone)]
pub struct GoldenRecordBuilder<'a> {
    store: &'a PreparedStore,
    /// The members' records with their source names, in member order,
    /// each once.
    records: Vec<(PreparedRecord<'a>, &'a str)>,
    members: Vec<Member>,
    /// The anchor's id: that of the first member in member order.
    entity_id: EntityId,
    /// Per schema field, the chosen value.
    values: Vec<Option<SurvivingValue>>,
    /// Per schema field, the distinct values, once gathered.
    alternatives: Vec<Option<Vec<Alternative>>>,
}

/// Counts only: the store's values stay out of `Debug` output.
impl std::fmt::Debug for GoldenRecordBuilder<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("GoldenRecordBuilder")
            .field("members", &self.members.len())
            .field("chosen", &self.values.iter().flatten().count())
            .finish_non_exhaustive()
    }
}

impl GoldenRecord {
    /// A builder for the golden record of the cluster made of `members`
    /// of `store`: for custom [`Survivorship`](super::Survivorship)
    /// implementations. Duplicate indices count once.
    ///
    /// # Errors
    ///
    /// The crate's [`Error`](crate::Error), wrapping
    /// [`SurviveError::EmptyCluster`] when `members` is empty, or
    /// [`StoreError::RecordOutOfRange`] for an index not in `store`.
    ///
    /// # Examples
    ///
    /// ```
    /// use sameas::survive::{GoldenRecord, SurviveError};
    /// use sameas::{Error, FieldKind, OwnedRecord, PreparedStore, RecordIndex, Schema};
    ///
    /// let mut store = PreparedStore::new(Schema::builder().field("email", FieldKind::Email).build()?);
    /// let crm = store.add_source("crm", false)?;
    /// store.ingest(crm, &[OwnedRecord::new("b"), OwnedRecord::new("a")])?;
    /// let members = [RecordIndex::from_position(0), RecordIndex::from_position(1)];
    /// let builder = GoldenRecord::builder(&store, &members)?;
    /// let ids: Vec<&str> = builder.members().iter().map(|m| m.record_id()).collect();
    /// assert_eq!(ids, ["a", "b"]);
    /// assert_eq!(
    ///     GoldenRecord::builder(&store, &[]).unwrap_err(),
    ///     Error::Survive(SurviveError::EmptyCluster)
    /// );
    /// # Ok::<(), sameas::Error>(())
    /// ```
    pub fn builder<'a>(
        store: &'a PreparedStore,
        members: &[RecordIndex],
    ) -> Result<GoldenRecordBuilder<'a>> {
        GoldenRecordBuilder::new(store, members)
    }
}

impl<'a> GoldenRecordBuilder<'a> {
    fn new(store: &'a PreparedStore, members: &[RecordIndex]) -> Result<GoldenRecordBuilder<'a>> {
        if members.is_empty() {
            return Err(SurviveError::EmptyCluster.into());
        }
        let mut records: Vec<(PreparedRecord<'a>, &'a str)> = Vec::with_capacity(members.len());
        for &index in members {
            let record = store.record(index).ok_or(StoreError::RecordOutOfRange {
                index: index.get(),
                records: store.len(),
            })?;
            let source = store
                .try_source(record.source())
                .map_or("", |source| source.name());
            records.push((record, source));
        }
        records.sort_by(|(a, a_source), (b, b_source)| {
            member_order((a_source, a.id(), a.index()), (b_source, b.id(), b.index()))
        });
        records.dedup_by_key(|(record, _)| record.index());
        let members: Vec<Member> = records
            .iter()
            .map(|(record, source)| Member {
                source: source.to_string(),
                record_id: record.id().to_string(),
                record: Some(record.index()),
            })
            .collect();
        // The anchor is the first member in member order.
        let Some(anchor) = members.first() else {
            return Err(SurviveError::EmptyCluster.into());
        };
        let entity_id = EntityId::of_anchor(&anchor.source, &anchor.record_id);
        let fields = store.schema().len();
        Ok(GoldenRecordBuilder {
            store,
            records,
            members,
            entity_id,
            values: vec![None; fields],
            alternatives: vec![None; fields],
        })
    }

    /// The members, in member order (source name, record id, record
    /// index), each once.
    pub fn members(&self) -> &[Member] {
        &self.members
    }

    /// Makes the value that member `record` holds in `field_name` the
    /// field's surviving value, chosen by `rule` (as provenance reports
    /// it). The value must be usable: one that normalises to something.
    /// Choosing again replaces the earlier choice.
    ///
    /// # Errors
    ///
    /// The crate's [`Error`](crate::Error), wrapping
    /// [`BuildError::UnknownField`](crate::BuildError::UnknownField) for a
    /// field the schema lacks, or [`SurviveError::NotACandidate`] when
    /// `record` is not a member, or holds no usable value in the field.
    ///
    /// # Examples
    ///
    /// ```
    /// use sameas::survive::{GoldenRecord, RuleName, SurviveError};
    /// use sameas::{Error, FieldKind, OwnedRecord, PreparedStore, RecordIndex, Schema};
    ///
    /// let mut store = PreparedStore::new(Schema::builder().field("email", FieldKind::Email).build()?);
    /// let crm = store.add_source("crm", false)?;
    /// store.ingest(crm, &[
    ///     OwnedRecord::new("1").with("email", "Ann@X.org"),
    ///     OwnedRecord::new("2").with("email", "no at sign"),
    /// ])?;
    /// let at = RecordIndex::from_position;
    /// let mut golden = GoldenRecord::builder(&store, &[at(0), at(1)])?;
    /// golden.choose("email", at(0), RuleName::FirstNonEmpty)?;
    /// assert_eq!(
    ///     golden.choose("email", at(1), RuleName::FirstNonEmpty).unwrap_err(),
    ///     Error::Survive(SurviveError::NotACandidate { field: "email".into(), record: 1 }),
    /// );
    /// let golden = golden.build();
    /// assert_eq!(golden.value("email"), Some("Ann@X.org"));
    /// assert_eq!(golden.normalized_value("email"), Some("ann@x.org"));
    /// # Ok::<(), sameas::Error>(())
    /// ```
    pub fn choose(
        &mut self,
        field_name: &str,
        record: RecordIndex,
        rule: RuleName,
    ) -> Result<&mut Self> {
        let field = self.store.schema().field_id(field_name)?;
        let not_a_candidate = || SurviveError::NotACandidate {
            field: field_name.to_string(),
            record: record.get(),
        };
        let position = self
            .records
            .iter()
            .position(|(member, _)| member.index() == record)
            .ok_or_else(not_a_candidate)?;
        let (member, _) = self.records[position];
        let normalized = member.readable_text(field).ok_or_else(not_a_candidate)?;
        let raw = member.raw(field).unwrap_or(normalized);
        let value = SurvivingValue {
            raw: raw.to_string(),
            normalized: normalized.to_string(),
            provenance: Provenance {
                member: self.members[position].clone(),
                rule,
            },
        };
        if let Some(slot) = self.values.get_mut(field.index()) {
            *slot = Some(value);
        }
        Ok(self)
    }

    /// The golden record: every schema field in schema order, with the
    /// chosen value (or none) and every distinct value the members held.
    ///
    /// # Examples
    ///
    /// See [`GoldenRecordBuilder`].
    pub fn build(&self) -> GoldenRecord {
        self.clone().finish()
    }

    /// The members' records with their source names, in member order.
    pub(crate) fn records(&self) -> &[(PreparedRecord<'a>, &'a str)] {
        &self.records
    }

    /// Sets a field's value and its already gathered alternatives.
    pub(crate) fn set(
        &mut self,
        field: FieldId,
        value: Option<SurvivingValue>,
        alternatives: Vec<Alternative>,
    ) {
        if let Some(slot) = self.values.get_mut(field.index()) {
            *slot = value;
        }
        if let Some(slot) = self.alternatives.get_mut(field.index()) {
            *slot = Some(alternatives);
        }
    }

    /// The golden record, without a copy.
    pub(crate) fn finish(self) -> GoldenRecord {
        let GoldenRecordBuilder {
            store,
            records,
            members,
            entity_id,
            values,
            alternatives,
        } = self;
        let fields = store
            .schema()
            .fields()
            .iter()
            .zip(store.schema().ids())
            .zip(values.into_iter().zip(alternatives))
            .map(|((field, id), (value, alternatives))| GoldenField {
                name: field.name().to_string(),
                kind: field.kind(),
                sensitive: field.is_sensitive(),
                value,
                alternatives: alternatives
                    .unwrap_or_else(|| gather(id, &records, &members, None).1),
            })
            .collect();
        GoldenRecord {
            entity_id,
            members,
            fields,
        }
    }
}

/// One field's candidates (the members' usable values, in member order,
/// with the record's timestamp from `timestamp`) and its distinct values:
/// usable ones first, most members first, then by normalised form; then
/// unreadable raw values by raw text.
pub(crate) fn gather<'a>(
    field: FieldId,
    records: &[(PreparedRecord<'a>, &'a str)],
    members: &[Member],
    timestamp: Option<FieldId>,
) -> (Vec<Candidate<'a>>, Vec<Alternative>) {
    let mut candidates: Vec<Candidate<'a>> = Vec::new();
    let mut usable: BTreeMap<&str, Vec<Sighting>> = BTreeMap::new();
    let mut unreadable: BTreeMap<&str, Vec<Sighting>> = BTreeMap::new();
    for ((record, source), member) in records.iter().zip(members) {
        let normalized = record.readable_text(field);
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
                    timestamp: timestamp.and_then(|stamp| record.timestamp(stamp)),
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
    alternatives.sort_by_key(|alternative| std::cmp::Reverse(alternative.sightings.len()));
    alternatives.extend(unreadable.into_values().map(|sightings| Alternative {
        normalized: None,
        sightings,
    }));
    (candidates, alternatives)
}
