//! The strings of the home dashboard (KPI, work time, team table, funnel) and the work-schedule
//! editor, English and Russian side by side; definitions follow `docs/kpi.md`.

macro_rules! dashboard_strings {
    ($a:ident! { $b:ident! { $c:ident! { $d:ident! { $e:ident! { $($rest:tt)* } } } } }) => {
        $a! { $b! { $c! { $d! { $e! {
            $($rest)*

            // Period.
            RangeToday => "Today", "Сегодня";
            RangeWeek => "This week", "Эта неделя";
            DurHoursMinutes => "{} h {} min", "{} ч {} мин";

            // Sections.
            DashMine => "My figures", "Мои показатели";
            DashMyTime => "My work time", "Моё рабочее время";
            DashTasksToday => "Due today", "Задачи на сегодня";
            DashNoTasks => "Nothing due today.", "На сегодня задач нет.";
            DashTeam => "Team", "Команда";
            DashNoManagers => "Nobody in the team yet.", "В команде пока никого.";
            DashFunnel => "Lead funnel", "Воронка заявок";
            DashNoFunnel => "No leads in this period yet.", "За этот период заявок пока нет.";
            DashSources => "Leads by source", "Заявки по источникам";
            DashRevenueTrend => "Revenue trend", "Динамика выручки";
            DashManager => "Manager", "Менеджер";
            DashOnline => "Online now", "Сейчас в сети";
            DashOffline => "Offline", "Не в сети";
            DashSourceLeads => "Leads", "Заявки";
            DashSourceWon => "Won", "Выиграно";
            DashStageConversion => "{} went on", "Дальше прошли {}";
            DashFunnelSummary => "{} stages; {} records entered the funnel.", "Этапов: {}; в воронку вошло записей: {}.";
            DashTrendSummary => "Revenue from {} to {}: lowest {}, highest {}.", "Выручка с {} по {}: минимум {}, максимум {}.";

            // KPI labels.
            KpiLeadsReceived => "Leads received", "Получено заявок";
            KpiLeadsTaken => "Leads taken", "Взято в работу";
            KpiFirstResponse => "First response (median)", "Первый ответ (медиана)";
            KpiDealsWon => "Deals won", "Выиграно сделок";
            KpiRevenue => "Revenue won", "Выручка";
            KpiConversion => "Lead → deal", "Заявка → сделка";
            KpiWinRate => "Win rate", "Доля выигранных";
            KpiTasksDone => "Tasks completed", "Задач выполнено";
            KpiTasksOverdue => "Tasks overdue", "Задач просрочено";
            KpiActive => "Active time", "Активное время";
            KpiLate => "Late starts", "Опоздания";
            KpiEarly => "Early leaves", "Ранние уходы";
            KpiFirstIn => "First in today", "Начало работы сегодня";

            // KPI definitions (tooltips), from docs/kpi.md.
            DefLeadsReceived => "Leads created in the period that the manager owns.", "Заявки, созданные за период, владелец которых — менеджер.";
            DefLeadsTaken => "Of the leads received, those with a first human action: a message, note, call or stage move by a person.", "Из полученных заявок — те, по которым человек уже что-то сделал: сообщение, заметка, звонок или смена этапа.";
            DefFirstResponse => "Median minutes from a lead's creation to its first human action, over the leads taken.", "Медиана минут от создания заявки до первого действия человека по взятым заявкам.";
            DefDealsWon => "Deals with status won closed in the period.", "Сделки в статусе «выиграна», закрытые за период.";
            DefRevenue => "Sum of the won deals in the company's currency (other currencies are not counted).", "Сумма выигранных сделок в валюте компании (другие валюты не учитываются).";
            DefConversion => "Leads received in the period that have a deal ÷ leads received.", "Заявки за период, по которым есть сделка ÷ полученные заявки.";
            DefWinRate => "Deals won ÷ (won + lost) closed in the period.", "Выигранные сделки ÷ (выигранные + проигранные), закрытые за период.";
            DefTasksDone => "Tasks assigned to the manager completed in the period.", "Задачи менеджера, выполненные за период.";
            DefTasksOverdue => "Tasks due in the period, before now, not completed by their due time.", "Задачи со сроком в периоде (уже прошедшим), не выполненные к сроку.";
            DefActive => "Time in work sessions: activity with no pause longer than the idle gap.", "Время рабочих сессий: активность без пауз дольше порога простоя.";
            DefLate => "First in after the scheduled start, summed over the days.", "Начало работы позже начала смены, сумма по дням.";
            DefEarly => "Last out before the scheduled end, summed over the days.", "Окончание работы раньше конца смены, сумма по дням.";
            DefFirstIn => "The start of today's first work session.", "Начало первой рабочей сессии сегодня.";
            DefOnline => "The latest activity signal is within the idle gap before now and was not a sign-out.", "Последний сигнал активности был в пределах порога простоя и это не выход.";
            DefFunnel => "Records created in the period that reached each stage or a later one; conversion = went on ÷ reached.", "Записи за период, дошедшие до этапа или дальше; конверсия = прошли дальше ÷ дошли.";
            DefSourceConversion => "Won leads ÷ leads of the source.", "Выигранные заявки ÷ заявки источника.";

            // Work schedule.
            ScheduleTitle => "Work schedule", "График работы";
            ScheduleHint => "Hours in the company's time zone ({}).", "Время в часовом поясе компании ({}).";
            ScheduleDefault => "The default schedule applies until you save one.", "Пока график не сохранён, действует стандартный.";
            ScheduleDayOff => "Day off", "Выходной";
            ScheduleStart => "Start", "Начало";
            ScheduleEnd => "End", "Конец";
            ScheduleSave => "Save schedule", "Сохранить график";
            ScheduleSaved => "Schedule saved.", "График сохранён.";
        }}}}}
    };
}

pub(super) use dashboard_strings;
