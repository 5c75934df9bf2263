//! Survivorship through the public API: provenance always points at a
//! member holding the surviving raw value, the result does not depend on
//! the members' order, every distinct value stays reachable, golden
//! records survive a serde round trip, and golden records built from
//! synthetic entities hold values of those entities.

use std::collections::BTreeMap;
use std::panic::{RefUnwindSafe, UnwindSafe};

use proptest::prelude::*;
use sameas::survive::{
    Alternative, Candidate, GoldenField, GoldenRecord, Member, Provenance, RuleName, Sighting,
    SurviveError, SurvivingValue, Survivorship, SurvivorshipRule, SurvivorshipRules,
};
use sameas::synthetic::PeopleGenerator;
use sameas::{Error, FieldKind, OwnedRecord, PreparedStore, RecordIndex, Schema, StoreError};

const SOURCES: &[&str] = &["crm", "web", "support"];
const IDS: &[&str] = &["1", "2", "10", "a", "Ä"];
const GIVEN: &[&str] = &[
    "Kelly", "KELLY", "Kely", "Bill", "William", "Zoë", "zoe", "山田", "🦀", "Dr.", "",
];
const EMAIL: &[&str] = &[
    "k.neal@gmail.com",
    "K.Neal@GoogleMail.com",
    "kelly@example.org",
    "not-an-email",
    "",
];
const PHONE: &[&str] = &[
    "+1 555 010 2030",
    "+1 (555) 010-2030",
    "+44 20 7946 0958",
    "12",
    "",
];
const UPDATED: &[&str] = &["2020-01-01", "2024-06-30", "06/30/2024", "2023-02-30", ""];
const ADDRESS: &[&str] = &["1 Main Street", "1 main st", "9 Rue de l'Église", ""];

fn schema() -> Schema {
    Schema::builder()
        .field("given", FieldKind::GivenName)
        .field("email", FieldKind::Email)
        .field("phone", FieldKind::Phone)
        .field("address", FieldKind::Address)
        .sensitive_field("customer", FieldKind::Identifier)
        .field("updated", FieldKind::Date)
        .build()
        .expect("valid schema")
}

/// (source, id, given, email, phone, updated, address) as indexes.
type Row = (usize, usize, usize, usize, usize, usize, usize);

fn rows() -> impl Strategy<Value = Vec<Row>> {
    prop::collection::vec(
        (
            0..SOURCES.len(),
            0..IDS.len(),
            0..GIVEN.len(),
            0..EMAIL.len(),
            0..PHONE.len(),
            0..UPDATED.len(),
            0..ADDRESS.len(),
        ),
        1..9,
    )
}

fn store_of(rows: &[Row]) -> PreparedStore {
    let mut store = PreparedStore::new(schema());
    let sources: Vec<_> = SOURCES
        .iter()
        .map(|name| store.add_source(name, false).expect("distinct sources"))
        .collect();
    // One record per ingest call keeps the store index equal to the row.
    for &(source, id, given, email, phone, updated, address) in rows {
        let record = OwnedRecord::new(IDS[id])
            .with("given", GIVEN[given])
            .with("email", EMAIL[email])
            .with("phone", PHONE[phone])
            .with("updated", UPDATED[updated])
            .with("address", ADDRESS[address])
            .with("customer", format!("C-{}", id));
        store.ingest(sources[source], &[record]).expect("ingests");
    }
    store
}

fn rules(store: &PreparedStore) -> SurvivorshipRules {
    let prefer_gmail = SurvivorshipRule::custom("gmail", |candidates: &[Candidate<'_>]| {
        candidates
            .iter()
            .position(|c| c.normalized().ends_with("@gmail.com"))
    });
    SurvivorshipRules::builder(store)
        .timestamp_field("updated")
        .source_priority(["crm", "web"])
        .rule("email", [prefer_gmail, SurvivorshipRule::MostRecent])
        .rule("phone", [SurvivorshipRule::FirstNonEmpty])
        .build()
        .expect("valid rules")
}

fn all_members(store: &PreparedStore) -> Vec<RecordIndex> {
    store.records().map(|record| record.index()).collect()
}

