//! Which section of the tasks screen a task belongs in, by its due time in the reader's time
//! zone: pure, so it is tested on the host.

use chrono::{DateTime, FixedOffset, Utc};
use voronka_types::tasks::{Task, TaskStatus};

use crate::i18n::Key;

/// A section of the tasks screen, in the order the screen shows them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Section {
    /// Open and past its due time (also earlier today).
    Overdue,
    /// Open and due later today.
    Today,
    /// Open and due tomorrow or later.
    Upcoming,
    /// Open without a due time.
    NoDate,
    /// Completed.
    Done,
}

impl Section {
    /// Every section, in screen order.
    pub const ALL: [Section; 5] = [
        Section::Overdue,
        Section::Today,
        Section::Upcoming,
        Section::NoDate,
        Section::Done,
    ];

    /// The section's heading.
    pub fn title(self) -> Key {
        match self {
            Section::Overdue => Key::TasksOverdue,
            Section::Today => Key::TasksToday,
            Section::Upcoming => Key::TasksUpcoming,
            Section::NoDate => Key::TasksNoDate,
            Section::Done => Key::TasksDone,
        }
    }

    /// A stable name for ids and tests.
    pub fn slug(self) -> &'static str {
        match self {
            Section::Overdue => "overdue",
            Section::Today => "today",
            Section::Upcoming => "upcoming",
            Section::NoDate => "no-date",
            Section::Done => "done",
        }
    }
}

/// Where `task` goes as of `now`, with days counted in `zone`.
pub fn section_of(task: &Task, now: DateTime<Utc>, zone: FixedOffset) -> Section {
    if task.status == TaskStatus::Completed {
        return Section::Done;
    }
    match task.due_at {
        None => Section::NoDate,
        Some(due) if due < now => Section::Overdue,
        Some(due) if due.with_timezone(&zone).date_naive() == now.with_timezone(&zone).date_naive() => Section::Today,
        Some(_) => Section::Upcoming,
    }
}

/// The tasks of every section in screen order, empty sections included: open ones soonest due
/// first, done ones most recently completed first (at most `done_limit` of them).
pub fn group(tasks: &[Task], now: DateTime<Utc>, zone: FixedOffset, done_limit: usize) -> Vec<(Section, Vec<Task>)> {
    Section::ALL
        .into_iter()
        .map(|section| {
            let mut list: Vec<Task> = tasks
                .iter()
                .filter(|t| section_of(t, now, zone) == section)
                .cloned()
                .collect();
            if section == Section::Done {
                list.sort_by(|a, b| b.completed_at.cmp(&a.completed_at).then(a.id.0.cmp(&b.id.0)));
                list.truncate(done_limit);
            } else {
                list.sort_by(|a, b| a.due_at.cmp(&b.due_at).then(a.id.0.cmp(&b.id.0)));
            }
            (section, list)
        })
        .collect()
}

/// `task` marked done (or open again) at `now`, as the server will answer it: what the screen
/// shows while the request is under way.
pub fn toggled(task: &Task, now: DateTime<Utc>) -> Task {
    let mut next = task.clone();
    if task.status == TaskStatus::Completed {
        next.status = TaskStatus::Open;
        next.completed_at = None;
        next.overdue = task.due_at.is_some_and(|due| due < now);
    } else {
        next.status = TaskStatus::Completed;
        next.completed_at = Some(now);
        next.overdue = false;
    }
    next
}

#[cfg(test)]
mod tests {
    use chrono::TimeZone;
    use voronka_types::tasks::TaskPriority;
    use voronka_types::{TaskId, UserId};

    use super::*;

    fn at(text: &str) -> DateTime<Utc> {
        DateTime::parse_from_rfc3339(text).unwrap().with_timezone(&Utc)
    }

