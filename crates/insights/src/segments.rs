//! RFM segments and churn risk.
//!
//! Each buyer gets recency (days since the last purchase), frequency (purchases) and monetary
//! (total spent) scores 1–5 by their mid-rank percentile among all buyers:
//! `1 + ⌊5 · (worse + equal / 2) / n⌋` (capped at 5), where `worse` counts buyers strictly worse
//! and `equal` the buyers with the same value (the buyer included), so ties share a score. The segment comes from
//! the classic recency × frequency-and-monetary grid (`fm = ⌈(f + m) / 2⌉`); every buyer lands
//! in exactly one segment.
//!
//! Churn risk compares the time since the last purchase with the buyer's own rhythm (the median
//! gap between their purchases; for one-time buyers the median rhythm of all repeat buyers, or
//! [`DEFAULT_GAP_DAYS`] when nobody repeats): `risk = 1 − e^{−max(0, t/gap − 1)}`, so a buyer
//! within their rhythm has risk 0, twice overdue ≈ 0.63, three times ≈ 0.86.

use std::collections::BTreeMap;

use chrono::NaiveDate;
use serde::Serialize;

use crate::sales::Sale;
use crate::summary::median;

/// The rhythm assumed when no buyer has bought twice.
pub const DEFAULT_GAP_DAYS: f64 = 90.0;

/// Named RFM segments, best first.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Segment {
    Champions,
    Loyal,
    PotentialLoyalists,
    New,
    Promising,
    NeedAttention,
    AboutToSleep,
    AtRisk,
    CantLose,
    Hibernating,
    Lost,
}

impl Segment {
    pub const ALL: [Segment; 11] = [
        Segment::Champions,
        Segment::Loyal,
        Segment::PotentialLoyalists,
        Segment::New,
        Segment::Promising,
        Segment::NeedAttention,
        Segment::AboutToSleep,
        Segment::AtRisk,
        Segment::CantLose,
        Segment::Hibernating,
        Segment::Lost,
    ];

    /// The segment of recency score `r` and frequency-and-monetary score `fm` (both 1–5).
    pub fn of(r: u8, fm: u8) -> Segment {
        match (r, fm) {
            (4.., 4..) => Segment::Champions,
            (3, 4..) => Segment::Loyal,
            (4.., 2..=3) => Segment::PotentialLoyalists,
            (5.., _) => Segment::New,
            (4, _) => Segment::Promising,
            (3, 3) => Segment::NeedAttention,
            (3, _) => Segment::AboutToSleep,
            (..=1, 4..) => Segment::CantLose,
            (..=2, 3..) => Segment::AtRisk,
            (2, _) => Segment::Hibernating,
            _ => Segment::Lost,
        }
    }

    pub fn as_str(self) -> &'static str {
        match self {
            Segment::Champions => "champions",
            Segment::Loyal => "loyal",
            Segment::PotentialLoyalists => "potential_loyalists",
            Segment::New => "new",
            Segment::Promising => "promising",
            Segment::NeedAttention => "need_attention",
            Segment::AboutToSleep => "about_to_sleep",
            Segment::AtRisk => "at_risk",
            Segment::CantLose => "cant_lose",
            Segment::Hibernating => "hibernating",
            Segment::Lost => "lost",
        }
    }

    pub fn parse(text: &str) -> Option<Segment> {
        Segment::ALL.into_iter().find(|s| s.as_str() == text)
    }
}

/// How likely a buyer has stopped buying.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum RiskLevel {
    Low,
    Medium,
    High,
}

/// One buyer's scores as of a day.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct CustomerRfm {
    pub customer: usize,
    pub last_purchase: NaiveDate,
    pub recency_days: i64,
    pub frequency: u64,
    pub monetary_minor: i64,
    pub r: u8,
    pub f: u8,
    pub m: u8,
    pub segment: Segment,
    /// The median gap between this buyer's purchases, or the assumed one (see the module doc).
    pub typical_gap_days: f64,
    /// Whether `typical_gap_days` is the buyer's own rhythm.
    pub own_rhythm: bool,
    pub churn_risk: f64,
    pub risk_level: RiskLevel,
}

