//! Live resolution: a resolved state that stays current as records are
//! inserted, replaced and erased one at a time, with stable entity ids,
//! change events and a saved state with an append-only change log.
//!
//! [`LiveResolution::from_resolution`] turns a batch [`Resolution`](crate::resolve::Resolution)
//! into a live state; [`LiveResolution::upsert`], [`LiveResolution::erase`]
//! change it and return the [`EntityChange`]s they caused;
//! [`LiveResolution::match_record`] asks which entity a record would join
//! without changing anything; [`LiveStore`] keeps a state in a directory
//! (snapshot plus change log).
//!
//! # Design
//!
//! ## What the state holds
//!
//! - the [`PreparedStore`](crate::PreparedStore) of every record, in
//!   slots: a replaced or erased record's slot is blanked (its id, raw and
//!   normalised values overwritten with zero bytes, its derived features
//!   cleared) and never used again; slots are compacted when the state is
//!   saved and loaded;
//! - the [`BlockingIndex`](crate::block::BlockingIndex) of the live
//!   records under the default blockers the first run chose for its
//!   records ([`default_blockers_for`](crate::block::default_blockers_for),
//!   as the resolver chooses them; kept, like the model; a run that
//!   blocked with the host's own blockers is refused with
//!   [`LiveError::CustomBlockers`]), key hashes only;
//! - the frozen [`FellegiSunter`](crate::matcher::FellegiSunter) model,
//!   its term-frequency counts included;
//! - the accepted pairs (probability at or above the threshold) as
//!   adjacency lists with their scores;
//! - the entities: id, age (creation counter) and members; per record its
//!   entity, its age (insertion counter, kept when it is replaced) and
//!   whether it counts in the term frequencies;
//! - per comparison with term frequencies, the live records holding each
//!   counted value, and per record the keyed hash of its value (so that a
//!   count's change finds the pairs to rescore without reading records);
//! - the counted values of records erased or replaced since the last
//!   [`refresh_term_frequencies`](LiveResolution::refresh_term_frequencies),
//!   by keyed hash;
//! - identical records (the same normalised value in every field) by a
//!   hash of their values: like a batch run, which compares them whatever
//!   the block sizes, the state pairs them (every pair, where the batch
//!   run's first pass compares a star), and the chain guard never refuses
//!   their pair.
//!
//! ## Invariants (incremental = batch)
//!
//! After every change, for the live records `R`:
//!
//! 1. the index holds exactly `R`, so a record's candidates are those a
//!    batch [`BlockingIndex::candidate_pairs`](crate::block::BlockingIndex::candidate_pairs) gives it (blocks past the cap included:
//!    an insert that pushes a block past the cap drops the pairs only that
//!    block made; a removal that brings one back under scores its pairs);
//! 2. the kept pairs are exactly the candidate pairs scoring at or above
//!    the threshold with the current model;
//! 3. the entities are those [`cluster`](crate::cluster::cluster) finds
//!    for `R` and those pairs. Clustering never joins two connected
//!    components of accepted pairs and decides inside one from its own
//!    pairs (in an order that depends on scores and on source names and
//!    record ids, not on positions), so a change clusters again only the
//!    union of the components its records were in before and are in
//!    after; everything else keeps its entity and id.
//!
//! So any sequence of upserts and erasures ends in the partition a batch
//! [`Resolver`](crate::resolve::Resolver) gives the final records with
//! the state's current model, settings and the default blockers
//! (`tests/live.rs` checks it on random sequences with merges, splits,
//! replacements, erasures and blocks crossing the cap).
//!
//! ## Term frequencies
//!
//! The model is frozen: an upsert changes no count. A record counted when
//! the model was trained (every record of the run that trained it) is
//! taken out of the counts when it is erased or replaced (its old values
//! leave the state, so their contribution goes too), at the next
//! [`LiveResolution::refresh_term_frequencies`] (a group commit: a common
//! value is held by thousands of records, and each change of its count
//! rescores all their pairs, so the counts change once for a batch of
//! changes; [`LiveStore::save`] and `sameas apply` refresh, and the log
//! records each refresh so that loading replays it at the same point).
//! Until then the record's values are gone from memory but its counts
//! stay, and the state is exactly what a batch run with the state's model
//! (the old counts) gives. At the refresh each of its counted
//! values' counts drops by one (a count that would fall below the table's
//! `k` is dropped: the value then reads as held by `k - 1` records, which
//! it is). The denominator, the size of the counted sample, stays,
//! so only pairs agreeing exactly on a changed value change score; those
//! pairs (candidate pairs of two records holding the value) are rescored.
//! A model given to the run (not trained on its records) keeps its counts.
//!
//! The counts are hashed under the run's
//! [`TermFrequencyKey`](crate::matcher::TermFrequencyKey), which the state
//! keeps in memory only: a state is saved only when its model's counts
//! were keyed ([`LiveError::TermFrequenciesUnsaved`] otherwise, since
//! unkeyed hashes are never written and a loaded state would score
//! without them), and loaded with the same key
//! ([`LiveStore::open_with_key`]). Which counted values an erasure moved is
//! saved under the same keyed hashes, for values still held by at least
//! `k` records only.
//!
//! ## Entity ids
//!
//! Entities of the first batch keep the batch's ids (from their anchors);
//! later entities get ids minted from a counter the state keeps (a hash,
//! checked against the ids in use), never from a record's values. When a
//! change clusters a set of records again, the old entities involved are
//! taken oldest first (creation counter, then the larger, then the
//! smaller id); each claims the new group holding its oldest member
//! (smallest insertion counter) or, when an older entity took that group,
//! the unclaimed group holding most of its members; an entity that finds
//! every one of its groups taken is merged into the group of its oldest
//! member. Groups nobody claimed get new ids. So: an entity keeps its id
//! while it exists, whatever happens to its anchor; a merge keeps the id
//! of the oldest (then largest) entity; a split keeps the id on the part
//! holding the oldest member; entities the change did not touch never
//! change id. [`LiveResolution::carry_ids_from`] carries ids over by
//! overlap when everything is resolved again from scratch.
//!
//! ## Files
//!
//! A [`LiveStore`] directory holds `state.sameas` (the snapshot) and
//! `changes.log` (changes since the snapshot). Both are little-endian
//! binary:
//!
//! - snapshot: the magic `SAMEASLS`, the format version (`u32`,
//!   [`FORMAT_VERSION`]), the body's length (`u64`), the body, and a
//!   64-bit checksum of the body. The body holds the settings, the
//!   reading options (with the values read as missing, since version 4:
//!   placeholders many people hold, kept as written while the state
//!   lives, even after every holder is erased; a version 3 file, which
//!   this build still reads, has none), the model (its JSON: keyed hashes of values, never
//!   values), whether its term frequencies are read (the key is then
//!   needed to load), the names of the blockers the first run chose, the sources, and per live record its source, id, raw values
//!   (as the host gave them, trimmed), entity, age and whether it counts
//!   in the term frequencies; then the entities' ids and ages, the counters
//!   and the accepted pairs with their scores. Loading prepares the values
//!   again (the same options give the same prepared records), rebuilds the
//!   index, and reads the rest. Loading overlaps its independent steps
//!   (on both cores of a two-core machine with the `parallel` feature;
//!   the state is the same for any thread count): the body is read while
//!   its checksum is computed (a mismatch discards what was read), the
//!   records are prepared while the entities and pairs are read, and the
//!   blocking index is built while the maps by hash (canonical keys,
//!   identical records, holders of counted values) are.
//! - log: the magic `SAMEASLG`, the version, the snapshot's checksum (a
//!   log belongs to one snapshot), then one entry per change: length
//!   (`u32`), checksum (`u64`), and the change (upsert: source, id,
//!   values; erase: source, id; a term-frequency refresh: its kind only).
//!
//! Not saved: the survivorship rules (closures cannot be; a loaded state
//! builds golden records with the defaults until the host gives its own
//! to [`LiveResolution::set_survivorship`]), the term-frequency key (the
//! host gives it to [`LiveStore::open_with_key`]), and anything derived
//! (blocking index, holder index, identical records: rebuilt on load).
//! A snapshot never holds pending term-frequency changes: a save refreshes
//! first.
//!
//! A save writes the snapshot to a temporary file, flushes it to disk,
//! renames it over the old one, and then starts an empty log (written the
//! same way), so a crash at any point leaves either the old snapshot with
//! its log or the new one (with a log of another snapshot, which is
//! ignored). Each change is appended to the log before the call returns
//! ([`LiveStore::sync`] flushes it to disk: that is when it is
//! acknowledged against power loss). Loading replays the log's entries up
//! to the first one that is cut short or fails its checksum (a torn
//! tail): what a crash can lose is only the change being written.
//!
//! ## Erasure
//!
//! An erasure removes the record's values from memory at once (the
//! blanked slot, the index, the pairs, golden records, which are built
//! from the current members on demand); its contribution to the
//! term-frequency counts (keyed hashes and numbers) goes at the next
//! refresh, which every save makes first.
//! On disk, the snapshot and the log written before the erasure may still
//! hold them (the log names the erased record by source and id) until the
//! next [`LiveStore::save`], which writes a snapshot without the record
//! and truncates the log: after an erasure and a save, no byte of the
//! erased record's values is in any file of the directory (`tests/live.rs`
//! scans them for marker values). Entity ids are hashes, never values.
//!
//! ## Sharing between threads
//!
//! `LiveResolution` is `Send + Sync`. Readers ([`match_record`](LiveResolution::match_record),
//! [`entity_of`](LiveResolution::entity_of), [`golden_record`](LiveResolution::golden_record), ...)
//! take `&self`; changes take `&mut self`. Put it in a
//! [`std::sync::RwLock`]: any number of readers query at once, and the one
//! writer holds the write lock for one change at a time (well under a
//! millisecond for an upsert), so readers wait at most one change.
//!
//! # Examples
//!
//! ```
//! use std::sync::{Arc, RwLock};
//! use sameas::live::{EntityChange, LiveResolution, LiveSettings, RecordKey};
//! use sameas::resolve::Resolver;
//! use sameas::{FieldKind, OwnedRecord, Schema};
//!
//! let schema = Schema::builder()
//!     .field("name", FieldKind::FullName)
//!     .field("email", FieldKind::Email)
//!     .build()?;
//! let mut resolver = Resolver::new(schema);
//! let people = [("1", "Kelly Neal", "kelly@x.org"), ("2", "Kelly Neal", "kelly@x.org"),
//!               ("3", "Bob Stone", "bob@y.org"), ("4", "Ann Lee", "ann@z.org"),
//!               ("5", "Ann Lee", "ann@z.org"), ("6", "Rob Stone", "rob@w.org")];
//! let records: Vec<OwnedRecord> = people
//!     .iter()
//!     .map(|&(id, name, email)| OwnedRecord::new(id).with("name", name).with("email", email))
//!     .collect();
//! resolver.add_source("crm", false, &records)?;
//! let live = LiveResolution::from_resolution(resolver.resolve()?, LiveSettings::new())?;
//! let kelly = live.entity_of("crm", "1").unwrap();
//! assert_eq!(live.entity_of("crm", "2"), Some(kelly));
//!
//! // One writer, many readers.
//! let shared = Arc::new(RwLock::new(live));
//! let reader = {
//!     let shared = Arc::clone(&shared);
//!     std::thread::spawn(move || {
//!         let live = shared.read().unwrap();
//!         live.match_record(&OwnedRecord::new("q").with("name", "Kelly Neal").with("email", "kelly@x.org"))
//!             .map(|found| found.entity)
//!     })
//! };
//! let changes = shared.write().unwrap().erase("crm", "1")?;
//! // Erasing the anchor leaves the entity's id where it was.
//! assert!(changes.contains(&EntityChange::RecordErased { entity: kelly, record: RecordKey::new("crm", "1") }));
//! assert_eq!(shared.read().unwrap().entity_of("crm", "2"), Some(kelly));
//! assert_eq!(reader.join().unwrap()?, Some(kelly));
//! # Ok::<(), sameas::Error>(())
//! ```

mod apart;
mod carry;
mod change;
mod persist;
mod settings;
mod state;

pub use crate::error::LiveError;
pub use change::{EntityChange, RecordKey};
pub use persist::{FORMAT_VERSION, LiveStore, checksum};
pub use settings::LiveSettings;
pub use state::{LiveResolution, MatchCandidate, RecordMatch};
