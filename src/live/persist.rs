//! Saving and loading a live state: a checksummed snapshot and an
//! append-only change log in one directory (format in the module
//! documentation).

use std::borrow::Cow;
use std::collections::HashMap;
use std::fs::{self, File, OpenOptions};
use std::io::Write;
use std::path::{Path, PathBuf};

use smallvec::SmallVec;

use super::apart::LiveApart;
use super::change::EntityChange;
use super::settings::LiveSettings;
use super::state::{
    EntitySlot, LiveResolution, floor_of, identical_index, records_by_key, term_index,
};
use crate::block::{BlockingIndex, BlockingOptions, LinkMode, every_default_blocker_ignoring};
use crate::cluster::ClusterOptions;
use crate::error::{Error, LiveError, Result};
use crate::id::{EntityId, RecordIndex, SourceId};
use crate::matcher::{FellegiSunter, Score, TermFrequencyKey};
use crate::normalize::{DateParser, DayMonthOrder, PhoneNormalizer};
use crate::prepare::{PrepareOptions, PreparedStore};
use crate::record::Record;
use crate::schema::Schema;
use crate::survive::SurvivorshipRules;

/// The version of the snapshot and log format this build writes and
/// reads.
///
/// # Examples
///
/// ```
/// assert_eq!(sameas::live::FORMAT_VERSION, 4);
/// ```
pub const FORMAT_VERSION: u32 = 4;

/// The oldest format version this build still reads: version 3 lacks
/// the values read as missing (see [`PrepareOptions::missing_values`]),
/// which it reads as none.
const OLDEST_READ_VERSION: u32 = 3;

const SNAPSHOT: &str = "state.sameas";
const SNAPSHOT_TEMPORARY: &str = "state.sameas.tmp";
const LOG: &str = "changes.log";
const LOG_TEMPORARY: &str = "changes.log.tmp";
const SNAPSHOT_MAGIC: &[u8; 8] = b"SAMEASLS";
const LOG_MAGIC: &[u8; 8] = b"SAMEASLG";
/// Magic, version, snapshot checksum.
const LOG_HEADER: usize = 8 + 4 + 8;
const OP_UPSERT: u8 = 1;
const OP_ERASE: u8 = 2;
/// A [`LiveResolution::refresh_term_frequencies`] (no payload).
const OP_REFRESH: u8 = 3;

/// The state format's 64-bit checksum (of a snapshot's body and of each
/// log entry's payload): each 8-byte word is mixed in by a bijection of
/// the running value, so any one changed word changes the result, and
/// the length is mixed in first, so a cut-short input does too. Public
/// for tools that write or check state files, such as the fuzz targets.
///
/// # Examples
///
/// ```
/// use sameas::live::checksum;
///
/// assert_ne!(checksum(b"abcdefgh"), checksum(b"abcdefgi"));
/// assert_ne!(checksum(b"abcdefgh"), checksum(b"abcdefg"));
/// ```
pub fn checksum(data: &[u8]) -> u64 {
    let mut hash = 0x9E37_79B9_7F4A_7C15u64 ^ data.len() as u64;
    let mut words = data.chunks_exact(8);
    for word in &mut words {
        let mut bytes = [0u8; 8];
        bytes.copy_from_slice(word);
        hash = (hash ^ u64::from_le_bytes(bytes))
            .wrapping_mul(0xFF51_AFD7_ED55_8CCD)
            .rotate_left(29);
    }
    for &byte in words.remainder() {
        hash = (hash ^ u64::from(byte))
            .wrapping_mul(0xC4CE_B9FE_1A85_EC53)
            .rotate_left(23);
    }
    hash ^= hash >> 33;
    hash = hash.wrapping_mul(0xFF51_AFD7_ED55_8CCD);
    hash ^ (hash >> 33)
}

/// Appends little-endian values.
#[derive(Default)]
struct Writer {
    bytes: Vec<u8>,
}

impl Writer {
    fn u8(&mut self, value: u8) {
        self.bytes.push(value);
    }
    fn u16(&mut self, value: u16) {
        self.bytes.extend_from_slice(&value.to_le_bytes());
    }
    fn u32(&mut self, value: u32) {
        self.bytes.extend_from_slice(&value.to_le_bytes());
    }
    fn u64(&mut self, value: u64) {
        self.bytes.extend_from_slice(&value.to_le_bytes());
    }
    fn f64(&mut self, value: f64) {
        self.u64(value.to_bits());
    }
    fn str(&mut self, value: &str) {
        self.u32(value.len() as u32);
        self.bytes.extend_from_slice(value.as_bytes());
    }
    /// An optional string: its length plus one, 0 for none.
    fn option(&mut self, value: Option<&str>) {
        match value {
            Some(value) => {
                self.u32(value.len() as u32 + 1);
                self.bytes.extend_from_slice(value.as_bytes());
            }
            None => self.u32(0),
        }
    }
}

/// Reads what [`Writer`] wrote; anything short or malformed is
/// [`LiveError::Damaged`].
struct Reader<'a> {
    bytes: &'a [u8],
    at: usize,
    file: &'a str,
}

