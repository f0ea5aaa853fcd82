use chrono::{TimeZone, Utc};
use rand::SeedableRng;
use rand::rngs::StdRng;
use uuid::Uuid;
use voronka_types::pipelines::StageKind;

use super::generate::{self, StageRef, World};
use super::manager_email;
use crate::contacts::phone::to_e164;

fn stages(kinds: &[StageKind]) -> Vec<StageRef> {
    kinds
        .iter()
        .map(|&kind| StageRef {
            id: Uuid::new_v4(),
            kind,
        })
        .collect()
}

fn world() -> World {
    use StageKind::{Lost, Open, Won};
    World {
        tenant: Uuid::new_v4(),
        russian: true,
        currency: "RUB".into(),
        owners: (0..5).map(|_| Uuid::new_v4()).collect(),
        lead_pipeline: Uuid::new_v4(),
        lead_stages: stages(&[Open, Open, Open, Open, Open, Won, Lost]),
        deal_pipeline: Uuid::new_v4(),
        deal_stages: stages(&[Open, Open, Open, Won, Lost]),
        now: Utc.with_ymd_and_hms(2026, 11, 22, 12, 0, 0).single().unwrap(),
    }
}

/// Contacts, leads and deals drawn from `seed`, as comparable values.
fn draw(world: &World, seed: u64) -> Vec<String> {
    let mut rng = StdRng::seed_from_u64(seed);
    let mut out = Vec::new();
    for n in 0..50 {
        let (contact, keys, who) = generate::contact(&mut rng, world, n);
        let lead = generate::lead(&mut rng, world, &who, false);
        let (deal, _) = generate::deal(&mut rng, world, &who, Some(&lead.model), n);
        out.push(format!("{contact:?}{keys:?}{lead:?}{deal:?}"));
    }
    out
}

#[test]
fn the_same_seed_gives_the_same_people_numbers_and_funnel() {
    let world = world();
    assert_eq!(draw(&world, 42), draw(&world, 42));
    assert_ne!(draw(&world, 42), draw(&world, 43));
}

#[test]
fn contacts_keep_valid_e164_phones_and_the_search_keys_the_contacts_service_would_keep() {
    let world = world();
    let mut rng = StdRng::seed_from_u64(7);
    for n in 0..300 {
        let (contact, keys, _) = generate::contact(&mut rng, &world, n);
        let phones: Vec<voronka_types::contacts::Phone> = serde_json::from_str(&contact.phones).unwrap();
        let emails: Vec<String> = serde_json::from_str(&contact.emails).unwrap();
        assert!(!phones.is_empty() || !emails.is_empty(), "reachable somehow");
        for phone in &phones {
            assert_eq!(to_e164(&phone.e164, None).as_deref(), Some(phone.e164.as_str()));
            assert_eq!(
                to_e164(&phone.raw, crate::contacts::phone::default_region("ru")),
                Some(phone.e164.clone())
            );
            assert!(keys.iter().any(|k| k.kind == "phone" && k.value == phone.e164));
        }
        assert!(
            keys.iter()
                .any(|k| k.kind == "name" && k.value == contact.name.to_lowercase())
        );
        assert_eq!(keys.iter().filter(|k| k.kind == "email").count(), emails.len());
        assert!(
            keys.iter()
                .all(|k| k.contact_id == contact.id && k.tenant_id == world.tenant)
        );
    }
}

