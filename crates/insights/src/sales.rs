//! Sales figures of a period from the purchase history: revenue, orders, customers (new and
//! returning), average order value and the repeat-purchase rate, with the change against the
//! period right before.

use std::collections::HashMap;

use chrono::{Duration, NaiveDate};
use serde::Serialize;

/// One purchase: its buyer (an index into the caller's own table of customers), the day it
/// was made (in the company's time zone) and its amount in minor units.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Sale {
    pub customer: usize,
    pub day: NaiveDate,
    pub amount_minor: i64,
}

/// Days `from ..= to`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
pub struct Period {
    pub from: NaiveDate,
    pub to: NaiveDate,
}

impl Period {
    /// The number of days in the period (at least 1 when `from <= to`).
    pub fn days(&self) -> i64 {
        (self.to - self.from).num_days() + 1
    }

    /// The period of the same length that ends the day before this one starts.
    pub fn previous(&self) -> Period {
        let to = self.from - Duration::days(1);
        Period {
            from: to - Duration::days(self.days() - 1),
            to,
        }
    }

    pub fn contains(&self, day: NaiveDate) -> bool {
        self.from <= day && day <= self.to
    }
}

/// What a period's purchases add up to.
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub struct Figures {
    pub revenue_minor: i64,
    pub orders: u64,
    /// Distinct buyers in the period.
    pub customers: u64,
    /// Buyers whose first purchase ever falls in the period.
    pub new_customers: u64,
    /// Buyers who had bought before the period.
    pub returning_customers: u64,
    /// Revenue ÷ orders, rounded half up; `None` without orders.
    pub average_order_minor: Option<i64>,
    /// Share (0–1) of the period's buyers with two or more purchases up to the period's end;
    /// `None` without buyers.
    pub repeat_purchase_rate: Option<f64>,
}

/// The figures of `period`. `sales` is the whole history the caller has (purchases after the
/// period are ignored; purchases before it decide who is new and who repeats).
pub fn figures(sales: &[Sale], period: Period) -> Figures {
    #[derive(Default)]
    struct Buyer {
        first: Option<NaiveDate>,
        until_end: u64,
        in_period: bool,
    }
    let mut buyers: HashMap<usize, Buyer> = HashMap::new();
    let mut result = Figures::default();
    for sale in sales.iter().filter(|s| s.day <= period.to) {
        let buyer = buyers.entry(sale.customer).or_default();
        buyer.first = Some(buyer.first.map_or(sale.day, |first| first.min(sale.day)));
        buyer.until_end += 1;
        if period.contains(sale.day) {
            buyer.in_period = true;
            result.orders += 1;
            result.revenue_minor = result.revenue_minor.saturating_add(sale.amount_minor);
        }
    }
    let mut repeaters = 0u64;
    for buyer in buyers.values().filter(|b| b.in_period) {
        result.customers += 1;
        if buyer.first.is_some_and(|first| first < period.from) {
            result.returning_customers += 1;
        } else {
            result.new_customers += 1;
        }
        if buyer.until_end >= 2 {
            repeaters += 1;
        }
    }
    result.average_order_minor = average(result.revenue_minor, result.orders);
    result.repeat_purchase_rate = (result.customers > 0).then(|| repeaters as f64 / result.customers as f64);
    result
}

fn average(total: i64, count: u64) -> Option<i64> {
    (count > 0).then(|| {
        let (total, count) = (i128::from(total), i128::from(count));
        ((2 * total + count) / (2 * count)) as i64
    })
}

/// A figure against the same figure of the previous period.
#[derive(Clone, Copy, Debug, PartialEq, Serialize)]
pub struct Change {
    pub current: f64,
    pub previous: f64,
    /// `current - previous`.
    pub absolute: f64,
    /// `(current - previous) / previous`; `None` when the previous figure is zero.
    pub relative: Option<f64>,
}

impl Change {
    pub fn new(current: f64, previous: f64) -> Change {
        Change {
            current,
            previous,
            absolute: current - previous,
            relative: (previous != 0.0).then(|| (current - previous) / previous.abs()),
        }
    }
}

