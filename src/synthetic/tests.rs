use std::collections::{BTreeMap, BTreeSet};

use proptest::prelude::*;

use super::population::Person;
use super::*;
use crate::normalize::{are_nickname_equivalent, parse_date};
use crate::record::Record;

fn generate(builder: &PeopleGeneratorBuilder) -> (SyntheticData, Vec<Person>) {
    let generator = builder.build().expect("valid settings");
    let mut people = Vec::new();
    let data = generator.generate_observing(|person| people.push(person.clone()));
    (data, people)
}

/// Only crm, with many duplicates and no noise; tests switch on one rate.
fn crm_only() -> PeopleGeneratorBuilder {
    let mut builder = PeopleGenerator::builder();
    builder
        .seed(11)
        .entities(10_000)
        .without_noise()
        .only(SourceKind::Crm)
        .duplicate_rate(SourceKind::Crm, 0.5);
    builder
}

/// The share of crm duplicates (records beyond each entity's first) for
/// which `differs` holds, given that originals never differ.
fn duplicate_share(
    builder: &PeopleGeneratorBuilder,
    differs: impl Fn(&OwnedRecord, &Person) -> bool,
) -> f64 {
    let (data, people) = generate(builder);
    let crm = data.source(SourceKind::Crm);
    let duplicates = crm.len() - data.entity_count();
    assert!(duplicates > 5_000, "{duplicates} duplicates");
    let hits = crm
        .records()
        .iter()
        .zip(crm.entities())
        .filter(|&(record, &entity)| differs(record, &people[entity as usize]))
        .count();
    hits as f64 / duplicates as f64
}

fn assert_near(measured: f64, expected: f64, tolerance: f64) {
    assert!(
        (measured - expected).abs() <= tolerance,
        "measured {measured:.4}, expected {expected} ± {tolerance}"
    );
}

#[test]
fn same_seed_same_data_other_seed_other_data() {
    let mut builder = PeopleGenerator::builder();
    builder.seed(5).entities(2_000);
    let first = builder.build().unwrap().generate();
    let second = builder.build().unwrap().generate();
    assert_eq!(first, second);
    let other = builder.seed(6).build().unwrap().generate();
    assert_ne!(first, other);
    assert_ne!(
        first.source(SourceKind::Crm).records(),
        other.source(SourceKind::Crm).records()
    );
}

#[test]
fn output_is_pinned_for_a_seed() {
    // Guards determinism across machines and releases: a change here is a
    // change of the generated data and deserves a changelog line.
    let data = PeopleGenerator::builder()
        .seed(1)
        .entities(1_000)
        .build()
        .unwrap()
        .generate();
    let counts: Vec<usize> = data.sources().iter().map(SyntheticSource::len).collect();
    let mut hash = 0xCBF2_9CE4_8422_2325u64;
    let mut feed = |text: &str| {
        for byte in text.bytes().chain([0xFF]) {
            hash = (hash ^ u64::from(byte)).wrapping_mul(0x0100_0000_01B3);
        }
    };
    for source in data.sources() {
        for (record, entity) in source.records().iter().zip(source.entities()) {
            feed(&record.id().unwrap_or_default());
            feed(&entity.to_string());
            for (name, value) in record.fields() {
                feed(name);
                feed(value);
            }
        }
    }
    assert_eq!((counts, hash), (PINNED_COUNTS.to_vec(), PINNED_HASH));
    let first = data.source(SourceKind::Crm).records()[0].clone();
    assert_eq!(first.field("given"), Some(PINNED_FIRST_GIVEN));
}

const PINNED_COUNTS: [usize; 4] = [886, 447, 319, 741];
const PINNED_HASH: u64 = 4_261_826_193_666_781_942;
const PINNED_FIRST_GIVEN: &str = "Nancy";

