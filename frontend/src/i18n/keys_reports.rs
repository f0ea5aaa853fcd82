//! The strings of the report builder (`/reports`), English and Russian side by side.
//! `reports_strings! { … }` adds them to the one `Key` table.

macro_rules! reports_strings {
    ($a:ident! { $b:ident! { $c:ident! { $d:ident! { $e:ident! { $f:ident! { $($rest:tt)* } } } } } }) => {
        $a! { $b! { $c! { $d! { $e! { $f! {
            $($rest)*

            NavReports => "Reports", "Отчёты";
            ReportsSubtitle => "Group, count and sum your records; save and export the tables.", "Группируйте, считайте и суммируйте записи; сохраняйте и выгружайте таблицы.";
            QuickReportsHint => "Count and sum leads, deals, contacts, tasks and purchases your way.", "Считайте заявки, сделки, контакты, задачи и покупки в нужном разрезе.";
            RepEntity => "Records", "Записи";
            RepLeads => "Leads", "Заявки";
            RepDeals => "Deals", "Сделки";
            RepContacts => "Contacts", "Контакты";
            RepTasks => "Tasks", "Задачи";
            RepPurchases => "Purchases", "Покупки";
            RepFilters => "Filters", "Фильтры";
            RepAddFilter => "Add filter", "Добавить фильтр";
            RepRemove => "Remove", "Убрать";
            RepField => "Field", "Поле";
            RepOperator => "Condition", "Условие";
            RepValue => "Value", "Значение";
            RepGroupBy => "Group by", "Группировать по";
            RepThenBy => "Then by", "Затем по";
            RepNone => "—", "—";
            RepBucket => "Step", "Шаг";
            RepDay => "Day", "День";
            RepWeek => "Week", "Неделя";
            RepMonth => "Month", "Месяц";
            RepMeasures => "Measures", "Показатели";
            RepAddMeasure => "Add measure", "Добавить показатель";
            RepCount => "Count", "Количество";
            RepSum => "Sum", "Сумма";
            RepAvg => "Average", "Среднее";
            RepConversion => "Conversion", "Конверсия";
            RepSumOf => "Sum of {}", "Сумма: {}";
            RepAvgOf => "Average of {}", "Среднее: {}";
            RepSort => "Sort by", "Сортировать по";
            RepAsc => "Ascending", "По возрастанию";
            RepDesc => "Descending", "По убыванию";
            RepRun => "Run", "Построить";
            RepResult => "Result", "Результат";
            RepNoRows => "No records match.", "Подходящих записей нет.";
            RepRowsShown => "{} rows", "Строк: {}";
            RepEmptyValue => "(empty)", "(пусто)";
            RepYes => "Yes", "Да";
            RepNo => "No", "Нет";
            RepExportCsv => "Export CSV", "Выгрузить CSV";
            RepExportXlsx => "Export XLSX", "Выгрузить XLSX";
            RepSaved => "Saved reports", "Сохранённые отчёты";
            RepNoSaved => "No saved reports yet.", "Сохранённых отчётов пока нет.";
            RepName => "Report name", "Название отчёта";
            RepShared => "Shared with the team", "Доступен команде";
            RepSave => "Save report", "Сохранить отчёт";
            RepSavedNote => "Report saved.", "Отчёт сохранён.";
            RepRename => "Rename", "Переименовать";
            RepDelete => "Delete", "Удалить";
            RepDeleteConfirm => "Delete this report?", "Удалить этот отчёт?";
            RepMine => "Mine", "Мой";
            RepTeam => "Team", "Команды";
            OpEq => "is", "равно";
            OpNe => "is not", "не равно";
            OpIn => "one of (a, b)", "одно из (a, b)";
            OpGt => "greater than", "больше";
            OpGte => "from", "от";
            OpLt => "before / less than", "до / меньше";
            OpLte => "at most", "не больше";
            OpContains => "contains", "содержит";
            OpIsNull => "is empty", "пусто";
        } } } } } }
    };
}

pub(super) use reports_strings;
