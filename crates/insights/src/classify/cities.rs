//! Big cities of Russia, Kazakhstan and neighbours (in Russian) and of the English-speaking world,
//! recognised in any case ending («из Астаны», «в Караганду» → Астана, Караганда).

use std::sync::LazyLock;

use super::text::Token;

const CITIES: &[&str] = &[
    // Russia
    "Москва",
    "Санкт-Петербург",
    "Новосибирск",
    "Екатеринбург",
    "Казань",
    "Нижний Новгород",
    "Челябинск",
    "Самара",
    "Омск",
    "Ростов-на-Дону",
    "Уфа",
    "Красноярск",
    "Воронеж",
    "Пермь",
    "Волгоград",
    "Краснодар",
    "Саратов",
    "Тюмень",
    "Тольятти",
    "Ижевск",
    "Барнаул",
    "Иркутск",
    "Ульяновск",
    "Хабаровск",
    "Владивосток",
    "Ярославль",
    "Махачкала",
    "Томск",
    "Оренбург",
    "Кемерово",
    "Рязань",
    "Набережные Челны",
    "Астрахань",
    "Пенза",
    "Липецк",
    "Калининград",
    "Тула",
    "Сочи",
    "Сургут",
    "Мурманск",
    "Новокузнецк",
    "Ставрополь",
    "Белгород",
    "Владимир",
    // Kazakhstan
    "Алматы",
    "Астана",
    "Шымкент",
    "Караганда",
    "Актобе",
    "Тараз",
    "Павлодар",
    "Усть-Каменогорск",
    "Семей",
    "Атырау",
    "Костанай",
    "Кызылорда",
    "Уральск",
    "Петропавловск",
    "Актау",
    "Темиртау",
    "Туркестан",
    "Кокшетау",
    "Талдыкорган",
    "Экибастуз",
    // Neighbours
    "Минск",
    "Киев",
    "Ташкент",
    "Бишкек",
    "Баку",
    "Ереван",
    "Тбилиси",
    "Самарканд",
    // In English
    "Almaty",
    "Astana",
    "Shymkent",
    "Karaganda",
    "Moscow",
    "Saint Petersburg",
    "Novosibirsk",
    "Tashkent",
    "Bishkek",
    "Minsk",
    "Kyiv",
    "London",
    "Manchester",
    "Birmingham",
    "Liverpool",
    "Edinburgh",
    "Dublin",
    "New York",
    "Los Angeles",
    "San Francisco",
    "Chicago",
    "Boston",
    "Seattle",
    "Miami",
    "Toronto",
    "Vancouver",
    "Sydney",
    "Melbourne",
    "Berlin",
    "Paris",
    "Warsaw",
    "Prague",
    "Vienna",
    "Madrid",
    "Barcelona",
    "Rome",
    "Amsterdam",
    "Dubai",
    "Istanbul",
    "Singapore",
];

/// Colloquial names.
const ALIASES: &[(&str, &str)] = &[
    ("Питер", "Санкт-Петербург"),
    ("Спб", "Санкт-Петербург"),
    ("Нур-Султан", "Астана"),
];

struct City {
    canonical: &'static str,
    stems: Vec<String>,
}

fn stem(word: &str) -> String {
    let lower = super::text::normalise(word);
    let n = lower.chars().count();
    let last = lower.chars().last();
    if n > 5 && ["ий", "ый", "ая", "ое", "ые", "ие"].iter().any(|e| lower.ends_with(e)) {
        lower.chars().take(n - 2).collect()
    } else if n > 4 && last.is_some_and(|c| "аяыьйео".contains(c)) {
        lower.chars().take(n - 1).collect()
    } else {
        lower
    }
}

static COMPILED: LazyLock<Vec<City>> = LazyLock::new(|| {
    let names = CITIES.iter().map(|c| (*c, *c)).chain(ALIASES.iter().copied());
    names
        .map(|(written, canonical)| City {
            canonical,
            stems: written.split(' ').map(stem).collect(),
        })
        .collect()
});

/// Words after which a capitalised or lower-case city name is expected.
const CITY_PREPOSITIONS: &[&str] = &["из", "в", "во", "город", "г", "from", "in", "to", "city"];

/// The known city whose name starts at token `start`: (canonical name, last token).
pub(crate) fn city_at(tokens: &[Token], start: usize) -> Option<(&'static str, usize)> {
    let token = tokens.get(start)?;
    let after_preposition = start > 0 && CITY_PREPOSITIONS.contains(&tokens[start - 1].norm.as_str());
    if !(token.capitalised || after_preposition) {
        return None;
    }
    COMPILED.iter().find_map(|city| {
        let fits = city.stems.iter().enumerate().all(|(k, s)| {
            tokens
                .get(start + k)
                .is_some_and(|t| t.norm.starts_with(s.as_str()) && t.norm.chars().count() <= s.chars().count() + 3)
        });
        fits.then(|| (city.canonical, start + city.stems.len() - 1))
    })
}

/// The first known city named in the tokens: (canonical name, first token, last token).
pub(crate) fn find_city(tokens: &[Token]) -> Option<(&'static str, usize, usize)> {
    (0..tokens.len()).find_map(|start| city_at(tokens, start).map(|(city, last)| (city, start, last)))
}

#[cfg(test)]
mod tests {
    use super::super::text::scan;
    use super::*;

    fn city(text: &str) -> Option<&'static str> {
        find_city(&scan(text).tokens).map(|(c, _, _)| c)
    }

    #[test]
    fn cities_are_recognised_in_any_case_ending() {
        assert_eq!(city("Я из Астаны"), Some("Астана"));
        assert_eq!(city("доставка в Караганду?"), Some("Караганда"));
        assert_eq!(city("склад в Алматы"), Some("Алматы"));
        assert_eq!(city("живу в нижнем новгороде"), Some("Нижний Новгород"));
        assert_eq!(city("I'm from New York"), Some("New York"));
        assert_eq!(city("в Питере"), Some("Санкт-Петербург"));
    }

    #[test]
    fn ordinary_words_are_not_cities() {
        assert_eq!(city("Сколько стоит дом 8 на 10?"), None);
        assert_eq!(city("москитная сетка"), None);
    }
}