#[test]
fn every_entity_has_a_record_and_truth_is_consistent() {
    let data = PeopleGenerator::builder()
        .seed(3)
        .entities(600)
        .build()
        .unwrap()
        .generate();
    let mut seen = vec![false; data.entity_count()];
    let mut truth = Vec::new();
    for source in data.sources() {
        assert_eq!(source.records().len(), source.entities().len());
        for &entity in source.entities() {
            assert!((entity as usize) < data.entity_count());
            seen[entity as usize] = true;
            truth.push(entity);
        }
    }
    assert!(seen.iter().all(|&s| s));
    assert_eq!(truth.len(), data.record_count());

    let mut brute_force = 0u64;
    for a in 0..truth.len() {
        for b in a + 1..truth.len() {
            if truth[a] == truth[b] {
                brute_force += 1;
                assert!(data.is_true_pair(a, b));
            }
        }
    }
    assert_eq!(data.true_pair_count(), brute_force);
    let pairs: Vec<(usize, usize)> = data.true_pairs().collect();
    assert_eq!(pairs.len() as u64, brute_force);
    let distinct: BTreeSet<(usize, usize)> = pairs.iter().copied().collect();
    assert_eq!(distinct.len(), pairs.len());
    assert!(pairs.iter().all(|&(a, b)| a < b && truth[a] == truth[b]));
    for (index, &entity) in truth.iter().enumerate() {
        assert_eq!(data.entity(index), Some(entity));
    }
    assert_eq!(data.entity(truth.len()), None);
    assert!(!data.is_true_pair(0, truth.len()));
}

#[test]
fn sources_set_only_their_fields() {
    let data = PeopleGenerator::builder()
        .seed(4)
        .entities(3_000)
        .build()
        .unwrap()
        .generate();
    for source in data.sources() {
        let mut present = BTreeSet::new();
        for record in source.records() {
            for (name, value) in record.fields() {
                assert!(!value.is_empty(), "{} sets an empty {name}", source.name());
                present.insert(name);
            }
        }
        let expected: BTreeSet<&str> = source.kind().fields().iter().copied().collect();
        assert_eq!(present, expected, "{}", source.name());
    }
    let newsletter = data.source(SourceKind::Newsletter);
    assert!(
        newsletter
            .records()
            .iter()
            .all(|r| r.field("email").is_some())
    );
    let with_family = newsletter
        .records()
        .iter()
        .filter(|r| r.field("family").is_some());
    assert_near(
        with_family.count() as f64 / newsletter.len() as f64,
        0.4 * 0.95,
        0.05,
    );
    // Source habits: formats.
    let crm_dobs = data
        .source(SourceKind::Crm)
        .records()
        .iter()
        .filter_map(|r| r.field("dob"));
    let iso = crm_dobs
        .clone()
        .filter(|d| d.len() == 10 && d.as_bytes()[4] == b'-')
        .count();
    assert!(iso as f64 > 0.8 * crm_dobs.count() as f64);
    let support_phones = data
        .source(SourceKind::Support)
        .records()
        .iter()
        .filter_map(|r| r.field("phone"));
    let parenthesised = support_phones
        .clone()
        .filter(|p| p.starts_with('('))
        .count();
    assert!(parenthesised as f64 > 0.8 * support_phones.count() as f64);
    let web_dobs = data
        .source(SourceKind::Web)
        .records()
        .iter()
        .filter_map(|r| r.field("dob"));
    let us_short = web_dobs
        .clone()
        .filter(|d| d.len() <= 8 && d.contains('/'))
        .count();
    assert!(us_short as f64 > 0.8 * web_dobs.count() as f64);
}

#[test]
fn newsletter_is_duplicate_free() {
    let data = PeopleGenerator::builder()
        .seed(8)
        .entities(5_000)
        .build()
        .unwrap()
        .generate();
    let newsletter = data.source(SourceKind::Newsletter);
    assert!(newsletter.is_duplicate_free());
    let entities: BTreeSet<u32> = newsletter.entities().iter().copied().collect();
    assert_eq!(entities.len(), newsletter.len());
    let emails: BTreeSet<&str> = newsletter
        .records()
        .iter()
        .filter_map(|r| r.field("email"))
        .collect();
    assert_eq!(emails.len(), newsletter.len());
    // The other sources do repeat entities.
    for kind in [SourceKind::Crm, SourceKind::Support, SourceKind::Web] {
        let source = data.source(kind);
        let distinct: BTreeSet<u32> = source.entities().iter().copied().collect();
        assert!(distinct.len() < source.len(), "{}", source.name());
    }
}

