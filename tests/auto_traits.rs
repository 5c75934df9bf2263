//! Every public type can cross threads and survive a caught panic, so
//! hosts can share comparators and results freely.

use std::panic::{RefUnwindSafe, UnwindSafe};

fn assert_auto_traits<T: Send + Sync + UnwindSafe + RefUnwindSafe + Unpin>() {}

#[test]
fn public_types_are_send_sync_and_unwind_safe() {
    assert_auto_traits::<sameas::Error>();
    assert_auto_traits::<sameas::BuildError>();
    assert_auto_traits::<sameas::StoreError>();
    assert_auto_traits::<sameas::infer::InferError>();
    assert_auto_traits::<sameas::matcher::ModelError>();
    assert_auto_traits::<sameas::cluster::ClusterError>();
    assert_auto_traits::<sameas::cluster::PairProblem>();
    assert_auto_traits::<sameas::survive::SurviveError>();
    assert_auto_traits::<sameas::eval::EvalError>();
    assert_auto_traits::<sameas::resolve::ResolveError>();
    assert_auto_traits::<sameas::compare::ParameterError>();
    assert_auto_traits::<sameas::Date>();
    assert_auto_traits::<sameas::DateError>();
    assert_auto_traits::<sameas::compare::JaroWinkler>();
    assert_auto_traits::<sameas::compare::JaroWinklerBuilder>();
    assert_auto_traits::<sameas::compare::PhoneticCode>();
    assert_auto_traits::<sameas::compare::PhoneticCodeError>();
    assert_auto_traits::<sameas::compare::DateAgreement>();
    assert_auto_traits::<sameas::normalize::Email<'static>>();
    assert_auto_traits::<sameas::normalize::EmailError>();
    assert_auto_traits::<sameas::normalize::PhoneNormalizer>();
    assert_auto_traits::<sameas::normalize::PhoneNormalizerBuilder>();
    assert_auto_traits::<sameas::normalize::PhoneNumber>();
    assert_auto_traits::<sameas::normalize::PhoneError>();
    assert_auto_traits::<sameas::normalize::DateParser>();
    assert_auto_traits::<sameas::normalize::DateParserBuilder>();
    assert_auto_traits::<sameas::normalize::DayMonthOrder>();
    assert_auto_traits::<sameas::normalize::PersonName>();
}

fn assert_send_sync<T: Send + Sync>() {}

#[test]
fn pipeline_types_cross_threads() {
    assert_auto_traits::<sameas::PreparedStore>();
    assert_auto_traits::<sameas::Schema>();
    assert_auto_traits::<sameas::OwnedRecord>();
    assert_auto_traits::<sameas::Score>();
    assert_auto_traits::<sameas::RecordIndex>();
    assert_auto_traits::<sameas::SourceId>();
    assert_auto_traits::<sameas::FieldId>();
    assert_auto_traits::<sameas::matcher::FellegiSunter>();
    assert_auto_traits::<sameas::matcher::RuleMatcher>();
    assert_auto_traits::<sameas::matcher::Comparison>();
    assert_auto_traits::<sameas::matcher::ComparisonBuilder<'static>>();
    assert_auto_traits::<sameas::matcher::Explanation>();
    assert_auto_traits::<sameas::matcher::TrainingReport>();
    assert_auto_traits::<sameas::cluster::Clustering>();
    assert_auto_traits::<sameas::cluster::ClusterOptions>();
    assert_auto_traits::<sameas::block::BlockingOptions>();
    assert_auto_traits::<sameas::block::BlockingOptionsBuilder>();
    assert_auto_traits::<sameas::PrepareOptions>();
    assert_auto_traits::<sameas::PrepareOptionsBuilder>();
    assert_auto_traits::<sameas::cluster::ScoredPair>();
    assert_auto_traits::<sameas::EntityId>();
    assert_auto_traits::<sameas::cluster::ParseEntityIdError>();
    assert_auto_traits::<sameas::survive::GoldenRecord>();
    assert_auto_traits::<sameas::survive::GoldenRecordBuilder<'static>>();
    assert_auto_traits::<sameas::matcher::FieldExplanation>();
    assert_auto_traits::<sameas::eval::ClusteringEvaluation>();
    assert_auto_traits::<sameas::infer::InferredSchema>();
    assert_auto_traits::<sameas::resolve::KeptApart>();
    assert_auto_traits::<sameas::matcher::SourcePrior>();
    // These hold host closures (progress callbacks, custom matchers and
    // rules), which are `Send + Sync` but need not be unwind-safe.
    assert_send_sync::<sameas::resolve::Resolver>();
    assert_send_sync::<sameas::resolve::Resolution>();
    assert_send_sync::<sameas::resolve::EntitiesWithGolden<'static>>();
    assert_send_sync::<sameas::matcher::Trainer<'static>>();
    assert_send_sync::<sameas::survive::SurvivorshipRules>();
    assert_send_sync::<Box<dyn sameas::survive::Survivorship>>();
    assert_send_sync::<Box<dyn sameas::matcher::Matcher>>();
}
