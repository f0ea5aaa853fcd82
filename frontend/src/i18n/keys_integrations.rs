//! The strings of the integration settings (web forms, webhooks), English and Russian side
//! by side. `integration_strings! { lead_strings! { strings! { … } } }` adds them to the one
//! `Key` table in `keys.rs`.

macro_rules! integration_strings {
    ($outer:ident! { $inner:ident! { $($rest:tt)* } }) => {
        $outer! { $inner! {
            $($rest)*

            // Navigation and set-up links.
            NavForms => "Web forms", "Веб-формы";
            NavWebhooks => "Webhooks", "Вебхуки";
            QuickForms => "Capture leads from your site", "Заявки с сайта";
            QuickFormsHint => "Make a web form and paste its snippet into your pages.", "Создайте веб-форму и вставьте её код на страницы сайта.";
            QuickWebhooks => "Send events to your apps", "События в ваши приложения";
            QuickWebhooksHint => "Webhooks tell your systems about new leads, deals and purchases.", "Вебхуки сообщают вашим системам о новых заявках, сделках и покупках.";

            // Web forms.
            FormsSubtitle => "Forms on your site send visitors' requests straight into the leads.", "Формы на вашем сайте отправляют заявки посетителей прямо в «Заявки».";
            NewForm => "New form", "Новая форма";
            EditForm => "Edit form", "Изменить форму";
            CreateForm => "Create form", "Создать форму";
            FormName => "Form name", "Название формы";
            FormNameHint => "For you only, e.g. \"Contact us page\"", "Видно только вам, например «Страница контактов»";
            NoForms => "No web forms yet", "Веб-форм пока нет";
            NoFormsHint => "Create a form, paste its snippet into your site, and requests become leads.", "Создайте форму, вставьте её код на сайт — и заявки станут лидами.";
            FormActive => "Active", "Активна";
            FormInactive => "Off", "Выключена";
            FormActiveHint => "Inactive forms refuse submissions.", "Выключенная форма не принимает заявки.";
            FormTarget => "New leads go to", "Новые заявки попадают в";
            FormFields => "Fields", "Поля";
            FormFieldsHint => "What the visitor fills in, top to bottom.", "Что заполняет посетитель, сверху вниз.";
            AddField => "Add field", "Добавить поле";
            FieldKey => "Goes to", "Куда записать";
            FieldLabel => "Label", "Подпись";
            FieldKind => "Input", "Тип поля";
            FieldRequiredMark => "Required", "Обязательное";
            FieldOptions => "Choices, one per line", "Варианты, по одному в строке";
            Remove => "Remove", "Удалить";
            FieldNumber => "Field {}", "Поле {}";
            KindText => "Text", "Текст";
            KindPhone => "Phone", "Телефон";
            KindEmail => "E-mail", "Эл. почта";
            KindTextarea => "Long text", "Длинный текст";
            KindSelect => "List of choices", "Выбор из списка";
            TargetName => "Name", "Имя";
            OwnerRuleTitle => "Who gets the leads", "Кому достаются заявки";
            OwnerNone => "Nobody: they wait unassigned", "Никому: ждут распределения";
            OwnerOneUser => "Always the same person", "Всегда одному сотруднику";
            OwnerRoundRobin => "Take turns (round robin)", "По очереди (round robin)";
            OwnerPeople => "People who take turns", "Кто участвует в очереди";
            TagsHint => "Separate with commas.", "Через запятую.";
            AllowedOrigins => "Sites allowed to post", "Сайты, с которых можно отправлять";
            AllowedOriginsHint => "One per line, like https://example.com. Needed for the script; the plain HTML form works from anywhere.", "По одному в строке, например https://example.com. Нужно для скрипта; обычная HTML-форма работает откуда угодно.";
            SuccessMessage => "Thank-you message", "Сообщение после отправки";
            RedirectUrl => "Then open this page", "Затем открыть страницу";
            RedirectUrlHint => "Optional. Without it the visitor sees a small thank-you page.", "Необязательно. Без неё посетитель увидит короткую страницу благодарности.";
            FormSaved => "Form \"{}\" saved.", "Форма «{}» сохранена.";
            Snippet => "Embed code", "Код для сайта";
            SnippetHint => "Paste this HTML where the form should appear on your site.", "Вставьте этот HTML в то место сайта, где должна быть форма.";
            SnippetScript => "Optional script: sends the form without leaving the page", "Необязательный скрипт: отправляет форму без перехода со страницы";
            ShowSnippet => "Embed code", "Код для сайта";
            HideSnippet => "Hide code", "Скрыть код";
            SubmitUrl => "Submission address", "Адрес для отправки";
            FormLeads => "Its leads", "Её заявки";
            RegenerateKey => "New address", "Новый адрес";
            RegenerateConfirm => "Give \"{}\" a new address? The code on your site stops working until you paste the new one.", "Дать форме «{}» новый адрес? Код на сайте перестанет работать, пока вы не вставите новый.";
            KeyRegenerated => "The form has a new address. Update the code on your site.", "У формы новый адрес. Обновите код на сайте.";
            DeleteFormConfirm => "Delete the form \"{}\"? Leads it brought stay.", "Удалить форму «{}»? Заявки, которые она принесла, останутся.";
            FormDeleted => "The form is deleted.", "Форма удалена.";

            // Webhooks.
            WebhooksSubtitle => "Voronka POSTs signed events to your URLs as they happen.", "Voronka отправляет подписанные события на ваши адреса, как только они происходят.";
            NewWebhook => "New webhook", "Новый вебхук";
            EditWebhook => "Edit webhook", "Изменить вебхук";
            CreateWebhook => "Create webhook", "Создать вебхук";
            WebhookUrl => "Endpoint URL", "Адрес (URL)";
            WebhookUrlHint => "Your server's address that receives POST requests, https://…", "Адрес вашего сервера, принимающий POST-запросы, https://…";
            Description => "Description", "Описание";
            Events => "Events", "События";
            EventsHint => "Pick at least one.", "Выберите хотя бы одно.";
            PickEvent => "Pick at least one event", "Выберите хотя бы одно событие";
            WebhookActiveHint => "Inactive webhooks receive nothing.", "Выключенный вебхук ничего не получает.";
            NoWebhooks => "No webhooks yet", "Вебхуков пока нет";
            NoWebhooksHint => "Add your endpoint's URL to receive new leads, stage changes and purchases.", "Добавьте адрес вашего сервера, чтобы получать новые заявки, смены этапов и покупки.";
            Failing => "Failing since {}", "Ошибки с {}";
            Disabled => "Switched off: {}", "Выключен: {}";
            WebhookCreated => "Webhook for {} created", "Вебхук для {} создан";
            SecretRotated => "New secret for {}", "Новый секрет для {}";
            SecretSaved => "I've saved the secret", "Я сохранил секрет";
            WebhookSecretOnce => "Copy the signing secret now: it is shown only once. Use it to check the webhook-signature header.", "Скопируйте секрет сейчас: он показывается один раз. По нему проверяют заголовок webhook-signature.";
            RotateSecret => "New secret", "Новый секрет";
            RotateConfirm => "Replace the signing secret of {}? Signatures with the old one stop matching at once.", "Заменить секрет подписи для {}? Подписи со старым секретом сразу перестанут совпадать.";
            SendTest => "Send test", "Отправить тест";
            TestQueued => "A test event is on its way.", "Тестовое событие отправлено.";
            DeleteWebhookConfirm => "Delete the webhook for {}? Its delivery log goes too.", "Удалить вебхук для {}? Журнал доставок тоже удалится.";
            WebhookDeleted => "The webhook is deleted.", "Вебхук удалён.";
            WebhookSaved => "Webhook saved.", "Вебхук сохранён.";
            Deliveries => "Delivery log", "Журнал доставок";
            HideDeliveries => "Hide log", "Скрыть журнал";
            NoDeliveries => "Nothing sent yet. Press \"Send test\" to try.", "Пока ничего не отправлено. Нажмите «Отправить тест».";
            Refresh => "Refresh", "Обновить";
            Resend => "Resend", "Повторить";
            Attempts => "Attempts", "Попытки";
            ResponseCode => "Code", "Код";
            Latency => "Time", "Время";
            SentAt => "When", "Когда";
            DeliveryPending => "Pending", "В очереди";
            DeliveryDelivered => "Delivered", "Доставлено";
            DeliveryFailed => "Failed", "Ошибка";
            EventContactCreated => "Contact created", "Контакт создан";
            EventContactUpdated => "Contact changed", "Контакт изменён";
            EventLeadCreated => "Lead created", "Заявка создана";
            EventLeadStageChanged => "Lead moved to another stage", "Заявка перешла на другой этап";
            EventDealWon => "Deal won", "Сделка выиграна";
            EventDealLost => "Deal lost", "Сделка проиграна";
            EventPurchaseCreated => "Purchase recorded", "Покупка записана";
            EventTaskOverdue => "Task overdue", "Задача просрочена";
            FieldInvalidUrl => "Enter a full address, like https://example.com/hook", "Введите полный адрес, например https://example.com/hook";
            FieldPrivateTarget => "This address is on a private network; use a public one", "Это адрес во внутренней сети; укажите публичный";
            FieldDuplicate => "Used twice", "Указано дважды";
            FieldUnresolvable => "This host name cannot be found", "Такой адрес не найден";
            FieldInvalidOrigin => "Enter a site address, like https://example.com", "Введите адрес сайта, например https://example.com";
            FieldTooMany => "Too many", "Слишком много";
            FieldUnknown => "Not a known value", "Неизвестное значение";
        } }
    };
}

pub(super) use integration_strings;
