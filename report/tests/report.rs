//! The report through the public API, without a browser: what it holds,
//! what it hides, and how it fails.

use sameas::cluster::EntityId;
use sameas::matcher::{LevelTest, Rule, RuleMatcher};
use sameas::resolve::{Resolution, Resolver};
use sameas::{FieldKind, OwnedRecord, Schema};
use sameas_report::{ReportError, ReportOptions, render, write_report};

/// Two sources matched on e-mail by a rule: a custom matcher, no model.
fn small_resolution() -> Resolution {
    let schema = Schema::builder()
        .field("name", FieldKind::FullName)
        .field("email", FieldKind::Email)
        .field("customer", FieldKind::Identifier)
        .build()
        .unwrap();
    let rule = Rule::test(&schema, "email", LevelTest::Exact).unwrap();
    let mut resolver = Resolver::new(schema.clone());
    resolver.matcher(RuleMatcher::new(&schema, rule));
    resolver
        .add_source(
            "crm",
            false,
            &[
                OwnedRecord::new("c1")
                    .with("name", "Kelly <script>alert(1)</script> Neal")
                    .with("email", "k.neal@example.com")
                    .with("customer", "CUST-778899"),
                OwnedRecord::new("c2")
                    .with("name", "Bo Chan")
                    .with("email", "bo@example.org"),
            ],
        )
        .unwrap();
    resolver
        .add_source(
            "web",
            false,
            &[OwnedRecord::new("w1")
                .with("name", "kelly neal")
                .with("email", "K.Neal@example.com")],
        )
        .unwrap();
    resolver.resolve().unwrap()
}

#[test]
fn values_are_escaped_in_the_page_and_in_its_data() {
    let html = render(&small_resolution(), &ReportOptions::new()).unwrap();
    assert!(!html.contains("<script>alert(1)"), "a value became markup");
    assert!(html.contains("Kelly &lt;script&gt;alert(1)&lt;/script&gt; Neal"));
    assert!(html.contains(r"Kelly \u003cscript>alert(1)\u003c/script> Neal"));
    // Exactly the report's own two scripts.
    assert_eq!(html.matches("<script").count(), 2);
}

#[test]
fn identifiers_are_masked_unless_revealed() {
    let resolution = small_resolution();
    let masked = render(&resolution, &ReportOptions::new()).unwrap();
    assert!(!masked.contains("CUST-778899"));
    assert!(masked.contains("masked"));
    let revealed = render(
        &resolution,
        &ReportOptions::builder()
            .reveal_sensitive(true)
            .build()
            .unwrap(),
    )
    .unwrap();
    assert!(revealed.contains("CUST-778899"));
    assert!(revealed.contains("It holds sensitive values"));
}

/// Issue 13: the report masked every date and identifier field by kind
/// while explanations read the schema's flag, so one value could be
/// hidden in one and shown in the other. The flag is the one source of
/// truth: the report masks exactly what explanations and golden records
/// hide.
#[test]
fn the_report_masks_exactly_what_explanations_and_golden_records_hide() {
    use sameas::RecordIndex;
    use sameas::matcher::Reveal;
    let schema = Schema::builder()
        .field("email", FieldKind::Email)
        .sensitive_field("dob", FieldKind::Date)
        .field("visit", FieldKind::Date)
        .field("member", FieldKind::Identifier)
        .sensitive("member", false)
        .build()
        .unwrap();
    let rule = Rule::test(&schema, "email", LevelTest::Exact).unwrap();
    let mut resolver = Resolver::new(schema.clone());
    resolver.matcher(RuleMatcher::new(&schema, rule));
    let record = |id: &str| {
        OwnedRecord::new(id)
            .with("email", "ann@example.com")
            .with("dob", "1971-03-14")
            .with("visit", "2024-11-05")
            .with("member", "M-55120")
    };
    resolver
        .add_source("crm", false, &[record("1"), record("2")])
        .unwrap();
    let resolution = resolver.resolve().unwrap();
    // The rule compares the e-mail only: the explanation shows it (not
    // sensitive); the golden record's `Display` shows every field by the
    // same flag.
    let explained = resolution
        .explain(
            RecordIndex::from_position(0),
            RecordIndex::from_position(1),
            Reveal::NonSensitive,
        )
        .unwrap()
        .to_string();
    assert!(explained.contains("ann@example.com"), "{explained}");
    let golden = resolution.golden_records().unwrap()[0].to_string();
    let html = render(&resolution, &ReportOptions::new()).unwrap();
    for (value, shown) in [
        ("1971-03-14", false),
        ("2024-11-05", true),
        ("M-55120", true),
    ] {
        assert_eq!(golden.contains(value), shown, "{value} in {golden}");
        assert_eq!(html.contains(value), shown, "{value} in the report");
    }
}

#[test]
fn a_custom_matcher_has_no_model_to_show_but_its_entities_are_explored() {
    let resolution = small_resolution();
    let kelly = EntityId::of_anchor("crm", "c1");
    let options = ReportOptions::builder()
        .pin(kelly)
        .pin(EntityId::of_anchor("crm", "no-such-record"))
        .setting("inputs", "two lists")
        .build()
        .unwrap();
    let html = render(&resolution, &options).unwrap();
    assert!(html.contains("a custom matcher (no model to show)"));
    assert!(html.contains("two lists"));
    // The pinned entity is there once; the unknown id is left out.
    assert!(html.contains("Asked for (1)"));
    assert!(html.contains(&format!("data-id=\"{kelly}\"")));
    // Its one pair, scored and explained.
    assert!(html.contains("class=\"pair\""));
}

