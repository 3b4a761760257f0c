//! The fleet as Ansible describes it: inventories, variables and host patterns.

mod pattern;

pub use pattern::{HostPattern, Matcher, PatternError, Term, TermOp};