#[test]
fn a_lead_history_starts_in_the_first_stage_and_ends_in_its_stage_at_increasing_times() {
    let world = world();
    let mut rng = StdRng::seed_from_u64(8);
    let mut reached = std::collections::BTreeSet::new();
    for n in 0..500 {
        let (_, _, who) = generate::contact(&mut rng, &world, n);
        let made = generate::lead(&mut rng, &world, &who, false);
        let (lead, moves) = (made.model, made.moves);
        reached.insert(lead.stage_id);
        assert_eq!(moves[0].from, None);
        assert_eq!(moves[0].to, world.lead_stages[0].id);
        assert_eq!(moves.last().unwrap().to, lead.stage_id);
        assert_eq!(moves.last().unwrap().at, lead.stage_changed_at);
        assert!(
            moves
                .windows(2)
                .all(|w| w[0].at < w[1].at && w[1].from == Some(w[0].to))
        );
        assert!(lead.created_at >= who.created_at && lead.created_at <= world.now);
        assert_eq!(
            lead.id.get_timestamp().map(|t| t.to_unix().0),
            Some(lead.created_at.timestamp() as u64)
        );
        assert!((0..=100).contains(&lead.score));
        let stage = world.lead_stages.iter().find(|s| s.id == lead.stage_id).unwrap();
        assert_eq!(lead.status, stage.kind.as_str());
        assert_eq!(lead.close_reason.is_some(), stage.kind == StageKind::Lost);
        if let (Some(inbound), Some(outbound)) = (lead.last_inbound_at, lead.last_outbound_at) {
            assert!(inbound <= world.now && outbound <= world.now);
        }
    }
    assert_eq!(reached.len(), world.lead_stages.len(), "every stage gets leads");
}

#[test]
fn a_deal_made_from_a_won_lead_starts_when_the_lead_was_won_with_its_amount() {
    let world = world();
    let mut rng = StdRng::seed_from_u64(9);
    for n in 0..200 {
        let (_, _, who) = generate::contact(&mut rng, &world, n);
        let lead = generate::lead(&mut rng, &world, &who, true).model;
        let (deal, moves) = generate::deal(&mut rng, &world, &who, Some(&lead), n);
        assert!(lead.repeat);
        assert_eq!(deal.created_at, lead.stage_changed_at);
        assert_eq!(deal.lead_id, Some(lead.id));
        if let (Some(minor), Some(currency)) = (lead.amount_minor, &lead.currency) {
            assert_eq!((deal.amount_minor, &deal.currency), (minor, currency));
        }
        assert_eq!(moves.last().unwrap().to, deal.stage_id);
        assert_eq!(deal.closed_at.is_some(), deal.status != "open");
    }
}

#[test]
fn managers_get_addresses_next_to_the_owners() {
    assert_eq!(manager_email("owner@demo.test", 7), "owner+manager7@demo.test");
}

#[test]
fn follow_up_tasks_are_due_after_their_lead_and_done_ones_were_done_by_now() {
    let world = world();
    let mut rng = StdRng::seed_from_u64(11);
    let (mut open, mut done) = (0, 0);
    for n in 0..400 {
        let (_, _, who) = generate::contact(&mut rng, &world, n);
        let lead = generate::lead(&mut rng, &world, &who, false).model;
        let Some(task) = super::activity::follow_up(&mut rng, &world, &lead) else {
            continue;
        };
        let due = task.due_at.unwrap();
        assert!(due > lead.created_at && due <= lead.created_at + chrono::Duration::hours(72));
        assert_eq!((Some(task.assignee_id), task.lead_id), (lead.owner_id, Some(lead.id)));
        match task.completed_at {
            Some(at) => {
                assert_eq!(task.status, "completed");
                assert!(at >= lead.created_at && at <= world.now && due < world.now);
                done += 1;
            }
            None => {
                assert_eq!(task.status, "open");
                open += 1;
            }
        }
    }
    assert!(done > open && open > 0, "{done} done, {open} open");
}

#[test]
fn work_sessions_fall_on_weekdays_in_the_company_zone_and_only_today_stays_open() {
    let world = world();
    let zone = chrono_tz::Europe::Moscow;
    let mut rng = StdRng::seed_from_u64(5);
    let since = chrono::NaiveDate::from_ymd_opt(2026, 10, 1).unwrap();
    let sessions = super::activity::work_sessions(&mut rng, &world, zone, world.owners[0], since);
    // 1 October – 20 November (Friday): 37 weekdays; 22 November is a Sunday.
    assert!((30..=37).contains(&sessions.len()), "{}", sessions.len());
    for s in &sessions {
        use chrono::Datelike;
        assert!(s.day.weekday().num_days_from_monday() < 5);
        assert_eq!(s.started_at.with_timezone(&zone).date_naive(), s.day);
        assert!(s.started_at < s.last_seen_at && s.last_seen_at <= world.now);
        assert_eq!(s.closed_at, Some(s.last_seen_at));
    }
}