impl<'a> Reader<'a> {
    fn damaged(&self, reason: impl Into<String>) -> LiveError {
        LiveError::Damaged {
            file: self.file.to_string(),
            reason: reason.into(),
        }
    }
    fn take(&mut self, len: usize) -> Result<&'a [u8], LiveError> {
        let end = self
            .at
            .checked_add(len)
            .filter(|&end| end <= self.bytes.len())
            .ok_or_else(|| self.damaged(format!("cut short at byte {}", self.at)))?;
        let taken = &self.bytes[self.at..end];
        self.at = end;
        Ok(taken)
    }
    fn array<const N: usize>(&mut self) -> Result<[u8; N], LiveError> {
        let mut out = [0u8; N];
        out.copy_from_slice(self.take(N)?);
        Ok(out)
    }
    fn u8(&mut self) -> Result<u8, LiveError> {
        Ok(self.array::<1>()?[0])
    }
    fn u16(&mut self) -> Result<u16, LiveError> {
        Ok(u16::from_le_bytes(self.array()?))
    }
    fn u32(&mut self) -> Result<u32, LiveError> {
        Ok(u32::from_le_bytes(self.array()?))
    }
    fn u64(&mut self) -> Result<u64, LiveError> {
        Ok(u64::from_le_bytes(self.array()?))
    }
    fn f64(&mut self) -> Result<f64, LiveError> {
        Ok(f64::from_bits(self.u64()?))
    }
    fn text(&mut self, len: usize) -> Result<&'a str, LiveError> {
        let bytes = self.take(len)?;
        std::str::from_utf8(bytes).map_err(|_| self.damaged("text that is not UTF-8"))
    }
    fn str(&mut self) -> Result<&'a str, LiveError> {
        let len = self.u32()? as usize;
        self.text(len)
    }
    fn option(&mut self) -> Result<Option<&'a str>, LiveError> {
        match self.u32()? as usize {
            0 => Ok(None),
            len => self.text(len - 1).map(Some),
        }
    }
    /// A count of items of at least `size` bytes each that must fit in
    /// the rest of the input (so a damaged count allocates nothing).
    fn count(&mut self, size: usize) -> Result<usize, LiveError> {
        let count = self.u64()?;
        let left = (self.bytes.len() - self.at) as u64;
        if count.saturating_mul(size as u64) > left {
            return Err(self.damaged(format!("a count of {count} past the end")));
        }
        Ok(count as usize)
    }
}

/// A record read back from a file: its id and its values by field
/// position.
struct SavedRecord<'a> {
    id: &'a str,
    values: SmallVec<[Option<&'a str>; 8]>,
    names: &'a [String],
}

impl Record for SavedRecord<'_> {
    fn id(&self) -> Option<Cow<'_, str>> {
        Some(Cow::Borrowed(self.id))
    }

    fn field(&self, name: &str) -> Option<&str> {
        let at = self.names.iter().position(|known| known == name)?;
        self.values.get(at).copied().flatten()
    }
}

fn write_settings(out: &mut Writer, settings: &LiveSettings, options: &PrepareOptions) {
    out.u8(match settings.link_mode {
        LinkMode::Dedup => 0,
        LinkMode::Link => 1,
        LinkMode::DedupAndLink => 2,
    });
    out.u64(settings.blocking.max_block_size() as u64);
    let cluster = &settings.cluster;
    out.f64(cluster.threshold());
    match cluster.guard() {
        Some((strong, support)) => {
            out.u8(1);
            out.f64(strong);
            out.f64(support);
        }
        None => out.u8(0),
    }
    out.u64(cluster.size_limit() as u64);
    out.u64(cluster.weak_size_limit() as u64);
    out.u8(u8::from(cluster.one_to_one()));
    out.option(options.phones().default_country_code());
    out.u8(match options.dates().day_month_order() {
        DayMonthOrder::DayFirst => 0,
        DayMonthOrder::MonthFirst => 1,
    });
    out.u8(options.dates().century_pivot());
    // Since version 4: per field, the values read as missing.
    let missing: Vec<(&str, &[String])> = options.missing().iter().collect();
    out.u64(missing.len() as u64);
    for (field, values) in missing {
        out.str(field);
        out.u64(values.len() as u64);
        for value in values {
            out.str(value);
        }
    }
}

fn read_settings(input: &mut Reader<'_>, version: u32) -> Result<(LiveSettings, PrepareOptions)> {
    let link_mode = match input.u8()? {
        0 => LinkMode::Dedup,
        1 => LinkMode::Link,
        2 => LinkMode::DedupAndLink,
        other => return Err(input.damaged(format!("link mode {other}")).into()),
    };
    let blocking = BlockingOptions::builder()
        .max_block_size(input.u64()? as usize)
        .build()?;
    let mut cluster = ClusterOptions::builder();
    cluster.threshold(input.f64()?);
    match input.u8()? {
        0 => {
            cluster.without_guard();
        }
        _ => {
            let strong = input.f64()?;
            let support = input.f64()?;
            cluster.guard(strong, support);
        }
    }
    cluster
        .size_limit(input.u64()? as usize)
        .weak_size_limit(usize::try_from(input.u64()?).unwrap_or(usize::MAX))
        .one_to_one(input.u8()? == 1);
    let cluster = cluster.build()?;
    let mut phones = PhoneNormalizer::builder();
    if let Some(country) = input.option()? {
        phones.default_country(country);
    }
    let order = match input.u8()? {
        0 => DayMonthOrder::DayFirst,
        _ => DayMonthOrder::MonthFirst,
    };
    let dates = DateParser::builder()
        .day_month_order(order)
        .century_pivot(input.u8()?)
        .build()?;
    let mut options = PrepareOptions::builder();
    options.phones(phones.build()?).dates(dates);
    if version >= 4 {
        // A field's name and count, then its values: 12 and 4 bytes at least.
        for _ in 0..input.count(12)? {
            let field = input.str()?;
            let values = (0..input.count(4)?)
                .map(|_| input.str())
                .collect::<Result<Vec<&str>, LiveError>>()?;
            options.missing_values(field, &values);
        }
    }
    let options = options.build()?;
    Ok((
        LiveSettings {
            link_mode,
            blocking,
            cluster,
        },
        options,
    ))
}

