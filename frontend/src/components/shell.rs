//! The signed-in frame: a side bar on desktop, a top bar and a bottom tab bar on phones.

use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_router::components::{A, Outlet, Redirect};
use leptos_router::hooks::use_location;
use voronka_types::Permission;

use crate::components::badges::Avatar;
use crate::components::bell::Bell;
use crate::components::icons::{Icon, IconName};
use crate::components::lang_switch::LangSwitch;
use crate::components::logo::{Logo, LogoMark};
use crate::components::page::LoadError;
use crate::i18n::{Key, role_label, tr, use_i18n};
use crate::session::use_session;

/// One destination of the main navigation.
pub(crate) struct NavItem {
    pub path: &'static str,
    pub label: Key,
    pub icon: IconName,
    /// Shown only to users holding this permission.
    pub needs: Option<Permission>,
    /// Also in the phone's bottom bar (which has room for five big targets; the rest are on
    /// the phone's "More" screen).
    pub on_phone: bool,
    /// In the desktop side bar ("More" is for phones only).
    pub on_desktop: bool,
}

/// The main navigation, in the side bar's order (the phone's bar keeps the same order).
pub(crate) const NAV: &[NavItem] = &[
    NavItem {
        path: "/leads",
        label: Key::NavLeads,
        icon: IconName::Funnel,
        needs: Some(Permission::LeadsReadOwn),
        on_phone: true,
        on_desktop: true,
    },
    NavItem {
        path: "/deals",
        label: Key::NavDeals,
        icon: IconName::Money,
        needs: Some(Permission::DealsReadOwn),
        on_phone: false,
        on_desktop: true,
    },
    NavItem {
        path: "/contacts",
        label: Key::NavContacts,
        icon: IconName::User,
        needs: Some(Permission::ContactsReadOwn),
        on_phone: true,
        on_desktop: true,
    },
    NavItem {
        path: "/companies",
        label: Key::NavCompanies,
        icon: IconName::Briefcase,
        needs: Some(Permission::ContactsReadOwn),
        on_phone: false,
        on_desktop: true,
    },
    NavItem {
        path: "/",
        label: Key::NavHome,
        icon: IconName::Home,
        needs: None,
        on_phone: true,
        on_desktop: true,
    },
    NavItem {
        path: "/tasks",
        label: Key::NavTasks,
        icon: IconName::Task,
        needs: Some(Permission::TasksReadOwn),
        on_phone: true,
        on_desktop: true,
    },
    NavItem {
        path: "/insights",
        label: Key::NavInsights,
        icon: IconName::Sparkles,
        needs: Some(Permission::ReportsRead),
        on_phone: false,
        on_desktop: true,
    },
    NavItem {
        path: "/reports",
        label: Key::NavReports,
        icon: IconName::List,
        needs: Some(Permission::LeadsReadOwn),
        on_phone: false,
        on_desktop: true,
    },
    NavItem {
        path: "/team",
        label: Key::NavTeam,
        icon: IconName::Users,
        needs: Some(Permission::UsersRead),
        on_phone: false,
        on_desktop: true,
    },
    NavItem {
        path: "/roles",
        label: Key::NavRoles,
        icon: IconName::Shield,
        needs: Some(Permission::RolesManage),
        on_phone: false,
        on_desktop: true,
    },
    NavItem {
        path: "/api-keys",
        label: Key::NavApiKeys,
        icon: IconName::Key,
        needs: Some(Permission::ApiKeysManage),
        on_phone: false,
        on_desktop: true,
    },
    NavItem {
        path: "/settings/forms",
        label: Key::NavForms,
        icon: IconName::Note,
        needs: Some(Permission::FormsManage),
        on_phone: false,
        on_desktop: true,
    },
    NavItem {
        path: "/settings/webhooks",
        label: Key::NavWebhooks,
        icon: IconName::ArrowRight,
        needs: Some(Permission::WebhooksManage),
        on_phone: false,
        on_desktop: true,
    },
    NavItem {
        path: "/audit",
        label: Key::NavAudit,
        icon: IconName::List,
        needs: Some(Permission::AuditRead),
        on_phone: false,
        on_desktop: true,
    },
    NavItem {
        path: "/profile",
        label: Key::NavProfile,
        icon: IconName::User,
        needs: None,
        on_phone: false,
        on_desktop: true,
    },
    NavItem {
        path: "/more",
        label: Key::NavMore,
        icon: IconName::More,
        needs: None,
        on_phone: true,
        on_desktop: false,
    },
];

/// Guards the signed-in part of the app, then draws its frame around the current page.
#[component]
pub fn Shell() -> impl IntoView {
    let session = use_session();
    let location = use_location();
    let login_path = move || {
        let path = location.pathname.get_untracked();
        if session.signed_out_by_user() || path == "/" {
            "/login".to_owned()
        } else {
            let next: String = js_sys::encode_uri_component(&path).into();
            format!("/login?next={next}")
        }
    };
    let retry = Callback::new(move |_| {
        spawn_local(async move {
            let _ = session.reload().await;
        })
    });
    view! {
        <Show when=move || session.is_ready() fallback=Splash>
            <Show
                when=move || session.is_signed_in()
                fallback=move || match session.startup_problem() {
                    Some(problem) => {
                        view! {
                            <div class="splash">
                                <LoadError problem=problem retry=retry />
                            </div>
                        }
                            .into_any()
                    }
                    None => view! { <Redirect path=login_path() /> }.into_any(),
                }
            >
                <Frame />
            </Show>
        </Show>
    }
}

