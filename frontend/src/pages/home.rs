//! The home screen: a greeting, what is coming, and the set-up steps the user may take.

use leptos::prelude::*;
use leptos_router::components::A;
use voronka_types::Permission;

use crate::components::icons::{Icon, IconName};
use crate::i18n::{Key, role_label, tr, use_i18n};
use crate::pages::dashboard::Dashboard;
use crate::pages::home_stats::HomeStats;
use crate::session::use_session;

/// A set-up step on the home screen.
struct QuickLink {
    path: &'static str,
    title: Key,
    hint: Key,
    icon: IconName,
    needs: Option<Permission>,
}

const QUICK_LINKS: &[QuickLink] = &[
    QuickLink {
        path: "/leads",
        title: Key::QuickLeads,
        hint: Key::QuickLeadsHint,
        icon: IconName::Funnel,
        needs: Some(Permission::LeadsReadOwn),
    },
    QuickLink {
        path: "/reports",
        title: Key::NavReports,
        hint: Key::QuickReportsHint,
        icon: IconName::Chart,
        needs: Some(Permission::LeadsReadOwn),
    },
    QuickLink {
        path: "/team",
        title: Key::QuickTeam,
        hint: Key::QuickTeamHint,
        icon: IconName::Users,
        needs: Some(Permission::UsersRead),
    },
    QuickLink {
        path: "/api-keys",
        title: Key::QuickKeys,
        hint: Key::QuickKeysHint,
        icon: IconName::Key,
        needs: Some(Permission::ApiKeysManage),
    },
    QuickLink {
        path: "/settings/forms",
        title: Key::QuickForms,
        hint: Key::QuickFormsHint,
        icon: IconName::Note,
        needs: Some(Permission::FormsManage),
    },
    QuickLink {
        path: "/settings/webhooks",
        title: Key::QuickWebhooks,
        hint: Key::QuickWebhooksHint,
        icon: IconName::ArrowRight,
        needs: Some(Permission::WebhooksManage),
    },
    QuickLink {
        path: "/roles",
        title: Key::QuickRoles,
        hint: Key::QuickRolesHint,
        icon: IconName::Shield,
        needs: Some(Permission::RolesManage),
    },
    QuickLink {
        path: "/profile",
        title: Key::QuickProfile,
        hint: Key::QuickProfileHint,
        icon: IconName::Lock,
        needs: None,
    },
    QuickLink {
        path: "/audit",
        title: Key::QuickAudit,
        hint: Key::QuickAuditHint,
        icon: IconName::List,
        needs: Some(Permission::AuditRead),
    },
];

/// "Good morning" and friends, by the local hour.
fn greeting_key() -> Key {
    match js_sys::Date::new_0().get_hours() {
        5..=11 => Key::GoodMorning,
        12..=17 => Key::GoodAfternoon,
        _ => Key::GoodEvening,
    }
}

/// `/`.
#[component]
pub fn HomePage() -> impl IntoView {
    let i18n = use_i18n();
    let session = use_session();
    let first_name = move || {
        session
            .with_me(|m| m.user.name.split_whitespace().next().unwrap_or_default().to_owned())
            .unwrap_or_default()
    };
    let company = move || {
        session
            .with_me(|m| m.tenant.as_ref().map(|t| t.name.clone()))
            .flatten()
            .unwrap_or_default()
    };
    let role = move || {
        session
            .with_me(|m| role_label(m.user.role, i18n.lang()))
            .unwrap_or_default()
    };
    let links = move || {
        QUICK_LINKS
            .iter()
            .filter(|l| l.needs.is_none_or(|p| session.can(p)))
            .map(|l| {
                view! {
                    <A href=l.path attr:class="quick-link">
                        <span class="quick-icon">
                            <Icon icon=l.icon />
                        </span>
                        <span class="quick-text">
                            <span class="quick-title">{tr(l.title)}</span>
                            <span class="quick-hint">{tr(l.hint)}</span>
                        </span>
                        <Icon icon=IconName::ArrowRight class="quick-arrow" />
                    </A>
                }
            })
            .collect_view()
    };
    view! {
        <section class="hero">
            <p class="hero-company">
                <span class="hero-company-name">{company}</span>
                <span class="badge badge-soft">{role}</span>
            </p>
            <h1 class="hero-title">{move || i18n.t1(greeting_key(), &first_name())}</h1>
        </section>

        <HomeStats />

        <Dashboard />


        <h2 class="section-title">{tr(Key::GetSetUp)}</h2>
        <nav class="quick-links">{links}</nav>
    }
}
