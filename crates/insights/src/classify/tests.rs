use proptest::prelude::*;

use super::evaluation::{LabelledMessage, evaluate, is_held_out};
use super::*;

fn intent(text: &str) -> Intent {
    classify(text, &[]).intent
}

fn field(key: &str, label: &str, kind: FieldKind) -> QualificationField {
    QualificationField {
        key: key.to_string(),
        label: label.to_string(),
        kind,
    }
}

fn house_fields() -> Vec<QualificationField> {
    let foundation = ["Ленточный", "Свайный", "Плитный"].map(String::from).to_vec();
    vec![
        field("house_size", "Размер дома", FieldKind::Text),
        field("foundation", "Фундамент", FieldKind::Select(foundation)),
        field("windows", "Количество окон", FieldKind::Number),
        field("doors", "Кол-во дверей", FieldKind::Number),
        field("has_project", "Есть проект", FieldKind::Bool),
        field("ceiling", "Высота потолка, м", FieldKind::Number),
    ]
}

#[test]
fn each_intent_is_recognised_from_its_typical_words() {
    assert_eq!(intent("Перезвоните мне, пожалуйста"), Intent::WantsCall);
    assert_eq!(intent("Сколько стоит дом 8 на 10?"), Intent::PriceQuestion);
    assert_eq!(intent("Какая толщина панелей и есть ли гарантия?"), Intent::ProductInfo);
    assert_eq!(intent("Готовы оплатить, выставьте счёт"), Intent::ReadyToBuy);
    assert_eq!(intent("Панели пришли повреждённые, требую возврат"), Intent::Complaint);
    assert_eq!(intent("Казино с бонусом 200%! http://win.top"), Intent::Spam);
    assert_eq!(intent("Спасибо, я подумаю"), Intent::Other);
    assert_eq!(intent("How much is the Pro plan?"), Intent::PriceQuestion);
    assert_eq!(intent("Please call me back tomorrow"), Intent::WantsCall);
}

#[test]
fn typos_yo_and_case_do_not_hide_the_intent() {
    assert_eq!(intent("ПАЗВОНИТЕ МНЕ"), Intent::WantsCall);
    assert_eq!(intent("почем панели"), Intent::PriceQuestion);
    assert_eq!(intent("Почём панели"), Intent::PriceQuestion);
    assert_eq!(intent("хачу заказать дом"), Intent::ReadyToBuy);
    assert_eq!(intent("стоимоть доставки?"), Intent::PriceQuestion);
}

#[test]
fn a_broken_promise_to_call_is_a_complaint_not_a_call_request() {
    assert_eq!(intent("Обещали позвонить и не позвонили 😡"), Intent::Complaint);
}

#[test]
fn a_message_of_links_only_is_spam() {
    let c = classify("http://bit.ly/3xYz12 https://t.me/joinchat/AAA", &[]);
    assert_eq!(c.intent, Intent::Spam);
    assert!(c.confidence > 0.9, "{}", c.confidence);
}

#[test]
fn empty_or_emoji_only_messages_are_other_with_low_confidence() {
    for text in ["", "   ", "👍", "🎄🎄"] {
        let c = classify(text, &house_fields());
        assert_eq!(c.intent, Intent::Other);
        assert!(c.confidence < 0.5);
        assert!(!c.reasons.is_empty());
        assert!(c.extracted.fields.is_empty());
    }
}

#[test]
fn reasons_quote_the_words_in_the_message_language() {
    let ru = classify("Здравствуйте, сколько стоит доставка?", &[]);
    assert_eq!(ru.reasons[0], "спрашивает цену: «сколько стоит»");
    let en = classify("Hi, how much is delivery?", &[]);
    assert_eq!(en.reasons[0], "asks about the price: «how much»");
    assert_eq!(en.language, Lang::En);
    let call = classify("Позвоните завтра после обеда 87011234567", &[]);
    assert_eq!(
        call.reasons,
        [
            "просит звонок: «Позвоните»",
            "оставил телефон: «87011234567»",
            "называет время: «завтра после обеда»"
        ]
    );
}

#[test]
fn language_is_mixed_only_when_both_scripts_carry_words() {
    assert_eq!(classify("Hi, сколько стоит house 8x10?", &[]).language, Lang::Mixed);
    assert_eq!(
        classify("Сколько будет стоить SEO продвижение в месяц?", &[]).language,
        Lang::Ru
    );
    assert_eq!(
        classify("Does the CRM integrate with WhatsApp?", &[]).language,
        Lang::En
    );
}

#[test]
fn contact_details_are_extracted_as_written() {
    let text = "Меня зовут Асель, город Алматы. Перезвоните после 19:00, +7 (701) 777 88 99 или asel@mail.kz";
    let found = classify(text, &[]).extracted;
    assert_eq!(found.name.as_deref(), Some("Асель"));
    assert_eq!(found.city.as_deref(), Some("Алматы"));
    assert_eq!(found.preferred_time.as_deref(), Some("после 19:00"));
    assert_eq!(found.phones, ["+7 (701) 777 88 99"]);
    assert_eq!(found.emails, ["asel@mail.kz"]);
}

#[test]
fn an_unknown_city_after_gorod_is_taken_as_written() {
    assert_eq!(
        classify("город Урюпинск, дом 6х6", &[]).extracted.city.as_deref(),
        Some("Урюпинск")
    );
}

