//! `/leads/:id`, the lead card: every field editable in place, stage and owner pickers, score
//! and temperature, tap-to-call and WhatsApp links, the timeline with a note / call / task /
//! reply composer, and conversion to a deal.

mod composer;
mod convert;
mod fields;
mod patches;
mod score;
pub mod timeline;

use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_router::components::A;
use leptos_router::hooks::use_params_map;
use voronka_types::leads::{Lead, UpdateLead};
use voronka_types::{LeadId, Permission};

use super::badges::{HandlerBadge, TemperatureBadge, WaitingBadge};
use super::context::LeadsData;
use crate::api;
use crate::components::badges::Avatar;
use crate::components::form::{FormState, SuccessNote};
use crate::components::icons::{Icon, IconName};
use crate::components::inline::InlineText;
use crate::components::page::{LoadError, LoadingRows};
use crate::i18n::{Key, intent_key, tr, use_i18n};
use crate::pages::not_found::NotFoundPage;
use crate::session::use_session;
use composer::Composer;
use convert::ConvertSheet;
use fields::{LeadDetails, OwnerPicker, StagePicker};
use patches::name_patch;
use score::ScoreReasons;
use timeline::{Timeline, TimelineOf};

/// The open lead and how to change it, shared by the card's parts. `Copy`.
#[derive(Debug, Clone, Copy)]
pub struct LeadEditor {
    /// The lead as last saved.
    pub lead: RwSignal<Lead>,
    /// Bumped after every change, so the timeline reloads.
    pub version: RwSignal<u32>,
}

impl LeadEditor {
    /// Saves `patch` with `form` showing progress and problems; the card follows the answer.
    pub fn save(self, patch: UpdateLead, form: FormState) {
        if !form.start() {
            return;
        }
        let id = self.lead.with_untracked(|l| l.id);
        spawn_local(async move {
            if let Some(saved) = form.finish(api::leads::update_lead(id, &patch).await) {
                self.lead.set(saved);
                self.changed();
            }
        });
    }

    /// Something was added to the lead: reload the timeline.
    pub fn changed(self) {
        self.version.update(|v| *v += 1);
    }

    /// Reloads the lead (after a message that stops its reply timer, say).
    pub fn reload(self) {
        let id = self.lead.with_untracked(|l| l.id);
        spawn_local(async move {
            if let Ok(lead) = api::leads::get_lead(id).await {
                let _ = self.lead.try_set(lead);
            }
        });
    }
}

fn use_editor() -> LeadEditor {
    expect_context::<LeadEditor>()
}

/// `/leads/:id`.
#[component]
pub fn LeadCardPage() -> impl IntoView {
    let params = use_params_map();
    let id = Memo::new(move |_| params.with(|p| p.get("id")).and_then(|s| s.parse::<LeadId>().ok()));
    view! {
        <LeadsData>
            {move || match id.get() {
                Some(id) => view! { <LoadLead id=id /> }.into_any(),
                None => view! { <NotFoundPage /> }.into_any(),
            }}
        </LeadsData>
    }
}

#[component]
fn LoadLead(id: LeadId) -> impl IntoView {
    let lead = LocalResource::new(move || api::leads::get_lead(id));
    view! {
        <Transition fallback=|| view! { <LoadingRows rows=4 /> }>
            {move || Suspend::new(async move {
                match lead.await {
                    Ok(lead) => view! { <LeadCard lead=lead /> }.into_any(),
                    Err(problem) => {
                        let retry = Callback::new(move |_| lead.refetch());
                        view! {
                            <BackLink />
                            <LoadError problem=problem retry=retry />
                        }
                            .into_any()
                    }
                }
            })}
        </Transition>
    }
}

#[component]
fn BackLink() -> impl IntoView {
    view! {
        <A href="/leads" attr:class="back-link">
            <Icon icon=IconName::ChevronLeft />
            <span>{tr(Key::NavLeads)}</span>
        </A>
    }
}

