//! Why the lead has its score: the basis (rules, the company's own model, or set by hand) and
//! each reason with its points; a score set by hand can be handed back to Voronka.

use leptos::prelude::*;
use voronka_types::Permission;
use voronka_types::leads::{LeadScore, ScoreBasis, ScoreReason, UpdateLead};

use super::use_editor;
use crate::components::form::{FormState, ProblemAlert};
use crate::i18n::{Key, Lang, tr, use_i18n};
use crate::session::use_session;

/// "+12", "−5", "0".
pub fn signed_points(points: i32) -> String {
    match points {
        p if p > 0 => format!("+{p}"),
        p if p < 0 => format!("−{}", p.unsigned_abs()),
        _ => "0".to_owned(),
    }
}

/// A reason in the reader's language.
pub fn reason_text(reason: &ScoreReason, lang: Lang) -> &str {
    match lang {
        Lang::Ru => &reason.text_ru,
        Lang::En => &reason.text_en,
    }
}

/// The line that says what the score rests on.
fn basis_line(details: &LeadScore, lang: Lang) -> String {
    match details.basis {
        ScoreBasis::Rules => Key::ScoreByRules.text(lang).to_owned(),
        ScoreBasis::Fitted => {
            Key::ScoreByModel
                .text(lang)
                .replacen("{}", &details.closed_leads.unwrap_or(0).to_string(), 1)
        }
        ScoreBasis::Manual => Key::ScoreByHand.text(lang).to_owned(),
    }
}

/// The folded "why this score" block of the lead card.
#[component]
pub fn ScoreReasons() -> impl IntoView {
    let i18n = use_i18n();
    let editor = use_editor();
    let session = use_session();
    let form = FormState::new();
    let hand_back = move |_| {
        editor.save(
            UpdateLead {
                score: Some(None),
                ..UpdateLead::default()
            },
            form,
        )
    };
    // The block stays in place while the lead changes, so an open <details> stays open.
    let details = move || editor.lead.with(|l| l.score_details.clone());
    let summary = move || {
        let score = editor.lead.with(|l| l.score);
        Key::ScoreWhy.text(i18n.lang()).replacen("{}", &score.to_string(), 1)
    };
    let basis = move || details().map(|d| basis_line(&d, i18n.lang())).unwrap_or_default();
    let reasons = move || {
        let lang = i18n.lang();
        details()
            .map(|d| d.reasons)
            .unwrap_or_default()
            .iter()
            .map(|r| {
                let class = if r.points < 0 {
                    "score-points minus"
                } else {
                    "score-points plus"
                };
                view! {
                    <li>
                        <span class=class>{signed_points(r.points)}</span>
                        <span>{reason_text(r, lang).to_owned()}</span>
                    </li>
                }
            })
            .collect_view()
    };
    let manual =
        move || details().is_some_and(|d| d.basis == ScoreBasis::Manual) && session.can(Permission::LeadsWrite);
    view! {
        <Show when=move || details().is_some()>
            <details class="score-reasons" data-testid="score-reasons">
                <summary>{summary}</summary>
                <p class="muted" data-testid="score-basis">{basis}</p>
                <ul class="score-reason-list">{reasons}</ul>
                <Show when=manual>
                    <button type="button" class="btn btn-secondary" on:click=hand_back disabled=move || form.busy.get()>
                        {tr(Key::ScoreHandBack)}
                    </button>
                </Show>
                <ProblemAlert form=form fields=&["score"] />
            </details>
        </Show>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn points_carry_their_sign() {
        assert_eq!(signed_points(12), "+12");
        assert_eq!(signed_points(-5), "−5");
        assert_eq!(signed_points(0), "0");
    }
}
