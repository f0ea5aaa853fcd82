//! `GET /api/v1/ai/report`: the period's sales against the period before, its best customers
//! and products, leads by source, segments, trends, the next period's forecast, the first
//! recommendations, and the whole told in words.

use sea_orm::ConnectionTrait;
use voronka_insights::sales::{self, Change, Figures, Period};
use voronka_insights::segments;
use voronka_types::ai::{
    CountFigure, DateRange, MoneyFigure, Narrative, NarrativeSource, RateFigure, SalesFigures, SalesReport, TopCustomer,
};

use super::history::{self, History};
use super::llm::{self, Llm};
use super::window::Company;
use super::{narrative, outlook, products, segments as segment_view, sources};
use crate::clock;
use crate::error::ApiResult;
use crate::money;

/// How many customers and products the report names.
const TOP: usize = 10;

pub fn range(period: Period) -> DateRange {
    DateRange {
        from: period.from,
        to: period.to,
    }
}

/// Builds the report of `period`.
pub async fn build(
    llm: Option<&Llm>,
    db: &impl ConnectionTrait,
    company: &Company,
    period: Period,
) -> ApiResult<SalesReport> {
    let history = History::load(db, company, period.to).await?;
    let previous = period.previous();
    // The database answers the lookups while the analyses of the loaded history run: on SQLite
    // its own thread does the work, on PostgreSQL the server does.
    let lookups = async {
        ApiResult::Ok((
            products::top(db, company, period, TOP).await?,
            sources::conversion(db, company, period).await?,
            history::other_currencies(db, company, period).await?,
        ))
    };
    let analyses = async {
        (
            compare(
                &sales::figures(&history.sales, period),
                &sales::figures(&history.sales, previous),
                company,
            ),
            sales::top_customers(&history.sales, period, TOP),
            segments::score(&history.sales, period.to),
            outlook::trends(&history, company, period),
            outlook::forecast(&history, company, period),
        )
    };
    let (looked_up, (figures, top, scored, trends, forecast)) = tokio::join!(lookups, analyses);
    let (top_products, leads_by_source, other_currencies) = looked_up?;
    let ids: Vec<_> = top.iter().map(|t| history.buyers[t.customer]).collect();
    let names = history::names(db, company, &ids).await?;
    let top_customers = top
        .iter()
        .map(|t| {
            let id = history.buyers[t.customer];
            TopCustomer {
                contact_id: id.into(),
                name: names.get(&id).cloned().unwrap_or_default(),
                revenue: money::to_dto(t.revenue_minor, &company.currency),
                orders: t.orders,
            }
        })
        .collect();
    let mut report = SalesReport {
        period: range(period),
        previous_period: range(previous),
        currency: company.currency.clone(),
        figures,
        top_customers,
        top_products,
        leads_by_source,
        other_currencies,
        segments: segment_view::summaries(&segments::summarise(&scored), &company.currency),
        trends,
        forecast,
        recommendations: outlook::recommendations(db, company, period, clock::now(), &history, &scored).await?,
        narrative: Narrative {
            text: String::new(),
            source: NarrativeSource::Composed,
            llm_status: None,
        },
    };
    report.narrative = match llm::narrative::write(llm, db, company, &report).await {
        Ok(text) => Narrative {
            text,
            source: NarrativeSource::Llm,
            llm_status: None,
        },
        Err(status) => Narrative {
            text: narrative::compose(&report, company.language),
            source: NarrativeSource::Composed,
            llm_status: Some(status),
        },
    };
    Ok(report)
}

fn count(current: u64, previous: u64) -> CountFigure {
    CountFigure {
        value: current,
        previous,
        change: Change::new(current as f64, previous as f64).relative,
    }
}

fn amount(current: Option<i64>, previous: Option<i64>, currency: &str) -> MoneyFigure {
    let change = match (current, previous) {
        (Some(c), Some(p)) => Change::new(c as f64, p as f64).relative,
        _ => None,
    };
    MoneyFigure {
        value: current.map(|c| money::to_dto(c, currency)),
        previous: previous.map(|p| money::to_dto(p, currency)),
        change,
    }
}

fn compare(current: &Figures, previous: &Figures, company: &Company) -> SalesFigures {
    let currency = company.currency.as_str();
    SalesFigures {
        revenue: amount(Some(current.revenue_minor), Some(previous.revenue_minor), currency),
        orders: count(current.orders, previous.orders),
        customers: count(current.customers, previous.customers),
        new_customers: count(current.new_customers, previous.new_customers),
        returning_customers: count(current.returning_customers, previous.returning_customers),
        average_order_value: amount(current.average_order_minor, previous.average_order_minor, currency),
        repeat_purchase_rate: RateFigure {
            value: current.repeat_purchase_rate,
            previous: previous.repeat_purchase_rate,
            change: current
                .repeat_purchase_rate
                .zip(previous.repeat_purchase_rate)
                .map(|(c, p)| c - p),
        },
    }
}
