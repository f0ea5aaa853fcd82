//! Customer segments: each one's size and revenue share; a tap lists its buyers.

use chrono::NaiveDate;
use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_router::components::A;
use voronka_types::ai::{RiskLevel, Segment, SegmentCustomer, SegmentSummary};

use crate::api;
use crate::components::form::{FormState, ProblemAlert};
use crate::components::page::{LoadError, LoadingRows};
use crate::i18n::{Key, Lang, format_count, format_money, format_naive_date, format_percent, tr, use_i18n};

/// The segment's name.
pub fn segment_key(segment: Segment) -> Key {
    match segment {
        Segment::Champions => Key::SegChampions,
        Segment::Loyal => Key::SegLoyal,
        Segment::PotentialLoyalists => Key::SegPotentialLoyalists,
        Segment::New => Key::SegNew,
        Segment::Promising => Key::SegPromising,
        Segment::NeedAttention => Key::SegNeedAttention,
        Segment::AboutToSleep => Key::SegAboutToSleep,
        Segment::AtRisk => Key::SegAtRisk,
        Segment::CantLose => Key::SegCantLose,
        Segment::Hibernating => Key::SegHibernating,
        Segment::Lost => Key::SegLost,
    }
}

fn risk_badge(level: RiskLevel) -> (Key, &'static str) {
    match level {
        RiskLevel::Low => (Key::RiskLow, "badge badge-success"),
        RiskLevel::Medium => (Key::RiskMedium, "badge badge-warning"),
        RiskLevel::High => (Key::RiskHigh, "badge badge-danger"),
    }
}

/// The segments as of `as_of` (the report's last day).
#[component]
pub fn SegmentsCard(summaries: Vec<SegmentSummary>, as_of: NaiveDate) -> impl IntoView {
    let i18n = use_i18n();
    let chosen = RwSignal::new(None::<Segment>);
    let rows = summaries.clone();
    view! {
        <p class="small muted">{tr(Key::SegmentsHint)}</p>
        <ul class="segments" role="list">
            {rows
                .into_iter()
                .map(|s| {
                    let segment = s.segment;
                    let width = format!("width: {:.1}%", (s.revenue_share * 100.0).clamp(0.0, 100.0));
                    let empty = s.customers == 0;
                    view! {
                        <li>
                            <button
                                type="button"
                                class="segment-row"
                                aria-pressed=move || (chosen.get() == Some(segment)).to_string()
                                disabled=empty
                                data-segment=api::ai::segment_name(segment)
                                on:click=move |_| chosen.set(Some(segment))
                            >
                                <span class="segment-name">{tr(segment_key(segment))}</span>
                                <span class="segment-count">{move || format_count(s.customers, i18n.lang())}</span>
                                <span class="segment-share">
                                    {move || format_percent(s.revenue_share, i18n.lang(), false)}
                                </span>
                                <span class="segment-bar" aria-hidden="true"><span style=width></span></span>
                            </button>
                        </li>
                    }
                })
                .collect_view()}
        </ul>
        {move || chosen.get().map(|segment| view! { <SegmentBuyers segment=segment as_of=as_of /> })}
    }
}

#[component]
fn SegmentBuyers(segment: Segment, as_of: NaiveDate) -> impl IntoView {
    let first = LocalResource::new(move || api::ai::segments(Some(segment), None, Some(as_of)));
    view! {
        <section class="segment-buyers" aria-live="polite">
            <h3 class="card-subtitle">{move || {
                let i18n = use_i18n();
                Key::BuyersOf.text(i18n.lang()).replacen("{}", segment_key(segment).text(i18n.lang()), 1)
            }}</h3>
            <Transition fallback=|| view! { <LoadingRows rows=3 /> }>
                {move || Suspend::new(async move {
                    match first.await {
                        Ok(page) => view! {
                            <BuyerList
                                segment=segment
                                as_of=as_of
                                items=page.customers.items
                                cursor=page.customers.next_cursor
                            />
                        }
                        .into_any(),
                        Err(problem) => {
                            let retry = Callback::new(move |_| first.refetch());
                            view! { <LoadError problem=problem retry=retry /> }.into_any()
                        }
                    }
                })}
            </Transition>
        </section>
    }
}

fn buyer_row(c: SegmentCustomer, lang: Lang) -> impl IntoView {
    let (risk, class) = risk_badge(c.risk_level);
    view! {
        <li class="buyer" data-testid="buyer">
            <A href=format!("/contacts/{}", c.contact_id) attr:class="buyer-name">{c.name}</A>
            <span class="buyer-total">{format_money(&c.total, lang, true)}</span>
            <span class="buyer-last small muted">
                {Key::LastPurchase.text(lang)}": "{format_naive_date(c.last_purchase, lang)}
            </span>
            <span class=class title=format!("{} {}", Key::ChurnRisk.text(lang), format_percent(c.churn_risk, lang, false))>
                {Key::ChurnRisk.text(lang)}": "{risk.text(lang)}
            </span>
        </li>
    }
}

#[component]
fn BuyerList(segment: Segment, as_of: NaiveDate, items: Vec<SegmentCustomer>, cursor: Option<String>) -> impl IntoView {
    let i18n = use_i18n();
    let buyers = RwSignal::new(items);
    let cursor = RwSignal::new(cursor);
    let more = FormState::new();
    let load_more = move |_| {
        let Some(next) = cursor.get_untracked() else {
            return;
        };
        if !more.start() {
            return;
        }
        spawn_local(async move {
            if let Some(page) = more.finish(api::ai::segments(Some(segment), Some(next), Some(as_of)).await) {
                buyers.update(|b| b.extend(page.customers.items));
                cursor.set(page.customers.next_cursor);
            }
        });
    };
    view! {
        <Show
            when=move || buyers.with(|b| !b.is_empty())
            fallback=|| view! { <p class="muted small">{tr(Key::NoBuyers)}</p> }
        >
            <ul class="buyers" role="list">
                {move || {
                    let lang = i18n.lang();
                    buyers.get().into_iter().map(|c| buyer_row(c, lang)).collect_view()
                }}
            </ul>
        </Show>
        <div class="list-foot">
            <ProblemAlert form=more />
            <Show when=move || cursor.with(Option::is_some)>
                <button type="button" class="btn btn-secondary btn-sm" on:click=load_more disabled=move || more.busy.get()>
                    {tr(Key::LoadMore)}
                </button>
            </Show>
        </div>
    }
}
