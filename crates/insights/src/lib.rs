//! Pure computation behind Voronka's AI assistant: no I/O, no database, no clock.
//! The server feeds it numbers; everything here is unit-tested in isolation.

pub mod classify;
pub mod distributions;
pub mod forecast;
pub mod sales;
pub mod score;
pub mod segments;
pub mod series;
pub mod summary;
pub mod synthetic;
pub mod trend;
pub mod worktime;