#[component]
fn LeadCard(lead: Lead) -> impl IntoView {
    let i18n = use_i18n();
    let session = use_session();
    let editor = LeadEditor {
        lead: RwSignal::new(lead),
        version: RwSignal::new(0),
    };
    provide_context(editor);
    let converting = RwSignal::new(false);
    let converted = RwSignal::new(None::<String>);
    let lead = editor.lead;
    let name_form = FormState::new();
    let contact_name = move || lead.with(|l| (l.contact.name != l.name).then(|| l.contact.name.clone()));
    let can_convert = move || session.can(Permission::DealsWrite) && lead.with(|l| l.deal_id.is_none());
    view! {
        <div class="lead-card-page">
            <BackLink />
            <section class="card lead-hero">
                <div class="lead-hero-top">
                    {move || view! { <Avatar name=lead.with(|l| l.name.clone()) large=true /> }}
                    <div class="lead-hero-text">
                        <InlineText
                            label=Key::LeadName
                            field="name"
                            form=name_form
                            value=Signal::derive(move || lead.with(|l| l.name.clone()))
                            save=fields::saver(name_patch)
                            read_only=fields::locked()
                            heading=true
                        />
                        {move || contact_name().map(|n| view! { <p class="muted">{n}</p> })}
                    </div>
                </div>
                {move || {
                    lead.with(|l| {
                        view! {
                            <div class="lead-badges">
                                <TemperatureBadge temperature=l.temperature score=l.score />
                                <HandlerBadge handler=l.handled_by />
                                {l.intent.map(|i| view! { <span class="badge badge-intent" data-testid="lead-intent">{tr(intent_key(i))}</span> })}
                                {l.awaiting_reply_since.map(|since| view! { <WaitingBadge since=since /> })}
                                {l.repeat.then(|| view! { <span class="badge">{tr(Key::Repeat)}</span> })}
                            </div>
                        }
                    })
                }}
                <ScoreReasons />
                <QuickActions />
                <div class="lead-pickers">
                    <StagePicker />
                    <OwnerPicker />
                </div>
                {move || {
                    converted.get().map(|title| view! { <SuccessNote><p>{move || i18n.t1(Key::DealCreated, &title)}</p></SuccessNote> })
                }}
                {move || {
                    lead.with(|l| l.deal_id)
                        .map(|deal| {
                            view! {
                                <p class="note">
                                    {move || converted.with(Option::is_none).then(|| tr(Key::HasDeal)())}
                                    " "
                                    <A href=format!("/deals/{deal}") attr:data-testid="lead-deal-link">
                                        {tr(Key::OpenDeal)}
                                    </A>
                                </p>
                            }
                        })
                }}
                <Show when=can_convert>
                    <button type="button" class="btn btn-primary convert-btn" on:click=move |_| converting.set(true)>
                        <Icon icon=IconName::Briefcase />
                        <span>{tr(Key::ConvertToDeal)}</span>
                    </button>
                </Show>
            </section>
            <div class="lead-layout">
                <LeadDetails />
                <section class="lead-activity" aria-labelledby="timeline-title">
                    <h2 class="section-title" id="timeline-title">{tr(Key::Timeline)}</h2>
                    <Composer />
                    <Timeline of=TimelineOf::Lead(editor.lead.with_untracked(|l| l.id)) version=editor.version />
                </section>
            </div>
            <Show when=move || converting.get()>
                <ConvertSheet open=converting converted=converted />
            </Show>
        </div>
    }
}

/// Call, WhatsApp and e-mail links for the lead's contact.
#[component]
fn QuickActions() -> impl IntoView {
    let editor = use_editor();
    move || {
        editor.lead.with(|l| {
            // E.164 dials from anywhere; the number as typed is the fallback.
            let phone = l.contact.phone_e164.clone().or_else(|| {
                l.contact
                    .phone
                    .as_ref()
                    .map(|p| p.chars().filter(|c| c.is_ascii_digit() || *c == '+').collect())
            });
            let whatsapp = l.contact.phone_e164.as_ref().map(|e| {
                let digits: String = e.chars().filter(char::is_ascii_digit).collect();
                format!("https://wa.me/{digits}")
            });
            let email = l.contact.email.clone();
            view! {
                <div class="lead-actions">
                    {phone.map(|p| view! {
                        <a class="btn btn-secondary" href=format!("tel:{p}")>
                            <Icon icon=IconName::Phone />
                            <span>{tr(Key::CallAction)}</span>
                        </a>
                    })}
                    {whatsapp.map(|href| view! {
                        <a class="btn btn-secondary" href=href target="_blank" rel="noopener">
                            <Icon icon=IconName::Chat />
                            <span>{tr(Key::Whatsapp)}</span>
                        </a>
                    })}
                    {email.map(|e| view! {
                        <a class="btn btn-secondary" href=format!("mailto:{e}")>
                            <Icon icon=IconName::Mail />
                            <span>{tr(Key::Email)}</span>
                        </a>
                    })}
                </div>
            }
        })
    }
}