/// The snapshot's body.
fn snapshot_body(state: &LiveResolution) -> Vec<u8> {
    let mut out = Writer::default();
    write_settings(&mut out, &state.settings, state.store.options());
    let schema = serde_json::to_string(state.store.schema()).unwrap_or_default();
    out.str(&schema);
    out.str(&state.model.to_json());
    // Whether the model reads its term frequencies: they are saved keyed
    // (never by plain hash), so loading needs the key exactly then.
    let readable = state
        .model
        .comparisons()
        .iter()
        .any(|comparison| comparison.has_term_frequencies());
    out.u8(u8::from(readable));
    // The blockers the first run chose: loading keeps them.
    out.u32(state.blocker_names.len() as u32);
    for name in &state.blocker_names {
        out.str(name);
    }
    out.u32(state.store.sources().len() as u32);
    for source in state.store.sources() {
        out.str(source.name());
        out.u8(u8::from(source.is_duplicate_free()));
    }
    // Entities in slot order, live ones only, renumbered.
    let mut entity_position = vec![u32::MAX; state.entities.len()];
    let mut kept_entities = Vec::new();
    for (slot, entity) in state.entities.iter().enumerate() {
        if !entity.members.is_empty() {
            entity_position[slot] = kept_entities.len() as u32;
            kept_entities.push(entity);
        }
    }
    // Records by source, then slot: each source is read back in one go.
    let mut order: Vec<u32> = (0..state.alive.len() as u32)
        .filter(|&slot| state.alive[slot as usize])
        .collect();
    let sources = state.store.record_sources();
    order.sort_by_key(|&slot| (sources[slot as usize], slot));
    let mut position = vec![u32::MAX; state.alive.len()];
    for (at, &slot) in order.iter().enumerate() {
        position[slot as usize] = at as u32;
    }
    let fields: Vec<_> = state.store.schema().ids().collect();
    out.u64(order.len() as u64);
    for &slot in &order {
        let Some(record) = state.store.record(RecordIndex(slot)) else {
            continue;
        };
        out.u16(record.source().0);
        out.str(record.id());
        for &field in &fields {
            out.option(record.raw(field));
        }
        out.u32(entity_position[state.entity_of[slot as usize] as usize]);
        out.u64(state.seq[slot as usize]);
        out.u8(u8::from(state.counted[slot as usize]));
    }
    out.u64(kept_entities.len() as u64);
    for entity in kept_entities {
        out.u64(entity.id.get());
        out.u64(entity.born);
    }
    out.u64(state.next_seq);
    out.u64(state.next_born);
    out.u64(state.minted);
    let mut references: Vec<(&(usize, u64), &u32)> = state.term_reference.iter().collect();
    references.sort_unstable();
    out.u64(references.len() as u64);
    for (&(comparison, value), &count) in references {
        out.u32(comparison as u32);
        out.u64(value);
        out.u32(count);
    }
    let mut pairs = Vec::new();
    for &slot in &order {
        for &(other, score) in &state.pairs[slot as usize] {
            if slot < other {
                pairs.push((
                    position[slot as usize],
                    position[other as usize],
                    score.weight(),
                ));
            }
        }
    }
    out.u64(pairs.len() as u64);
    for (a, b, weight) in pairs {
        out.u32(a);
        out.u32(b);
        out.f64(weight);
    }
    out.bytes
}

/// A whole snapshot file: header, body, checksum.
fn snapshot_file(body: &[u8]) -> (Vec<u8>, u64) {
    let sum = checksum(body);
    let mut out = Writer::default();
    out.bytes.reserve(body.len() + 28);
    out.bytes.extend_from_slice(SNAPSHOT_MAGIC);
    out.u32(FORMAT_VERSION);
    out.u64(body.len() as u64);
    out.bytes.extend_from_slice(body);
    out.u64(sum);
    (out.bytes, sum)
}

/// Checks a file's magic and version; returns the version.
fn check_header(input: &mut Reader<'_>, magic: &[u8; 8]) -> Result<u32, LiveError> {
    if input.bytes.len() < 12 || &input.bytes[..8] != magic {
        return Err(input.damaged("not a sameas live state file"));
    }
    input.at = 8;
    let version = input.u32()?;
    if !(OLDEST_READ_VERSION..=FORMAT_VERSION).contains(&version) {
        return Err(LiveError::Version {
            file: input.file.to_string(),
            found: version,
            oldest: OLDEST_READ_VERSION,
            supported: FORMAT_VERSION,
        });
    }
    Ok(version)
}

/// Reads a snapshot file into a state; returns it with its checksum.
fn read_snapshot(
    bytes: &[u8],
    file: &str,
    key: Option<&TermFrequencyKey>,
) -> Result<(LiveResolution, u64)> {
    let mut input = Reader { bytes, at: 0, file };
    let version = check_header(&mut input, SNAPSHOT_MAGIC)?;
    let len = input.u64()?;
    let body_len = usize::try_from(len).map_err(|_| input.damaged("a body past memory"))?;
    let body = input.take(body_len)?;
    let sum = input.u64()?;
    // The body is read while its checksum is computed (reading checks
    // every length and count, whatever the bytes): a mismatch discards
    // what was read, and its error comes first.
    let (intact, state) = crate::par::join(
        || checksum(body) == sum,
        || read_body(body, file, key, version),
    );
    if !intact {
        return Err(input.damaged("checksum does not match").into());
    }
    if input.at != bytes.len() {
        return Err(input.damaged("bytes after the checksum").into());
    }
    Ok((state?, sum))
}

