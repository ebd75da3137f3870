//! What the events say: the control of every place at a date, the territory and front lines
//! derived from it, the statistics measured on that territory, and the checks that need
//! the whole dataset replayed.

pub mod check;
pub mod claims;
pub mod conflations;
pub mod control;
pub mod coverage;
pub mod history;
pub mod stats;
pub mod territory;