proptest! {
    #[test]
    fn provenance_points_at_a_member_holding_the_raw_value(rows in rows()) {
        let store = store_of(&rows);
        let members = all_members(&store);
        let golden = rules(&store).survive(&store, &members).unwrap();
        for (position, field) in store.schema().fields().iter().enumerate() {
            let id = store.schema().field_id(field.name()).unwrap();
            prop_assert_eq!(id.index(), position);
            let any_usable = members.iter().any(|&m| store.record(m).unwrap().readable_text(id).is_some());
            prop_assert_eq!(golden.value(field.name()).is_some(), any_usable);
            if let (Some(value), Some(provenance)) =
                (golden.value(field.name()), golden.provenance(field.name()))
            {
                let position = provenance.record().unwrap();
                prop_assert!(members.contains(&position));
                prop_assert!(golden.members().contains(provenance.member()));
                let record = store.record(position).unwrap();
                prop_assert_eq!(record.raw(id), Some(value));
                prop_assert_eq!(record.readable_text(id), golden.normalized_value(field.name()));
                prop_assert_eq!(record.id(), provenance.record_id());
                prop_assert_eq!(store.source(record.source()).name(), provenance.source());
            }
        }
    }

    #[test]
    fn the_result_does_not_depend_on_member_order_or_repeats(
        (rows, order) in rows().prop_flat_map(|rows| {
            let len = rows.len();
            (Just(rows), prop::collection::vec(0..len, 0..12))
        }),
        seed in any::<u64>(),
    ) {
        let store = store_of(&rows);
        let rules = rules(&store);
        let members = all_members(&store);
        let golden = rules.survive(&store, &members).unwrap();
        // A permutation (deterministic shuffle from `seed`) plus repeats.
        let mut shuffled = members.clone();
        let mut state = seed | 1;
        for i in (1..shuffled.len()).rev() {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            shuffled.swap(i, (state % (i as u64 + 1)) as usize);
        }
        shuffled.extend(order.iter().map(|&i| RecordIndex::from_position(i)));
        prop_assert_eq!(rules.survive(&store, &shuffled).unwrap(), golden);
    }

    #[test]
    fn every_distinct_member_value_is_reachable(rows in rows()) {
        let store = store_of(&rows);
        let members = all_members(&store);
        let golden = rules(&store).survive(&store, &members).unwrap();
        prop_assert_eq!(golden.members().len(), members.len());
        for field in store.schema().fields() {
            let id = store.schema().field_id(field.name()).unwrap();
            let alternatives = golden.alternatives(field.name());
            let mut seen = 0;
            for &member in &members {
                let record = store.record(member).unwrap();
                let Some(raw) = record.raw(id) else { continue };
                seen += 1;
                let holder = alternatives.iter().find(|a| {
                    a.sightings().iter().any(|s| s.member().record() == Some(member) && s.raw() == raw)
                });
                prop_assert!(holder.is_some(), "{} of {:?} lost", raw, member);
                prop_assert_eq!(holder.unwrap().normalized(), record.readable_text(id));
            }
            let sightings: usize = alternatives.iter().map(|a| a.sightings().len()).sum();
            prop_assert_eq!(sightings, seen);
            // Distinct by normalised value.
            let mut normalized: Vec<_> = alternatives.iter().filter_map(|a| a.normalized()).collect();
            let before = normalized.len();
            normalized.sort_unstable();
            normalized.dedup();
            prop_assert_eq!(normalized.len(), before);
        }
    }

    #[test]
    fn any_member_slice_gives_a_record_or_a_typed_error(
        rows in rows(),
        positions in prop::collection::vec(0..20usize, 0..6),
    ) {
        let store = store_of(&rows);
        let members: Vec<RecordIndex> = positions.iter().map(|&p| RecordIndex::from_position(p)).collect();
        let result = rules(&store).survive(&store, &members);
        match members.iter().find(|m| m.get() >= store.len()) {
            _ if members.is_empty() => prop_assert_eq!(result, Err(Error::Survive(SurviveError::EmptyCluster))),
            Some(unknown) => prop_assert_eq!(result, Err(Error::Store(StoreError::RecordOutOfRange { index: unknown.get(), records: store.len() }))),
            None => prop_assert!(result.is_ok()),
        }
    }

    #[test]
    fn golden_records_survive_a_serde_round_trip(rows in rows()) {
        let store = store_of(&rows);
        let golden = rules(&store).survive(&store, &all_members(&store)).unwrap();
        let json = serde_json::to_string(&golden).unwrap();
        let back = serde_json::from_str::<GoldenRecord>(&json).unwrap();
        // Everything but the store positions, which are not written.
        prop_assert_eq!(serde_json::to_string(&back).unwrap(), json);
        prop_assert_eq!(back.entity_id(), golden.entity_id());
        prop_assert!(back.members().iter().all(|member| member.record().is_none()));
    }
}

