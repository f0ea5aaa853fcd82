//! The contact's purchases: totals per currency (count, total, average order value), the
//! first and last purchase, and the purchases themselves, page by page.

use leptos::prelude::*;
use leptos::task::spawn_local;
use voronka_types::Money;
use voronka_types::purchases::{CurrencyTotals, Purchase};

use super::card::use_contact;
use crate::api;
use crate::components::form::{FormState, ProblemAlert};
use crate::components::page::{LoadError, LoadingRows};
use crate::i18n::{Key, format_count, format_date, format_money, tr, use_i18n};

fn money(amount: &str, currency: &str) -> Money {
    Money {
        amount: amount.to_owned(),
        currency: currency.to_owned(),
    }
}

/// The purchases card; shown only for contacts that have bought something.
#[component]
pub fn PurchasesBlock() -> impl IntoView {
    let editor = use_contact();
    let stats = move || editor.contact.with(|c| c.purchases.clone()).filter(|s| s.count > 0);
    view! {
        <section class="card purchases" aria-labelledby="purchases-title">
            <h2 class="card-title" id="purchases-title">{tr(Key::Purchases)}</h2>
            {move || match stats() {
                None => view! { <p class="note">{tr(Key::NoPurchases)}</p> }.into_any(),
                Some(stats) => {
                    view! {
                        <dl class="pstat-grid purchase-dates">
                            <Stat label=Key::PurchaseCount value=Signal::derive({
                                let i18n = use_i18n();
                                move || format_count(stats.count, i18n.lang())
                            }) />
                            <DateStat label=Key::FirstPurchase at=stats.first_purchase_at />
                            <DateStat label=Key::LastPurchase at=stats.last_purchase_at />
                        </dl>
                        {
                            let several = stats.by_currency.len() > 1;
                            stats
                                .by_currency
                                .into_iter()
                                .map(|t| view! { <Totals totals=t several=several /> })
                                .collect_view()
                        }
                        <PurchaseList />
                    }
                        .into_any()
                }
            }}
        </section>
    }
}

#[component]
fn Stat(label: Key, #[prop(into)] value: Signal<String>) -> impl IntoView {
    view! {
        <div class="pstat">
            <dt class="pstat-label">{tr(label)}</dt>
            <dd class="pstat-value">{value}</dd>
        </div>
    }
}

#[component]
fn DateStat(label: Key, at: Option<chrono::DateTime<chrono::Utc>>) -> impl IntoView {
    let i18n = use_i18n();
    view! { <Stat label=label value=Signal::derive(move || at.map(|a| format_date(a, i18n.lang())).unwrap_or_default()) /> }
}

/// One currency's totals.
#[component]
fn Totals(
    totals: CurrencyTotals,
    /// With several currencies, each shows its own count.
    several: bool,
) -> impl IntoView {
    let i18n = use_i18n();
    let total = money(&totals.total, &totals.currency);
    let average = money(&totals.average, &totals.currency);
    let count = totals.count;
    view! {
        <dl class="pstat-grid purchase-totals" data-currency=totals.currency.clone()>
            <Stat label=Key::PurchaseTotal value=Signal::derive(move || format_money(&total, i18n.lang(), false)) />
            <Stat label=Key::AverageOrder value=Signal::derive(move || format_money(&average, i18n.lang(), false)) />
            {several.then(|| view! { <Stat label=Key::PurchaseCount value=Signal::derive(move || format_count(count, i18n.lang())) /> })}
        </dl>
    }
}

/// The purchases, newest first, with "load more".
#[component]
fn PurchaseList() -> impl IntoView {
    let editor = use_contact();
    let id = editor.contact.with_untracked(|c| c.id);
    let first = LocalResource::new(move || api::contacts::contact_purchases(id, None));
    view! {
        <Transition fallback=|| view! { <LoadingRows rows=2 /> }>
            {move || Suspend::new(async move {
                match first.await {
                    Ok(page) => view! { <Rows items=page.items cursor=page.next_cursor /> }.into_any(),
                    Err(problem) => {
                        let retry = Callback::new(move |_| first.refetch());
                        view! { <LoadError problem=problem retry=retry /> }.into_any()
                    }
                }
            })}
        </Transition>
    }
}

#[component]
fn Rows(items: Vec<Purchase>, cursor: Option<String>) -> impl IntoView {
    let editor = use_contact();
    let id = editor.contact.with_untracked(|c| c.id);
    let rows = RwSignal::new(items);
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
            if let Some(page) = more.finish(api::contacts::contact_purchases(id, Some(next)).await) {
                rows.update(|r| r.extend(page.items));
                cursor.set(page.next_cursor);
            }
        });
    };
    view! {
        <ul class="purchase-list">
            <For each=move || rows.get() key=|p| p.id let:purchase>
                <PurchaseRow purchase=purchase />
            </For>
        </ul>
        <ProblemAlert form=more />
        <Show when=move || cursor.with(Option::is_some)>
            <button type="button" class="btn btn-secondary btn-block" on:click=load_more disabled=move || more.busy.get()>
                {tr(Key::LoadMore)}
            </button>
        </Show>
    }
}

#[component]
fn PurchaseRow(purchase: Purchase) -> impl IntoView {
    let i18n = use_i18n();
    let at = purchase.purchased_at;
    let amount = purchase.amount.clone();
    let items = purchase.items.len();
    let names = purchase
        .items
        .iter()
        .map(|i| i.name.as_str())
        .collect::<Vec<_>>()
        .join(", ");
    view! {
        <li class="purchase-row">
            <div class="purchase-main">
                <span class="purchase-id">{format!("#{}", purchase.external_id)}</span>
                <span class="muted purchase-items">{names}</span>
            </div>
            <div class="purchase-side">
                <span class="purchase-amount">{move || format_money(&amount, i18n.lang(), false)}</span>
                <span class="muted">
                    {move || format_date(at, i18n.lang())}
                    {(items > 1).then_some(move || format!(" · {}", i18n.t1(Key::ItemsCount, &items.to_string())))}
                </span>
            </div>
        </li>
    }
}
