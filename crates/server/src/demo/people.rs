//! Demo people and what they write: Russian and English names (Russian surnames agree with
//! the person's gender), e-mails, cities, first messages, tags and reasons for a refusal.

use rand::Rng;
use rand::seq::IndexedRandom;

const RU_MEN: [&str; 30] = [
    "Александр",
    "Алексей",
    "Андрей",
    "Антон",
    "Артём",
    "Борис",
    "Вадим",
    "Виктор",
    "Владимир",
    "Георгий",
    "Дмитрий",
    "Евгений",
    "Егор",
    "Иван",
    "Игорь",
    "Илья",
    "Кирилл",
    "Константин",
    "Максим",
    "Михаил",
    "Никита",
    "Николай",
    "Олег",
    "Павел",
    "Роман",
    "Сергей",
    "Степан",
    "Тимур",
    "Фёдор",
    "Юрий",
];
const RU_WOMEN: [&str; 30] = [
    "Алёна",
    "Алина",
    "Анастасия",
    "Анна",
    "Валентина",
    "Вера",
    "Виктория",
    "Галина",
    "Дарья",
    "Евгения",
    "Екатерина",
    "Елена",
    "Жанна",
    "Зоя",
    "Ирина",
    "Карина",
    "Ксения",
    "Лариса",
    "Любовь",
    "Людмила",
    "Марина",
    "Мария",
    "Надежда",
    "Наталья",
    "Ольга",
    "Полина",
    "Светлана",
    "Софья",
    "Татьяна",
    "Юлия",
];
/// Surnames in their masculine form.
const RU_SURNAMES: [&str; 30] = [
    "Иванов",
    "Смирнов",
    "Кузнецов",
    "Попов",
    "Васильев",
    "Петров",
    "Соколов",
    "Михайлов",
    "Новиков",
    "Фёдоров",
    "Морозов",
    "Волков",
    "Алексеев",
    "Лебедев",
    "Семёнов",
    "Егоров",
    "Павлов",
    "Козлов",
    "Степанов",
    "Николаев",
    "Орлов",
    "Андреев",
    "Макаров",
    "Никитин",
    "Захаров",
    "Зайцев",
    "Соловьёв",
    "Белинский",
    "Ковальский",
    "Шевченко",
];
const EN_FIRST: [&str; 30] = [
    "James", "Oliver", "Harry", "George", "Jack", "Thomas", "William", "Daniel", "Michael", "David", "Robert",
    "Edward", "Samuel", "Henry", "Charles", "Olivia", "Amelia", "Emily", "Isla", "Ava", "Sophie", "Grace", "Lily",
    "Chloe", "Emma", "Hannah", "Laura", "Sarah", "Megan", "Rachel",
];
const EN_LAST: [&str; 30] = [
    "Smith", "Jones", "Taylor", "Brown", "Williams", "Wilson", "Johnson", "Davies", "Robinson", "Wright", "Thompson",
    "Evans", "Walker", "White", "Roberts", "Green", "Hall", "Wood", "Jackson", "Clarke", "Miller", "Moore", "Anderson",
    "Baker", "Carter", "Hughes", "Lewis", "Murphy", "Parker", "Turner",
];

const RU_CITIES: [&str; 12] = [
    "Москва",
    "Санкт-Петербург",
    "Казань",
    "Новосибирск",
    "Екатеринбург",
    "Нижний Новгород",
    "Самара",
    "Краснодар",
    "Ростов-на-Дону",
    "Уфа",
    "Пермь",
    "Воронеж",
];
const GB_CITIES: [&str; 8] = [
    "London",
    "Manchester",
    "Birmingham",
    "Leeds",
    "Glasgow",
    "Bristol",
    "Liverpool",
    "Edinburgh",
];
const US_CITIES: [&str; 8] = [
    "New York",
    "Los Angeles",
    "Chicago",
    "San Francisco",
    "Boston",
    "Seattle",
    "Austin",
    "Denver",
];