/// A buyer's share of a period.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
pub struct CustomerTotal {
    pub customer: usize,
    pub revenue_minor: i64,
    pub orders: u64,
}

/// The `n` buyers who spent most in `period`, largest first (ties: more orders, then the lower
/// customer index, so the answer is stable).
pub fn top_customers(sales: &[Sale], period: Period, n: usize) -> Vec<CustomerTotal> {
    let mut totals: HashMap<usize, CustomerTotal> = HashMap::new();
    for sale in sales.iter().filter(|s| period.contains(s.day)) {
        let total = totals.entry(sale.customer).or_insert(CustomerTotal {
            customer: sale.customer,
            revenue_minor: 0,
            orders: 0,
        });
        total.revenue_minor = total.revenue_minor.saturating_add(sale.amount_minor);
        total.orders += 1;
    }
    let mut totals: Vec<CustomerTotal> = totals.into_values().collect();
    totals.sort_by(|a, b| {
        b.revenue_minor
            .cmp(&a.revenue_minor)
            .then(b.orders.cmp(&a.orders))
            .then(a.customer.cmp(&b.customer))
    });
    totals.truncate(n);
    totals
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(d: &str) -> NaiveDate {
        d.parse().unwrap()
    }

    fn sale(customer: usize, d: &str, amount_minor: i64) -> Sale {
        Sale {
            customer,
            day: day(d),
            amount_minor,
        }
    }

    fn march() -> Period {
        Period {
            from: day("2026-03-01"),
            to: day("2026-03-31"),
        }
    }

    #[test]
    fn the_previous_period_has_the_same_length_and_ends_the_day_before() {
        assert_eq!(march().days(), 31);
        assert_eq!(
            march().previous(),
            Period {
                from: day("2026-01-29"),
                to: day("2026-02-28")
            }
        );
    }

    #[test]
    fn new_returning_and_repeat_buyers_are_told_apart() {
        let sales = [
            sale(0, "2026-02-10", 1_000), // 0 bought before March: returning, repeats
            sale(0, "2026-03-05", 2_000),
            sale(1, "2026-03-02", 500), // 1 is new and buys twice in March
            sale(1, "2026-03-20", 700),
            sale(2, "2026-03-31", 301),   // 2 is new, once
            sale(3, "2026-04-01", 9_999), // after the period: ignored
            sale(3, "2026-01-01", 100),   // 3 did not buy in March
        ];
        let f = figures(&sales, march());
        assert_eq!(f.revenue_minor, 3_501);
        assert_eq!(f.orders, 4);
        assert_eq!(f.customers, 3);
        assert_eq!((f.new_customers, f.returning_customers), (2, 1));
        assert_eq!(f.average_order_minor, Some(875)); // 875.25 rounds down
        assert_eq!(f.repeat_purchase_rate, Some(2.0 / 3.0));
    }

    #[test]
    fn an_empty_period_has_no_average_and_no_rate() {
        let f = figures(&[sale(0, "2026-01-01", 100)], march());
        assert_eq!(f.orders, 0);
        assert_eq!(f.average_order_minor, None);
        assert_eq!(f.repeat_purchase_rate, None);
    }

    #[test]
    fn a_change_from_zero_has_no_relative_value() {
        assert_eq!(Change::new(150.0, 100.0).relative, Some(0.5));
        assert_eq!(Change::new(50.0, 100.0).relative, Some(-0.5));
        assert_eq!(Change::new(5.0, 0.0).relative, None);
        assert_eq!(Change::new(5.0, 0.0).absolute, 5.0);
    }

    #[test]
    fn top_customers_are_ordered_by_revenue_then_orders() {
        let sales = [
            sale(0, "2026-03-01", 100),
            sale(1, "2026-03-01", 50),
            sale(1, "2026-03-02", 50),
            sale(2, "2026-03-01", 300),
            sale(2, "2026-02-01", 10_000),
        ];
        let top = top_customers(&sales, march(), 2);
        assert_eq!(top.iter().map(|t| t.customer).collect::<Vec<_>>(), vec![2, 1]);
        assert_eq!(
            top[1],
            CustomerTotal {
                customer: 1,
                revenue_minor: 100,
                orders: 2
            }
        );
    }
}
