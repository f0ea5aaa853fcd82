//! The owner's view: revenue with its trend, the default lead pipeline's funnel (plain SVG
//! bars with stage conversion) and leads by source with their conversion.

use chrono::NaiveDate;
use leptos::prelude::*;
use voronka_types::Problem;
use voronka_types::contacts::Source;
use voronka_types::kpi::{FunnelReport, KpiReport};
use voronka_types::pipelines::PipelineKind;

use super::figures::{Figure, KpiLabel, format_int, format_share};
use super::granularity_for;
use crate::api;
use crate::components::page::{LoadError, LoadingRows};
use crate::i18n::{Key, Lang, format_compact, format_money, format_naive_date, source_label, tr, use_i18n};
use crate::pages::insights::chart::{Axes, HEIGHT, Scale, WIDTH};

/// Revenue, its trend, the funnel and the sources for the period.
#[component]
pub fn OwnerDashboard(range: Signal<(NaiveDate, NaiveDate)>) -> impl IntoView {
    let kpi = LocalResource::new(move || {
        let (from, to) = range.get();
        async move { api::kpi::kpi(from, to, None, granularity_for(from, to)).await }
    });
    let funnel = LocalResource::new(move || {
        let (from, to) = range.get();
        async move {
            let pipelines = api::pipelines::list_pipelines(PipelineKind::Lead).await?;
            let Some(pipeline) = pipelines.iter().find(|p| p.is_default).or(pipelines.first()) else {
                return Ok(None);
            };
            api::kpi::funnel(pipeline.id, from, to).await.map(Some)
        }
    });
    view! {
        <div class="dash-grid">
            <section class="card dash-card" aria-labelledby="dash-revenue" data-testid="owner-revenue">
                <h2 class="card-title" id="dash-revenue">{tr(Key::DashRevenueTrend)}</h2>
                <Transition fallback=|| view! { <LoadingRows rows=3 /> }>
                    {move || Suspend::new(async move {
                        match kpi.await {
                            Ok(report) => view! { <Revenue report=report /> }.into_any(),
                            Err(problem) => {
                                view! { <LoadError problem=problem retry=Callback::new(move |_| kpi.refetch()) /> }
                                    .into_any()
                            }
                        }
                    })}
                </Transition>
            </section>
            <section class="card dash-card" aria-labelledby="dash-funnel" data-testid="owner-funnel">
                <h2 class="card-title" id="dash-funnel">
                    <KpiLabel label=Key::DashFunnel definition=Key::DefFunnel />
                </h2>
                <Transition fallback=|| view! { <LoadingRows rows=3 /> }>
                    {move || Suspend::new(async move {
                        match funnel.await {
                            Ok(Some(report)) if report.records > 0 => view! { <Funnel report=report /> }.into_any(),
                            Ok(_) => view! { <p class="muted">{tr(Key::DashNoFunnel)}</p> }.into_any(),
                            Err(problem) => {
                                let problem: Problem = problem;
                                view! { <LoadError problem=problem retry=Callback::new(move |_| funnel.refetch()) /> }
                                    .into_any()
                            }
                        }
                    })}
                </Transition>
            </section>
        </div>
    }
}

/// The money amount as a number for charts (0 when unreadable).
fn amount(text: &str) -> f64 {
    text.parse().unwrap_or(0.0)
}

#[component]
fn Revenue(report: KpiReport) -> impl IntoView {
    let i18n = use_i18n();
    let team = report.team.total.clone();
    let revenue = Signal::derive(move || format_money(&team.revenue_won, i18n.lang(), true));
    let points: Vec<(NaiveDate, f64)> = report
        .team
        .buckets
        .iter()
        .map(|b| (b.start, amount(&b.figures.revenue_won.amount)))
        .collect();
    let currency = report.currency.clone();
    let chart = move || {
        let lang = i18n.lang();
        if points.len() < 2 {
            return None;
        }
        let scale = Scale::new(points.len(), points.iter().map(|p| p.1));
        let path = scale.line(points.iter().enumerate().map(|(i, p)| (i as f64, p.1)));
        let dates: Vec<NaiveDate> = points.iter().map(|p| p.0).collect();
        let summary = trend_summary(&points, &currency, lang);
        Some(view! {
            <svg class="chart dash-trend" viewBox=format!("0 0 {WIDTH} {HEIGHT}") role="img"
                aria-labelledby="dash-trend-title dash-trend-desc">
                <title id="dash-trend-title">{i18n.t(Key::DashRevenueTrend)}</title>
                <desc id="dash-trend-desc">{summary}</desc>
                <Axes scale=scale dates=dates lang=lang percent=false />
                <path d=path class="chart-line" />
            </svg>
        })
    };
    view! {
        <div class="kpi-grid kpi-grid-2">
            <Figure label=Key::KpiRevenue definition=Key::DefRevenue value=revenue />
        </div>
        {chart}
    }
}