#[test]
fn a_concrete_golden_record_round_trips_through_serde() {
    let store = store_of(&[(0, 0, 5, 1, 0, 1, 2), (1, 3, 6, 2, 1, 4, 3)]);
    let golden = rules(&store).survive(&store, &all_members(&store)).unwrap();
    assert_eq!(golden.value("given"), Some("Zoë"));
    assert_eq!(golden.value("customer"), Some("C-0"));
    assert_eq!(
        golden.provenance("email").map(Provenance::rule),
        Some(&RuleName::Custom("gmail".into()))
    );
    // Rule names serialise in snake case, custom ones by name.
    assert_eq!(
        serde_json::to_string(&RuleName::MostFrequent).unwrap(),
        r#""most_frequent""#
    );
    assert_eq!(
        serde_json::to_string(&RuleName::Custom("gmail".into())).unwrap(),
        r#"{"custom":"gmail"}"#
    );
    assert_eq!(
        serde_json::to_string(&RuleName::OnlyValue).unwrap(),
        r#""only_value""#
    );
    let json = serde_json::to_string(&golden).unwrap();
    assert!(json.contains(r#""rule":{"custom":"gmail"}"#), "{json}");
    let back = serde_json::from_str::<GoldenRecord>(&json).unwrap();
    assert_eq!(serde_json::to_string(&back).unwrap(), json);
    assert_eq!(back.value("given"), Some("Zoë"));
    assert_eq!(
        back.provenance("email").map(Provenance::rule),
        Some(&RuleName::Custom("gmail".into()))
    );
    // Read back, a member has no store position.
    assert!(
        golden
            .provenance("email")
            .and_then(Provenance::record)
            .is_some()
    );
    assert_eq!(back.provenance("email").and_then(Provenance::record), None);
}

/// Groups synthetic records by their true entity and merges each group.
#[test]
fn synthetic_entities_merge_into_golden_records_of_their_own_values() {
    let data = PeopleGenerator::builder()
        .seed(7)
        .entities(400)
        .build()
        .unwrap()
        .generate();
    let store = data.prepared_store().unwrap();
    let mut entities: BTreeMap<u32, Vec<RecordIndex>> = BTreeMap::new();
    for position in 0..store.len() {
        let entity = data.entity(position).unwrap();
        entities
            .entry(entity)
            .or_default()
            .push(RecordIndex::from_position(position));
    }
    let rules = SurvivorshipRules::builder(&store)
        .source_priority(["crm", "web", "support", "newsletter"])
        .rule(
            "phone",
            [
                SurvivorshipRule::source_priority(["crm"]),
                SurvivorshipRule::MostFrequent,
            ],
        )
        .rule("address", [SurvivorshipRule::source_priority(["crm"])])
        .build()
        .unwrap();
    let schema = store.schema().clone();
    let email = schema.field_id("email").unwrap();
    let phone = schema.field_id("phone").unwrap();
    let address = schema.field_id("address").unwrap();
    let dob = schema.field_id("dob").unwrap();
    let (mut merged, mut crm_phones, mut multi_source) = (0, 0, 0);
    for members in entities.values() {
        let golden = rules.survive(&store, members).unwrap();
        merged += 1;
        assert_eq!(golden.members().len(), members.len());
        let records: Vec<_> = members.iter().map(|&m| store.record(m).unwrap()).collect();
        // The golden e-mail is one of the entity's own e-mails.
        let emails: Vec<&str> = records.iter().filter_map(|r| r.text(email)).collect();
        match golden.normalized_value("email") {
            Some(value) => assert!(emails.contains(&value), "{value} not in {emails:?}"),
            None => assert!(emails.is_empty()),
        }
        let dobs: Vec<&str> = records.iter().filter_map(|r| r.text(dob)).collect();
        if let Some(value) = golden.normalized_value("dob") {
            assert!(dobs.contains(&value));
        }
        // Source priority picks the CRM's phone and address whenever a
        // CRM member has one.
        for (field, name) in [(phone, "phone"), (address, "address")] {
            let crm_has_it = records
                .iter()
                .any(|r| store.source(r.source()).name() == "crm" && r.text(field).is_some());
            if crm_has_it {
                assert_eq!(golden.provenance(name).map(Provenance::source), Some("crm"));
                if name == "phone" {
                    crm_phones += 1;
                }
            }
        }
        let sources: std::collections::BTreeSet<&str> =
            golden.members().iter().map(Member::source).collect();
        if sources.len() > 1 {
            multi_source += 1;
        }
        // Every e-mail seen is reachable from the golden record.
        for value in &emails {
            assert!(
                golden
                    .alternatives("email")
                    .iter()
                    .any(|a| a.normalized() == Some(*value))
            );
        }
    }
    assert_eq!(merged, entities.len());
    assert!(
        crm_phones > 200,
        "only {crm_phones} entities with a CRM phone"
    );
    assert!(
        multi_source > 200,
        "only {multi_source} multi-source entities"
    );
}

#[test]
fn rules_and_golden_records_cross_threads() {
    fn send_sync<T: Send + Sync>() {}
    fn unwind_safe<T: Send + Sync + UnwindSafe + RefUnwindSafe + Unpin>() {}
    send_sync::<SurvivorshipRules>();
    send_sync::<SurvivorshipRule>();
    send_sync::<Box<dyn Survivorship>>();
    unwind_safe::<GoldenRecord>();
    unwind_safe::<GoldenField>();
    unwind_safe::<SurvivingValue>();
    unwind_safe::<Provenance>();
    unwind_safe::<Alternative>();
    unwind_safe::<Sighting>();
    unwind_safe::<Member>();
    unwind_safe::<RuleName>();
    unwind_safe::<Candidate<'static>>();
}