/// A writer that refuses everything.
struct Broken;

impl std::io::Write for Broken {
    fn write(&mut self, _: &[u8]) -> std::io::Result<usize> {
        Err(std::io::Error::new(
            std::io::ErrorKind::StorageFull,
            "disk full",
        ))
    }
    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

#[test]
fn a_failing_writer_is_a_write_error() {
    let error = write_report(&small_resolution(), &ReportOptions::new(), Broken).unwrap_err();
    match &error {
        ReportError::Write(io) => assert_eq!(io.kind(), std::io::ErrorKind::StorageFull),
        other => panic!("{other:?}"),
    }
    assert_eq!(error.to_string(), "writing the report: disk full");
}

#[test]
fn a_single_record_gives_a_report_without_pairs() {
    let schema = Schema::builder()
        .field("email", FieldKind::Email)
        .build()
        .unwrap();
    let rule = Rule::test(&schema, "email", LevelTest::Exact).unwrap();
    let mut resolver = Resolver::new(schema.clone());
    resolver.matcher(RuleMatcher::new(&schema, rule));
    resolver
        .add_source(
            "crm",
            false,
            &[OwnedRecord::new("1").with("email", "a@x.org")],
        )
        .unwrap();
    let html = render(&resolver.resolve().unwrap(), &ReportOptions::new()).unwrap();
    assert!(html.contains("No candidate pair was scored."));
    assert!(html.contains("A single record: no pair."));
}

#[test]
fn the_report_types_are_send_and_sync() {
    fn check<T: Send + Sync>() {}
    fn unwind_safe<T: std::panic::UnwindSafe>() {}
    check::<ReportOptions>();
    check::<ReportError>(); // io::Error inside: not UnwindSafe
    unwind_safe::<ReportOptions>();
}

/// Every source of a generated shape through the zero-configuration
/// resolver.
fn resolve_shape(data: &sameas::synthetic::shapes::ShapeData) -> Resolution {
    use sameas::synthetic::shapes::ShapeData;
    let mut resolver = Resolver::with_options(data.schema(), ShapeData::prepare_options());
    for source in data.sources() {
        resolver
            .add_source(source.name(), source.is_duplicate_free(), source.records())
            .unwrap();
    }
    resolver.resolve().unwrap()
}

#[test]
fn the_model_section_lists_dependent_fields() {
    use sameas::synthetic::shapes::GovernmentGenerator;
    let data = GovernmentGenerator::builder()
        .seed(3)
        .entities(600)
        .build()
        .unwrap()
        .generate();
    let resolution = resolve_shape(&data);
    let model = resolution.model().unwrap();
    assert!(
        model
            .dependences()
            .iter()
            .any(|d| (d.condition(), d.dependent()) == ("address", "family")),
        "{:?}",
        model.dependences()
    );
    let html = render(&resolution, &ReportOptions::new()).unwrap();
    assert!(html.contains("<h3>Dependent fields</h3>"));
    assert!(
        html.contains("<tr><td>address</td><td>family</td>"),
        "no address -> family row"
    );
    // The census lists each person once: its pairs had a prior of their
    // own, and the model section shows it.
    let census = model
        .source_priors()
        .iter()
        .find(|prior| prior.sources() == ["census", "census"])
        .expect("a prior within the census");
    assert!(census.prior() < model.prior() / 4.0);
    assert!(html.contains(r#"<table class="source-priors">"#));
    assert!(html.contains("<td>census ~ census</td>"));
    // The explorer's waterfalls name the pair of sources a pair's prior
    // is theirs of, and only those the model holds one for.
    let start = html.find(r#"id="report-data">"#).unwrap() + r#"id="report-data">"#.len();
    let end = start + html[start..].find("</script>").unwrap();
    let data: serde_json::Value = serde_json::from_str(&html[start..end]).unwrap();
    let named: Vec<&str> = data["entities"]
        .as_array()
        .unwrap()
        .iter()
        .flat_map(|entity| entity["pairs"].as_array().unwrap())
        .filter_map(|pair| pair[6].as_str())
        .collect();
    let held: Vec<String> = model
        .source_priors()
        .iter()
        .map(|prior| prior.sources().join(" ~ "))
        .collect();
    assert!(!named.is_empty());
    assert!(
        named.iter().all(|name| held.iter().any(|h| h == name)),
        "{named:?}"
    );
}

#[test]
fn a_dependence_on_a_later_level_names_the_level() {
    use sameas::synthetic::shapes::InventorGenerator;
    let data = InventorGenerator::builder()
        .seed(3)
        .entities(1_500)
        .build()
        .unwrap()
        .generate();
    let resolution = resolve_shape(&data);
    let model = resolution.model().unwrap();
    // Colleagues at one employer share co-inventors far more often than
    // people at random: the set's "a shared value" level counts less.
    let colleagues = model
        .dependences()
        .iter()
        .find(|d| d.level() > 0)
        .unwrap_or_else(|| panic!("{:?}", model.dependences()));
    let html = render(&resolution, &ReportOptions::new()).unwrap();
    let row = format!(
        "<tr><td>{}</td><td>{}: a shared value</td>",
        colleagues.condition(),
        colleagues.dependent()
    );
    assert!(html.contains(&row), "no {row}");
}
