//! The pipelines a new company starts with, named in its language.

use voronka_types::pipelines::{PipelineKind, StageKind};

/// A stage as seeded: stable key, kind, English and Russian names.
pub struct DefaultStage {
    pub key: &'static str,
    pub kind: StageKind,
    pub en: &'static str,
    pub ru: &'static str,
}

const fn stage(key: &'static str, kind: StageKind, en: &'static str, ru: &'static str) -> DefaultStage {
    DefaultStage { key, kind, en, ru }
}

/// The lead funnel of seed 004: the AI manager moves leads through the open stages.
pub const LEAD_STAGES: [DefaultStage; 7] = [
    stage("new", StageKind::Open, "New", "Новые"),
    stage("ai_dialogue", StageKind::Open, "AI in dialogue", "AI ведёт диалог"),
    stage("incomplete_data", StageKind::Open, "Incomplete data", "Неполные данные"),
    stage("wants_call", StageKind::Open, "Wants a call", "Просит звонок"),
    stage("complete_data", StageKind::Open, "Complete data", "Полные данные"),
    stage("won", StageKind::Won, "Won", "Успешно"),
    stage("lost", StageKind::Lost, "Lost", "Отказ"),
];

pub const DEAL_STAGES: [DefaultStage; 5] = [
    stage("new", StageKind::Open, "New", "Новая"),
    stage("in_progress", StageKind::Open, "In progress", "В работе"),
    stage("proposal", StageKind::Open, "Proposal", "Предложение"),
    stage("won", StageKind::Won, "Won", "Успешно"),
    stage("lost", StageKind::Lost, "Lost", "Отказ"),
];

pub fn stages(kind: PipelineKind) -> &'static [DefaultStage] {
    match kind {
        PipelineKind::Lead => &LEAD_STAGES,
        PipelineKind::Deal => &DEAL_STAGES,
    }
}

pub fn pipeline_name(kind: PipelineKind, locale: &str) -> &'static str {
    match (kind, locale == "ru") {
        (PipelineKind::Lead, true) => "Заявки",
        (PipelineKind::Lead, false) => "Leads",
        (PipelineKind::Deal, true) => "Сделки",
        (PipelineKind::Deal, false) => "Deals",
    }
}

impl DefaultStage {
    pub fn name(&self, locale: &str) -> &'static str {
        if locale == "ru" { self.ru } else { self.en }
    }
}
