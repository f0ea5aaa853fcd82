//! The strings of the notification bell, the regular (periodic) reports, the tasks screen and
//! the phone's "More" screen, English and Russian side by side. `tasks_strings! { … }` adds
//! them to the one `Key` table.

macro_rules! tasks_strings {
    ($a:ident! { $b:ident! { $c:ident! { $d:ident! { $e:ident! { $f:ident! { $g:ident! { $($rest:tt)* } } } } } } }) => {
        $a! { $b! { $c! { $d! { $e! { $f! { $g! {
            $($rest)*

            // The bell.
            Notifications => "Notifications", "Уведомления";
            NotifBellUnread => "Notifications, {} unread", "Уведомления, непрочитанных: {}";
            NotifMarkAll => "Mark all read", "Прочитать все";
            NotifEmpty => "No notifications yet.", "Уведомлений пока нет.";
            NotifUnread => "Unread", "Не прочитано";

            // Regular reports.
            RepTabBuilder => "Report builder", "Конструктор";
            RepTabRegular => "Regular reports", "Регулярные отчёты";
            PerAll => "All", "Все";
            PerDaily => "Daily", "Ежедневные";
            PerWeekly => "Weekly", "Еженедельные";
            PerMonthly => "Monthly", "Ежемесячные";
            PerDailyReport => "Daily report", "Ежедневный отчёт";
            PerWeeklyReport => "Weekly report", "Еженедельный отчёт";
            PerMonthlyReport => "Monthly report", "Ежемесячный отчёт";
            PerEmpty => "No regular reports yet. One is written after each day, week and month ends.", "Регулярных отчётов пока нет. Они появляются после окончания каждого дня, недели и месяца.";
            PerLoadMore => "Load more", "Показать ещё";
            PerLeads => "Leads received", "Получено заявок";
            PerTaken => "Leads taken", "Взято заявок";
            PerWon => "Deals won", "Выиграно сделок";
            PerLost => "Deals lost", "Проиграно сделок";
            PerRevenue => "Revenue won", "Выручка";
            PerActiveHours => "Active hours", "Активных часов";
            PerTasksDone => "Tasks done", "Выполнено задач";
            PerTasksOverdue => "Tasks overdue", "Просрочено задач";
            PerTeam => "Team", "Команда";
            PerManager => "Manager", "Менеджер";
            PerPeople => "By manager", "По менеджерам";
            PerWorkTime => "Work time", "Рабочее время";
            PerDaysWorked => "Days worked", "Рабочих дней";
            PerAbsent => "Days absent", "Дней отсутствия";
            PerActive => "Active", "Активно";
            PerIdle => "Idle", "Простой";
            PerOvertime => "Overtime", "Переработка";
            PerLate => "Late starts", "Опозданий";
            PerEarly => "Early leaves", "Ранних уходов";
            PerBack => "All regular reports", "Все регулярные отчёты";
            PerDownloadCsv => "Download CSV", "Скачать CSV";
            PerDownloadXlsx => "Download XLSX", "Скачать XLSX";
            PerTimeZone => "Days in the time zone {}", "Дни по часовому поясу {}";
            PerNoMoney => "—", "—";

            // Tasks.
            NavTasks => "Tasks", "Задачи";
            TasksSubtitle => "Your to-dos by due time.", "Ваши дела по срокам.";
            TasksOverdue => "Overdue", "Просрочено";
            TasksToday => "Today", "Сегодня";
            TasksUpcoming => "Upcoming", "Предстоящие";
            TasksNoDate => "No due date", "Без срока";
            TasksDone => "Done", "Выполнено";
            TasksNothing => "Nothing here.", "Здесь пусто.";
            TaskMarkDone => "Mark “{}” done", "Отметить «{}» выполненной";
            TaskMarkOpen => "Mark “{}” not done", "Вернуть «{}» в работу";
            TaskNew => "New task", "Новая задача";
            TaskDue => "Due", "Срок";
            TaskLinkContact => "Contact (optional)", "Контакт (необязательно)";
            TaskAdd => "Add task", "Добавить задачу";
            TaskAdded => "Task added.", "Задача добавлена.";
            TaskNotSaved => "The change was not saved: {}", "Изменение не сохранено: {}";
            TaskLead => "Lead", "Заявка";
            TaskContact => "Contact", "Контакт";
            TaskDeal => "Deal", "Сделка";

            // The phone's "More".
            NavMore => "More", "Ещё";
        } } } } } } }
    };
}

pub(super) use tasks_strings;
