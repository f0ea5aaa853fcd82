//! A team member's weekly work schedule, editable by owners and heads of sales: per weekday a
//! start and end time, or a day off. Server errors show next to the field they name
//! (`days.monday.end`).

use leptos::ev::SubmitEvent;
use leptos::prelude::*;
use leptos::task::spawn_local;
use voronka_types::UserId;
use voronka_types::worktime::{DayHours, SetWorkSchedule, WeekSchedule, WorkSchedule};

use crate::api;
use crate::components::form::{FormState, ProblemAlert, SubmitButton, SuccessNote, TextField};
use crate::components::page::{LoadError, LoadingRows};
use crate::i18n::{Key, format_weekday, tr, use_i18n};

/// The API's field names per weekday, Monday first: (day, start field, end field).
const DAYS: [(&str, &str, &str); 7] = [
    ("monday", "days.monday.start", "days.monday.end"),
    ("tuesday", "days.tuesday.start", "days.tuesday.end"),
    ("wednesday", "days.wednesday.start", "days.wednesday.end"),
    ("thursday", "days.thursday.start", "days.thursday.end"),
    ("friday", "days.friday.start", "days.friday.end"),
    ("saturday", "days.saturday.start", "days.saturday.end"),
    ("sunday", "days.sunday.start", "days.sunday.end"),
];

const FIELDS: &[&str] = &[
    "days.monday.start",
    "days.monday.end",
    "days.tuesday.start",
    "days.tuesday.end",
    "days.wednesday.start",
    "days.wednesday.end",
    "days.thursday.start",
    "days.thursday.end",
    "days.friday.start",
    "days.friday.end",
    "days.saturday.start",
    "days.saturday.end",
    "days.sunday.start",
    "days.sunday.end",
];

/// One weekday's inputs.
#[derive(Clone, Copy)]
struct DayInputs {
    off: RwSignal<bool>,
    start: RwSignal<String>,
    end: RwSignal<String>,
}

/// Builds the request from the inputs (a day off is `null`).
fn week(days: &[DayInputs; 7]) -> WeekSchedule {
    let hours = |d: &DayInputs| {
        (!d.off.get_untracked()).then(|| DayHours::new(d.start.get_untracked().trim(), d.end.get_untracked().trim()))
    };
    WeekSchedule {
        monday: hours(&days[0]),
        tuesday: hours(&days[1]),
        wednesday: hours(&days[2]),
        thursday: hours(&days[3]),
        friday: hours(&days[4]),
        saturday: hours(&days[5]),
        sunday: hours(&days[6]),
    }
}

/// The schedule card for `user_id` (shown only to those who may change it).
#[component]
pub fn ScheduleEditor(user_id: UserId) -> impl IntoView {
    let schedule = LocalResource::new(move || async move { api::kpi::schedule(user_id).await });
    view! {
        <section class="schedule" aria-labelledby="schedule-title" data-testid="schedule">
            <h3 class="card-title" id="schedule-title">{tr(Key::ScheduleTitle)}</h3>
            <Transition fallback=|| view! { <LoadingRows rows=3 /> }>
                {move || Suspend::new(async move {
                    match schedule.await {
                        Ok(schedule) => view! { <ScheduleForm schedule=schedule /> }.into_any(),
                        Err(problem) => {
                            view! { <LoadError problem=problem retry=Callback::new(move |_| schedule.refetch()) /> }
                                .into_any()
                        }
                    }
                })}
            </Transition>
        </section>
    }
}

#[component]
fn ScheduleForm(schedule: WorkSchedule) -> impl IntoView {
    let i18n = use_i18n();
    let form = FormState::new();
    let saved = RwSignal::new(false);
    let is_default = RwSignal::new(schedule.is_default);
    let user_id = schedule.user_id;
    let zone = schedule.time_zone.clone();
    let inputs: [DayInputs; 7] = std::array::from_fn(|i| {
        let hours = schedule.days.on(i as u32);
        DayInputs {
            off: RwSignal::new(hours.is_none()),
            start: RwSignal::new(hours.map_or_else(|| "09:00".to_owned(), |h| h.start.clone())),
            end: RwSignal::new(hours.map_or_else(|| "18:00".to_owned(), |h| h.end.clone())),
        }
    });
    let on_submit = move |ev: SubmitEvent| {
        ev.prevent_default();
        if !form.start() {
            return;
        }
        saved.set(false);
        let request = SetWorkSchedule { days: week(&inputs) };
        spawn_local(async move {
            let result = api::kpi::set_schedule(user_id, &request).await;
            if let Some(answer) = form.finish(result) {
                is_default.set(answer.is_default);
                saved.set(true);
            }
        });
    };
    view! {
        <form class="form" on:submit=on_submit novalidate>
            <p class="muted">{move || i18n.t1(Key::ScheduleHint, &zone)}</p>
            <Show when=move || is_default.get()>
                <p class="muted">{tr(Key::ScheduleDefault)}</p>
            </Show>
            <ProblemAlert form=form fields=FIELDS />
            <div class="schedule-days">
                {DAYS
                    .iter()
                    .zip(inputs)
                    .enumerate()
                    .map(|(i, ((day, start, end), input))| {
                        view! {
                            <fieldset class="schedule-day" data-day=*day>
                                <legend class="schedule-day-name">{move || format_weekday(i, i18n.lang())}</legend>
                                <label class="check">
                                    <input type="checkbox" name=format!("days.{day}.off")
                                        prop:checked=move || input.off.get()
                                        on:change=move |ev| input.off.set(event_target_checked(&ev)) />
                                    " "{tr(Key::ScheduleDayOff)}
                                </label>
                                <Show when=move || !input.off.get()>
                                    <div class="schedule-times">
                                        <TextField label=Key::ScheduleStart field=start value=input.start form=form input_type="time" />
                                        <TextField label=Key::ScheduleEnd field=end value=input.end form=form input_type="time" />
                                    </div>
                                </Show>
                            </fieldset>
                        }
                    })
                    .collect_view()}
            </div>
            <Show when=move || saved.get()>
                <SuccessNote>{tr(Key::ScheduleSaved)}</SuccessNote>
            </Show>
            <div class="form-actions">
                <SubmitButton label=Key::ScheduleSave form=form class="btn btn-primary" />
            </div>
        </form>
    }
}
