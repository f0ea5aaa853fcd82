//! The role → permission matrix: one column per role, saved role by role.

use std::collections::BTreeSet;

use leptos::prelude::*;
use leptos::task::spawn_local;
use voronka_types::roles::{RolePermissions, SetRolePermissions};
use voronka_types::{Permission, Role};

use crate::api;
use crate::components::form::{FormState, ProblemBox, SuccessNote};
use crate::components::icons::{Icon, IconName};
use crate::components::page::{LoadError, LoadingRows, NoAccess, PageHeader};
use crate::i18n::{Key, permission_label, permissions_by_group, problem_message, role_label, tr, use_i18n};
use crate::session::use_session;

/// One role's column: what the server has, what the user ticked, and its save state.
#[derive(Clone, Copy)]
struct RoleColumn {
    role: Role,
    editable: bool,
    saved: RwSignal<BTreeSet<Permission>>,
    draft: RwSignal<BTreeSet<Permission>>,
    form: FormState,
}

impl RoleColumn {
    fn new(row: RolePermissions) -> Self {
        let set: BTreeSet<Permission> = row.permissions.into_iter().collect();
        Self {
            role: row.role,
            editable: row.editable,
            saved: RwSignal::new(set.clone()),
            draft: RwSignal::new(set),
            form: FormState::new(),
        }
    }

    fn dirty(&self) -> bool {
        self.saved.with(|s| self.draft.with(|d| s != d))
    }
}

/// `/roles`.
#[component]
pub fn RolesPage() -> impl IntoView {
    let session = use_session();
    view! {
        <PageHeader title=Key::NavRoles subtitle=Key::RolesSubtitle />
        <Show when=move || session.can(Permission::RolesManage) fallback=NoAccess>
            <RolesMatrix />
        </Show>
    }
}

#[component]
fn RolesMatrix() -> impl IntoView {
    let roles = LocalResource::new(api::roles::list_roles);
    view! {
        <Transition fallback=|| view! { <LoadingRows rows=6 /> }>
            {move || Suspend::new(async move {
                match roles.await {
                    Ok(rows) => {
                        let mut rows = rows;
                        rows.sort_by_key(|r| Role::TENANT_ROLES.iter().position(|t| *t == r.role));
                        let columns: Vec<RoleColumn> = rows.into_iter().map(RoleColumn::new).collect();
                        view! { <Matrix columns=columns /> }.into_any()
                    }
                    Err(problem) => {
                        let retry = Callback::new(move |_| roles.refetch());
                        view! { <LoadError problem=problem retry=retry /> }.into_any()
                    }
                }
            })}
        </Transition>
    }
}