/// The brand on an empty screen while the session is checked.
#[component]
pub fn Splash() -> impl IntoView {
    view! {
        <div class="splash" aria-busy="true">
            <LogoMark size=56 />
        </div>
    }
}

/// The "see everything" permission that implies an "own" one (guests hold only the former).
fn all_of(own: Permission) -> Option<Permission> {
    match own {
        Permission::LeadsReadOwn => Some(Permission::LeadsReadAll),
        Permission::ContactsReadOwn => Some(Permission::ContactsReadAll),
        Permission::DealsReadOwn => Some(Permission::DealsReadAll),
        _ => None,
    }
}

/// Whether the signed-in user may see `item` (seeing all leads implies seeing leads: guests
/// hold only `leads.read.all`).
pub(crate) fn nav_visible(session: crate::session::Session, item: &NavItem) -> bool {
    item.needs
        .is_none_or(|p| session.can(p) || all_of(p).is_some_and(|all| session.can(all)))
}

#[component]
fn Frame() -> impl IntoView {
    let i18n = use_i18n();
    let session = use_session();
    let signing_out = RwSignal::new(false);
    let sign_out = move |_| {
        if signing_out.get_untracked() {
            return;
        }
        signing_out.set(true);
        spawn_local(async move { session.sign_out().await });
    };
    let visible = move |item: &NavItem| nav_visible(session, item);
    let name = move || session.with_me(|m| m.user.name.clone()).unwrap_or_default();
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
    let nav_link = move |item: &'static NavItem, class: &'static str| {
        view! {
            <A href=item.path exact=item.path == "/" attr:class=class>
                <Icon icon=item.icon class="nav-icon" />
                <span class="nav-label">{tr(item.label)}</span>
            </A>
        }
    };
    view! {
        <div class="app">
            <a class="skip-link" href="#main">
                "↓"
            </a>
            <aside class="sidebar">
                <A href="/" attr:class="sidebar-brand">
                    <Logo size=30 />
                </A>
                <nav class="sidebar-nav" aria-label=tr(Key::MainNav)>
                    {move || {
                        NAV.iter()
                            .filter(|item| item.on_desktop && visible(item))
                            .map(|item| nav_link(item, "nav-item"))
                            .collect_view()
                    }}
                </nav>
                <div class="sidebar-footer">
                    <LangSwitch />
                    <A href="/profile" attr:class="user-chip">
                        {move || view! { <Avatar name=name() /> }}
                        <span class="user-chip-text">
                            <span class="user-chip-name">{name}</span>
                            <span class="user-chip-meta">{company}" · "{role}</span>
                        </span>
                    </A>
                    <button
                        type="button"
                        class="btn btn-ghost btn-block sign-out"
                        on:click=sign_out
                        disabled=move || signing_out.get()
                    >
                        <Icon icon=IconName::SignOut />
                        <span>{tr(Key::SignOut)}</span>
                    </button>
                </div>
            </aside>
            <header class="topbar">
                <A href="/" attr:class="topbar-brand">
                    <Logo size=28 />
                </A>
                <div class="topbar-actions">
                    <Bell />
                    <LangSwitch />
                    <button
                        type="button"
                        class="icon-btn"
                        on:click=sign_out
                        disabled=move || signing_out.get()
                        aria-label=tr(Key::SignOut)
                        title=tr(Key::SignOut)
                    >
                        <Icon icon=IconName::SignOut />
                    </button>
                </div>
            </header>
            <OfflineBanner />
            <main class="main" id="main" tabindex="-1">
                <div class="content">
                    <Outlet />
                </div>
            </main>
            <nav class="bottom-nav" aria-label=tr(Key::MainNav)>
                {move || {
                    NAV.iter()
                        .filter(|item| item.on_phone && visible(item))
                        .map(|item| nav_link(item, "tab-item"))
                        .collect_view()
                }}
            </nav>
        </div>
    }
}

/// A thin notice while the browser reports no network.
#[component]
fn OfflineBanner() -> impl IntoView {
    let online = RwSignal::new(web_sys::window().map(|w| w.navigator().on_line()).unwrap_or(true));
    let on_change = move |_| online.set(web_sys::window().map(|w| w.navigator().on_line()).unwrap_or(true));
    let _ = window_event_listener(leptos::ev::online, on_change);
    let _ = window_event_listener(leptos::ev::offline, on_change);
    view! {
        <Show when=move || !online.get()>
            <div class="offline-banner" role="status">
                {tr(Key::Offline)}
            </div>
        </Show>
    }
}
