//! The background loop that each server process runs: a pass over due jobs, then a pause of
//! `jobs_poll_ms` when there was nothing to do. It stops with the server.

use std::time::Duration;

use chrono::TimeDelta;
use tokio::sync::watch;
use tokio::task::JoinHandle;
use tokio::time::Instant;

use super::queue;
use super::runner::run_due;
use crate::clock;
use crate::startup::AppState;

/// Done jobs are kept this long (for looking into what happened), then deleted.
const KEEP_DONE: TimeDelta = TimeDelta::days(7);
const PRUNE_EVERY: Duration = Duration::from_secs(60 * 60);

/// A running worker; [`WorkerHandle::stop`] ends it after its current job.
pub struct WorkerHandle {
    stop: watch::Sender<bool>,
    task: JoinHandle<()>,
}

impl WorkerHandle {
    /// Asks the worker to stop and waits up to `grace` for its current pass to end. Jobs
    /// still running after that are picked up again by any worker once their lease expires.
    pub async fn stop(self, grace: Duration) {
        let _ = self.stop.send(true);
        if tokio::time::timeout(grace, self.task).await.is_err() {
            tracing::warn!("the job worker did not stop in time; its jobs run again after their lease");
        } else {
            tracing::info!("job worker stopped");
        }
    }
}

/// Starts the worker on the current tokio runtime.
pub fn spawn_worker(state: AppState) -> WorkerHandle {
    let (stop, stopped) = watch::channel(false);
    let task = tokio::spawn(work(state, stopped));
    WorkerHandle { stop, task }
}

async fn work(state: AppState, mut stopped: watch::Receiver<bool>) {
    let poll = Duration::from_millis(state.config.jobs_poll_ms.max(10));
    tracing::info!(worker = super::worker_id(), ?poll, "job worker started");
    let mut next_prune = Instant::now();
    while !*stopped.borrow() {
        if Instant::now() >= next_prune {
            next_prune = Instant::now() + PRUNE_EVERY;
            match queue::prune_done(&state.db, clock::now() - KEEP_DONE).await {
                Ok(0) => {}
                Ok(pruned) => tracing::info!(pruned, "old done jobs deleted"),
                Err(error) => tracing::warn!(?error, "cannot delete old done jobs"),
            }
            if let Err(error) = crate::idempotency::prune(&state.db).await {
                tracing::warn!(?error, "cannot delete old idempotency keys");
            }
        }
        if run_due(&state).await > 0 {
            // A job may have queued another (a reminder its e-mail): look again at once.
            tokio::task::yield_now().await;
            continue;
        }
        tokio::select! {
            changed = stopped.changed() => if changed.is_err() { break },
            _ = tokio::time::sleep(poll) => {}
        }
    }
}
