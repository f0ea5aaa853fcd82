//! The pure part of the demo data: rows for contacts (with their search keys), leads (with
//! their stage history) and deals, drawn from a seeded random generator. Nothing here
//! touches the database, so the same seed and clock give the same rows.

use chrono::{DateTime, Duration, Utc};
use rand::Rng;
use rand::seq::IndexedRandom;
use uuid::Uuid;
use voronka_types::contacts::{Phone, Source};
use voronka_types::leads::{Handler, Temperature};
use voronka_types::pipelines::StageKind;

use super::funnel::{Move, history, path, stage_weights, step_times};
use super::people::{self, PersonName};
use super::phones::{self, Country};
use crate::contacts::duplicates;
use crate::contacts::entity::{contact, identity};
use crate::deals::entity as deal;
use crate::leads::entity as lead;
use crate::search;

/// A stage records can be put in.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StageRef {
    pub id: Uuid,
    pub kind: StageKind,
}

/// What the generated rows belong to: the company, its team, its pipelines and "now".
#[derive(Debug, Clone)]
pub struct World {
    pub tenant: Uuid,
    /// A Russian-speaking company: mostly Russian customers, phones written with the trunk 8.
    pub russian: bool,
    /// The company currency.
    pub currency: String,
    /// The managers records are given to.
    pub owners: Vec<Uuid>,
    pub lead_pipeline: Uuid,
    /// The lead stages in board order.
    pub lead_stages: Vec<StageRef>,
    pub deal_pipeline: Uuid,
    pub deal_stages: Vec<StageRef>,
    pub now: DateTime<Utc>,
}

/// What leads and deals need to know of their contact.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ContactSeed {
    pub id: Uuid,
    pub name: String,
    pub owner: Option<Uuid>,
    pub created_at: DateTime<Utc>,
    pub country: Country,
    pub city: String,
    pub source: Source,
}

const SOURCES: [(Source, u32); 9] = [
    (Source::Website, 25),
    (Source::Whatsapp, 20),
    (Source::Telegram, 12),
    (Source::Instagram, 10),
    (Source::Phone, 10),
    (Source::Email, 8),
    (Source::Manual, 7),
    (Source::Referral, 5),
    (Source::Api, 3),
];

/// A UUIDv7 made at `at` (ids sort by creation time, as the API's `created` order expects).
pub fn id_at(rng: &mut impl Rng, at: DateTime<Utc>) -> Uuid {
    let mut random = [0u8; 10];
    rng.fill(&mut random);
    uuid::Builder::from_unix_timestamp_millis(at.timestamp_millis().max(0) as u64, &random).into_uuid()
}

/// A moment up to `days` before `now`, more often recent than old.
fn recent(rng: &mut impl Rng, now: DateTime<Utc>, days: i64) -> DateTime<Utc> {
    let skew: f64 = rng.random::<f64>().powf(1.5);
    now - Duration::seconds((skew * (days * 86_400) as f64) as i64)
}

/// A moment between `from` and `to` (inclusive of `from`).
fn between(rng: &mut impl Rng, from: DateTime<Utc>, to: DateTime<Utc>) -> DateTime<Utc> {
    let span = (to - from).num_seconds().max(1);
    from + Duration::seconds(rng.random_range(0..span))
}

fn weighted<T: Copy>(rng: &mut impl Rng, options: &[(T, u32)]) -> T {
    let total: u32 = options.iter().map(|(_, w)| w).sum();
    let mut roll = rng.random_range(0..total.max(1));
    for (value, weight) in options {
        if roll < *weight {
            return *value;
        }
        roll -= weight;
    }
    options[0].0
}