/// Scores every buyer with a purchase on or before `as_of` (later purchases are ignored), in
/// customer order.
pub fn score(sales: &[Sale], as_of: NaiveDate) -> Vec<CustomerRfm> {
    let mut days: BTreeMap<usize, (Vec<NaiveDate>, i64)> = BTreeMap::new();
    for sale in sales.iter().filter(|s| s.day <= as_of) {
        let entry = days.entry(sale.customer).or_default();
        entry.0.push(sale.day);
        entry.1 = entry.1.saturating_add(sale.amount_minor);
    }
    let rhythms: Vec<Option<f64>> = days.values_mut().map(|(d, _)| own_gap(d)).collect();
    let shared_gap = median(&rhythms.iter().flatten().copied().collect::<Vec<_>>()).unwrap_or(DEFAULT_GAP_DAYS);
    let recency: Vec<i64> = days
        .values()
        .map(|(d, _)| (as_of - d[d.len() - 1]).num_days())
        .collect();
    let frequency: Vec<u64> = days.values().map(|(d, _)| d.len() as u64).collect();
    let monetary: Vec<i64> = days.values().map(|(_, m)| *m).collect();
    let (by_recency, by_frequency, by_monetary) = (sorted(&recency), sorted(&frequency), sorted(&monetary));
    days.iter()
        .enumerate()
        .map(|(i, (&customer, (dates, total)))| {
            // Fewer days since the last purchase is better; more purchases and more money are.
            let r = rank_score(&by_recency, recency[i], Better::Lower);
            let f = rank_score(&by_frequency, frequency[i], Better::Higher);
            let m = rank_score(&by_monetary, monetary[i], Better::Higher);
            let fm = (f + m).div_ceil(2);
            let (typical_gap_days, own_rhythm) = rhythms[i].map_or((shared_gap, false), |gap| (gap, true));
            let churn_risk = churn_risk(recency[i] as f64, typical_gap_days);
            CustomerRfm {
                customer,
                last_purchase: dates[dates.len() - 1],
                recency_days: recency[i],
                frequency: frequency[i],
                monetary_minor: *total,
                r,
                f,
                m,
                segment: Segment::of(r, fm),
                typical_gap_days,
                own_rhythm,
                churn_risk,
                risk_level: risk_level(churn_risk),
            }
        })
        .collect()
}

