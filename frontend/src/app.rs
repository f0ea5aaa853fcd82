//! The root component: language, session, and the routes.

use leptos::prelude::*;
use leptos_router::components::{ParentRoute, Route, Router, Routes};
use leptos_router::path;

use crate::components::shell::Shell;
use crate::heartbeat::start_heartbeat;
use crate::i18n::provide_i18n;
use crate::pages::api_keys::ApiKeysPage;
use crate::pages::audit::AuditPage;
use crate::pages::companies::{CompaniesPage, CompanyCardPage};
use crate::pages::contacts::ContactsPage;
use crate::pages::contacts::card::ContactCardPage;
use crate::pages::contacts::duplicates::DuplicatesPage;
use crate::pages::deals::DealsPage;
use crate::pages::deals::card::DealCardPage;
use crate::pages::forgot_password::ForgotPasswordPage;
use crate::pages::home::HomePage;
use crate::pages::insights::InsightsPage;
use crate::pages::integrations::forms::FormsPage;
use crate::pages::integrations::webhooks::WebhooksPage;
use crate::pages::leads::LeadsPage;
use crate::pages::leads::card::LeadCardPage;
use crate::pages::login::LoginPage;
use crate::pages::logout::LogoutPage;
use crate::pages::more::MorePage;
use crate::pages::not_found::NotFoundPage;
use crate::pages::profile::ProfilePage;
use crate::pages::register::RegisterPage;
use crate::pages::reports::ReportsPage;
use crate::pages::reports::periodic_view::PeriodicReportPage;
use crate::pages::reset_password::ResetPasswordPage;
use crate::pages::roles::RolesPage;
use crate::pages::tasks::TasksPage;
use crate::pages::team::TeamPage;
use crate::session::provide_session;

/// The whole PWA.
#[component]
pub fn App() -> impl IntoView {
    provide_i18n();
    provide_session();
    start_heartbeat();
    view! {
        <Router>
            <Routes fallback=NotFoundPage>
                <Route path=path!("/login") view=LoginPage />
                <Route path=path!("/register") view=RegisterPage />
                <Route path=path!("/logout") view=LogoutPage />
                <Route path=path!("/forgot-password") view=ForgotPasswordPage />
                <Route path=path!("/reset-password") view=ResetPasswordPage />
                <ParentRoute path=path!("") view=Shell>
                    <Route path=path!("") view=HomePage />
                    <Route path=path!("/leads") view=LeadsPage />
                    <Route path=path!("/leads/:id") view=LeadCardPage />
                    <Route path=path!("/deals") view=DealsPage />
                    <Route path=path!("/deals/:id") view=DealCardPage />
                    <Route path=path!("/contacts") view=ContactsPage />
                    <Route path=path!("/contacts/duplicates") view=DuplicatesPage />
                    <Route path=path!("/contacts/:id") view=ContactCardPage />
                    <Route path=path!("/companies") view=CompaniesPage />
                    <Route path=path!("/companies/:id") view=CompanyCardPage />
                    <Route path=path!("/insights") view=InsightsPage />
                    <Route path=path!("/reports") view=ReportsPage />
                    <Route path=path!("/reports/periodic/:id") view=PeriodicReportPage />
                    <Route path=path!("/tasks") view=TasksPage />
                    <Route path=path!("/more") view=MorePage />
                    <Route path=path!("/team") view=TeamPage />
                    <Route path=path!("/roles") view=RolesPage />
                    <Route path=path!("/api-keys") view=ApiKeysPage />
                    <Route path=path!("/settings/forms") view=FormsPage />
                    <Route path=path!("/settings/webhooks") view=WebhooksPage />
                    <Route path=path!("/audit") view=AuditPage />
                    <Route path=path!("/profile") view=ProfilePage />
                </ParentRoute>
            </Routes>
        </Router>
    }
}
