//! The strings of the leads screens (board, list, lead card), English and Russian side by
//! side. `lead_strings! { strings! { … } }` hands them to the one `Key` table in `keys.rs`.

macro_rules! lead_strings {
    ($table:ident! { $($rest:tt)* }) => {
        $table! {
            $($rest)*

            // Leads: page, modes, filters.
            NavLeads => "Leads", "Заявки";
            ViewBoard => "Board", "Канбан";
            ViewList => "List", "Список";
            ViewMode => "View", "Вид";
            NewLead => "New lead", "Новая заявка";
            CreateLeadSubmit => "Create lead", "Создать заявку";
            NewLeadHint => "Give at least a name, a phone or an e-mail.", "Укажите хотя бы имя, телефон или почту.";
            ContactName => "Contact name", "Имя контакта";
            Phone => "Phone", "Телефон";
            Message => "Message", "Сообщение";
            Pipeline => "Pipeline", "Воронка";
            Stage => "Stage", "Этап";
            Owner => "Owner", "Ответственный";
            Source => "Source", "Источник";
            Temperature => "Temperature", "Температура";
            Score => "Score", "Оценка";
            ScoreWhy => "Score {}: why?", "Оценка {}: почему?";
            ScoreByRules => "Counted by Voronka's rules.", "Посчитана по правилам Воронки.";
            ScoreByModel => "Rules plus a model learnt from your {} closed leads.", "Правила и модель, обученная на ваших закрытых заявках: {}.";
            ScoreByHand => "Set by hand: Voronka does not recompute it.", "Задана вручную: Воронка её не пересчитывает.";
            ScoreHandBack => "Let Voronka score it", "Пусть считает Воронка";
            Tags => "Tags", "Теги";
            City => "City", "Город";
            Amount => "Amount", "Сумма";
            LeadName => "Lead name", "Название заявки";
            CloseReason => "Close reason", "Причина закрытия";
            HandledBy => "Handled by", "Ведёт";
            CreatedFrom => "Created from", "Создана с";
            CreatedTo => "Created until", "Создана по";
            SearchLeads => "Name, phone or e-mail", "Имя, телефон или почта";
            AllStages => "All stages", "Все этапы";
            AllOwners => "All owners", "Все ответственные";
            Unassigned => "Unassigned", "Без ответственного";
            AllSources => "All sources", "Все источники";
            AnyTemperature => "Any temperature", "Любая температура";
            IntentLabel => "Request", "Запрос";
            AnyIntent => "Any request", "Любой запрос";
            IntentWantsCall => "Wants a call", "Просит звонок";
            IntentPriceQuestion => "Asks the price", "Спрашивает цену";
            IntentProductInfo => "Asks about the product", "Вопрос о товаре";
            IntentReadyToBuy => "Ready to buy", "Готов купить";
            IntentComplaint => "Complaint", "Жалоба";
            IntentSpam => "Spam", "Спам";
            IntentOther => "Other request", "Другой запрос";
            SortBy => "Sort by", "Сортировка";
            SortCreated => "Created", "Дата создания";
            SortUpdated => "Updated", "Дата изменения";
            SortName => "Name", "Имя";
            SortLastMessage => "Last message", "Последнее сообщение";
            ReverseOrder => "Reverse the order", "Обратный порядок";
            Filters => "Filters", "Фильтры";
            ResetFilters => "Reset", "Сбросить";
            NoLeads => "No leads match these filters.", "Заявок с такими условиями нет.";
            EmptyColumn => "No leads here yet", "Здесь пока пусто";

            // Board.
            MoveCard => "Move “{}”", "Переместить «{}»";
            MoveTo => "Move to stage", "Переместить в этап";
            MoveUp => "Move up", "Выше";
            MoveDown => "Move down", "Ниже";
            MoveHint => "Drag a card, or focus it and press Shift + arrow keys.", "Перетащите карточку или выберите её и нажмите Shift + стрелки.";
            MoveFailed => "“{}” went back to where it was.", "«{}» вернулась на прежнее место.";
            StagesNav => "Stages", "Этапы";
            NoReplyFor => "No reply {}", "Без ответа {}";
            DurMinutes => "{} min", "{} мин";
            DurHours => "{} h", "{} ч";
            DurDays => "{} d", "{} дн";
            Repeat => "Repeat", "Повторная";
            Hot => "Hot", "Горячий";
            Warm => "Warm", "Тёплый";
            Cold => "Cold", "Холодный";
            HandlerAi => "AI", "ИИ";
            HandlerHuman => "Human", "Человек";

            // List: selection and bulk actions.
            SelectLead => "Select “{}”", "Выбрать «{}»";
            SelectPage => "Select all shown", "Выбрать все показанные";
            SelectedCount => "Selected: {}", "Выбрано: {}";
            ClearSelection => "Clear selection", "Снять выделение";
            BulkAssign => "Assign", "Назначить";
            BulkMove => "Move", "Переместить";
            BulkTag => "Add tag", "Добавить тег";
            Delete => "Delete", "Удалить";
            Apply => "Apply", "Применить";
            BulkDeleteConfirm => "Delete {} leads? This cannot be undone.", "Удалить заявки ({})? Это нельзя отменить.";
            BulkDone => "Leads changed: {}.", "Изменено заявок: {}.";
            BulkAction => "Action", "Действие";
            LastMessage => "Last message", "Последнее сообщение";

            // Lead card.
            CallAction => "Call", "Позвонить";
            Whatsapp => "WhatsApp", "WhatsApp";
            ConvertToDeal => "Convert to deal", "Создать сделку";
            ConvertHint => "The lead moves to its pipeline's won stage.", "Заявка перейдёт в успешный этап воронки.";
            DealTitle => "Deal title", "Название сделки";
            ExpectedClose => "Expected close date", "Ожидаемая дата закрытия";
            DealCreated => "Deal “{}” created.", "Сделка «{}» создана.";
            HasDeal => "A deal was made from this lead.", "По этой заявке создана сделка.";
            Details => "Details", "Данные";
            Contact => "Contact", "Контакт";
            ScoreOf => "Score {} of 100", "Оценка {} из 100";
            NotSet => "Not set", "Не указано";
            EditField => "Change “{}”", "Изменить «{}»";
            Timeline => "Timeline", "История";
            NoTimeline => "Nothing here yet. Add a note or log a call.", "Пока пусто. Добавьте заметку или запишите звонок.";
            Customer => "Customer", "Клиент";
            NoteTab => "Note", "Заметка";
            CallTab => "Call", "Звонок";
            TaskTab => "Task", "Задача";
            ReplyTab => "Reply", "Ответ";
            NotePlaceholder => "What happened? What was agreed?", "Что произошло, о чём договорились?";
            AddNote => "Add note", "Добавить заметку";
            LogCall => "Log call", "Записать звонок";
            CreateTask => "Create task", "Создать задачу";
            LogReply => "Log reply", "Записать ответ";
            ReplyHint => "A reply sent outside Voronka; it stops the no-reply timer.", "Ответ, отправленный вне Voronka; он останавливает таймер без ответа.";
            Direction => "Direction", "Направление";
            Outgoing => "Outgoing", "Исходящий";
            Incoming => "Incoming", "Входящий";
            Outcome => "Outcome", "Результат";
            DurationMin => "Minutes", "Минуты";
            TaskTitle => "What to do", "Что сделать";
            DueAt => "Due", "Срок";
            Priority => "Priority", "Приоритет";
            Channel => "Channel", "Канал";
            TlStage => "Stage: {}", "Этап: {}";
            TlFields => "Changed: {}", "Изменено: {}";
            TlTaskCreated => "Task created: {}", "Создана задача: {}";
            TlTaskDone => "Task completed: {}", "Задача выполнена: {}";
            TlCall => "Call", "Звонок";
            TlLeadCreated => "Lead created", "Заявка создана";
            TlConverted => "Converted to a deal", "Создана сделка";
            TlRepeat => "Asked again", "Повторное обращение";
            Added => "Added.", "Добавлено.";
            FieldInvalidPhone => "Enter a phone number, like +7 900 123-45-67", "Введите номер телефона, например +7 900 123-45-67";
            FieldInvalidAmount => "Enter an amount, like 150000 or 1250.50", "Введите сумму, например 150000 или 1250.50";
            FieldTooPrecise => "Too many digits after the point for this currency", "Слишком много знаков после точки для этой валюты";
            FieldOutOfRange => "Out of the allowed range", "Вне допустимого диапазона";
            FieldInvalidCurrency => "Use a 3-letter currency code, like RUB", "Укажите код валюты из 3 букв, например RUB";
        }
    };
}

pub(super) use lead_strings;
