//! The strings of the contacts, companies and duplicates screens, English and Russian side by
//! side. `contact_strings! { integration_strings! { lead_strings! { strings! { … } } } }` adds
//! them to the one `Key` table in `keys.rs`.

macro_rules! contact_strings {
    ($a:ident! { $b:ident! { $table:ident! { $($rest:tt)* } } }) => {
        $a! { $b! { $table! {
            $($rest)*

            // Contacts: list, filters, new contact.
            NavContacts => "Contacts", "Контакты";
            NavCompanies => "Companies", "Компании";
            NewContact => "New contact", "Новый контакт";
            CreateContactSubmit => "Create contact", "Создать контакт";
            SearchContacts => "Name, phone or e-mail", "Имя, телефон или почта";
            NoContacts => "No contacts match.", "Контакты не найдены.";
            Phones => "Phones", "Телефоны";
            Emails => "E-mails", "Почта";
            ListHint => "Separate several with commas.", "Несколько — через запятую.";
            ContactFrom => "Added from", "Добавлен с";
            ContactTo => "Added until", "Добавлен по";
            ContactExists => "This phone or e-mail is already known: here is that contact.", "Этот телефон или почта уже есть в базе: вот этот контакт.";
            ErrDuplicateContact => "This phone or e-mail belongs to another manager's contact; they have been told.", "Этот телефон или почта принадлежит контакту другого менеджера; ему сообщили.";
            NoCompany => "No company", "Без компании";

            // Contact card.
            Purchases => "Purchases", "Покупки";
            PurchaseCount => "Purchases", "Покупок";
            PurchaseTotal => "Total", "Сумма";
            AverageOrder => "Average order", "Средний чек";
            FirstPurchase => "First purchase", "Первая покупка";
            LastPurchase => "Last purchase", "Последняя покупка";
            NoPurchases => "No purchases yet.", "Покупок пока нет.";
            ItemsCount => "{} items", "позиций: {}";
            ContactLeads => "Leads", "Заявки";
            ContactDeals => "Deals", "Сделки";
            NoContactLeads => "No leads.", "Заявок нет.";
            NoContactDeals => "No deals.", "Сделок нет.";
            DealWon => "Won", "Выиграна";
            DealLost => "Lost", "Проиграна";
            DealOpen => "Open", "В работе";
            DeleteContact => "Delete contact", "Удалить контакт";
            DeleteContactConfirm => "Delete {}? This cannot be undone.", "Удалить {}? Это нельзя отменить.";
            ErrHasPurchases => "This contact has purchases and cannot be deleted: merge it into another contact instead.", "У контакта есть покупки, его нельзя удалить: объедините его с другим контактом.";
            ErrHasLeads => "This contact has leads and cannot be deleted: delete them or merge the contact instead.", "У контакта есть заявки, его нельзя удалить: удалите их или объедините контакт с другим.";
            TlContactCreated => "Contact added", "Контакт добавлен";
            TlDealCreated => "Deal created", "Сделка создана";
            TlMerged => "Merged with a duplicate", "Объединён с дубликатом";
            NoteAdded => "The note is added.", "Заметка добавлена.";
            ExternalId => "Customer id", "Id клиента";

            // Duplicates.
            Duplicates => "Duplicates", "Дубликаты";
            DuplicatesSubtitle => "Contacts that look like one person. Pick the one to keep and merge.", "Контакты, похожие на одного человека. Выберите, какой оставить, и объедините.";
            NoDuplicates => "No duplicates found.", "Дубликатов не найдено.";
            SamePhone => "Same phone: {}", "Одинаковый телефон: {}";
            SameEmail => "Same e-mail: {}", "Одинаковая почта: {}";
            SameName => "Same name: {}", "Одинаковое имя: {}";
            KeepThis => "Keep this one", "Оставить этот";
            Merge => "Merge", "Объединить";
            MergeConfirm => "Merge {} other contact(s) into {}? Their leads, deals, notes and details move over, and they are deleted.", "Влить другие контакты ({}) в «{}»? Их заявки, сделки, заметки и данные перейдут, а сами они удалятся.";
            Merged => "Merged into {}.", "Объединено в «{}».";
            ErrDifferentExternalIds => "Both contacts are customers of your own system with different ids; merge them there.", "Оба контакта — клиенты вашей учётной системы с разными id; объедините их там.";

            // Companies.
            NewCompany => "New company", "Новая компания";
            CreateCompanySubmit => "Create company", "Создать компанию";
            SearchCompanies => "Name or domain", "Название или домен";
            NoCompanies => "No companies yet.", "Компаний пока нет.";
            Domain => "Domain", "Домен";
            ContactCount => "Contacts", "Контактов";
            CompanyContacts => "Its contacts", "Контакты компании";
            DeleteCompany => "Delete company", "Удалить компанию";
            DeleteCompanyConfirm => "Delete {}? Its contacts stay, without a company.", "Удалить {}? Контакты останутся, без компании.";
        } } }
    };
}

pub(super) use contact_strings;
