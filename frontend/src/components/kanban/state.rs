//! The board's state: per column its count, sums, loaded cards and cursor. Moves are
//! optimistic: the card moves at once, the server is told, and an error puts it back.

use leptos::prelude::*;
use leptos::task::spawn_local;
use voronka_types::money::{format_minor, parse_minor};
use voronka_types::pipelines::{Board, Stage, StageKind};
use voronka_types::{Money, Problem, StageId};

use super::Card;

/// Cards a column loads at a time.
pub const PER_STAGE: u32 = 30;

/// One column's reactive parts. `Copy`: every field is a signal or an id.
#[derive(Debug)]
pub struct Column<T: Card> {
    pub stage_id: StageId,
    pub count: RwSignal<u64>,
    pub sums: RwSignal<Vec<Money>>,
    pub cards: RwSignal<Vec<T>>,
    pub cursor: RwSignal<Option<String>>,
    pub loading: RwSignal<bool>,
}

impl<T: Card> Clone for Column<T> {
    fn clone(&self) -> Self {
        *self
    }
}

impl<T: Card> Copy for Column<T> {}

/// A failed move or load, with the name of the card it concerned (if any).
#[derive(Debug, Clone)]
pub struct BoardProblem {
    pub card_name: Option<String>,
    pub problem: Problem,
}

/// A move into a stage that asks for a reason, waiting for it.
#[derive(Debug, Clone)]
pub struct PendingMove<I> {
    pub id: I,
    pub name: String,
    pub to: usize,
    pub after: Option<I>,
}

/// The whole board. `Copy`, so event handlers and tasks take it freely.
#[derive(Debug)]
pub struct BoardState<T: Card> {
    stages: StoredValue<Vec<Stage>>,
    columns: StoredValue<Vec<Column<T>>>,
    filter: StoredValue<T::Filter>,
    /// The last failure, shown above the columns.
    pub problem: RwSignal<Option<BoardProblem>>,
    /// A short sentence for screen readers after a move.
    pub announcement: RwSignal<String>,
    /// The column a phone shows.
    pub active: RwSignal<usize>,
    /// A move waiting for its reason (see [`Card::REASON_FOR_LOST`]).
    pub pending: RwSignal<Option<PendingMove<T::Id>>>,
}

impl<T: Card> Clone for BoardState<T> {
    fn clone(&self) -> Self {
        *self
    }
}

impl<T: Card> Copy for BoardState<T> {}

impl<T: Card> BoardState<T> {
    /// The state of a freshly loaded board; `filter` is what it was loaded with (for "more").
    pub fn new(board: Board<T>, filter: T::Filter) -> Self {
        let mut stages = Vec::with_capacity(board.columns.len());
        let mut columns = Vec::with_capacity(board.columns.len());
        for column in board.columns {
            columns.push(Column {
                stage_id: column.stage.id,
                count: RwSignal::new(column.count),
                sums: RwSignal::new(column.sums),
                cards: RwSignal::new(column.cards),
                cursor: RwSignal::new(column.next_cursor),
                loading: RwSignal::new(false),
            });
            stages.push(column.stage);
        }
        Self {
            stages: StoredValue::new(stages),
            columns: StoredValue::new(columns),
            filter: StoredValue::new(filter),
            problem: RwSignal::new(None),
            announcement: RwSignal::new(String::new()),
            active: RwSignal::new(0),
            pending: RwSignal::new(None),
        }
    }

    /// How many columns there are.
    pub fn len(&self) -> usize {
        self.columns.with_value(Vec::len)
    }

    /// Column `index` (clamped to the last one).
    pub fn column(&self, index: usize) -> Column<T> {
        self.columns.with_value(|c| c[index.min(c.len().saturating_sub(1))])
    }

    /// The stage of column `index`.
    pub fn stage(&self, index: usize) -> Stage {
        self.stages
            .with_value(|s| s[index.min(s.len().saturating_sub(1))].clone())
    }