#[test]
fn record_ids_are_numbered_per_source() {
    let data = PeopleGenerator::builder()
        .seed(2)
        .entities(300)
        .build()
        .unwrap()
        .generate();
    for source in data.sources() {
        for (number, record) in source.records().iter().enumerate() {
            let expected = format!("{}-{:06}", source.name(), number + 1);
            assert_eq!(record.id().as_deref(), Some(expected.as_str()));
        }
    }
}

#[test]
fn people_are_consistent() {
    let (_, people) = generate(PeopleGenerator::builder().seed(9).entities(20_000));
    assert_eq!(people.len(), 20_000);
    let mut emails = BTreeSet::new();
    for (index, person) in people.iter().enumerate() {
        assert_eq!(person.id as usize, index);
        assert!(
            crate::Date::new(
                i64::from(person.birth.0),
                u32::from(person.birth.1),
                u32::from(person.birth.2)
            )
            .is_ok()
        );
        assert!((1930..=2006).contains(&person.birth.0));
        assert!(
            emails.insert(person.email.clone()),
            "{} twice",
            person.email
        );
        assert!(
            emails.insert(person.other_email.clone()),
            "{} twice",
            person.other_email
        );
        assert!((2_000_000_000..10_000_000_000).contains(&person.phone));
        let female_names = super::names::CULTURES[usize::from(person.culture)].female;
        let male_names = super::names::CULTURES[usize::from(person.culture)].male;
        let list = if person.female {
            female_names
        } else {
            male_names
        };
        assert!(
            list.split(',').any(|name| name.trim() == person.given),
            "{}",
            person.given
        );
    }
    // Rates per entity.
    let international = people.iter().filter(|p| p.culture != 0).count();
    assert_near(international as f64 / people.len() as f64, 0.15, 0.02);
    let moved = people.iter().filter(|p| p.new_home.is_some()).count();
    assert_near(moved as f64 / people.len() as f64, 0.10, 0.015);
    let mut per_home: BTreeMap<(u16, u16, u8, u16, u16), usize> = BTreeMap::new();
    for person in &people {
        let home = person.home;
        *per_home
            .entry((
                home.number,
                home.street,
                home.street_type,
                home.unit,
                home.city,
            ))
            .or_default() += 1;
    }
    let sharing = people
        .iter()
        .filter(|p| {
            let h = p.home;
            per_home[&(h.number, h.street, h.street_type, h.unit, h.city)] > 1
        })
        .count();
    // A few unrelated people share an address by chance.
    assert_near(sharing as f64 / people.len() as f64, 0.20, 0.02);
    // Zipf skew: the most common family name is far above the average.
    let mut per_family: BTreeMap<&str, usize> = BTreeMap::new();
    for person in &people {
        *per_family.entry(person.family.as_str()).or_default() += 1;
    }
    let largest = per_family.values().copied().max().unwrap_or(0);
    assert!(largest > 150, "largest family-name block {largest}");
    assert!(
        per_family.len() > 2_000,
        "{} family names",
        per_family.len()
    );
    assert!(per_family.get("Smith").copied().unwrap_or(0) > 100);
}

#[test]
fn namesakes_and_households_are_traps() {
    let data = PeopleGenerator::builder()
        .seed(10)
        .entities(10_000)
        .without_noise()
        .build()
        .unwrap()
        .generate();
    let crm = data.source(SourceKind::Crm);
    // Households: different entities with the same family name and address.
    let mut by_home: BTreeMap<(&str, &str), BTreeSet<u32>> = BTreeMap::new();
    let mut by_name: BTreeMap<(&str, &str), BTreeSet<(u32, &str)>> = BTreeMap::new();
    for (record, &entity) in crm.records().iter().zip(crm.entities()) {
        if let (Some(family), Some(address)) = (record.field("family"), record.field("address")) {
            by_home.entry((family, address)).or_default().insert(entity);
        }
        if let (Some(given), Some(family), Some(dob)) = (
            record.field("given"),
            record.field("family"),
            record.field("dob"),
        ) {
            by_name
                .entry((given, family))
                .or_default()
                .insert((entity, dob));
        }
    }
    let households = by_home
        .values()
        .filter(|entities| entities.len() > 1)
        .count();
    assert!(households > 300, "{households} shared homes");
    let namesakes = by_name
        .values()
        .filter(|people| {
            let entities: BTreeSet<u32> = people.iter().map(|&(e, _)| e).collect();
            let dobs: BTreeSet<&str> = people.iter().map(|&(_, d)| d).collect();
            entities.len() > 1 && dobs.len() > 1
        })
        .count();
    assert!(namesakes > 20, "{namesakes} namesake groups");
}

