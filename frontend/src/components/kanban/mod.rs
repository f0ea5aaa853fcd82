//! The kanban board shared by the leads and the deals screens: columns per stage with their
//! count and sums, cards that load more per column, moves by drag and drop, by a card's menu or
//! by the keyboard, optimistic with a rollback and a readable message. What a card shows and
//! how a move is saved is the record's: see [`Card`].

mod columns;
mod drag;
mod keys;
mod move_menu;
mod state;
mod tile;

use std::fmt::{Debug, Display};
use std::future::Future;
use std::hash::Hash;
use std::str::FromStr;

use chrono::{DateTime, Utc};
use voronka_types::{Money, Page, Problem, StageId};

pub use columns::{BoardSkeleton, Columns};
pub use drag::Drag;
pub use move_menu::MenuRequest;
pub use state::{BoardState, PER_STAGE};
pub use tile::TileFrame;

/// A record shown as a card on a board (a lead, a deal).
pub trait Card: Clone + Send + Sync + 'static {
    /// Its id (shown in `data-card`, parsed back when a card is dropped).
    type Id: Copy + Eq + Hash + Display + FromStr + Debug + Send + Sync + 'static;
    /// The filter the board was loaded with (to load more of a column).
    type Filter: Clone + Default + Send + Sync + 'static;
    /// A move into a stage of this kind asks for a reason first (a lost deal).
    const REASON_FOR_LOST: bool = false;

    fn id(&self) -> Self::Id;
    /// What the card is called (in messages and the move menu).
    fn name(&self) -> String;
    /// When it last changed (a card redraws when this does).
    fn updated_at(&self) -> DateTime<Utc>;
    /// Puts it into another stage on the screen.
    fn set_stage(&mut self, stage: StageId);
    /// Its amount, counted into its column's sums.
    fn amount(&self) -> Option<&Money>;
    /// Saves a move: a new stage (when it changes), the card it now follows (`None`: the top),
    /// and the reason when the stage asks for one.
    fn save_move(
        id: Self::Id,
        stage: Option<StageId>,
        after: Option<Self::Id>,
        reason: Option<String>,
    ) -> impl Future<Output = Result<Self, Problem>> + 'static;
    /// The next cards of a stage in board order.
    fn more(
        filter: Self::Filter,
        stage: StageId,
        cursor: String,
        limit: u32,
    ) -> impl Future<Output = Result<Page<Self>, Problem>> + 'static;
}
