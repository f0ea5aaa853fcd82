//! The durable job queue: background work (task reminders, notification e-mails) stored in
//! the `jobs` table, so it survives restarts and is shared safely by several server processes.
//!
//! Other modules call [`enqueue`] inside their own transaction and add their kind to
//! [`runner`]'s dispatch. A job runs at least once: a worker that dies mid-job leaves a claim
//! that expires after the lease, and the job runs again, so handlers re-check their
//! preconditions (a task reminder checks the task is still open and the reminder unmoved).

pub mod entity;
pub mod queue;
pub mod runner;
pub mod worker;

pub use queue::{JobStatus, NewJob, enqueue};
pub use runner::{Job, JobError, run_due, run_due_at, worker_id};
pub use worker::{WorkerHandle, spawn_worker};
