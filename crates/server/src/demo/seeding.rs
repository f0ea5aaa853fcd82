//! Seeding a demo company: register it, add its team, then contacts, leads (with deals made
//! from won ones and follow-up tasks) and the remaining deals, batch by batch, and the team's
//! work sessions.

use std::time::Instant;

use anyhow::{Context, anyhow, bail};
use rand::SeedableRng;
use rand::rngs::StdRng;
use sea_orm::{ConnectionTrait, DatabaseBackend, TransactionTrait};
use serde_json::json;
use voronka_types::auth::RegisterRequest;
use voronka_types::pipelines::{PipelineKind, StageKind};
use voronka_types::users::UserStatus;
use voronka_types::{Role, TenantId, UserId};

use super::activity;
use super::generate::{self, ContactSeed, StageRef, World};
use super::write::{self, insert_rows};
use super::{DemoOptions, DemoSummary, Progress, manager_email, people};
use crate::audit::{self, AuditActor, AuditEvent};
use crate::auth::password;
use crate::auth::service::{RequestMeta, find_user_by_email, register};
use crate::contacts::entity::{contact, identity};
use crate::deals::entity as deal;
use crate::leads::entity as lead;
use crate::pipelines::{placement, service as pipelines};
use crate::startup::AppState;
use crate::tasks::entity as task;
use crate::users::entity as user;
use crate::validation::{self, Checks};
use crate::worktime::entity::work_session;
use crate::{clock, tenants};

fn api(e: crate::error::ApiError) -> anyhow::Error {
    anyhow!("{e}")
}

fn check(opts: &DemoOptions) -> anyhow::Result<()> {
    validation::email("owner_email", &opts.owner_email).map_err(|e| anyhow!("--owner-email: {}", e.message))?;
    validation::password("password", &opts.password, Some(&opts.owner_email))
        .map_err(|e| anyhow!("--password: {}", e.message))?;
    if !["ru", "en"].contains(&opts.locale.as_str()) {
        bail!("--locale: use ru or en");
    }
    if opts.contacts == 0 && (opts.leads > 0 || opts.deals > 0) {
        bail!("--contacts: leads and deals need at least one contact");
    }
    if opts.managers > 1_000 {
        bail!("--managers: at most 1000");
    }
    if opts.batch == 0 {
        bail!("--batch: at least 1");
    }
    Ok(())
}

/// The stages of the company's default pipeline of `kind`, in board order.
async fn default_stages(
    db: &impl ConnectionTrait,
    tenant: TenantId,
    kind: PipelineKind,
) -> anyhow::Result<(uuid::Uuid, Vec<StageRef>)> {
    let mut checks = Checks::new();
    let (pipeline, _) = placement::resolve_placement(db, tenant, kind, None, None, &mut checks)
        .await
        .map_err(api)?
        .context("the new company has no default pipeline")?;
    let stages = pipelines::stages(db, pipeline.id)
        .await
        .map_err(api)?
        .into_iter()
        .map(|s| StageRef {
            id: s.id,
            kind: StageKind::parse(&s.kind).unwrap_or(StageKind::Open),
        })
        .collect::<Vec<_>>();
    if stages.is_empty() {
        bail!("the default {} pipeline has no stages", kind.as_str());
    }
    Ok((pipeline.id, stages))
}

/// Adds `count` active managers who share the owner's password (hashed once).
async fn add_managers(
    db: &impl ConnectionTrait,
    opts: &DemoOptions,
    tenant: TenantId,
    rng: &mut StdRng,
) -> anyhow::Result<Vec<(UserId, String, chrono::NaiveDate)>> {
    let hash = password::hash(opts.password.clone()).await.map_err(api)?;
    let now = clock::now();
    let russian = opts.locale == "ru";
    let team: Vec<user::Model> = (1..=opts.managers)
        .map(|n| user::Model {
            id: UserId::new().0,
            tenant_id: Some(tenant.0),
            email: manager_email(&opts.owner_email, n).to_lowercase(),
            name: people::name(rng, russian).full(),
            password_hash: hash.clone(),
            role: Role::Manager.as_str().into(),
            status: UserStatus::Active.as_str().into(),
            start_date: Some((now - chrono::Duration::days(i64::from(n) * 17)).date_naive()),
            totp_secret: None,
            totp_enabled: false,
            created_at: now,
            updated_at: now,
        })
        .collect();
    let list = team
        .iter()
        .map(|u| (UserId(u.id), u.email.clone(), u.start_date.unwrap_or(now.date_naive())))
        .collect();
    insert_rows(db, team.into_iter().map(user::ActiveModel::from).collect()).await?;
    Ok(list)
}