#[test]
fn names_with_diacritics_occur() {
    let data = PeopleGenerator::builder()
        .seed(12)
        .entities(5_000)
        .build()
        .unwrap()
        .generate();
    let names: Vec<&str> = data
        .sources()
        .iter()
        .flat_map(|s| s.records())
        .flat_map(|r| [r.field("given"), r.field("family")])
        .flatten()
        .collect();
    let non_ascii = names.iter().filter(|name| !name.is_ascii()).count();
    assert!(non_ascii > 200, "{non_ascii} non-ASCII names");
    for letter in ['ü', 'é', 'ł', 'ø', 'ễ'] {
        assert!(
            names.iter().any(|name| name.contains(letter)),
            "no {letter}"
        );
    }
}

#[test]
fn typo_rate_is_honoured() {
    let mut builder = crm_only();
    builder.typo_rate(0.2);
    let share = duplicate_share(&builder, |record, person| {
        record.field("given") != Some(person.given)
    });
    assert_near(share, 0.2, 0.02);
    let share = duplicate_share(&builder, |record, person| {
        record.field("email") != Some(&person.email)
    });
    assert_near(share, 0.2, 0.02);
}

#[test]
fn missing_rate_is_honoured() {
    let mut builder = crm_only();
    builder.missing_rate(0.3);
    for field in FIELD_NAMES {
        let share = duplicate_share(&builder, |record, _| record.field(field).is_none());
        assert_near(share, 0.3, 0.025);
    }
}

#[test]
fn swap_nickname_and_initial_rates_are_honoured() {
    let mut builder = crm_only();
    builder.swap_rate(0.25);
    let share = duplicate_share(&builder, |record, person| {
        record.field("given") == Some(person.family.as_str())
            && record.field("family") == Some(person.given)
    });
    // A person whose given and family names are equal cannot swap visibly.
    assert_near(share, 0.25, 0.02);

    let mut builder = crm_only();
    builder.nickname_rate(1.0);
    let (data, people) = generate(&builder);
    let crm = data.source(SourceKind::Crm);
    let (mut duplicates_with_nicknames, mut nicknamed) = (0usize, 0usize);
    let mut originals = BTreeSet::new();
    for (record, &entity) in crm.records().iter().zip(crm.entities()) {
        let person = &people[entity as usize];
        let given = record.field("given").unwrap_or_default();
        if given != person.given {
            nicknamed += 1;
            let (a, b) = (given.to_lowercase(), person.given.to_lowercase());
            assert!(
                are_nickname_equivalent(&a, &b),
                "{given} for {}",
                person.given
            );
        } else if !originals.insert(entity) {
            // An unchanged duplicate: only for names without nicknames.
            assert!(
                person.culture != 0
                    || !super::names::NICKNAMES.contains(&format!("{}=", person.given)),
                "{} kept on a duplicate",
                person.given
            );
        }
        if person.culture == 0 && super::names::NICKNAMES.contains(&format!("{}=", person.given)) {
            duplicates_with_nicknames += 1;
        }
    }
    assert!(nicknamed > 1_000, "{nicknamed}");
    assert!(nicknamed <= duplicates_with_nicknames);

    let mut builder = crm_only();
    builder.initial_rate(0.1);
    let share = duplicate_share(&builder, |record, _| {
        record
            .field("given")
            .is_some_and(|g| g.chars().count() == 2 && g.ends_with('.'))
    });
    assert_near(share, 0.1, 0.015);
}