    /// The stage names, in column order.
    pub fn stage_names(&self) -> Vec<String> {
        self.stages.with_value(|s| s.iter().map(|s| s.name.clone()).collect())
    }

    /// Where a card is: its column and place in it.
    pub fn locate(&self, id: T::Id) -> Option<(usize, usize)> {
        self.columns.with_value(|columns| {
            columns.iter().enumerate().find_map(|(c, column)| {
                column
                    .cards
                    .with_untracked(|cards| cards.iter().position(|l| l.id() == id))
                    .map(|i| (c, i))
            })
        })
    }

    /// The card before place `index` of column `column`, skipping `moving`.
    pub fn card_before(&self, column: usize, index: usize, moving: T::Id) -> Option<T::Id> {
        self.column(column).cards.with_untracked(|cards| {
            cards[..index.min(cards.len())]
                .iter()
                .rev()
                .find(|l| l.id() != moving)
                .map(|l| l.id())
        })
    }

    /// The last loaded card of a column, skipping `moving`.
    pub fn last_card(&self, column: usize, moving: T::Id) -> Option<T::Id> {
        self.card_before(column, usize::MAX, moving)
    }

    /// Moves a card into column `to`, right after card `after` (`None`: to the top), and saves
    /// the move. A stage that asks for a reason waits for [`BoardState::give_reason`] first. On
    /// an error the card goes back where it was and the problem is shown.
    pub fn move_card(self, id: T::Id, to: usize, after: Option<T::Id>) {
        let Some((from, _)) = self.locate(id) else {
            return;
        };
        if T::REASON_FOR_LOST && from != to && self.stage(to).kind == StageKind::Lost {
            let name = self.card_name(id).unwrap_or_default();
            self.pending.set(Some(PendingMove { id, name, to, after }));
            return;
        }
        self.save(id, to, after, None);
    }

    /// Sends the waiting move with its reason.
    pub fn give_reason(self, reason: String) {
        if let Some(pending) = self.pending.get_untracked() {
            self.pending.set(None);
            self.save(pending.id, pending.to, pending.after, Some(reason));
        }
    }

    fn card_name(&self, id: T::Id) -> Option<String> {
        let (column, index) = self.locate(id)?;
        self.column(column)
            .cards
            .with_untracked(|c| c.get(index).map(Card::name))
    }

    fn save(self, id: T::Id, to: usize, after: Option<T::Id>, reason: Option<String>) {
        let Some((from, index)) = self.locate(id) else {
            return;
        };
        let before = self.card_before(from, index, id);
        if after == Some(id) || (from == to && after == before) {
            return;
        }
        let Some(original) = self.relocate(id, to, after) else {
            return;
        };
        let target = self.column(to);
        let name = original.name();
        self.problem.set(None);
        self.announcement.set(format!("{name} → {}", self.stage(to).name));
        let stage = (from != to).then_some(target.stage_id);
        spawn_local(async move {
            match T::save_move(id, stage, after, reason).await {
                Ok(saved) => replace_card(target, saved),
                Err(problem) => {
                    if self.relocate(id, from, before).is_some() {
                        replace_card(self.column(from), original);
                        // A phone shows the column the card went back to.
                        self.active.set(from);
                    }
                    self.problem.set(Some(BoardProblem {
                        card_name: Some(name),
                        problem,
                    }));
                }
            }
        });
    }