/// Creates the demo company described by `opts` and fills it, reporting each batch to
/// `progress`. Fails with a readable message on bad options or a taken e-mail.
pub async fn seed(
    state: &AppState,
    opts: &DemoOptions,
    mut progress: impl FnMut(Progress),
) -> anyhow::Result<DemoSummary> {
    check(opts)?;
    let started = Instant::now();
    let db = &state.db;
    if find_user_by_email(db, &opts.owner_email.trim().to_lowercase())
        .await
        .map_err(api)?
        .is_some()
    {
        bail!(
            "--owner-email: an account with e-mail {} already exists",
            opts.owner_email
        );
    }
    let meta = RequestMeta {
        ip: "127.0.0.1".into(),
        request_id: None,
        locale: if opts.locale == "ru" { "ru" } else { "en" },
    };
    let request = RegisterRequest {
        company_name: opts.company.clone(),
        name: if opts.locale == "ru" {
            "Владелец"
        } else {
            "Owner"
        }
        .into(),
        email: opts.owner_email.clone(),
        password: opts.password.clone(),
    };
    let owner = register(state, request, &meta).await.map_err(api)?.user;
    let tenant = owner.tenant_id.context("the registered owner has no company")?;
    let mut rng = StdRng::seed_from_u64(opts.seed);
    let team = add_managers(db, opts, tenant, &mut rng).await?;
    let (lead_pipeline, lead_stages) = default_stages(db, tenant, PipelineKind::Lead).await?;
    let (deal_pipeline, deal_stages) = default_stages(db, tenant, PipelineKind::Deal).await?;
    let world = World {
        tenant: tenant.0,
        russian: opts.locale == "ru",
        currency: tenants::service::currency(db, tenant).await.map_err(api)?,
        owners: team.iter().map(|(id, _, _)| id.0).collect(),
        lead_pipeline,
        lead_stages,
        deal_pipeline,
        deal_stages,
        now: clock::now(),
    };
    let mut report = |phase, done, total| {
        progress(Progress {
            phase,
            done,
            total,
            elapsed: started.elapsed(),
        })
    };

    let mut contacts: Vec<ContactSeed> = Vec::with_capacity(opts.contacts as usize);
    while (contacts.len() as u64) < opts.contacts {
        let size = opts.batch.min(opts.contacts - contacts.len() as u64);
        let (mut rows, mut keys) = (Vec::new(), Vec::new());
        for _ in 0..size {
            let (row, row_keys, seed) = generate::contact(&mut rng, &world, contacts.len() as u64 + 1);
            rows.push(contact::ActiveModel::from(row));
            keys.extend(row_keys.into_iter().map(identity::ActiveModel::from));
            contacts.push(seed);
        }
        let txn = db.begin().await?;
        insert_rows(&txn, rows).await?;
        insert_rows(&txn, keys).await?;
        txn.commit().await?;
        report("contacts", contacts.len() as u64, opts.contacts);
    }

    let (mut leads, mut deals, mut changes, mut tasks) = (0u64, 0u64, 0u64, 0u64);
    let mut has_lead = vec![false; contacts.len()];
    while leads < opts.leads {
        let size = opts.batch.min(opts.leads - leads);
        let (mut lead_rows, mut lead_moves, mut tags) = (Vec::new(), Vec::new(), Vec::new());
        let (mut deal_rows, mut deal_moves, mut task_rows) = (Vec::new(), Vec::new(), Vec::new());
        for _ in 0..size {
            let pick = rand::Rng::random_range(&mut rng, 0..contacts.len());
            let who = &contacts[pick];
            let mut made = generate::lead(&mut rng, &world, who, has_lead[pick]);
            has_lead[pick] = true;
            if made.model.status == StageKind::Won.as_str() && deals < opts.deals {
                deals += 1;
                let (d, moves) = generate::deal(&mut rng, &world, who, Some(&made.model), deals);
                made.model.deal_id = Some(d.id);
                deal_rows.push(deal::ActiveModel::from(d));
                deal_moves.extend(moves);
            }
            tags.extend(write::record_tags(world.tenant, "lead", made.model.id, &made.tags));
            task_rows.extend(activity::follow_up(&mut rng, &world, &made.model).map(task::ActiveModel::from));
            lead_moves.extend(made.moves);
            lead_rows.push(lead::ActiveModel::from(made.model));
        }
        changes += (lead_moves.len() + deal_moves.len()) as u64;
        tasks += task_rows.len() as u64;
        let txn = db.begin().await?;
        insert_rows(&txn, deal_rows).await?;
        insert_rows(&txn, lead_rows).await?;
        insert_rows(&txn, write::stage_changes(world.tenant, "lead", lead_moves)).await?;
        insert_rows(&txn, write::stage_changes(world.tenant, "deal", deal_moves)).await?;
        insert_rows(&txn, tags).await?;
        insert_rows(&txn, task_rows).await?;
        txn.commit().await?;
        leads += size;
        report("leads", leads, opts.leads);
    }

    while deals < opts.deals {
        let size = opts.batch.min(opts.deals - deals);
        let (mut rows, mut moves) = (Vec::new(), Vec::new());
        for _ in 0..size {
            let who = &contacts[rand::Rng::random_range(&mut rng, 0..contacts.len())];
            deals += 1;
            let (d, m) = generate::deal(&mut rng, &world, who, None, deals);
            rows.push(deal::ActiveModel::from(d));
            moves.extend(m);
        }
        changes += moves.len() as u64;
        let txn = db.begin().await?;
        insert_rows(&txn, rows).await?;
        insert_rows(&txn, write::stage_changes(world.tenant, "deal", moves)).await?;
        txn.commit().await?;
        report("deals", deals, opts.deals);
    }

    let zone = tenants::service::find(db, tenant)
        .await
        .map_err(api)?
        .and_then(|t| t.time_zone.parse::<chrono_tz::Tz>().ok())
        .unwrap_or(chrono_tz::Tz::UTC);
    let first_day = (world.now - chrono::Duration::days(400)).date_naive();
    let mut sessions = 0u64;
    for (id, _, start_date) in &team {
        let rows = activity::work_sessions(&mut rng, &world, zone, id.0, Ord::max(*start_date, first_day));
        sessions += rows.len() as u64;
        insert_rows(db, rows.into_iter().map(work_session::ActiveModel::from).collect()).await?;
    }
    report("work sessions", sessions, sessions);

    let actor = AuditActor {
        tenant_id: tenant,
        kind: "user",
        id: Some(owner.id.0),
        name: Some(owner.name.clone()),
        request_id: None,
        ip: None,
    };
    let counts = json!({"managers": team.len(), "contacts": contacts.len(), "leads": leads, "deals": deals,
                        "tasks": tasks, "work_sessions": sessions,
                        "seed": opts.seed});
    audit::record_as(
        db,
        &actor,
        AuditEvent::new("demo.seeded", "tenant", Some(tenant.to_string())).after(counts),
    )
    .await
    .map_err(api)?;
    // The server's job worker scores the demo leads by the rules (and fits the model) at once.
    crate::jobs::enqueue(
        db,
        crate::jobs::NewJob::new(
            crate::leads::scoring::sweep::JOB_KIND,
            Some(tenant),
            json!({}),
            world.now,
        ),
    )
    .await
    .map_err(api)?;
    // And writes the periodic reports after the next midnight.
    crate::reports::periodic::ensure_scheduled(db, tenant, world.now)
        .await
        .map_err(api)?;
    refresh_statistics(db).await?;
    // The KPI roll-up (PostgreSQL) is counted now rather than on the first KPI request.
    if crate::kpi::rollup::kept_by(db) {
        let company = crate::ai::window::Company::load(db, tenant).await.map_err(api)?;
        crate::kpi::rollup::refresh(db, &company).await.map_err(api)?;
    }
    Ok(DemoSummary {
        tenant_id: tenant,
        owner_email: owner.email,
        manager_emails: team.into_iter().map(|(_, email, _)| email).collect(),
        contacts: contacts.len() as u64,
        leads,
        deals,
        stage_changes: changes,
        tasks,
        work_sessions: sessions,
        elapsed: started.elapsed(),
    })
}

/// Lets the query planner see the new volumes right away (and, on PostgreSQL, marks the
/// fresh pages all-visible so counts can be answered from indexes alone, and compacts the
/// roll-up that every batch rewrote).
async fn refresh_statistics(db: &impl ConnectionTrait) -> anyhow::Result<()> {
    let statements: &[&str] = match db.get_database_backend() {
        DatabaseBackend::Postgres => &["VACUUM (FULL) stage_totals", "VACUUM (ANALYZE)"],
        _ => &["ANALYZE"],
    };
    for statement in statements {
        db.execute_unprepared(statement)
            .await
            .with_context(|| format!("cannot run {statement}"))?;
    }
    Ok(())
}