const RU_MESSAGES: [&str; 10] = [
    "Здравствуйте! Сколько стоит доставка?",
    "Хочу узнать цену на 40 м²",
    "Перезвоните мне, пожалуйста",
    "Есть ли скидка при оплате сразу?",
    "Когда сможете приехать на замер?",
    "Какие сроки изготовления?",
    "Пришлите, пожалуйста, каталог",
    "А в рассрочку можно?",
    "Спасибо, подумаю и напишу",
    "Интересует оптовая закупка",
];
const EN_MESSAGES: [&str; 10] = [
    "Hi! How much is delivery?",
    "What is the price for 40 m²?",
    "Please call me back",
    "Is there a discount if I pay upfront?",
    "When can you come to measure?",
    "How long does production take?",
    "Could you send me the catalogue?",
    "Do you offer instalments?",
    "Thanks, I will think it over",
    "We are interested in a bulk order",
];

/// Tags as managers type them.
pub const TAGS: [&str; 8] = [
    "VIP",
    "опт",
    "b2b",
    "повторный",
    "срочно",
    "partner",
    "скидка",
    "newsletter",
];

const RU_CLOSE_REASONS: [&str; 4] = ["Дорого", "Выбрал конкурента", "Не отвечает", "Неактуально"];
const EN_CLOSE_REASONS: [&str; 4] = ["Too expensive", "Chose a competitor", "No answer", "No longer needed"];

const MAIL_DOMAINS_RU: [&str; 4] = ["mail.ru", "yandex.ru", "gmail.com", "bk.ru"];
const MAIL_DOMAINS_EN: [&str; 4] = ["gmail.com", "outlook.com", "yahoo.com", "icloud.com"];

/// A demo person's name: first and last, in the script of their language.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PersonName {
    pub first: String,
    pub last: String,
}

impl PersonName {
    pub fn full(&self) -> String {
        format!("{} {}", self.first, self.last)
    }
}

fn pick<'a>(rng: &mut impl Rng, from: &[&'a str]) -> &'a str {
    from.choose(rng).copied().unwrap_or_default()
}

/// The feminine form of a Russian surname: Иванов → Иванова, Белинский → Белинская,
/// Шевченко stays.
pub fn feminine_surname(masculine: &str) -> String {
    if let Some(stem) = masculine.strip_suffix("ский") {
        format!("{stem}ская")
    } else if ["ов", "ев", "ёв", "ин"].iter().any(|end| masculine.ends_with(end)) {
        format!("{masculine}а")
    } else {
        masculine.to_owned()
    }
}

/// A random name in Russian or English.
pub fn name(rng: &mut impl Rng, russian: bool) -> PersonName {
    if !russian {
        return PersonName {
            first: pick(rng, &EN_FIRST).to_owned(),
            last: pick(rng, &EN_LAST).to_owned(),
        };
    }
    let surname = pick(rng, &RU_SURNAMES);
    if rng.random_bool(0.5) {
        PersonName {
            first: pick(rng, &RU_MEN).to_owned(),
            last: surname.to_owned(),
        }
    } else {
        PersonName {
            first: pick(rng, &RU_WOMEN).to_owned(),
            last: feminine_surname(surname),
        }
    }
}

/// Latin letters for a Russian word (the passport transliteration, simplified), lower-cased.
pub fn latin(word: &str) -> String {
    let mut out = String::with_capacity(word.len());
    for c in word.to_lowercase().chars() {
        let mapped = match c {
            'а' => "a",
            'б' => "b",
            'в' => "v",
            'г' => "g",
            'д' => "d",
            'е' | 'ё' | 'э' => "e",
            'ж' => "zh",
            'з' => "z",
            'и' | 'й' | 'ы' => "i",
            'к' => "k",
            'л' => "l",
            'м' => "m",
            'н' => "n",
            'о' => "o",
            'п' => "p",
            'р' => "r",
            'с' => "s",
            'т' => "t",
            'у' => "u",
            'ф' => "f",
            'х' => "kh",
            'ц' => "ts",
            'ч' => "ch",
            'ш' => "sh",
            'щ' => "shch",
            'ю' => "iu",
            'я' => "ia",
            'ъ' | 'ь' => "",
            c if c.is_ascii_alphanumeric() => {
                out.push(c);
                continue;
            }
            _ => "",
        };
        out.push_str(mapped);
    }
    out
}

/// A lower-case e-mail for the person, made unique by `n`.
pub fn email(rng: &mut impl Rng, name: &PersonName, russian: bool, n: u64) -> String {
    let domains: &[&str] = if russian { &MAIL_DOMAINS_RU } else { &MAIL_DOMAINS_EN };
    let domain = pick(rng, domains);
    format!("{}.{}{n}@{domain}", latin(&name.first), latin(&name.last))
}

