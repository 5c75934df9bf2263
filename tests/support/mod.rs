//! Code shared by integration tests.

pub mod stand_in_scorer;
