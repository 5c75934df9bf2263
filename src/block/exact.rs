//! Exact duplicates: records whose every normalised value is the same.
//!
//! Blocking skips a key shared by more records than the block-size cap,
//! so without this pass 301 copies of one record in a default run were
//! never compared and stayed 301 entities. Identical records are grouped
//! here by their normalised values (whatever the blocks), and each group
//! yields a star of candidate pairs (every member to its source's first
//! member, the sources' first members to each other): linear in the
//! group, however large. The resolver scores these pairs like any other,
//! and the clustering never lets the chain guard refuse a pair of
//! identical records (a pair of copies is no chain), so identical
//! records end in one entity whenever their pair is accepted, as they do
//! when a block holds them all.

use crate::hash::hash_key;
use crate::id::{FieldId, RecordIndex, SourceId};
use crate::prepare::{PreparedRecord, PreparedStore};

use super::LinkMode;
use super::index::PairFilter;

/// No group: the record has no identical twin (or no value at all).
pub(crate) const NO_GROUP: u32 = u32::MAX;

/// The groups of identical records of a store.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(crate) struct ExactDuplicates {
    /// Per record, its group's number, or [`NO_GROUP`].
    group_of: Vec<u32>,
    /// Per group, its members, ascending.
    groups: Vec<Vec<RecordIndex>>,
}

impl ExactDuplicates {
    /// Groups the records of `store` with the same normalised value in
    /// every field (at least one of them present).
    pub(crate) fn find(store: &PreparedStore) -> ExactDuplicates {
        let fields: Vec<FieldId> = (0..store.schema().len())
            .filter_map(|position| u16::try_from(position).ok().map(FieldId))
            .collect();
        let mut hashed: Vec<(u64, RecordIndex)> = Vec::new();
        let mut row = Vec::new();
        for record in store.records() {
            row.clear();
            let mut any = false;
            for &field in &fields {
                let text = record.text(field).unwrap_or("");
                any |= !text.is_empty();
                row.extend_from_slice(text.as_bytes());
                // 0xFF never occurs in UTF-8: the field ends here.
                row.push(0xFF);
            }
            if any {
                hashed.push((hash_key(&row), record.index()));
            }
        }
        hashed.sort_unstable();
        let mut duplicates = ExactDuplicates {
            group_of: vec![NO_GROUP; store.len()],
            groups: Vec::new(),
        };
        let same = |a: &PreparedRecord<'_>, b: &PreparedRecord<'_>| {
            fields.iter().all(|&field| a.text(field) == b.text(field))
        };
        for run in hashed.chunk_by(|a, b| a.0 == b.0) {
            if run.len() < 2 {
                continue;
            }
            // Records whose values only share a hash are told apart here:
            // each member joins the first earlier group it equals.
            let mut local: Vec<Vec<RecordIndex>> = Vec::new();
            for &(_, index) in run {
                let Some(record) = store.record(index) else {
                    continue;
                };
                let found = local.iter_mut().find(|group| {
                    group
                        .first()
                        .and_then(|&first| store.record(first))
                        .is_some_and(|first| same(&first, &record))
                });
                match found {
                    Some(group) => group.push(index),
                    None => local.push(vec![index]),
                }
            }
            for group in local.into_iter().filter(|group| group.len() > 1) {
                let number = duplicates.groups.len() as u32;
                for member in &group {
                    duplicates.group_of[member.get()] = number;
                }
                duplicates.groups.push(group);
            }
        }
        duplicates
    }

    /// Whether `a` and `b` are identical records (in one group).
    #[inline]
    pub(crate) fn identical(&self, a: u32, b: u32) -> bool {
        let group = |record: u32| self.group_of.get(record as usize).copied();
        match (group(a), group(b)) {
            (Some(x), Some(y)) => x == y && x != NO_GROUP,
            _ => false,
        }
    }

    /// Groups found.
    #[cfg(test)]
    pub(crate) fn groups(&self) -> usize {
        self.groups.len()
    }

    /// The star pairs of every group that `mode` allows, each `(a, b)`
    /// with `a < b`, sorted and distinct. Which member is a source's
    /// first is decided by the records' canonical keys (source and id),
    /// so the pairs do not depend on the input order.
    pub(crate) fn star_pairs(
        &self,
        store: &PreparedStore,
        mode: LinkMode,
    ) -> Vec<(RecordIndex, RecordIndex)> {
        let filter = PairFilter::new(store, mode);
        let keys = store.canonical_keys();
        let key = |record: RecordIndex| (keys.get(record.get()).copied().unwrap_or(0), record);
        let mut pairs = Vec::new();
        let mut emit = |a: RecordIndex, b: RecordIndex| {
            if a != b && filter.allows(a, b) {
                pairs.push((a.min(b), a.max(b)));
            }
        };
        for group in &self.groups {
            // The first member of each source in the group.
            let mut heads: Vec<(SourceId, RecordIndex)> = Vec::new();
            for &member in group {
                let Some(source) = store.record(member).map(|record| record.source()) else {
                    continue;
                };
                match heads.iter_mut().find(|(known, _)| *known == source) {
                    Some(head) if key(member) < key(head.1) => head.1 = member,
                    Some(_) => {}
                    None => heads.push((source, member)),
                }
            }
            for (position, &(_, head)) in heads.iter().enumerate() {
                for &(_, other) in &heads[position + 1..] {
                    emit(head, other);
                }
            }
            for &member in group {
                let Some(source) = store.record(member).map(|record| record.source()) else {
                    continue;
                };
                let Some(&(_, own_head)) = heads.iter().find(|(known, _)| *known == source) else {
                    continue;
                };
                if member == own_head {
                    continue;
                }
                if filter.allows(member, own_head) {
                    emit(member, own_head);
                } else {
                    // Pairs within the source are not compared (link
                    // mode, or a duplicate-free source): link the member
                    // to the other sources' copies instead.
                    for &(other_source, head) in &heads {
                        if other_source != source {
                            emit(member, head);
                        }
                    }
                }
            }
        }
        pairs.sort_unstable();
        pairs.dedup();
        pairs
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::record::OwnedRecord;
    use crate::schema::{FieldKind, Schema};

    /// A record as (id, name, email).
    type Row<'a> = (&'a str, &'a str, &'a str);