fn read_body(
    body: &[u8],
    file: &str,
    key: Option<&TermFrequencyKey>,
    version: u32,
) -> Result<LiveResolution> {
    let mut input = Reader {
        bytes: body,
        at: 0,
        file,
    };
    let (settings, options) = read_settings(&mut input, version)?;
    let schema: Schema = serde_json::from_str(input.str()?)
        .map_err(|_| input.damaged("a schema that cannot be read"))?;
    let mut model = FellegiSunter::from_json(input.str()?, &schema)?;
    match (input.u8()?, key) {
        (0, _) => {}
        (_, Some(key)) => model
            .use_term_frequency_key(key)
            .map_err(|_| Error::from(LiveError::TermFrequencyKeyMissing(file.to_string())))?,
        (_, None) => return Err(LiveError::TermFrequencyKeyMissing(file.to_string()).into()),
    }
    let blocker_count = input.u32()?;
    let mut blocker_names = Vec::new();
    for _ in 0..blocker_count {
        blocker_names.push(input.str()?.to_string());
    }
    // Each saved rule found again by name, in the order saved (a rule an
    // earlier version chose comes last in the list of every rule).
    let mut every = every_default_blocker_ignoring(&schema, &model.not_identifying_fields());
    let blockers: Vec<_> = blocker_names
        .iter()
        .map(|name| {
            let at = every.iter().position(|blocker| blocker.name() == *name)?;
            Some(every.swap_remove(at))
        })
        .collect::<Option<_>>()
        .ok_or_else(|| input.damaged("a blocker this schema does not have"))?;
    let mut store = PreparedStore::with_options(schema.clone(), options);
    let source_count = input.u32()?;
    for _ in 0..source_count {
        let name = input.str()?;
        let duplicate_free = input.u8()? == 1;
        store.add_source(name, duplicate_free)?;
    }
    let names: Vec<String> = schema
        .fields()
        .iter()
        .map(|f| f.name().to_string())
        .collect();
    let saved = read_records(&mut input, source_count, &names)?;
    let records = saved.records.len();
    // Preparing the records again and reading the entities and pairs
    // after them are independent: both at once.
    let comparisons = model.comparisons().len();
    let (ingested, links) = crate::par::join(
        || -> Result<()> {
            for run in saved.records.chunk_by(|a, b| a.0 == b.0) {
                let records: Vec<&SavedRecord<'_>> = run.iter().map(|(_, record)| record).collect();
                store.ingest(SourceId(run[0].0), &records)?;
            }
            Ok(())
        },
        || read_links(&mut input, &saved.entity_at, comparisons),
    );
    ingested?;
    let links = links?;
    let SavedRecords {
        records: prepared,
        entity_at,
        seq,
        counted,
    } = saved;
    drop(prepared);
    if input.at != body.len() {
        return Err(input.damaged("bytes after the pairs").into());
    }
    let threshold = settings.cluster.threshold();
    // The blocking index and the maps by hash read the same prepared
    // records: both at once.
    let alive = vec![true; records];
    let (index, (keys, by_key, identical, (term_holders, term_hashes))) = crate::par::join(
        || BlockingIndex::build(&store, blockers, settings.blocking),
        || {
            let keys = store.canonical_keys().to_vec();
            let by_key = records_by_key(&keys);
            let identical = identical_index(&store, &alive);
            (keys, by_key, identical, term_index(&model, &store, &alive))
        },
    );
    let survivorship = SurvivorshipRules::new(&store);
    let coparticipants = LiveApart::build(&store, &alive);
    let state = LiveResolution {
        index,
        model,
        settings,
        survivorship,
        alive,
        seq,
        counted,
        keys,
        entity_of: entity_at,
        pairs: links.pairs,
        by_key,
        entities: links.entities,
        free_entities: Vec::new(),
        by_entity_id: links.by_entity_id,
        term_holders,
        next_seq: links.next_seq,
        next_born: links.next_born,
        minted: links.minted,
        records,
        floor: floor_of(threshold),
        term_reference: links.term_reference,
        term_hashes,
        pending_terms: Vec::new(),
        identical,
        blocker_names,
        coparticipants,
        store,
    };
    Ok(state)
}

/// The records of a snapshot as read, before they are prepared: each
/// with its source, and per record its entity (a position among the
/// saved entities), age and whether it is counted.
struct SavedRecords<'a> {
    records: Vec<(u16, SavedRecord<'a>)>,
    entity_at: Vec<u32>,
    seq: Vec<u64>,
    counted: Vec<bool>,
}

/// Reads the snapshot's records (in source order).
fn read_records<'a>(
    input: &mut Reader<'a>,
    source_count: u32,
    names: &'a [String],
) -> Result<SavedRecords<'a>, LiveError> {
    let records = input.count(2 + 4 + 4 * names.len() + 4 + 8 + 1)?;
    let mut saved = SavedRecords {
        records: Vec::with_capacity(records),
        entity_at: Vec::with_capacity(records),
        seq: Vec::with_capacity(records),
        counted: Vec::with_capacity(records),
    };
    for _ in 0..records {
        let source = input.u16()?;
        if u32::from(source) >= source_count {
            return Err(input.damaged(format!("a record of source {source}")));
        }
        let id = input.str()?;
        let mut values = SmallVec::new();
        for _ in 0..names.len() {
            values.push(input.option()?);
        }
        saved
            .records
            .push((source, SavedRecord { id, values, names }));
        saved.entity_at.push(input.u32()?);
        saved.seq.push(input.u64()?);
        saved.counted.push(input.u8()? == 1);
    }
    if saved.records.windows(2).any(|pair| pair[0].0 > pair[1].0) {
        return Err(input.damaged("records out of source order"));
    }
    Ok(saved)
}

/// What a snapshot holds after its records.
struct SavedLinks {
    entities: Vec<EntitySlot>,
    by_entity_id: HashMap<EntityId, u32>,
    next_seq: u64,
    next_born: u64,
    minted: u64,
    term_reference: HashMap<(usize, u64), u32>,
    pairs: Vec<Vec<(u32, Score)>>,
}