fn trend_summary(points: &[(NaiveDate, f64)], currency: &str, lang: Lang) -> String {
    let low = points.iter().map(|p| p.1).fold(f64::INFINITY, f64::min);
    let high = points.iter().map(|p| p.1).fold(f64::NEG_INFINITY, f64::max);
    let (Some(first), Some(last)) = (points.first(), points.last()) else {
        return String::new();
    };
    [
        format_naive_date(first.0, lang),
        format_naive_date(last.0, lang),
        format!("{} {currency}", format_compact(low, lang)),
        format!("{} {currency}", format_compact(high, lang)),
    ]
    .iter()
    .fold(Key::DashTrendSummary.text(lang).to_owned(), |text, part| {
        text.replacen("{}", part, 1)
    })
}

/// Row height of the funnel drawing, in viewBox units.
const ROW: f64 = 44.0;
const FUNNEL_WIDTH: f64 = 320.0;

#[component]
fn Funnel(report: FunnelReport) -> impl IntoView {
    let i18n = use_i18n();
    let max = report.stages.iter().map(|s| s.reached).max().unwrap_or(0).max(1) as f64;
    let height = ROW * report.stages.len() as f64;
    let stages = report.stages.clone();
    let sources = report.sources.clone();
    let drawing = move || {
        let lang = i18n.lang();
        let summary = Key::DashFunnelSummary
            .text(lang)
            .replacen("{}", &stages.len().to_string(), 1)
            .replacen("{}", &format_int(report.records, lang), 1);
        let bars = stages
            .iter()
            .enumerate()
            .map(|(i, stage)| {
                let y = ROW * i as f64;
                let width = (FUNNEL_WIDTH * stage.reached as f64 / max).max(2.0);
                let tail = stage.conversion.map(|c| {
                    format!(" · {}", Key::DashStageConversion.text(lang).replacen("{}", &format_share(Some(c), lang), 1))
                });
                view! {
                    <g class="funnel-stage">
                        <text x="0" y=y + 14.0 class="funnel-label">
                            {format!("{} — {}{}", stage.name, format_int(stage.reached, lang), tail.unwrap_or_default())}
                        </text>
                        <rect x="0" y=y + 20.0 width=width height="16" rx="3" class="funnel-bar" />
                    </g>
                }
            })
            .collect_view();
        view! {
            <svg class="funnel" viewBox=format!("0 0 {FUNNEL_WIDTH} {height}") role="img"
                aria-labelledby="dash-funnel-title dash-funnel-desc">
                <title id="dash-funnel-title">{i18n.t(Key::DashFunnel)}</title>
                <desc id="dash-funnel-desc">{summary}</desc>
                {bars}
            </svg>
        }
    };
    view! {
        {drawing}
        {(!sources.is_empty()).then(|| view! {
            <h3 class="dash-subtitle">{tr(Key::DashSources)}</h3>
            <table class="dash-sources">
                <caption class="sr-only">{tr(Key::DashSources)}</caption>
                <thead>
                    <tr>
                        <th scope="col"></th>
                        <th scope="col" class="num">{tr(Key::DashSourceLeads)}</th>
                        <th scope="col" class="num">{tr(Key::DashSourceWon)}</th>
                        <th scope="col" class="num">
                            <KpiLabel label=Key::KpiConversion definition=Key::DefSourceConversion />
                        </th>
                    </tr>
                </thead>
                <tbody>
                    {sources
                        .into_iter()
                        .map(|s| {
                            let source: Option<Source> = serde_json::from_value(serde_json::Value::String(s.source.clone())).ok();
                            let raw = s.source.clone();
                            view! {
                                <tr>
                                    <th scope="row">{move || source.map_or_else(|| raw.clone(), |src| source_label(src, i18n.lang()).to_owned())}</th>
                                    <td class="num">{move || format_int(s.leads, i18n.lang())}</td>
                                    <td class="num">{move || format_int(s.won, i18n.lang())}</td>
                                    <td class="num">{move || format_share(s.conversion, i18n.lang())}</td>
                                </tr>
                            }
                        })
                        .collect_view()}
                </tbody>
            </table>
        })}
    }
}