#[component]
fn Matrix(columns: Vec<RoleColumn>) -> impl IntoView {
    let i18n = use_i18n();
    let saved_role = RwSignal::new(None::<Role>);
    let save = move |column: RoleColumn| {
        if !column.form.start() {
            return;
        }
        saved_role.set(None);
        let request = SetRolePermissions {
            permissions: column.draft.get_untracked().into_iter().collect(),
        };
        spawn_local(async move {
            let result = api::roles::set_role_permissions(column.role, &request).await;
            if let Some(row) = column.form.finish(result) {
                let set: BTreeSet<Permission> = row.permissions.into_iter().collect();
                column.saved.set(set.clone());
                column.draft.set(set);
                saved_role.set(Some(column.role));
            }
        });
    };

    // Permissions grouped by area, with a heading row before each area.
    let mut rows: Vec<(Option<Key>, Permission)> = Vec::new();
    for (group, members) in permissions_by_group(Permission::ALL) {
        for (i, permission) in members.into_iter().enumerate() {
            rows.push(((i == 0).then_some(group), permission));
        }
    }
    // On a phone one role column shows at a time; chips above the table pick it.
    let focus = RwSignal::new(
        columns
            .iter()
            .find(|c| c.editable)
            .or(columns.first())
            .map_or(Role::Manager, |c| c.role),
    );
    let column_count = columns.len() + 1;
    let problems = columns.clone();

    view! {
        {move || {
            saved_role
                .get()
                .map(|role| {
                    view! {
                        <SuccessNote>
                            <p>{move || i18n.t1(Key::RoleSaved, role_label(role, i18n.lang()))}</p>
                        </SuccessNote>
                    }
                })
        }}
        {problems
            .into_iter()
            .map(|c| {
                move || {
                    c.form.problem.get().map(|p| {
                        let headline = format!("{}: {}", role_label(c.role, i18n.lang()), problem_message(&p, i18n.lang()));
                        view! { <ProblemBox headline=headline /> }
                    })
                }
            })
            .collect_view()}
        <div class="role-tabs phone-only" role="group" aria-label=tr(Key::Role)>
            {columns
                .clone()
                .into_iter()
                .map(|c| {
                    let role = c.role;
                    view! {
                        <button
                            type="button"
                            class="role-tab"
                            aria-pressed=move || (focus.get() == role).to_string()
                            on:click=move |_| focus.set(role)
                        >
                            {move || role_label(role, i18n.lang())}
                            <Show when=move || c.dirty()>
                                <span class="role-tab-dot" aria-hidden="true"></span>
                            </Show>
                        </button>
                    }
                })
                .collect_view()}
        </div>
        <div class="card matrix-card">
            <div class="matrix-scroll">
                <table class="matrix" data-focus=move || focus.get().as_str()>
                    <thead>
                        <tr>
                            <th scope="col" class="matrix-perm">{tr(Key::Permission)}</th>
                            {columns
                                .iter()
                                .map(|c| {
                                    let c = *c;
                                    view! {
                                        <th scope="col" class=format!("matrix-role role-col role-col-{}", c.role.as_str())>
                                            <span>{move || role_label(c.role, i18n.lang())}</span>
                                            {(!c.editable)
                                                .then(|| view! { <span title=tr(Key::OwnerFixed)><Icon icon=IconName::Lock class="matrix-lock" /></span> })}
                                        </th>
                                    }
                                })
                                .collect_view()}
                        </tr>
                    </thead>
                    <tbody>
                        {rows
                            .into_iter()
                            .map(|(group, permission)| {
                                let heading = group.map(|g| {
                                    view! {
                                        <tr class="matrix-group">
                                            <th scope="colgroup" colspan=column_count>{tr(g)}</th>
                                        </tr>
                                    }
                                });
                                let cells = columns
                                    .iter()
                                    .map(|c| {
                                        let c = *c;
                                        let checked = move || c.draft.with(|d| d.contains(&permission));
                                        let toggle = move |_| {
                                            c.draft.update(|d| {
                                                if !d.remove(&permission) {
                                                    d.insert(permission);
                                                }
                                            })
                                        };
                                        view! {
                                            <td class=format!("matrix-cell role-col role-col-{}", c.role.as_str())>
                                                <input
                                                    type="checkbox"
                                                    class="check"
                                                    prop:checked=checked
                                                    disabled=!c.editable
                                                    on:change=toggle
                                                    aria-label=move || format!("{} — {}", role_label(c.role, i18n.lang()), permission_label(permission, i18n.lang()))
                                                />
                                            </td>
                                        }
                                    })
                                    .collect_view();
                                view! {
                                    {heading}
                                    <tr>
                                        <th scope="row" class="matrix-perm">
                                            <span>{move || permission_label(permission, i18n.lang())}</span>
                                            <code class="matrix-code">{permission.as_str()}</code>
                                        </th>
                                        {cells}
                                    </tr>
                                }
                            })
                            .collect_view()}
                    </tbody>
                    <tfoot>
                        <tr>
                            <th scope="row" class="matrix-perm"></th>
                            {columns
                                .iter()
                                .map(|c| {
                                    let c = *c;
                                    view! {
                                        <td class=format!("matrix-cell role-col role-col-{}", c.role.as_str())>
                                            {if c.editable {
                                                view! {
                                                    <button
                                                        type="button"
                                                        class="btn btn-primary btn-sm"
                                                        disabled=move || !c.dirty() || c.form.busy.get()
                                                        aria-busy=move || c.form.busy.get().to_string()
                                                        aria-label=move || format!("{} — {}", i18n.t(Key::Save), role_label(c.role, i18n.lang()))
                                                        on:click=move |_| save(c)
                                                    >
                                                        <Show when=move || c.form.busy.get()>
                                                            <span class="spinner" aria-hidden="true"></span>
                                                        </Show>
                                                        {tr(Key::Save)}
                                                    </button>
                                                    <Show when=move || c.dirty()>
                                                        <span class="unsaved">{tr(Key::Unsaved)}</span>
                                                    </Show>
                                                }
                                                    .into_any()
                                            } else {
                                                view! {
                                                    <span class="muted" title=tr(Key::OwnerFixed)>
                                                        <Icon icon=IconName::Lock class="matrix-lock" />
                                                    </span>
                                                }
                                                    .into_any()
                                            }}
                                        </td>
                                    }
                                })
                                .collect_view()}
                        </tr>
                    </tfoot>
                </table>
            </div>
        </div>
    }
}