/// Reads the entities (their members from `entity_at`, each record's
/// entity), the counters, the term-frequency references of a model with
/// `comparisons` comparisons, and the accepted pairs.
fn read_links(
    input: &mut Reader<'_>,
    entity_at: &[u32],
    comparisons: usize,
) -> Result<SavedLinks, LiveError> {
    let records = entity_at.len();
    let entity_count = input.count(16)?;
    let mut entities: Vec<EntitySlot> = Vec::with_capacity(entity_count);
    let mut by_entity_id = HashMap::with_capacity(entity_count);
    for slot in 0..entity_count {
        let id = EntityId(input.u64()?);
        let born = input.u64()?;
        if by_entity_id.insert(id, slot as u32).is_some() {
            return Err(input.damaged("an entity id twice"));
        }
        entities.push(EntitySlot {
            id,
            born,
            members: Vec::new(),
        });
    }
    // Each list allocated once, at its size.
    let mut sizes = vec![0u32; entity_count];
    for &entity in entity_at {
        let Some(size) = sizes.get_mut(entity as usize) else {
            return Err(input.damaged(format!("entity {entity} of {entity_count}")));
        };
        *size += 1;
    }
    if sizes.contains(&0) {
        return Err(input.damaged("an entity without records"));
    }
    for (entity, &size) in entities.iter_mut().zip(&sizes) {
        entity.members.reserve_exact(size as usize);
    }
    for (slot, &entity) in entity_at.iter().enumerate() {
        entities[entity as usize].members.push(slot as u32);
    }
    let next_seq = input.u64()?;
    let next_born = input.u64()?;
    let minted = input.u64()?;
    let reference_count = input.count(16)?;
    let mut term_reference = HashMap::with_capacity(reference_count);
    for _ in 0..reference_count {
        let comparison = input.u32()? as usize;
        let value = input.u64()?;
        let count = input.u32()?;
        if comparison >= comparisons || count == 0 {
            return Err(input.damaged("a term-frequency reference out of range"));
        }
        term_reference.insert((comparison, value), count);
    }
    let pair_count = input.count(16)?;
    let mut saved_pairs = Vec::with_capacity(pair_count);
    let mut degrees = vec![0u32; records];
    for _ in 0..pair_count {
        let a = input.u32()?;
        let b = input.u32()?;
        let score = Score::from_weight(input.f64()?);
        if a as usize >= records || b as usize >= records || a == b {
            return Err(input.damaged(format!("a pair of records {a} and {b}")));
        }
        degrees[a as usize] += 1;
        degrees[b as usize] += 1;
        saved_pairs.push((a, b, score));
    }
    let mut pairs: Vec<Vec<(u32, Score)>> = degrees
        .iter()
        .map(|&degree| Vec::with_capacity(degree as usize))
        .collect();
    for (a, b, score) in saved_pairs {
        pairs[a as usize].push((b, score));
        pairs[b as usize].push((a, score));
    }
    Ok(SavedLinks {
        entities,
        by_entity_id,
        next_seq,
        next_born,
        minted,
        term_reference,
        pairs,
    })
}

/// One change as a log entry's payload.
fn change_payload(
    state: &LiveResolution,
    op: u8,
    source: &str,
    record_id: &str,
    record: Option<&dyn Record>,
) -> Vec<u8> {
    let mut out = Writer::default();
    out.u8(op);
    let source = state
        .store
        .sources()
        .iter()
        .position(|known| known.name() == source)
        .unwrap_or(0);
    out.u16(source as u16);
    out.str(record_id);
    if let Some(record) = record {
        for field in state.store.schema().fields() {
            out.option(record.field(field.name()));
        }
    }
    out.bytes
}

/// Replays one log payload onto a state.
fn replay(state: &mut LiveResolution, payload: &[u8], file: &str) -> Result<()> {
    let mut input = Reader {
        bytes: payload,
        at: 0,
        file,
    };
    let op = input.u8()?;
    if op == OP_REFRESH {
        if input.at != payload.len() {
            return Err(input.damaged("bytes after a refresh").into());
        }
        state.refresh_term_frequencies();
        return Ok(());
    }
    let source = input.u16()?;
    let name = state
        .store
        .try_source(SourceId(source))
        .map(|source| source.name().to_string())
        .ok_or_else(|| input.damaged(format!("a change of source {source}")))?;
    let id = input.str()?;
    match op {
        OP_UPSERT => {
            let names: Vec<String> = state
                .store
                .schema()
                .fields()
                .iter()
                .map(|field| field.name().to_string())
                .collect();
            let mut values = SmallVec::new();
            for _ in 0..names.len() {
                values.push(input.option()?);
            }
            let record = SavedRecord {
                id,
                values,
                names: &names,
            };
            state.upsert(&name, &record)?;
        }
        OP_ERASE => {
            state.erase(&name, id)?;
        }
        other => return Err(input.damaged(format!("change kind {other}")).into()),
    }
    Ok(())
}

/// Writes `bytes` to `path` atomically: a temporary file, flushed to
/// disk, renamed over `path`, and the directory flushed.
fn write_atomically(
    dir: &Path,
    temporary: &str,
    name: &str,
    bytes: &[u8],
) -> Result<(), LiveError> {
    let staging = dir.join(temporary);
    let target = dir.join(name);
    let mut file = File::create(&staging).map_err(|e| LiveError::io("create", &staging, &e))?;
    file.write_all(bytes)
        .map_err(|e| LiveError::io("write", &staging, &e))?;
    file.sync_all()
        .map_err(|e| LiveError::io("flush", &staging, &e))?;
    drop(file);
    fs::rename(&staging, &target).map_err(|e| LiveError::io("rename", &target, &e))?;
    // The rename itself reaches the disk with the directory.
    if let Ok(directory) = File::open(dir) {
        let _ = directory.sync_all();
    }
    Ok(())
}