#[test]
fn date_phone_and_email_rates_are_honoured() {
    let mut builder = crm_only();
    builder.date_error_rate(0.2);
    let share = duplicate_share(&builder, |record, person| {
        let (y, m, d) = person.birth;
        let written = record.field("dob").and_then(|dob| parse_date(dob).ok());
        written != crate::Date::new(i64::from(y), u32::from(m), u32::from(d)).ok()
    });
    assert_near(share, 0.2, 0.02);

    let mut builder = crm_only();
    builder.phone_typo_rate(0.2);
    let share = duplicate_share(&builder, |record, person| {
        let digits: String = record
            .field("phone")
            .unwrap_or_default()
            .chars()
            .filter(char::is_ascii_digit)
            .collect();
        digits != format!("1{}", person.phone)
    });
    assert_near(share, 0.2, 0.02);

    let mut builder = crm_only();
    builder.email_change_rate(0.2);
    let share = duplicate_share(&builder, |record, person| {
        record.field("email") == Some(&person.other_email)
    });
    assert_near(share, 0.2, 0.02);

    let mut builder = crm_only();
    builder.email_variant_rate(0.2);
    let share = duplicate_share(&builder, |record, person| {
        let email = record.field("email").unwrap_or_default();
        assert_eq!(
            crate::normalize::normalize_email(email).map(|e| e.into_owned()),
            crate::normalize::normalize_email(&person.email).map(|e| e.into_owned())
        );
        email != person.email
    });
    assert_near(share, 0.2, 0.02);
}

#[test]
fn moved_people_show_their_new_address_later() {
    let mut builder = crm_only();
    builder.move_rate(1.0).household_rate(0.0);
    let (data, people) = generate(&builder);
    let crm = data.source(SourceKind::Crm);
    let postcodes: Vec<u32> = crm
        .records()
        .iter()
        .map(|r| {
            r.field("postcode")
                .and_then(|p| p.parse().ok())
                .unwrap_or(0)
        })
        .collect();
    let new = crm
        .entities()
        .iter()
        .zip(&postcodes)
        .filter(|&(&entity, &postcode)| {
            let person = &people[entity as usize];
            person.new_home.is_some_and(|home| {
                home.postcode == postcode && home.postcode != person.home.postcode
            })
        })
        .count();
    let duplicates = crm.len() - data.entity_count();
    assert_near(new as f64 / duplicates as f64, 0.5, 0.03);
}

#[test]
fn household_members_differ_in_given_name_and_birth() {
    let mut builder = crm_only();
    builder.household_rate(0.5);
    let (_, people) = generate(&builder);
    let mut same_given = 0;
    let mut pairs = 0;
    for window in people.windows(2) {
        let (a, b) = (&window[0], &window[1]);
        if a.home == b.home && a.family == b.family {
            pairs += 1;
            same_given += usize::from(a.given == b.given);
            if a.given == b.given {
                assert_ne!(a.birth, b.birth);
            }
        }
    }
    assert!(pairs > 2_000, "{pairs}");
    assert!(same_given * 100 < pairs, "{same_given} of {pairs}");
}

#[test]
fn bad_parameters_are_rejected_by_name() {
    let cases: Vec<(PeopleGeneratorBuilder, &str, &str)> = vec![
        (
            PeopleGenerator::builder().entities(0).clone(),
            "entities",
            "must be 1 to 10000000, not 0",
        ),
        (
            PeopleGenerator::builder()
                .entities(MAX_ENTITIES + 1)
                .clone(),
            "entities",
            "must be 1 to 10000000, not 10000001",
        ),
        (
            PeopleGenerator::builder().missing_rate(-0.1).clone(),
            "missing_rate",
            "must be a probability in [0, 1], not -0.1",
        ),
        (
            PeopleGenerator::builder()
                .household_rate(f64::INFINITY)
                .clone(),
            "household_rate",
            "must be a probability in [0, 1], not inf",
        ),
        (
            PeopleGenerator::builder()
                .coverage(SourceKind::Web, 2.0)
                .clone(),
            "coverage",
            "web must be a probability in [0, 1], not 2",
        ),
        (
            PeopleGenerator::builder()
                .duplicate_rate(SourceKind::Crm, 1.0)
                .clone(),
            "duplicate_rate",
            "crm must be below 1, not 1",
        ),
        (
            PeopleGenerator::builder()
                .duplicate_rate(SourceKind::Newsletter, 0.5)
                .clone(),
            "duplicate_rate",
            "newsletter is duplicate-free: its rate must be 0, not 0.5",
        ),
        (
            PeopleGenerator::builder()
                .coverage(SourceKind::Crm, 0.0)
                .coverage(SourceKind::Newsletter, 0.0)
                .coverage(SourceKind::Support, 0.0)
                .coverage(SourceKind::Web, 0.0)
                .clone(),
            "coverage",
            "at least one source needs a coverage above 0",
        ),
    ];
    for (builder, name, reason) in cases {
        assert_eq!(
            builder.build(),
            Err(BuildError::InvalidParameter {
                name,
                reason: reason.to_string()
            })
        );
    }
}