/// A contact with its search keys (name, phones, e-mails and tags, as the contacts service
/// keeps them), and what its leads need to know of it.
pub fn contact(rng: &mut impl Rng, world: &World, n: u64) -> (contact::Model, Vec<identity::Model>, ContactSeed) {
    let country = Country::pick(rng, world.russian);
    let person: PersonName = people::name(rng, country.speaks_russian());
    let phone_count = match rng.random_range(0..100) {
        0..5 => 0,
        5..90 => 1,
        _ => 2,
    };
    let mut phones: Vec<Phone> = (0..phone_count)
        .map(|_| {
            let p = phones::phone(rng, country, world.russian);
            Phone {
                raw: p.raw,
                e164: p.e164,
            }
        })
        .collect();
    phones.dedup_by(|a, b| a.e164 == b.e164);
    let emails = if phones.is_empty() || rng.random_bool(0.6) {
        vec![people::email(rng, &person, country.speaks_russian(), n)]
    } else {
        Vec::new()
    };
    let tags = people::tags(rng, 2);
    let created_at = recent(rng, world.now, 400);
    let seed = ContactSeed {
        id: id_at(rng, created_at),
        name: person.full(),
        owner: if rng.random_bool(0.9) {
            world.owners.choose(rng).copied()
        } else {
            None
        },
        created_at,
        country,
        city: people::city(rng, country).to_owned(),
        source: weighted(rng, &SOURCES),
    };
    let key = |kind: &str, value: String| identity::Model {
        contact_id: seed.id,
        tenant_id: world.tenant,
        kind: kind.to_owned(),
        value,
    };
    let mut keys = vec![key("name", seed.name.to_lowercase())];
    keys.extend(phones.iter().map(|p| key("phone", p.e164.clone())));
    keys.extend(emails.iter().map(|e| key("email", e.clone())));
    keys.extend(tags.iter().map(|t| key("tag", t.to_lowercase())));
    keys.extend(duplicates::name_key(&seed.name).map(|k| key("name_key", k)));
    let model = contact::Model {
        id: seed.id,
        tenant_id: world.tenant,
        name: seed.name.clone(),
        sort_name: search::fold(&seed.name),
        phones: serde_json::to_string(&phones).unwrap_or_else(|_| "[]".into()),
        emails: serde_json::to_string(&emails).unwrap_or_else(|_| "[]".into()),
        company_id: None,
        city: Some(seed.city.clone()),
        source: seed.source.as_str().into(),
        tags: serde_json::to_string(&tags).unwrap_or_else(|_| "[]".into()),
        owner_id: seed.owner,
        custom_fields: "{}".into(),
        external_id: None,
        attributes: "{}".into(),
        created_at,
        updated_at: created_at,
    };
    (model, keys, seed)
}

/// A lead with the stage moves that brought it where it is and its tags.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LeadRows {
    pub model: lead::Model,
    pub moves: Vec<Move>,
    pub tags: Vec<String>,
}

/// A lead of `contact` somewhere in the funnel. `repeat` marks a contact's second and later
/// requests.
pub fn lead(rng: &mut impl Rng, world: &World, contact: &ContactSeed, repeat: bool) -> LeadRows {
    let russian = contact.country.speaks_russian();
    let created_at = between(rng, contact.created_at, world.now);
    let id = id_at(rng, created_at);
    let weights = stage_weights(&world.lead_stages, 13, 15);
    let target = weighted(rng, &weights);
    let steps = path(rng, &world.lead_stages, target);
    let times = step_times(rng, created_at, world.now, steps.len());
    let owner = if rng.random_bool(0.8) {
        contact.owner
    } else {
        world.owners.choose(rng).copied()
    };
    let moves = history(id, world.lead_pipeline, &world.lead_stages, &steps, &times, owner);
    let stage_changed_at = times.last().copied().unwrap_or(created_at);
    let stage = &world.lead_stages[target];
    let score: i16 = rng.random_range(0..=100);
    let temperature = rng.random_bool(0.9).then_some(match score {
        70.. => Temperature::Hot,
        40..70 => Temperature::Warm,
        _ => Temperature::Cold,
    });
    let inbound = rng.random_bool(0.85).then(|| {
        let until = stage_changed_at.max(created_at + Duration::minutes(1)).min(world.now);
        between(rng, created_at, until)
    });
    let outbound = inbound.and_then(|at| match rng.random_range(0..10) {
        0..6 => Some((at + Duration::minutes(rng.random_range(1..300))).min(world.now)),
        6..8 => Some((at - Duration::minutes(rng.random_range(1..600))).max(created_at)),
        _ => None,
    });
    let amount = rng.random_bool(0.7).then(|| {
        let currency = if !russian && world.currency == "RUB" && rng.random_bool(0.5) {
            "USD".to_owned()
        } else {
            world.currency.clone()
        };
        (rng.random_range(50..5_000i64) * 10_000, currency)
    });
    let tags = people::tags(rng, 2);
    let message = inbound.map(|_| people::message(rng, russian));
    let model = lead::Model {
        id,
        tenant_id: world.tenant,
        contact_id: contact.id,
        name: contact.name.clone(),
        sort_name: search::fold(&contact.name),
        source: contact.source.as_str().into(),
        pipeline_id: world.lead_pipeline,
        stage_id: stage.id,
        status: stage.kind.as_str().into(),
        // Newer leads sit higher on the board, as if each had been put on top when it came.
        rank: -created_at.timestamp_micros(),
        owner_id: owner,
        score,
        temperature: temperature.map(|t| t.as_str().into()),
        // Scored by the rules when the company's first scoring sweep runs (queued by the seed).
        score_explained: None,
        handled_by: if rng.random_bool(0.4) {
            Handler::Ai
        } else {
            Handler::Human
        }
        .as_str()
        .into(),
        last_inbound_message: message.map(str::to_owned),
        intent: message.map(|m| people::intent_of(m).to_owned()),
        last_inbound_at: inbound,
        last_outbound_at: outbound,
        amount_minor: amount.as_ref().map(|(minor, _)| *minor),
        currency: amount.map(|(_, c)| c),
        city: Some(contact.city.clone()),
        tags: serde_json::to_string(&tags).unwrap_or_else(|_| "[]".into()),
        repeat,
        close_reason: (stage.kind == StageKind::Lost).then(|| people::close_reason(rng, russian).to_owned()),
        deal_id: None,
        custom_fields: "{}".into(),
        stage_changed_at,
        created_at,
        updated_at: stage_changed_at,
    };
    LeadRows { model, moves, tags }
}

