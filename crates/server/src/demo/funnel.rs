//! How demo records travel through a pipeline: which stage they end in (open stages get a
//! share falling with their position), the stages they passed on the way and when.

use chrono::{DateTime, Duration, Utc};
use rand::Rng;
use uuid::Uuid;
use voronka_types::pipelines::StageKind;

use super::generate::StageRef;

/// One move in a record's stage history.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Move {
    pub record: Uuid,
    pub pipeline: Uuid,
    pub from: Option<Uuid>,
    pub to: Uuid,
    pub actor: Option<Uuid>,
    pub at: DateTime<Utc>,
}

/// Open stages get a share falling with their position; won and lost fixed shares.
pub fn stage_weights(stages: &[StageRef], won: u32, lost: u32) -> Vec<(usize, u32)> {
    let open = stages.iter().filter(|s| s.kind == StageKind::Open).count() as u32;
    let mut rank = 0;
    stages
        .iter()
        .enumerate()
        .map(|(i, s)| match s.kind {
            StageKind::Open => {
                rank += 1;
                (i, (open + 1 - rank) * 10)
            }
            StageKind::Won => (i, won),
            StageKind::Lost => (i, lost),
        })
        .collect()
}

/// The stages a record passed through to reach `target`: the first stage, some of the open
/// stages in between, then the target.
pub fn path(rng: &mut impl Rng, stages: &[StageRef], target: usize) -> Vec<usize> {
    let mut steps = vec![0];
    let last_open = if stages[target].kind == StageKind::Open {
        target
    } else {
        stages.len()
    };
    for (i, stage) in stages.iter().enumerate().take(last_open).skip(1) {
        if stage.kind == StageKind::Open && i != target && rng.random_bool(0.5) {
            steps.push(i);
        }
    }
    if target != 0 {
        steps.push(target);
    }
    steps
}

/// Increasing moments from `start` to at most `end` for each step of a path.
pub fn step_times(rng: &mut impl Rng, start: DateTime<Utc>, end: DateTime<Utc>, steps: usize) -> Vec<DateTime<Utc>> {
    let span = (end - start).num_seconds().clamp(0, 30 * 86_400);
    let mut offsets: Vec<i64> = (1..steps).map(|_| rng.random_range(0..=span)).collect();
    offsets.sort_unstable();
    std::iter::once(start)
        .chain(
            offsets
                .into_iter()
                .enumerate()
                .map(|(i, s)| start + Duration::seconds(s) + Duration::microseconds(i as i64 + 1)),
        )
        .collect()
}

pub fn history(
    record: Uuid,
    pipeline: Uuid,
    stages: &[StageRef],
    path: &[usize],
    times: &[DateTime<Utc>],
    actor: Option<Uuid>,
) -> Vec<Move> {
    path.iter()
        .zip(times)
        .enumerate()
        .map(|(i, (&stage, &at))| Move {
            record,
            pipeline,
            from: i.checked_sub(1).map(|prev| stages[path[prev]].id),
            to: stages[stage].id,
            actor,
            at,
        })
        .collect()
}