/// A [`LiveResolution`] kept in a directory: a snapshot and a change
/// log. Changes made through it are applied and appended to the log;
/// [`save`](Self::save) writes a new snapshot and empties the log. See
/// the [module documentation](super) for the format and what a crash can
/// lose.
///
/// # Examples
///
/// ```
/// use sameas::live::{LiveResolution, LiveSettings, LiveStore};
/// use sameas::matcher::TermFrequencyKey;
/// use sameas::resolve::Resolver;
/// use sameas::{FieldKind, OwnedRecord, Schema};
///
/// let schema = Schema::builder().field("name", FieldKind::FullName).field("email", FieldKind::Email).build()?;
/// // Term frequencies are saved hashed under the host's key only.
/// let key = TermFrequencyKey::new("a secret the host keeps")?;
/// let mut resolver = Resolver::new(schema);
/// resolver.term_frequency_key(key.clone());
/// resolver.add_source("crm", false, &[
///     OwnedRecord::new("1").with("name", "Ann Lee").with("email", "ann@x.org"),
///     OwnedRecord::new("2").with("name", "Ann Lee").with("email", "ann@x.org"),
///     OwnedRecord::new("3").with("name", "Bob Stone").with("email", "bob@y.org"),
///     OwnedRecord::new("4").with("name", "Bob Stone").with("email", "bob@y.org"),
/// ])?;
/// let state = LiveResolution::from_resolution(resolver.resolve()?, LiveSettings::new())?;
/// let dir = std::env::temp_dir().join(format!("sameas-doc-{}", std::process::id()));
/// let mut kept = LiveStore::create(&dir, state)?;
/// kept.upsert("crm", &OwnedRecord::new("5").with("name", "Ann Lee").with("email", "ann@x.org"))?;
/// kept.sync()?; // the change is on disk, in the log
/// let fifth = kept.state().entity_of("crm", "5");
/// assert!(fifth.is_some());
/// drop(kept);
///
/// let reopened = LiveStore::open_with_key(&dir, &key)?; // the snapshot, then the log
/// assert_eq!(reopened.state().entity_of("crm", "5"), fifth);
/// # std::fs::remove_dir_all(&dir).ok();
/// # Ok::<(), sameas::Error>(())
/// ```
pub struct LiveStore {
    dir: PathBuf,
    state: LiveResolution,
    log: File,
    /// The checksum of the snapshot the log belongs to.
    snapshot: u64,
}

impl std::fmt::Debug for LiveStore {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("LiveStore")
            .field("dir", &self.dir)
            .field("state", &self.state)
            .finish_non_exhaustive()
    }
}

impl LiveStore {
    /// Saves `state` in `dir` (created if needed), replacing any state
    /// there, and starts an empty log. Term-frequency changes still
    /// pending in `state` are applied first (call
    /// [`LiveResolution::refresh_term_frequencies`] before to see what
    /// they do to entities).
    ///
    /// # Errors
    ///
    /// [`LiveError::TermFrequenciesUnsaved`] when the model's term
    /// frequencies were counted without a key (they cannot be saved);
    /// [`LiveError::Io`] when the directory or a file cannot be written.
    pub fn create(dir: impl AsRef<Path>, state: LiveResolution) -> Result<LiveStore> {
        let dir = dir.as_ref().to_path_buf();
        fs::create_dir_all(&dir).map_err(|e| LiveError::io("create", &dir, &e))?;
        let mut state = state;
        state.refresh_term_frequencies();
        let (snapshot, log) = LiveStore::write(&dir, &state)?;
        Ok(LiveStore {
            dir,
            state,
            log,
            snapshot,
        })
    }

    /// Writes the snapshot, then an empty log; returns the snapshot's
    /// checksum and the log open for appending. The state's term
    /// frequencies must be refreshed (nothing pending).
    fn write(dir: &Path, state: &LiveResolution) -> Result<(u64, File), LiveError> {
        if state
            .model
            .comparisons()
            .iter()
            .any(|comparison| comparison.term_frequencies_unsaved())
        {
            return Err(LiveError::TermFrequenciesUnsaved);
        }
        let (bytes, sum) = snapshot_file(&snapshot_body(state));
        write_atomically(dir, SNAPSHOT_TEMPORARY, SNAPSHOT, &bytes)?;
        drop(bytes);
        let mut header = Writer::default();
        header.bytes.extend_from_slice(LOG_MAGIC);
        header.u32(FORMAT_VERSION);
        header.u64(sum);
        write_atomically(dir, LOG_TEMPORARY, LOG, &header.bytes)?;
        let path = dir.join(LOG);
        let log = OpenOptions::new()
            .append(true)
            .open(&path)
            .map_err(|e| LiveError::io("open", &path, &e))?;
        Ok((sum, log))
    }

    /// Loads the state saved in `dir`: the snapshot, then the log's
    /// changes up to the first one cut short or damaged (a torn tail,
    /// which is cut off so that later changes append after the last good
    /// one). A log written for another snapshot (a save that stopped
    /// between the two renames) is ignored: its changes are in the
    /// snapshot.
    ///
    /// # Errors
    ///
    /// [`LiveError::NoState`] when `dir` holds no snapshot;
    /// [`LiveError::Version`] for a file of another format version;
    /// [`LiveError::Damaged`] for a snapshot that is cut short, fails its
    /// checksum or holds values out of range; [`LiveError::Io`] when a
    /// file cannot be read; [`LiveError::TermFrequencyKeyMissing`] when the
    /// state's term frequencies are hashed under a key (open it with
    /// [`open_with_key`](Self::open_with_key)).
    pub fn open(dir: impl AsRef<Path>) -> Result<LiveStore> {
        LiveStore::open_keyed(dir.as_ref(), None)
    }

    /// Loads the state saved in `dir`, as [`open`](Self::open) does, with
    /// the [`TermFrequencyKey`] its model's term frequencies were hashed
    /// under (the key the run that made the state was given). The key is
    /// kept in memory only. A state saved without readable term
    /// frequencies loads as it was saved, the key unused.
    ///
    /// # Errors
    ///
    /// Those of [`open`](Self::open), and
    /// [`LiveError::TermFrequencyKeyMissing`] when the counts were hashed
    /// under another key.
    pub fn open_with_key(dir: impl AsRef<Path>, key: &TermFrequencyKey) -> Result<LiveStore> {
        LiveStore::open_keyed(dir.as_ref(), Some(key))
    }

