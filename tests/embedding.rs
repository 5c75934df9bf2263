//! What a service embedding the crate needs, through the public API:
//! zero-copy host records with numeric ids, metadata fields, custom
//! survivorship and matchers, scoring records without a store, and
//! typed errors for bad input.

use std::borrow::Cow;

use sameas::matcher::{LevelTest, Rule, RuleMatcher};
use sameas::resolve::Resolver;
use sameas::{FieldKind, Record, Schema};

/// A host's own row: a numeric id and borrowed values, no string copy.
struct Customer<'a> {
    id: u64,
    name: &'a str,
    email: &'a str,
}

impl Record for Customer<'_> {
    fn id(&self) -> Option<Cow<'_, str>> {
        Some(Cow::Owned(self.id.to_string()))
    }

    fn field(&self, name: &str) -> Option<&str> {
        match name {
            "name" => Some(self.name),
            "email" => Some(self.email),
            _ => None,
        }
    }
}

fn name_and_email() -> Schema {
    Schema::builder()
        .field("name", FieldKind::FullName)
        .field("email", FieldKind::Email)
        .build()
        .unwrap()
}

#[test]
fn a_host_struct_with_a_numeric_id_resolves_end_to_end() {
    // The values live in the host's buffer; the records only borrow them.
    let buffer = String::from(
        "Kelly Neal|k.neal@example.com|kelly neal|K.Neal@Example.com|Bob Stone|bob@stone.org",
    );
    let parts: Vec<&str> = buffer.split('|').collect();
    let customers = [
        Customer {
            id: 17,
            name: parts[0],
            email: parts[1],
        },
        Customer {
            id: u64::MAX,
            name: parts[2],
            email: parts[3],
        },
        Customer {
            id: 3,
            name: parts[4],
            email: parts[5],
        },
    ];
    let schema = name_and_email();
    let same_email = RuleMatcher::new(
        &schema,
        Rule::test(&schema, "email", LevelTest::Exact).unwrap(),
    );
    let mut resolver = Resolver::new(schema);
    resolver.matcher(same_email);
    resolver.add_source("crm", false, &customers).unwrap();
    let resolution = resolver.resolve().unwrap();

    let ids: Vec<&str> = resolution.store().records().map(|r| r.id()).collect();
    assert_eq!(ids, ["17", "18446744073709551615", "3"]);
    let kelly = resolution.records_with_id("17");
    let other = resolution.records_with_id("18446744073709551615");
    assert_eq!((kelly.len(), other.len()), (1, 1));
    assert!(resolution.clustering().same_entity(kelly[0], other[0]));
    assert_eq!(resolution.clustering().len(), 2);
    let golden = resolution.golden_records().unwrap();
    let kelly_golden = golden.iter().find(|g| g.members().len() == 2).unwrap();
    let member_ids: Vec<&str> = kelly_golden
        .members()
        .iter()
        .map(|m| m.record_id())
        .collect();
    assert_eq!(member_ids, ["17", "18446744073709551615"]);
    assert_eq!(
        kelly_golden.provenance("email").map(|p| p.record_id()),
        Some("17")
    );
}