    /// Moves a card on the screen only; answers the card as it was before the move.
    fn relocate(&self, id: T::Id, to: usize, after: Option<T::Id>) -> Option<T> {
        let (from, index) = self.locate(id)?;
        let source = self.column(from);
        let target = self.column(to);
        let card = source.cards.try_update(|cards| cards.remove(index))?;
        let original = card.clone();
        let mut moved = card;
        moved.set_stage(target.stage_id);
        target.cards.update(|cards| {
            let place = after
                .and_then(|a| cards.iter().position(|l| l.id() == a))
                .map_or(0, |p| p + 1);
            cards.insert(place, moved);
        });
        if from != to {
            source.count.update(|n| *n = n.saturating_sub(1));
            target.count.update(|n| *n += 1);
            if let Some(amount) = original.amount() {
                source.sums.update(|sums| add_to_sums(sums, amount, false));
                target.sums.update(|sums| add_to_sums(sums, amount, true));
            }
        }
        Some(original)
    }

    /// Loads the next cards of column `index`, if it has more and is not already loading.
    pub fn load_more(self, index: usize) {
        let column = self.column(index);
        let Some(cursor) = column.cursor.get_untracked() else {
            return;
        };
        if column.loading.get_untracked() {
            return;
        }
        column.loading.set(true);
        let filter = self.filter.get_value();
        spawn_local(async move {
            match T::more(filter, column.stage_id, cursor, PER_STAGE).await {
                Ok(page) => {
                    column.cards.update(|cards| {
                        for card in page.items {
                            if !cards.iter().any(|l| l.id() == card.id()) {
                                cards.push(card);
                            }
                        }
                    });
                    column.cursor.set(page.next_cursor);
                }
                Err(problem) => self.problem.set(Some(BoardProblem {
                    card_name: None,
                    problem,
                })),
            }
            column.loading.set(false);
        });
    }
}

/// Puts the server's copy of a card in place of the local one.
fn replace_card<T: Card>(column: Column<T>, card: T) {
    column.cards.update(|cards| {
        if let Some(slot) = cards.iter_mut().find(|l| l.id() == card.id()) {
            *slot = card;
        }
    });
}

/// The number of decimals of a decimal string ("1250.50" → 2).
fn decimals(amount: &str) -> u32 {
    amount.split_once('.').map_or(0, |(_, f)| f.len() as u32)
}

/// Adds (or takes away) `amount` to the sum of its currency, in exact minor units.
pub fn add_to_sums(sums: &mut Vec<Money>, amount: &Money, add: bool) {
    let exponent = decimals(&amount.amount);
    let Ok(delta) = parse_minor(&amount.amount, exponent) else {
        return;
    };
    match sums.iter().position(|s| s.currency == amount.currency) {
        Some(i) => {
            let Ok(current) = parse_minor(&sums[i].amount, exponent) else {
                return;
            };
            let total = if add {
                current.saturating_add(delta)
            } else {
                current.saturating_sub(delta)
            };
            if total <= 0 {
                sums.remove(i);
            } else {
                sums[i].amount = format_minor(total, exponent);
            }
        }
        None if add && delta > 0 => sums.push(amount.clone()),
        None => {}
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rub(amount: &str) -> Money {
        Money {
            amount: amount.to_owned(),
            currency: "RUB".to_owned(),
        }
    }

    #[test]
    fn a_card_moving_in_adds_its_amount_exactly() {
        let mut sums = vec![rub("0.10")];
        add_to_sums(&mut sums, &rub("0.20"), true);
        assert_eq!(sums, vec![rub("0.30")]);
    }

    #[test]
    fn a_currency_without_a_sum_starts_one_and_an_emptied_one_goes() {
        let mut sums = vec![rub("150000.00")];
        let usd = Money {
            amount: "25.50".to_owned(),
            currency: "USD".to_owned(),
        };
        add_to_sums(&mut sums, &usd, true);
        assert_eq!(sums.len(), 2);
        add_to_sums(&mut sums, &rub("150000.00"), false);
        assert_eq!(sums, vec![usd]);
    }

    #[test]
    fn an_amount_that_is_not_a_decimal_leaves_the_sums_alone() {
        let mut sums = vec![rub("10.00")];
        add_to_sums(&mut sums, &rub("ten"), true);
        assert_eq!(sums, vec![rub("10.00")]);
    }
}