    fn task(title: &str, due: Option<&str>, status: TaskStatus) -> Task {
        let created = Utc.with_ymd_and_hms(2026, 11, 1, 9, 0, 0).unwrap();
        Task {
            id: TaskId::new(),
            title: title.to_owned(),
            description: None,
            due_at: due.map(at),
            remind_at: None,
            priority: TaskPriority::Normal,
            status,
            overdue: false,
            assignee_id: UserId::new(),
            contact_id: None,
            lead_id: None,
            deal_id: None,
            completed_at: (status == TaskStatus::Completed).then_some(created),
            created_by: None,
            created_at: created,
            updated_at: created,
        }
    }

    fn moscow() -> FixedOffset {
        FixedOffset::east_opt(3 * 3600).unwrap()
    }

    #[test]
    fn open_tasks_fall_into_overdue_today_upcoming_or_no_date_by_the_local_day() {
        // 22:30 in Moscow on 22 November is 19:30 UTC.
        let now = at("2026-11-22T19:30:00Z");
        let section = |due: Option<&str>| section_of(&task("t", due, TaskStatus::Open), now, moscow());
        assert_eq!(section(Some("2026-11-22T08:00:00Z")), Section::Overdue);
        assert_eq!(
            section(Some("2026-11-22T20:00:00Z")),
            Section::Today,
            "23:00 local is still today"
        );
        assert_eq!(
            section(Some("2026-11-22T21:30:00Z")),
            Section::Upcoming,
            "00:30 local is tomorrow"
        );
        assert_eq!(section(None), Section::NoDate);
    }

    #[test]
    fn the_same_moment_is_today_in_one_zone_and_upcoming_in_another() {
        let now = at("2026-11-22T19:30:00Z");
        let late = task("t", Some("2026-11-22T22:00:00Z"), TaskStatus::Open);
        assert_eq!(
            section_of(&late, now, FixedOffset::east_opt(0).unwrap()),
            Section::Today
        );
        assert_eq!(section_of(&late, now, moscow()), Section::Upcoming);
    }

    #[test]
    fn completed_tasks_are_done_whatever_their_due_time() {
        let now = at("2026-11-22T12:00:00Z");
        let done = task("t", Some("2026-11-01T08:00:00Z"), TaskStatus::Completed);
        assert_eq!(section_of(&done, now, moscow()), Section::Done);
    }

    #[test]
    fn sections_come_in_screen_order_with_the_soonest_due_first_and_the_latest_done_first() {
        let now = at("2026-11-22T10:00:00Z");
        let later = task("later", Some("2026-11-25T10:00:00Z"), TaskStatus::Open);
        let sooner = task("sooner", Some("2026-11-23T10:00:00Z"), TaskStatus::Open);
        let mut old = task("old", None, TaskStatus::Completed);
        old.completed_at = Some(at("2026-11-20T10:00:00Z"));
        let mut new = task("new", None, TaskStatus::Completed);
        new.completed_at = Some(at("2026-11-21T10:00:00Z"));
        let groups = group(&[later, old, sooner, new], now, moscow(), 10);
        let order: Vec<Section> = groups.iter().map(|(s, _)| *s).collect();
        assert_eq!(order, Section::ALL.to_vec());
        let titles = |s: Section| -> Vec<String> {
            groups
                .iter()
                .find(|(x, _)| *x == s)
                .unwrap()
                .1
                .iter()
                .map(|t| t.title.clone())
                .collect()
        };
        assert_eq!(titles(Section::Upcoming), ["sooner", "later"]);
        assert_eq!(titles(Section::Done), ["new", "old"]);
        assert!(titles(Section::Today).is_empty());
        assert_eq!(group(&groups[4].1, now, moscow(), 1)[4].1.len(), 1, "done is capped");
    }

    #[test]
    fn toggling_completes_an_open_task_and_reopens_a_done_one() {
        let now = at("2026-11-22T10:00:00Z");
        let open = task("t", Some("2026-11-22T08:00:00Z"), TaskStatus::Open);
        let done = toggled(&open, now);
        assert_eq!(
            (done.status, done.completed_at, done.overdue),
            (TaskStatus::Completed, Some(now), false)
        );
        let again = toggled(&done, now);
        assert_eq!(
            (again.status, again.completed_at, again.overdue),
            (TaskStatus::Open, None, true)
        );
    }
}