/// Sorts a buyer's days and answers the median gap between consecutive purchases (same-day
/// purchases count as one visit); `None` with fewer than two visit days.
fn own_gap(days: &mut [NaiveDate]) -> Option<f64> {
    days.sort_unstable();
    let gaps: Vec<f64> = days
        .windows(2)
        .map(|w| (w[1] - w[0]).num_days() as f64)
        .filter(|gap| *gap > 0.0)
        .collect();
    median(&gaps)
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Better {
    Lower,
    Higher,
}

fn sorted<T: Copy + Ord>(values: &[T]) -> Vec<T> {
    let mut sorted = values.to_vec();
    sorted.sort_unstable();
    sorted
}

/// `1 + ⌊5 · (worse + equal / 2) / n⌋`, capped at 5 (see the module doc), over `sorted`
/// values: two binary searches, so scoring every buyer stays O(n log n).
fn rank_score<T: Copy + Ord>(sorted: &[T], value: T, better: Better) -> u8 {
    let n = sorted.len().max(1);
    let first = sorted.partition_point(|v| *v < value);
    let after = sorted.partition_point(|v| *v <= value);
    let equal = after - first;
    let below = match better {
        Better::Higher => first,
        Better::Lower => sorted.len() - after,
    };
    // Twice the mid-rank over twice n keeps the arithmetic in integers.
    (1 + 5 * (2 * below + equal) / (2 * n)).min(5) as u8
}

/// `1 − e^{−max(0, days/gap − 1)}`; 0 for a non-positive gap.
pub fn churn_risk(days_since_last: f64, typical_gap_days: f64) -> f64 {
    if typical_gap_days <= 0.0 || !days_since_last.is_finite() {
        return 0.0;
    }
    let overdue = (days_since_last / typical_gap_days - 1.0).max(0.0);
    1.0 - (-overdue).exp()
}

/// Low below 1/3, high from 2/3.
pub fn risk_level(risk: f64) -> RiskLevel {
    if risk >= 2.0 / 3.0 {
        RiskLevel::High
    } else if risk >= 1.0 / 3.0 {
        RiskLevel::Medium
    } else {
        RiskLevel::Low
    }
}

/// A segment's size and weight.
#[derive(Clone, Copy, Debug, PartialEq, Serialize)]
pub struct SegmentSummary {
    pub segment: Segment,
    pub customers: u64,
    pub revenue_minor: i64,
    /// Share (0–1) of all buyers' revenue.
    pub revenue_share: f64,
}

/// Every segment (empty ones included, in [`Segment::ALL`] order) with its counts.
pub fn summarise(customers: &[CustomerRfm]) -> Vec<SegmentSummary> {
    let total: i64 = customers.iter().map(|c| c.monetary_minor).sum();
    Segment::ALL
        .into_iter()
        .map(|segment| {
            let members = customers.iter().filter(|c| c.segment == segment);
            let (count, revenue) = members.fold((0u64, 0i64), |(n, sum), c| {
                (n + 1, sum.saturating_add(c.monetary_minor))
            });
            SegmentSummary {
                segment,
                customers: count,
                revenue_minor: revenue,
                revenue_share: if total > 0 { revenue as f64 / total as f64 } else { 0.0 },
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    #[test]
    fn ranks_from_sorted_values_match_counting_every_other_buyer() {
        let values = [5i64, 1, 3, 3, 9, 3, 0, 7, 7, 2];
        let by_value = sorted(&values);
        for &value in &values {
            let equal = values.iter().filter(|v| **v == value).count();
            let n = values.len();
            let naive = |below: usize| (1 + 5 * (2 * below + equal) / (2 * n)).min(5) as u8;
            let lower_worse = values.iter().filter(|v| **v < value).count();
            let higher_worse = values.iter().filter(|v| **v > value).count();
            assert_eq!(
                rank_score(&by_value, value, Better::Higher),
                naive(lower_worse),
                "{value}"
            );
            assert_eq!(
                rank_score(&by_value, value, Better::Lower),
                naive(higher_worse),
                "{value}"
            );
        }
    }

    use super::*;
    use proptest::prelude::*;

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

    #[test]
    fn the_grid_puts_recent_big_buyers_first_and_gone_small_ones_last() {
        assert_eq!(Segment::of(5, 5), Segment::Champions);
        assert_eq!(Segment::of(3, 5), Segment::Loyal);
        assert_eq!(Segment::of(5, 1), Segment::New);
        assert_eq!(Segment::of(4, 1), Segment::Promising);
        assert_eq!(Segment::of(1, 5), Segment::CantLose);
        assert_eq!(Segment::of(2, 4), Segment::AtRisk);
        assert_eq!(Segment::of(1, 3), Segment::AtRisk);
        assert_eq!(Segment::of(2, 2), Segment::Hibernating);
        assert_eq!(Segment::of(1, 1), Segment::Lost);
    }

    #[test]
    fn a_frequent_recent_buyer_is_a_champion_and_an_old_one_time_buyer_is_lost() {
        let as_of = day("2026-06-30");
        let mut sales = Vec::new();
        for month in 1..=6 {
            sales.push(sale(0, &format!("2026-{month:02}-25"), 10_000));
        }
        sales.push(sale(1, "2025-01-10", 500));
        for c in 2..10 {
            sales.push(sale(c, "2026-04-01", 2_000));
        }
        let scored = score(&sales, as_of);
        assert_eq!(scored.len(), 10);
        assert_eq!(scored[0].segment, Segment::Champions);
        assert_eq!(scored[0].frequency, 6);
        assert_eq!(scored[1].segment, Segment::Lost);
        assert_eq!(scored[1].recency_days, 536);
    }

    #[test]
    fn churn_risk_follows_the_buyers_own_rhythm() {
        let sales = [
            sale(0, "2026-01-01", 100),
            sale(0, "2026-01-11", 100),
            sale(0, "2026-01-21", 100),
            sale(1, "2026-01-21", 100),
        ];
        let scored = score(&sales, day("2026-02-10"));
        // 20 days since the last purchase against a 10-day rhythm: once overdue.
        assert_eq!(scored[0].typical_gap_days, 10.0);
        assert!(scored[0].own_rhythm);
        assert!((scored[0].churn_risk - (1.0 - (-1.0f64).exp())).abs() < 1e-12);
        assert_eq!(scored[0].risk_level, RiskLevel::Medium);
        // The one-time buyer borrows the repeat buyers' rhythm.
        assert!(!scored[1].own_rhythm);
        assert_eq!(scored[1].typical_gap_days, 10.0);
        assert_eq!(churn_risk(5.0, 10.0), 0.0);
    }

    #[test]
    fn purchases_after_the_day_do_not_count() {
        let scored = score(
            &[sale(0, "2026-01-01", 100), sale(0, "2026-03-01", 100)],
            day("2026-02-01"),
        );
        assert_eq!(scored[0].frequency, 1);
        assert!(score(&[sale(0, "2026-03-01", 1)], day("2026-02-01")).is_empty());
    }

    proptest! {
        #[test]
        fn segments_partition_the_buyers_and_scores_stay_in_range(
            raw in proptest::collection::vec((0usize..40, 0i64..800, 0i64..1_000_000), 0..300)
        ) {
            let base = day("2024-01-01");
            let sales: Vec<Sale> = raw.iter()
                .map(|&(c, d, a)| Sale { customer: c, day: base + chrono::Duration::days(d), amount_minor: a })
                .collect();
            let as_of = base + chrono::Duration::days(800);
            let scored = score(&sales, as_of);
            let buyers: std::collections::BTreeSet<usize> = raw.iter().map(|r| r.0).collect();
            prop_assert_eq!(scored.len(), buyers.len());
            let summary = summarise(&scored);
            prop_assert_eq!(summary.iter().map(|s| s.customers).sum::<u64>(), buyers.len() as u64);
            for c in &scored {
                prop_assert!((1..=5).contains(&c.r) && (1..=5).contains(&c.f) && (1..=5).contains(&c.m));
                prop_assert!((0.0..=1.0).contains(&c.churn_risk));
            }
            let share: f64 = summary.iter().map(|s| s.revenue_share).sum();
            let total: i64 = sales.iter().map(|s| s.amount_minor).sum();
            prop_assert!(total == 0 || (share - 1.0).abs() < 1e-9);
        }
    }
}
