//! # sameas
//!
//! Embeddable identity resolution for Rust: decide which records describe
//! the same person or company, explain why, and merge each entity into a
//! golden record.
//!
//! This release holds the foundation the rest of the pipeline stands on:
//!
//! - [`compare`]: allocation-free string, phonetic, numeric and date
//!   comparators with bit-parallel fast paths for short ASCII strings;
//! - [`normalize`]: turn raw values (names, e-mail addresses, phone
//!   numbers, dates, addresses) into canonical forms, borrowing when
//!   nothing changes.
//!
//! ```
//! use sameas::Date;
//!
//!
//! assert_eq!(Date::new(1985, 3, 4).unwrap().to_string(), "1985-03-04");

//! ```
#![deny(missing_docs)]
#![forbid(unsafe_code)]

pub mod compare;
mod date;
mod error;
pub mod normalize;

pub use date::{Date, DateError};
pub use error::{Error, Result};
