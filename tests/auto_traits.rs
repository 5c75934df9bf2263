//! Every public type can cross threads and survive a caught panic, so
//! hosts can share comparators and results freely.

use std::panic::{RefUnwindSafe, UnwindSafe};

fn assert_auto_traits<T: Send + Sync + UnwindSafe + RefUnwindSafe + Unpin>() {}

#[test]
fn public_types_are_send_sync_and_unwind_safe() {
    assert_auto_traits::<sameas::Error>();
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
    assert_auto_traits::<sameas::normalize::PhoneNumber>();
    assert_auto_traits::<sameas::normalize::PhoneError>();
    assert_auto_traits::<sameas::normalize::DateParser>();
    assert_auto_traits::<sameas::normalize::DateParserBuilder>();
    assert_auto_traits::<sameas::normalize::DayMonthOrder>();
    assert_auto_traits::<sameas::normalize::PersonName>();
}