    fn open_keyed(dir: &Path, key: Option<&TermFrequencyKey>) -> Result<LiveStore> {
        let dir = dir.to_path_buf();
        let path = dir.join(SNAPSHOT);
        let bytes = match fs::read(&path) {
            Ok(bytes) => bytes,
            Err(error) if error.kind() == std::io::ErrorKind::NotFound => {
                return Err(LiveError::NoState(dir.display().to_string()).into());
            }
            Err(error) => return Err(LiveError::io("read", &path, &error).into()),
        };
        let (mut state, snapshot) = read_snapshot(&bytes, SNAPSHOT, key)?;
        drop(bytes);
        // A save that stopped before its rename left a temporary file.
        let _ = fs::remove_file(dir.join(SNAPSHOT_TEMPORARY));
        let _ = fs::remove_file(dir.join(LOG_TEMPORARY));
        let log_path = dir.join(LOG);
        let log_bytes = match fs::read(&log_path) {
            Ok(bytes) => bytes,
            Err(error) if error.kind() == std::io::ErrorKind::NotFound => Vec::new(),
            Err(error) => return Err(LiveError::io("read", &log_path, &error).into()),
        };
        let good = replay_log(&mut state, &log_bytes, snapshot)?;
        drop(log_bytes);
        let log = match good {
            Some(end) => {
                let log = OpenOptions::new()
                    .write(true)
                    .open(&log_path)
                    .map_err(|e| LiveError::io("open", &log_path, &e))?;
                log.set_len(end as u64)
                    .map_err(|e| LiveError::io("truncate", &log_path, &e))?;
                drop(log);
                OpenOptions::new()
                    .append(true)
                    .open(&log_path)
                    .map_err(|e| LiveError::io("open", &log_path, &e))?
            }
            None => {
                // No log of this snapshot: start one.
                let mut header = Writer::default();
                header.bytes.extend_from_slice(LOG_MAGIC);
                header.u32(FORMAT_VERSION);
                header.u64(snapshot);
                write_atomically(&dir, LOG_TEMPORARY, LOG, &header.bytes)?;
                OpenOptions::new()
                    .append(true)
                    .open(&log_path)
                    .map_err(|e| LiveError::io("open", &log_path, &e))?
            }
        };
        Ok(LiveStore {
            dir,
            state,
            log,
            snapshot,
        })
    }

    /// The state.
    pub fn state(&self) -> &LiveResolution {
        &self.state
    }

    /// The state, to be kept without its directory.
    pub fn into_state(self) -> LiveResolution {
        self.state
    }

    /// The directory.
    pub fn dir(&self) -> &Path {
        &self.dir
    }

    /// [`LiveResolution::upsert`], then the change appended to the log
    /// (handed to the operating system before this returns; see
    /// [`sync`](Self::sync)).
    ///
    /// # Errors
    ///
    /// As [`LiveResolution::upsert`] (nothing changed, nothing logged);
    /// [`LiveError::Io`] when the log cannot be written (the change is
    /// made in memory: [`save`](Self::save) to keep it).
    pub fn upsert<R: Record + Sync + ?Sized>(
        &mut self,
        source: &str,
        record: &R,
    ) -> Result<Vec<EntityChange>> {
        let changes = self.state.upsert(source, record)?;
        let id = record
            .id()
            .map(|id| id.trim().to_string())
            .unwrap_or_default();
        let payload = change_payload(&self.state, OP_UPSERT, source, &id, Some(&record));
        self.append(&payload)?;
        Ok(changes)
    }

    /// [`LiveResolution::erase`], then the erasure appended to the log.
    ///
    /// # Errors
    ///
    /// As [`LiveResolution::erase`] (nothing changed, nothing logged);
    /// [`LiveError::Io`] as for [`upsert`](Self::upsert).
    pub fn erase(&mut self, source: &str, record_id: &str) -> Result<Vec<EntityChange>> {
        let changes = self.state.erase(source, record_id)?;
        let payload = change_payload(&self.state, OP_ERASE, source, record_id.trim(), None);
        self.append(&payload)?;
        Ok(changes)
    }

    /// [`LiveResolution::refresh_term_frequencies`], then the refresh
    /// appended to the log (when anything was pending), so that loading
    /// replays it at the same point.
    ///
    /// # Errors
    ///
    /// [`LiveError::Io`] as for [`upsert`](Self::upsert).
    pub fn refresh_term_frequencies(&mut self) -> Result<Vec<EntityChange>> {
        if self.state.pending_term_frequencies() == 0 {
            return Ok(Vec::new());
        }
        let changes = self.state.refresh_term_frequencies();
        self.append(&[OP_REFRESH])?;
        Ok(changes)
    }

    fn append(&mut self, payload: &[u8]) -> Result<(), LiveError> {
        let mut entry = Vec::with_capacity(payload.len() + 12);
        entry.extend_from_slice(&(payload.len() as u32).to_le_bytes());
        entry.extend_from_slice(&checksum(payload).to_le_bytes());
        entry.extend_from_slice(payload);
        let path = self.dir.join(LOG);
        self.log
            .write_all(&entry)
            .map_err(|e| LiveError::io("write", &path, &e))
    }

    /// Flushes the log to disk: the changes made so far survive a power
    /// loss.
    ///
    /// # Errors
    ///
    /// [`LiveError::Io`] when the log cannot be flushed.
    pub fn sync(&mut self) -> Result<()> {
        let path = self.dir.join(LOG);
        self.log
            .sync_data()
            .map_err(|e| Error::from(LiveError::io("flush", &path, &e)))
    }