/// A deal with `contact`, made from a won lead when one is given (then it starts when the
/// lead was won and carries the lead's amount), with its stage moves. `number` goes into the
/// title.
pub fn deal(
    rng: &mut impl Rng,
    world: &World,
    contact: &ContactSeed,
    from_lead: Option<&lead::Model>,
    number: u64,
) -> (deal::Model, Vec<Move>) {
    let russian = contact.country.speaks_russian();
    let created_at = match from_lead {
        Some(lead) => lead.stage_changed_at,
        None => between(rng, contact.created_at, world.now),
    };
    let id = id_at(rng, created_at);
    let weights = stage_weights(&world.deal_stages, 20, 15);
    let target = weighted(rng, &weights);
    let steps = path(rng, &world.deal_stages, target);
    let times = step_times(rng, created_at, world.now, steps.len());
    let owner = from_lead.and_then(|l| l.owner_id).or(contact.owner);
    let moves = history(id, world.deal_pipeline, &world.deal_stages, &steps, &times, owner);
    let stage_changed_at = times.last().copied().unwrap_or(created_at);
    let stage = &world.deal_stages[target];
    let (amount_minor, currency) = match from_lead.and_then(|l| l.amount_minor.zip(l.currency.clone())) {
        Some(amount) => amount,
        None => (rng.random_range(100..20_000i64) * 10_000, world.currency.clone()),
    };
    let title = if russian {
        format!("Заказ №{number} — {}", contact.name)
    } else {
        format!("Order #{number} — {}", contact.name)
    };
    let closed = stage.kind != StageKind::Open;
    let model = deal::Model {
        id,
        tenant_id: world.tenant,
        sort_title: search::fold(&title),
        title,
        contact_id: Some(contact.id),
        company_id: None,
        lead_id: from_lead.map(|l| l.id),
        pipeline_id: world.deal_pipeline,
        stage_id: stage.id,
        status: stage.kind.as_str().into(),
        rank: -created_at.timestamp_micros(),
        owner_id: owner,
        amount_minor,
        currency,
        expected_close_date: Some((created_at + Duration::days(rng.random_range(7..60))).date_naive()),
        probability: Some(match stage.kind {
            StageKind::Won => 100,
            StageKind::Lost => 0,
            StageKind::Open => rng.random_range(10..=90),
        }),
        close_reason: (stage.kind == StageKind::Lost).then(|| people::close_reason(rng, russian).to_owned()),
        closed_at: closed.then_some(stage_changed_at),
        tags: "[]".into(),
        custom_fields: "{}".into(),
        stage_changed_at,
        created_at,
        updated_at: stage_changed_at,
    };
    (model, moves)
}