pub fn city(rng: &mut impl Rng, country: super::phones::Country) -> &'static str {
    use super::phones::Country;
    match country {
        Country::Russia => pick(rng, &RU_CITIES),
        Country::Britain => pick(rng, &GB_CITIES),
        Country::States => pick(rng, &US_CITIES),
    }
}

pub fn message(rng: &mut impl Rng, russian: bool) -> &'static str {
    pick(rng, if russian { &RU_MESSAGES } else { &EN_MESSAGES })
}

/// The classifier's intent of one of the demo messages, worked out once per message.
pub fn intent_of(message: &'static str) -> &'static str {
    static KNOWN: std::sync::LazyLock<std::collections::HashMap<&'static str, &'static str>> =
        std::sync::LazyLock::new(|| {
            RU_MESSAGES
                .iter()
                .chain(EN_MESSAGES.iter())
                .map(|m| (*m, crate::ai::classify::intent_of(m).as_str()))
                .collect()
        });
    KNOWN.get(message).copied().unwrap_or("other")
}

pub fn close_reason(rng: &mut impl Rng, russian: bool) -> &'static str {
    pick(rng, if russian { &RU_CLOSE_REASONS } else { &EN_CLOSE_REASONS })
}

/// Up to `max` distinct tags (often none).
pub fn tags(rng: &mut impl Rng, max: usize) -> Vec<String> {
    let count = match rng.random_range(0..10) {
        0..6 => 0,
        6..9 => 1,
        _ => 2,
    }
    .min(max);
    let mut chosen: Vec<String> = TAGS.choose_multiple(rng, count).map(|t| (*t).to_owned()).collect();
    chosen.sort();
    chosen
}

#[cfg(test)]
mod tests {
    use rand::SeedableRng;
    use rand::rngs::StdRng;

    use super::*;
    use crate::validation;

    #[test]
    fn russian_women_carry_the_feminine_form_of_the_surname() {
        assert_eq!(feminine_surname("Иванов"), "Иванова");
        assert_eq!(feminine_surname("Соловьёв"), "Соловьёва");
        assert_eq!(feminine_surname("Никитин"), "Никитина");
        assert_eq!(feminine_surname("Белинский"), "Белинская");
        assert_eq!(feminine_surname("Шевченко"), "Шевченко");
        let mut rng = StdRng::seed_from_u64(3);
        for _ in 0..200 {
            let person = name(&mut rng, true);
            if RU_WOMEN.contains(&person.first.as_str()) {
                assert!(
                    person.last.ends_with('а') || person.last.ends_with("ая") || person.last.ends_with('о'),
                    "{}",
                    person.full()
                );
            }
        }
    }

    #[test]
    fn names_are_russian_or_english_as_asked() {
        let mut rng = StdRng::seed_from_u64(4);
        let cyrillic = |s: &str| {
            s.chars()
                .all(|c| c == ' ' || ('А'..='я').contains(&c) || "Ёё".contains(c))
        };
        for _ in 0..100 {
            assert!(cyrillic(&name(&mut rng, true).full()));
            assert!(
                name(&mut rng, false)
                    .full()
                    .chars()
                    .all(|c| c == ' ' || c.is_ascii_alphabetic())
            );
        }
    }

    #[test]
    fn e_mails_are_valid_lower_case_latin_addresses() {
        let mut rng = StdRng::seed_from_u64(5);
        for n in 0..200 {
            let russian = n % 2 == 0;
            let person = name(&mut rng, russian);
            let address = email(&mut rng, &person, russian, n);
            assert!(address.is_ascii(), "{address}");
            assert_eq!(
                validation::email("email", &address).ok().as_deref(),
                Some(address.as_str())
            );
        }
        assert_eq!(latin("Щёголев Юрий"), "shchegoleviurii");
    }

    #[test]
    fn tags_are_distinct_and_few() {
        let mut rng = StdRng::seed_from_u64(6);
        for _ in 0..100 {
            let chosen = tags(&mut rng, 2);
            assert!(chosen.len() <= 2);
            assert!(chosen.len() < 2 || chosen[0] != chosen[1]);
        }
    }
}
