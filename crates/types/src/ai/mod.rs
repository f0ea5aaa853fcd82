//! The AI assistant's answers: the sales report, customer segments, recommendations, trends
//! and forecasts, and message classification.

mod classify;
mod recommendations;
mod report;
mod segments;
mod trends;

pub use classify::*;
pub use recommendations::*;
pub use report::*;
pub use segments::*;
pub use trends::*;