    /// Refreshes the term frequencies
    /// ([`refresh_term_frequencies`](Self::refresh_term_frequencies)),
    /// then writes a new snapshot (atomically) and empties the log: erased
    /// records' values and counts leave the directory. Returns what the
    /// refresh did to entities.
    ///
    /// # Errors
    ///
    /// [`LiveError::Io`] when a file cannot be written; the old snapshot
    /// and log stay as they were until the new snapshot's rename;
    /// [`LiveError::TermFrequenciesUnsaved`] as for [`create`](Self::create).
    pub fn save(&mut self) -> Result<Vec<EntityChange>> {
        let changes = self.refresh_term_frequencies()?;
        let (snapshot, log) = LiveStore::write(&self.dir, &self.state)?;
        self.snapshot = snapshot;
        self.log = log;
        Ok(changes)
    }
}

/// Replays the log's entries onto `state`; returns the end of the last
/// good entry, or `None` when the log is missing or belongs to another
/// snapshot.
fn replay_log(state: &mut LiveResolution, bytes: &[u8], snapshot: u64) -> Result<Option<usize>> {
    if bytes.len() < LOG_HEADER {
        return Ok(None);
    }
    let mut input = Reader {
        bytes,
        at: 0,
        file: LOG,
    };
    if &bytes[..8] != LOG_MAGIC {
        return Err(input.damaged("not a sameas change log").into());
    }
    check_header(&mut input, LOG_MAGIC)?;
    if input.u64()? != snapshot {
        return Ok(None);
    }
    let mut good = input.at;
    while input.at < bytes.len() {
        let Ok(len) = input.u32() else { break };
        let Ok(sum) = input.u64() else { break };
        let Ok(payload) = input.take(len as usize) else {
            break;
        };
        if checksum(payload) != sum {
            break;
        }
        replay(state, payload, LOG)?;
        good = input.at;
    }
    Ok(Some(good))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_checksum_sees_every_changed_byte_and_length() {
        let data: Vec<u8> = (0..100u8).collect();
        let base = checksum(&data);
        for at in 0..data.len() {
            let mut changed = data.clone();
            changed[at] ^= 1;
            assert_ne!(checksum(&changed), base, "byte {at}");
            assert_ne!(checksum(&data[..at]), base, "length {at}");
        }
    }

    /// A state saved before the names' sound was keyed in either order
    /// names the ordered rule of earlier versions: it loads with that
    /// rule, in the place it was saved in.
    #[cfg(feature = "synthetic")]
    #[test]
    fn a_state_naming_the_ordered_sound_rule_loads_with_it_in_place() {
        use crate::block::LinkMode;
        use crate::live::LiveSettings;
        use crate::resolve::Resolver;
        use crate::synthetic::shapes::{BirthDateGenerator, ShapeData};

        let data = BirthDateGenerator::builder()
            .seed(3)
            .entities(300)
            .build()
            .unwrap()
            .generate();
        let key = TermFrequencyKey::new("a secret of sixteen bytes or more").unwrap();
        let mut resolver = Resolver::with_options(data.schema(), ShapeData::prepare_options());
        resolver.term_frequency_key(key.clone());
        for source in data.sources() {
            resolver
                .add_source(source.name(), source.is_duplicate_free(), source.records())
                .unwrap();
        }
        let mut state =
            LiveResolution::from_resolution(resolver.resolve().unwrap(), LiveSettings::new())
                .unwrap();
        let now = "given:soundex + family:soundex in either order";
        let at = state
            .blocker_names
            .iter()
            .position(|name| name == now)
            .unwrap();
        // Not last, so that the order loaded is seen.
        assert!(
            at + 1 < state.blocker_names.len(),
            "{:?}",
            state.blocker_names
        );
        state.blocker_names[at] = "given:soundex + family:soundex".to_string();
        let saved = state.blocker_names.clone();
        let loaded =
            read_body(&snapshot_body(&state), "state", Some(&key), FORMAT_VERSION).unwrap();
        assert_eq!(loaded.blocker_names, saved);
        let rules: Vec<String> = loaded
            .index
            .estimate(&loaded.store, LinkMode::DedupAndLink)
            .rules
            .into_iter()
            .map(|rule| rule.name)
            .collect();
        assert_eq!(rules, saved);
    }

    /// Version 4 saves the values read as missing with the settings;
    /// version 3 saved none, and reads as having none.
    #[test]
    fn settings_keep_the_values_read_as_missing_since_version_4() {
        use crate::live::LiveSettings;

        let settings = LiveSettings::new();
        let options = PrepareOptions::builder()
            .missing_values("dob", &["1900-01-01", "1970-01-01"])
            .missing_values("given", &["TEST"])
            .build()
            .unwrap();
        let mut out = Writer::default();
        write_settings(&mut out, &settings, &options);
        let mut input = Reader {
            bytes: &out.bytes,
            at: 0,
            file: "state",
        };
        let (_, read) = read_settings(&mut input, FORMAT_VERSION).unwrap();
        assert_eq!(input.at, out.bytes.len());
        assert_eq!(read.missing_values("dob"), ["1900-01-01", "1970-01-01"]);
        assert_eq!(read.missing_values("given"), ["TEST"]);

        let mut out = Writer::default();
        write_settings(&mut out, &settings, &PrepareOptions::new());
        // Version 3 ended the settings before the count of fields (0 here).
        let version_3 = &out.bytes[..out.bytes.len() - 8];
        let mut input = Reader {
            bytes: version_3,
            at: 0,
            file: "state",
        };
        let (_, read) = read_settings(&mut input, 3).unwrap();
        assert_eq!(input.at, version_3.len());
        assert_eq!(read.missing().iter().count(), 0);
    }

    #[test]
    fn a_reader_refuses_counts_past_the_end() {
        let mut out = Writer::default();
        out.u64(u64::MAX);
        let mut input = Reader {
            bytes: &out.bytes,
            at: 0,
            file: "x",
        };
        assert!(matches!(input.count(8), Err(LiveError::Damaged { .. })));
    }
}