#[test]
fn house_qualification_fields_are_read_from_the_message() {
    let text = "Нужен дом 8 на 10, фундамент ленточный, окон 8, 2 двери, высота потолка 3 м. Проект есть.";
    let fields = classify(text, &house_fields()).extracted.fields;
    assert_eq!(fields.get("house_size").map(String::as_str), Some("8x10"));
    assert_eq!(fields.get("foundation").map(String::as_str), Some("Ленточный"));
    assert_eq!(fields.get("windows").map(String::as_str), Some("8"));
    assert_eq!(fields.get("doors").map(String::as_str), Some("2"));
    assert_eq!(fields.get("ceiling").map(String::as_str), Some("3"));
    assert_eq!(fields.get("has_project").map(String::as_str), Some("true"));
}

#[test]
fn sizes_are_read_in_every_usual_notation() {
    let size = |text: &str| {
        classify(text, &house_fields())
            .extracted
            .fields
            .get("house_size")
            .cloned()
    };
    assert_eq!(size("дом 8x10").as_deref(), Some("8x10"));
    assert_eq!(size("дом 9х12, 2 этажа").as_deref(), Some("9x12"));
    assert_eq!(size("house 9 by 12").as_deref(), Some("9x12"));
    assert_eq!(size("габариты 6×8×3").as_deref(), Some("6x8x3"));
    assert_eq!(size("дом на 10 человек"), None);
}

#[test]
fn negated_bool_fields_are_false_and_unmentioned_fields_absent() {
    let fields = classify("Проекта нет, фундамент пока не решили", &house_fields())
        .extracted
        .fields;
    assert_eq!(fields.get("has_project").map(String::as_str), Some("false"));
    assert_eq!(fields.get("foundation"), None);
    assert_eq!(fields.get("windows"), None);
}

#[test]
fn english_labels_work_through_the_concept_synonyms() {
    let fields = [
        field("win", "Windows", FieldKind::Number),
        field("dims", "House size", FieldKind::Text),
    ];
    let found = classify("We need a 10x12 house with 9 windows", &fields)
        .extracted
        .fields;
    assert_eq!(found.get("win").map(String::as_str), Some("9"));
    assert_eq!(found.get("dims").map(String::as_str), Some("10x12"));
}

#[test]
fn intent_names_round_trip() {
    for intent in Intent::ALL {
        assert_eq!(Intent::parse(intent.as_str()), Some(intent));
        assert_eq!(
            serde_json::to_string(&intent).ok(),
            Some(format!("\"{}\"", intent.as_str()))
        );
    }
    assert_eq!(Intent::parse(" Wants_Call "), Some(Intent::WantsCall));
    assert_eq!(Intent::parse("call"), None);
}

fn data_set() -> Vec<LabelledMessage> {
    parse(include_str!("../../../../tests/data/lead_messages.jsonl"))
}

fn parse(jsonl: &str) -> Vec<LabelledMessage> {
    jsonl
        .lines()
        .filter(|l| !l.trim().is_empty())
        .filter_map(|l| serde_json::from_str(l).ok())
        .collect()
}

#[test]
fn the_labelled_set_is_complete_and_balanced() {
    let set = data_set();
    assert!(set.len() >= 200, "{}", set.len());
    for intent in Intent::ALL {
        assert!(set.iter().filter(|m| m.intent == intent).count() >= 15, "{intent:?}");
    }
}

#[test]
fn rules_reach_the_accuracy_floor_on_the_labelled_set_and_its_held_out_fifth() {
    let set = data_set();
    let results: Vec<Classification> = set.iter().map(|m| classify(&m.text, &[])).collect();
    let all = evaluate(&set, &results);
    assert!(all.accuracy >= 0.8, "accuracy {:.3}", all.accuracy);
    let (held, held_results): (Vec<_>, Vec<_>) = set
        .into_iter()
        .zip(results)
        .enumerate()
        .filter(|(i, _)| is_held_out(*i))
        .map(|(_, p)| p)
        .unzip();
    let held_out = evaluate(&held, &held_results);
    assert!(held_out.accuracy >= 0.65, "held-out accuracy {:.3}", held_out.accuracy);
    assert!(
        all.phones_found.0 * 10 >= all.phones_found.1 * 9,
        "{:?}",
        all.phones_found
    );
}

#[test]
fn rules_stay_above_the_floor_on_the_blind_set_written_after_them() {
    let set = parse(include_str!("../../../../tests/data/lead_messages_blind.jsonl"));
    assert_eq!(set.len(), 42);
    let results: Vec<Classification> = set.iter().map(|m| classify(&m.text, &[])).collect();
    let blind = evaluate(&set, &results);
    assert!(blind.accuracy >= 0.7, "blind accuracy {:.3}", blind.accuracy);
}

proptest! {
    #[test]
    fn any_text_gets_a_bounded_confidence_and_a_reason(text in "\\PC{0,200}") {
        let c = classify(&text, &house_fields());
        prop_assert!((0.0..=1.0).contains(&c.confidence));
        prop_assert!(!c.reasons.is_empty());
        prop_assert_eq!(c, classify(&text, &house_fields()));
    }

    #[test]
    fn mixed_scripts_digits_and_punctuation_never_panic(
        text in "[а-яА-ЯёЁa-zA-Z0-9 +()\\-.,:!?@/х×x]{0,120}"
    ) {
        let c = classify(&text, &house_fields());
        prop_assert!(c.confidence.is_finite());
    }
}
