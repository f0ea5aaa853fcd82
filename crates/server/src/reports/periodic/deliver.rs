//! Announcing a new periodic report: an in-app notification (with its e-mail copy when SMTP is
//! configured) to each active owner and head of sales, in the company's language.

use chrono::{Datelike, NaiveDate};
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QuerySelect};
use uuid::Uuid;
use voronka_insights::sales::Period;
use voronka_types::periodic::PeriodicKind;
use voronka_types::users::UserStatus;
use voronka_types::{PeriodicReportId, Role, UserId};

use crate::ai::window::Company;
use crate::error::ApiResult;
use crate::mail::Mailer;
use crate::notifications::service::{NewNotification, notify};
use crate::users::entity::{Column as UserColumn, Entity as Users};

/// The notification kind of a ready report.
pub const NOTIFICATION_KIND: &str = "report.ready";

/// Notifies the company's owners and heads of sales that report `id` is ready.
pub async fn announce(
    db: &impl ConnectionTrait,
    mailer: Option<&Mailer>,
    company: &Company,
    kind: PeriodicKind,
    period: Period,
    id: PeriodicReportId,
) -> ApiResult<()> {
    let readers: Vec<Uuid> = Users::find()
        .select_only()
        .column(UserColumn::Id)
        .filter(UserColumn::TenantId.eq(company.tenant.0))
        .filter(UserColumn::Role.is_in([Role::Owner.as_str(), Role::HeadOfSales.as_str()]))
        .filter(UserColumn::Status.eq(UserStatus::Active.as_str()))
        .into_tuple()
        .all(db)
        .await?;
    let (title, body) = texts(company.language, kind, period);
    for reader in readers {
        let new = NewNotification {
            tenant: company.tenant,
            user: UserId(reader),
            kind: NOTIFICATION_KIND,
            title: title.clone(),
            body: body.clone(),
            entity_type: "report",
            entity_id: Some(id.0),
        };
        notify(db, mailer, new).await?;
    }
    Ok(())
}

const MONTHS_EN: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];
const MONTHS_RU: [&str; 12] = [
    "январь",
    "февраль",
    "март",
    "апрель",
    "май",
    "июнь",
    "июль",
    "август",
    "сентябрь",
    "октябрь",
    "ноябрь",
    "декабрь",
];
/// Genitive month names, as in «9 ноября».
const MONTHS_RU_OF: [&str; 12] = [
    "января",
    "февраля",
    "марта",
    "апреля",
    "мая",
    "июня",
    "июля",
    "августа",
    "сентября",
    "октября",
    "ноября",
    "декабря",
];

fn month(names: &[&'static str; 12], day: NaiveDate) -> &'static str {
    names[day.month0() as usize % 12]
}

/// "9–15 Nov" / «9–15 ноября»; across months "30 Nov – 6 Dec" / «30 ноября – 6 декабря».
fn span(ru: bool, period: Period) -> String {
    let short = |d: NaiveDate| -> String {
        if ru {
            format!("{} {}", d.day(), month(&MONTHS_RU_OF, d))
        } else {
            format!("{} {}", d.day(), &month(&MONTHS_EN, d)[..3])
        }
    };
    if period.from == period.to {
        short(period.from)
    } else if period.from.month() == period.to.month() {
        format!("{}–{}", period.from.day(), short(period.to))
    } else {
        format!("{} – {}", short(period.from), short(period.to))
    }
}

/// The title and body of the notification for a report of `kind` over `period`.
pub fn texts(language: &str, kind: PeriodicKind, period: Period) -> (String, String) {
    let ru = language == "ru";
    let year = period.from.year();
    let title = match (ru, kind) {
        (false, PeriodicKind::Daily) => format!("Daily report for {} is ready", span(ru, period)),
        (false, PeriodicKind::Weekly) => format!("Weekly report for {} is ready", span(ru, period)),
        (false, PeriodicKind::Monthly) => {
            format!("Monthly report for {} {year} is ready", month(&MONTHS_EN, period.from))
        }
        (true, PeriodicKind::Daily) => format!("Отчёт за {} готов", span(ru, period)),
        (true, PeriodicKind::Weekly) => format!("Недельный отчёт за {} готов", span(ru, period)),
        (true, PeriodicKind::Monthly) => {
            format!("Месячный отчёт за {} {year} готов", month(&MONTHS_RU, period.from))
        }
    };
    let body = if ru {
        "Лиды, сделки, выручка и рабочее время по каждому менеджеру и по команде."
    } else {
        "Leads, deals, revenue and work time per manager and for the team."
    };
    (title, body.to_owned())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn period(from: &str, to: &str) -> Period {
        Period {
            from: from.parse().unwrap(),
            to: to.parse().unwrap(),
        }
    }

    #[test]
    fn titles_name_the_period_in_the_company_language() {
        let week = period("2026-11-09", "2026-11-15");
        assert_eq!(
            texts("en", PeriodicKind::Weekly, week).0,
            "Weekly report for 9–15 Nov is ready"
        );
        assert_eq!(
            texts("ru", PeriodicKind::Weekly, week).0,
            "Недельный отчёт за 9–15 ноября готов"
        );
        let across = period("2026-11-30", "2026-12-06");
        assert_eq!(
            texts("en", PeriodicKind::Weekly, across).0,
            "Weekly report for 30 Nov – 6 Dec is ready"
        );
        let day = period("2026-11-15", "2026-11-15");
        assert_eq!(
            texts("en", PeriodicKind::Daily, day).0,
            "Daily report for 15 Nov is ready"
        );
        let month = period("2026-10-01", "2026-10-31");
        assert_eq!(
            texts("ru", PeriodicKind::Monthly, month).0,
            "Месячный отчёт за октябрь 2026 готов"
        );
    }
}
