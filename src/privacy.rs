//! Privacy guide: what the crate stores, where record values can appear,
//! how to run it with sensitive fields hidden, and how to forget a
//! record. A module of documentation only.
//!
//! Identity resolution handles the most sensitive data a business holds.
//! The rule the crate follows: a record's values appear only where the
//! host asked for them, and never in an error, a log line, a statistic,
//! `Debug` output or a saved model.
//!
//! # What the crate stores
//!
//! | where | what it holds | how long |
//! |---|---|---|
//! | [`PreparedStore`](crate::PreparedStore) | per record its source, its id, each field's value as given (trimmed; kept once when it equals the normalised value), the normalised value and derived features (Soundex codes, formal given names, parsed dates and numbers) | until the host drops it (a [`Resolution`](crate::resolve::Resolution) owns its store) |
//! | [`Resolution`](crate::resolve::Resolution) | the store, the entities (record positions), the scored pairs (positions and scores) | until dropped |
//! | [`GoldenRecord`](crate::survive::GoldenRecord) | the surviving value of every field and every member's value, sensitive fields included, with the record each came from | until dropped |
//! | a saved model ([`FellegiSunter::to_json`](crate::matcher::FellegiSunter::to_json)) | the schema (field names and kinds), m and u per comparison level, the priors per pair of sources (the sources' names), the training report (counts), and term frequencies as below | as long as the file |
//! | an [`Explanation`](crate::matcher::Explanation) | the compared fields' raw and normalised values of one pair (sensitive ones only when revealed) and the weights | built on request, until dropped |
//! | a [`LiveResolution`](crate::live::LiveResolution) (memory) | a prepared store of the live records (as above), the blocking index (key hashes only), the frozen model with its term-frequency counts, the accepted pairs (positions and scores), the entities, and per counted value the live records holding it (keyed hashes) | until dropped; an erased record's slot is overwritten at once |
//! | a [`LiveStore`](crate::live::LiveStore) directory | `state.sameas`: the settings, the schema, the model (keyed counts only), the sources, and per live record its source, id and raw values, entity, age; the entities' ids; the pairs; keyed hashes of the values erasures took out of the counts. `changes.log`: every upsert since the snapshot with its id and values, every erasure with its source and id | until the next [`save`](crate::live::LiveStore::save), which writes a new snapshot and an empty log |
//! | the HTML report (`sameas-report`) | aggregates, and a bounded sample of entities with their records' values, sensitive ones masked and not written unless revealed | as long as the file |
//!
//! A saved model holds no value. Term frequencies (how many records share
//! a surname) are kept only for values shared by at least `k` records
//! (default 5, [`Trainer::term_frequency_min_count`](crate::matcher::Trainer::term_frequency_min_count)),
//! as SipHash-2-4 hashes keyed by a secret the host supplies
//! ([`TermFrequencyKey`](crate::matcher::TermFrequencyKey)) and that is
//! never written; without a key no counts are saved at all. Without the
//! key a saved table cannot be tested against a list of guessed names,
//! and no count points at fewer than `k` records.
//!
//! Values are cut to [`MAX_FIELD_BYTES`](crate::MAX_FIELD_BYTES) (64 KiB)
//! when ingested (counted in [`FieldStats::truncated`](crate::FieldStats::truncated)),
//! so one runaway value cannot cost memory out of proportion.
//!
//! # Where values can appear
//!
//! - **Explanations** ([`Explanation`](crate::matcher::Explanation)) show
//!   the raw and normalised values of the fields compared, except
//!   sensitive ones, which read `(hidden)` unless the caller passes
//!   [`Reveal::All`](crate::matcher::Reveal::All).
//! - **Golden records** hold every value, sensitive ones included (they
//!   are the host's output); their `Display` writes `<sensitive>` for a
//!   sensitive field, and their `Debug` only field names and lengths.
//! - **`Debug`** of [`PreparedStore`](crate::PreparedStore),
//!   [`PreparedRecord`](crate::PreparedRecord),
//!   [`OwnedRecord`](crate::OwnedRecord),
//!   [`GoldenRecord`](crate::survive::GoldenRecord) and
//!   [`GoldenField`](crate::survive::GoldenField) prints field names and
//!   value lengths, never values or record ids, so a `{:?}` in a log or a
//!   panic message leaks nothing.
//! - **Errors** name the field, record position, line or setting at
//!   fault, never the value: [`EmailError`](crate::normalize::EmailError)
//!   and the phone and date errors keep the refused input in the variant
//!   for the caller, not in the message.
//! - **Statistics and progress** ([`RunStats`](crate::resolve::RunStats),
//!   [`BlockingStats`](crate::block::BlockingStats),
//!   [`IngestStats`](crate::IngestStats), the progress callback) hold
//!   counts, field and source names, and times. The library writes no log.
//! - **Entity ids** are unkeyed hashes of their anchor's source name and
//!   record id, the same in every run: pseudonyms that reveal the record
//!   id to anyone who can list candidate ids (see
//!   [`EntityId`](crate::cluster::EntityId)). Map them to ids of your own
//!   before they leave systems that may see record ids.
//! - **Record ids** are the host's and appear wherever a record must be
//!   named (golden-record provenance, the command's output).
//!
//! # Running with sensitive fields hidden
//!
//! Mark fields sensitive in the schema:
//! [`SchemaBuilder::sensitive`](crate::SchemaBuilder::sensitive) or
//! [`SchemaBuilder::sensitive_field`](crate::SchemaBuilder::sensitive_field).
//! A [`FieldKind::Identifier`](crate::FieldKind::Identifier) field
//! (a customer number, a national id) is sensitive by default, and
//! [`infer_schema`](crate::infer::infer_schema) marks identifiers, dates
//! and columns whose header names a sensitive attribute (SSN, passport,
//! tax id, ...).
//!
//! ```
//! use sameas::matcher::TermFrequencyKey;
//! use sameas::resolve::Resolver;
//! use sameas::{FieldKind, Schema};
//!
//! let schema = Schema::builder()
//!     .field("name", FieldKind::FullName)
//!     .field("ssn", FieldKind::Identifier) // sensitive by default
//!     .field("dob", FieldKind::Date)
//!     .sensitive("dob", true)
//!     .build()?;
//! assert!(schema.fields().iter().skip(1).all(|field| field.is_sensitive()));
//! let mut resolver = Resolver::new(schema);
//! // From the host's secret store, never from source code.
//! # let secret_from_the_vault = "an example secret of 16+ bytes";
//! resolver.term_frequency_key(TermFrequencyKey::new(secret_from_the_vault)?);
//! # Ok::<(), sameas::Error>(())
//! ```
//!
//! The command: `sameas resolve` hides sensitive values in `--explain`
//! unless `--reveal` is given, and reads the term-frequency key from the
//! file `--key-file` or `SAMEAS_KEY_FILE` names (a file readable by the
//! service only; a secret on the command line would land in the shell
//! history and the process list). Its `--golden` output is the host's
//! data and holds every value.
//!
//! # Forgetting a record
//!
//! **Batch.** A [`Resolver`](crate::resolve::Resolver) keeps nothing
//! between runs: to erase a record, remove it from the input and resolve
//! again, and drop (or overwrite) every earlier output that named it
//! (entity files, golden records, reports). A saved model holds no value
//! of the record; a term-frequency count it contributed to stays until
//! the model is trained again, and that count covers at least `k`
//! records, so it does not point at the record. Retrain after erasure
//! when even that contribution must go.
//!
//! **Live.** [`LiveResolution::erase`](crate::live::LiveResolution::erase)
//! (or [`LiveStore::erase`](crate::live::LiveStore::erase), `sameas
//! apply` with an `erase` row) forgets a record in memory at once:
//!
//! - its slot in the prepared store is blanked: the id, the raw and the
//!   normalised values are overwritten with zero bytes in their arenas
//!   and its derived features cleared (the zeroed bytes are dropped when
//!   the state is next saved and loaded);
//! - it leaves the blocking index, every pair, and its entity, whose
//!   remaining records are clustered again (the entity may split);
//! - when it was counted in the model's term frequencies (a record of
//!   the run that trained the model), each of its values' counts drops
//!   by one, and a count that would fall below `k` is dropped; which
//!   counted values moved is kept as keyed hashes only;
//! - golden records are built from the current members on demand, so no
//!   copy of its values survives in them.
//!
//! On disk, until the next save, the snapshot and the change log written
//! before the erasure may still hold the record's values (an upsert of
//! it in the log, its row in the snapshot), and the log names the erased
//! record by source and id. [`LiveStore::save`](crate::live::LiveStore::save)
//! writes a new snapshot without it to a temporary file, flushes it and
//! renames it over the old one, then starts an empty log the same way:
//! after an erasure and a save, no byte of the record's values or id is in
//! any file of the directory (`tests/live.rs` scans the files for marker
//! values). `sameas apply` saves when it ends. What the files no longer
//! hold, the disk may: a rename frees the old file's blocks without
//! overwriting them, so keep the directory on an encrypted volume when
//! erasure must reach the medium.
//!
//! What stays after an erasure and a save: an entity anchored on the
//! erased record keeps its id, an unkeyed hash of that record's source
//! and id (see [`EntityId`](crate::cluster::EntityId): a pseudonym, not a
//! value); the model's counts without the record's contribution; and
//! anything the host copied out (events, outputs, a model saved to its
//! own file, backups of the directory), which the host erases itself.
//!
//! # Limits
//!
//! | limit | value | when exceeded |
//! |---|---|---|
//! | [`MAX_FIELD_BYTES`](crate::MAX_FIELD_BYTES) | 64 KiB per value | cut at a character boundary and counted |
//! | [`MAX_ID_BYTES`](crate::MAX_ID_BYTES) | 1 KiB per record id | [`StoreError::IdTooLong`](crate::StoreError::IdTooLong), naming the source and the record's position, never the id (ids are never cut: two cut alike would name one record) |
//! | [`MAX_FIELDS`](crate::MAX_FIELDS) | 1,024 fields | [`BuildError::TooManyFields`](crate::BuildError::TooManyFields) |
//! | [`MAX_RECORDS`](crate::MAX_RECORDS) | 2^31 - 1 records per store | [`StoreError::TooManyRecords`](crate::StoreError::TooManyRecords) |
//! | sources | 65,535 per store | [`StoreError::TooManySources`](crate::StoreError::TooManySources) |
//! | block size | 300 records by default ([`BlockingOptions`](crate::block::BlockingOptions)) | the block is skipped, counted in [`RunStats::skipped_blocks`](crate::resolve::RunStats::skipped_blocks) with the pairs it would have made ([`RunStats::skipped_block_pairs`](crate::resolve::RunStats::skipped_block_pairs)); identical records are compared anyway; each record gets at most `cap - 1` candidates per blocking key, so comparison work stays linear in the records |
//! | entity size | 64 records by default ([`ClusterOptionsBuilder::size_limit`](crate::cluster::ClusterOptionsBuilder::size_limit)) | a merge past it must show dense agreement between the two groups (a chain is refused, counted in [`ClusterDiagnostics`](crate::cluster::ClusterDiagnostics)); copies and densely agreeing groups still merge |
//! | [`MAX_TRAINING_PAIRS`](crate::matcher::MAX_TRAINING_PAIRS) | 10,000,000 random pairs or pairs per rule | [`BuildError::InvalidParameter`](crate::BuildError::InvalidParameter) when training starts |
//! | a CSV row (`sameas resolve`) | 100 lines | an error naming the line where the quote opened |
//! | a live state file | its own length | lengths and counts past the end of the file are [`LiveError::Damaged`](crate::live::LiveError::Damaged) before anything is allocated for them |
//!
//! `tests/adversarial.rs` runs the distributions that push on these
//! limits (one value in every record, one giant household, columns
//! without a value, copies by the hundred) and checks what is skipped and
//! reported; `fuzz/` fuzzes the readers of every input the crate takes
//! (CSV through the command's reader, model files, state files, every
//! normaliser and comparator; see `fuzz/README.md`).
