//! The strings of the deals screens (list, board, deal card), English and Russian side by side.
//! `deals_strings! { … }` adds them to the one `Key` table.

macro_rules! deals_strings {
    ($a:ident! { $b:ident! { $c:ident! { $d:ident! { $e:ident! { $f:ident! { $g:ident! { $h:ident! { $($rest:tt)* } } } } } } } }) => {
        $a! { $b! { $c! { $d! { $e! { $f! { $g! { $h! {
            $($rest)*

            // Deals: page, list, filters.
            NavDeals => "Deals", "Сделки";
            NewDeal => "New deal", "Новая сделка";
            CreateDealSubmit => "Create deal", "Создать сделку";
            NoDeals => "No deals match these filters.", "Сделок с такими условиями нет.";
            NoDealsHere => "No deals here yet", "Здесь пока пусто";
            SearchDeals => "Title, contact, phone or e-mail", "Название, контакт, телефон или почта";
            AnyStatus => "Any status", "Любой статус";
            Currency => "Currency", "Валюта";
            SortTitle => "Title", "Название";
            CloseBy => "Close by", "Закрыть до";
            Overdue => "Overdue", "Просрочена";
            FindContact => "Find a contact", "Найти контакт";
            RemoveContact => "Remove the contact", "Убрать контакт";

            // Deal card.
            MarkWon => "Won", "Выиграна";
            MarkLost => "Lost", "Проиграна";
            LostTitle => "Why was “{}” lost?", "Почему сделка «{}» проиграна?";
            LostReason => "Reason", "Причина";
            LostReasonHint => "A lost deal needs a reason: it shows in the card and the reports.", "Для проигранной сделки нужна причина: она видна в карточке и отчётах.";
            ConfirmLost => "Mark lost", "Отметить проигранной";
            ReasonRequired => "Give a reason.", "Укажите причину.";
            StageHistory => "Stage history", "История этапов";
            NoStageHistory => "No moves yet.", "Перемещений пока нет.";
            DeleteDeal => "Delete deal", "Удалить сделку";
            DeleteDealConfirm => "Delete “{}”? This cannot be undone.", "Удалить «{}»? Это нельзя отменить.";
            FromLead => "From the lead", "Из заявки";
            OpenLead => "Open the lead", "Открыть заявку";
            OpenDeal => "Open the deal", "Открыть сделку";
            Probability => "Probability, %", "Вероятность, %";
            BadValue => "Check this value.", "Проверьте значение.";
            DealCreatedOn => "Created", "Создана";
        } } } } } } } }
    };
}

pub(super) use deals_strings;