    fn store(sources: &[(&str, bool, &[Row<'_>])]) -> PreparedStore {
        let schema = Schema::builder()
            .field("name", FieldKind::FullName)
            .field("email", FieldKind::Email)
            .build()
            .unwrap();
        let mut store = PreparedStore::new(schema);
        for &(name, duplicate_free, records) in sources {
            let source = store.add_source(name, duplicate_free).unwrap();
            let records: Vec<OwnedRecord> = records
                .iter()
                .map(|&(id, name, email)| {
                    OwnedRecord::new(id).with("name", name).with("email", email)
                })
                .collect();
            store.ingest(source, &records).unwrap();
        }
        store
    }

    fn ids(store: &PreparedStore, pairs: &[(RecordIndex, RecordIndex)]) -> Vec<(String, String)> {
        pairs
            .iter()
            .map(|&(a, b)| {
                let id = |r| store.record(r).unwrap().id().to_string();
                (id(a), id(b))
            })
            .collect()
    }

    #[test]
    fn identical_after_normalisation_is_one_group_and_a_star() {
        let store = store(&[(
            "crm",
            false,
            &[
                ("1", "Ann Lee", "ann@x.org"),
                ("2", "ANN  lee", "Ann@X.org"),
                ("3", "Ann Lee", "ann@y.org"),
                ("4", "Ann Lee", "ann@x.org"),
                ("5", "", ""),
                ("6", "", ""),
            ],
        )]);
        let duplicates = ExactDuplicates::find(&store);
        assert_eq!(duplicates.groups(), 1, "empty records form no group");
        assert!(duplicates.identical(0, 3));
        assert!(!duplicates.identical(0, 2));
        assert!(!duplicates.identical(4, 5));
        assert_eq!(
            ids(&store, &duplicates.star_pairs(&store, LinkMode::Dedup)),
            [("1".into(), "2".into()), ("1".into(), "4".into())]
        );
    }

    #[test]
    fn stars_follow_the_link_mode_and_duplicate_free_sources() {
        let copy = ("", "Ann Lee", "ann@x.org");
        let store = store(&[
            (
                "crm",
                false,
                &[("c1", copy.1, copy.2), ("c2", copy.1, copy.2)],
            ),
            (
                "web",
                true,
                &[("w1", copy.1, copy.2), ("w2", copy.1, copy.2)],
            ),
        ]);
        let duplicates = ExactDuplicates::find(&store);
        let pairs = |mode| ids(&store, &duplicates.star_pairs(&store, mode));
        let pair = |a: &str, b: &str| (a.to_string(), b.to_string());
        assert_eq!(pairs(LinkMode::Dedup), [pair("c1", "c2")]);
        assert_eq!(
            pairs(LinkMode::Link),
            // Each source's first member is the one with the smaller
            // canonical key (a hash of source and id): here c2 and w1.
            [pair("c1", "w1"), pair("c2", "w1"), pair("c2", "w2")]
        );
        assert_eq!(
            pairs(LinkMode::DedupAndLink),
            [pair("c1", "c2"), pair("c2", "w1"), pair("c2", "w2")]
        );
    }

    #[test]
    fn the_pairs_do_not_depend_on_the_input_order() {
        let rows = [
            ("a", "Ann Lee", "ann@x.org"),
            ("b", "Ann Lee", "ann@x.org"),
            ("c", "Ann Lee", "ann@x.org"),
        ];
        let reversed: Vec<_> = rows.iter().rev().copied().collect();
        let forward = store(&[("crm", false, &rows)]);
        let backward = store(&[("crm", false, &reversed)]);
        let named = |store: &PreparedStore| {
            let mut pairs = ids(
                store,
                &ExactDuplicates::find(store).star_pairs(store, LinkMode::Dedup),
            );
            for pair in &mut pairs {
                if pair.0 > pair.1 {
                    std::mem::swap(&mut pair.0, &mut pair.1);
                }
            }
            pairs.sort();
            pairs
        };
        assert_eq!(named(&forward), named(&backward));
        assert_eq!(
            named(&forward),
            [("a".into(), "b".into()), ("a".into(), "c".into())]
        );
    }
}