#[test]
fn single_source_and_single_entity() {
    let data = PeopleGenerator::builder()
        .entities(1)
        .coverage(SourceKind::Crm, 0.0)
        .coverage(SourceKind::Newsletter, 0.0)
        .coverage(SourceKind::Support, 0.0)
        .coverage(SourceKind::Web, 0.001)
        .build()
        .unwrap()
        .generate();
    assert_eq!(data.record_count(), 1);
    assert_eq!(data.source(SourceKind::Web).len(), 1);
    assert_eq!(data.true_pair_count(), 0);
    assert_eq!(data.true_pairs().next(), None);
}

#[test]
fn ingestion_reads_the_values() {
    let data = PeopleGenerator::builder()
        .seed(13)
        .entities(2_000)
        .build()
        .unwrap()
        .generate();
    let store = data.prepared_store().unwrap();
    assert_eq!(store.len(), data.record_count());
    let stats = store.stats();
    let schema = SyntheticData::schema();
    for (field, stat) in schema.fields().iter().zip(&stats.fields) {
        // Dates, phones and e-mails written by the generator all parse
        // (a typo keeps an e-mail valid; a wrong date is still a date).
        assert!(
            stat.invalid * 1000 <= stat.present,
            "{}: {} invalid of {}",
            field.name(),
            stat.invalid,
            stat.present
        );
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(16))]

    #[test]
    fn any_seed_gives_consistent_data(seed in any::<u64>(), entities in 1usize..200) {
        let data = PeopleGenerator::builder().seed(seed).entities(entities).build().unwrap().generate();
        prop_assert_eq!(data.entity_count(), entities);
        prop_assert!(data.record_count() >= entities);
        prop_assert_eq!(data.true_pairs().count() as u64, data.true_pair_count());
        let newsletter = data.source(SourceKind::Newsletter);
        let distinct: BTreeSet<u32> = newsletter.entities().iter().copied().collect();
        prop_assert_eq!(distinct.len(), newsletter.len());
    }
}

#[test]
fn every_nickname_is_one_normalize_knows() {
    let mut unknown = Vec::new();
    for entry in super::names::NICKNAMES.split(',') {
        let (formal, short) = entry.trim().split_once('=').unwrap();
        for nickname in short.split('/') {
            if !are_nickname_equivalent(&nickname.to_lowercase(), &formal.to_lowercase()) {
                unknown.push(format!("{formal}={nickname}"));
            }
        }
    }
    assert!(unknown.is_empty(), "{unknown:?}");
}

#[test]
fn public_types_are_thread_safe() {
    fn assert_traits<T: Send + Sync + std::panic::UnwindSafe + std::panic::RefUnwindSafe>() {}
    assert_traits::<PeopleGenerator>();
    assert_traits::<PeopleGeneratorBuilder>();
    assert_traits::<SyntheticData>();
    assert_traits::<SyntheticSource>();
    assert_traits::<TruePairs>();
    assert_traits::<SourceKind>();
}

#[test]
fn schema_matches_the_fields() {
    let schema = SyntheticData::schema();
    let names: Vec<&str> = schema.fields().iter().map(|f| f.name()).collect();
    assert_eq!(names, FIELD_NAMES);
    let kinds: Vec<FieldKind> = schema.fields().iter().map(|f| f.kind()).collect();
    assert_eq!(
        kinds,
        [
            FieldKind::GivenName,
            FieldKind::FamilyName,
            FieldKind::Date,
            FieldKind::Email,
            FieldKind::Phone,
            FieldKind::Address,
            FieldKind::City,
            FieldKind::Postcode
        ]
    );
}
