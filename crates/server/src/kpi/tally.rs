//! Counting KPI events per manager and bucket, and turning the counts into figures.

use std::collections::{BTreeMap, HashMap};

use chrono::{Datelike, Duration, NaiveDate};
use uuid::Uuid;
use voronka_insights::summary::{median, quantile};
use voronka_types::kpi::{Granularity, KpiBucket, KpiFigures};

use crate::money::to_dto;

/// The first day of the bucket holding `day`: the day, its week's Monday, or its month's 1st.
pub fn bucket_start(granularity: Granularity, day: NaiveDate) -> NaiveDate {
    match granularity {
        Granularity::Day => day,
        Granularity::Week => day - Duration::days(i64::from(day.weekday().num_days_from_monday())),
        Granularity::Month => day.with_day(1).unwrap_or(day),
    }
}

/// Raw counts of one manager over one bucket (or the period, once merged).
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Tally {
    pub leads_received: u64,
    pub leads_taken: u64,
    pub leads_with_deal: u64,
    pub response_minutes: Vec<f64>,
    pub deals_created: u64,
    pub deals_won: u64,
    pub deals_lost: u64,
    pub revenue_minor: i64,
    pub deals_won_other_currencies: u64,
    pub tasks_completed: u64,
    pub tasks_overdue: u64,
    pub active_secs: i64,
}

impl Tally {
    /// Adds `other`'s counts (and response times) to these.
    pub fn merge(&mut self, other: &Tally) {
        self.leads_received += other.leads_received;
        self.leads_taken += other.leads_taken;
        self.leads_with_deal += other.leads_with_deal;
        self.response_minutes.extend_from_slice(&other.response_minutes);
        self.deals_created += other.deals_created;
        self.deals_won += other.deals_won;
        self.deals_lost += other.deals_lost;
        self.revenue_minor += other.revenue_minor;
        self.deals_won_other_currencies += other.deals_won_other_currencies;
        self.tasks_completed += other.tasks_completed;
        self.tasks_overdue += other.tasks_overdue;
        self.active_secs += other.active_secs;
    }

    /// The figures as the API shows them; amounts in `currency`.
    pub fn figures(&self, currency: &str) -> KpiFigures {
        let hours = self.active_secs as f64 / 3600.0;
        let per_hour = |count: f64| (self.active_secs > 0).then(|| round2(count / hours));
        let money = |minor: i64| to_dto(minor, currency);
        KpiFigures {
            leads_received: self.leads_received,
            leads_taken: self.leads_taken,
            first_response_median_minutes: median(&self.response_minutes).map(round2),
            first_response_p90_minutes: quantile(&self.response_minutes, 0.9).map(round2),
            deals_created: self.deals_created,
            deals_won: self.deals_won,
            deals_lost: self.deals_lost,
            lead_to_deal: ratio(self.leads_with_deal, self.leads_received),
            deal_to_won: ratio(self.deals_won, self.deals_won + self.deals_lost),
            revenue_won: money(self.revenue_minor),
            deals_won_other_currencies: self.deals_won_other_currencies,
            average_deal_size: {
                let won_here = self.deals_won - self.deals_won_other_currencies;
                (won_here > 0).then(|| money(self.revenue_minor / won_here as i64))
            },
            tasks_completed: self.tasks_completed,
            tasks_overdue: self.tasks_overdue,
            active_hours: round2(hours),
            leads_taken_per_active_hour: per_hour(self.leads_taken as f64),
            deals_won_per_active_hour: per_hour(self.deals_won as f64),
            revenue_per_active_hour: (self.active_secs > 0)
                .then(|| money((self.revenue_minor as f64 * 3600.0 / self.active_secs as f64).round() as i64)),
        }
    }
}

/// `part ÷ whole` rounded to 4 decimals; none when `whole` is 0.
pub fn ratio(part: u64, whole: u64) -> Option<f64> {
    (whole > 0).then(|| (part as f64 / whole as f64 * 10_000.0).round() / 10_000.0)
}

fn round2(value: f64) -> f64 {
    (value * 100.0).round() / 100.0
}

/// Tallies per manager and bucket.
#[derive(Debug, Default)]
pub struct Board {
    granularity: Granularity,
    cells: HashMap<Uuid, BTreeMap<NaiveDate, Tally>>,
}

impl Board {
    pub fn new(granularity: Granularity) -> Self {
        Self {
            granularity,
            cells: HashMap::new(),
        }
    }

    /// The tally of `manager`'s bucket holding `day`.
    pub fn at(&mut self, manager: Uuid, day: NaiveDate) -> &mut Tally {
        self.cells
            .entry(manager)
            .or_default()
            .entry(bucket_start(self.granularity, day))
            .or_default()
    }

    /// A manager's buckets (only those with any event), oldest first.
    pub fn buckets_of(&self, manager: Uuid) -> Option<&BTreeMap<NaiveDate, Tally>> {
        self.cells.get(&manager)
    }
}

/// The sum of `buckets`, and each as figures.
pub fn summarise(buckets: &BTreeMap<NaiveDate, Tally>, currency: &str) -> (Tally, Vec<KpiBucket>) {
    let mut total = Tally::default();
    let shown = buckets
        .iter()
        .map(|(start, tally)| {
            total.merge(tally);
            KpiBucket {
                start: *start,
                figures: tally.figures(currency),
            }
        })
        .collect();
    (total, shown)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(d: &str) -> NaiveDate {
        d.parse().unwrap()
    }

    #[test]
    fn buckets_start_on_the_day_the_monday_or_the_first() {
        assert_eq!(bucket_start(Granularity::Day, day("2026-11-12")), day("2026-11-12"));
        assert_eq!(bucket_start(Granularity::Week, day("2026-11-15")), day("2026-11-09"));
        assert_eq!(bucket_start(Granularity::Week, day("2026-11-09")), day("2026-11-09"));
        assert_eq!(bucket_start(Granularity::Month, day("2026-11-30")), day("2026-11-01"));
    }

    #[test]
    fn figures_divide_safely_and_show_money_as_decimals() {
        let tally = Tally {
            leads_received: 4,
            leads_taken: 3,
            leads_with_deal: 1,
            response_minutes: vec![5.0, 30.0, 10.0],
            deals_won: 2,
            deals_lost: 1,
            revenue_minor: 300_000,
            active_secs: 2 * 3600,
            ..Tally::default()
        };
        let f = tally.figures("RUB");
        assert_eq!(f.first_response_median_minutes, Some(10.0));
        assert_eq!(f.first_response_p90_minutes, Some(26.0));
        assert_eq!((f.lead_to_deal, f.deal_to_won), (Some(0.25), Some(0.6667)));
        assert_eq!(f.revenue_won.amount, "3000.00");
        assert_eq!(f.average_deal_size.unwrap().amount, "1500.00");
        assert_eq!(f.leads_taken_per_active_hour, Some(1.5));
        assert_eq!(f.revenue_per_active_hour.unwrap().amount, "1500.00");
        let empty = Tally::default().figures("RUB");
        assert_eq!((empty.lead_to_deal, empty.first_response_median_minutes), (None, None));
        assert_eq!(empty.revenue_per_active_hour, None);
    }
}
