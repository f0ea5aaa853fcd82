//! Demo phone numbers: valid mobile numbers of Russia (+7), the United Kingdom (+44) and the
//! United States (+1), kept in E.164 and shown the way people type them.

use rand::Rng;
use rand::seq::IndexedRandom;

/// The country a demo contact lives in; it picks the phone, the language of the name and
/// the city.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Country {
    Russia,
    Britain,
    States,
}

impl Country {
    /// Russian-speaking companies mostly talk to Russian numbers, others mostly to English ones.
    pub fn pick(rng: &mut impl Rng, russian_company: bool) -> Country {
        let roll = rng.random_range(0..100);
        match (russian_company, roll) {
            (true, 0..80) | (false, 0..10) => Country::Russia,
            (true, 80..92) | (false, 10..55) => Country::Britain,
            _ => Country::States,
        }
    }

    /// Whether names, cities and messages are Russian.
    pub fn speaks_russian(self) -> bool {
        self == Country::Russia
    }
}

/// Area codes that libphonenumber knows as geographic US codes.
const US_AREA_CODES: [&str; 12] = [
    "212", "213", "312", "415", "617", "646", "702", "718", "206", "404", "512", "303",
];

/// A demo number: E.164 and the form it was typed in.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DemoPhone {
    pub e164: String,
    pub raw: String,
}

fn digits(rng: &mut impl Rng, n: usize) -> String {
    (0..n).map(|_| char::from(b'0' + rng.random_range(0..10u8))).collect()
}

/// A random valid mobile number of `country` (its national significant number).
pub fn national_number(rng: &mut impl Rng, country: Country) -> String {
    match country {
        // Russian mobiles: 9XX XXX-XX-XX.
        Country::Russia => format!("9{}", digits(rng, 9)),
        // British mobiles: 71XX–73XX XXXXXX.
        Country::Britain => format!("7{}{}", rng.random_range(1..=3), digits(rng, 8)),
        // American numbers: area code, exchange 2XX–9XX, line.
        Country::States => {
            let area = US_AREA_CODES.choose(rng).copied().unwrap_or("212");
            format!("{area}{}{}", rng.random_range(2..=9), digits(rng, 6))
        }
    }
}

fn country_code(country: Country) -> &'static str {
    match country {
        Country::Russia => "7",
        Country::Britain => "44",
        Country::States => "1",
    }
}

/// The ways people write a number. Russian numbers also come with the trunk `8`, which
/// only a Russian-speaking company (region RU) reads back correctly.
pub fn formats(country: Country, national: &str, russian_company: bool) -> Vec<String> {
    let n = national;
    match country {
        Country::Russia => {
            let (a, b, c, d) = (&n[0..3], &n[3..6], &n[6..8], &n[8..10]);
            let mut forms = vec![
                format!("+7 {a} {b}-{c}-{d}"),
                format!("+7{n}"),
                format!("+7 ({a}) {b}{c}{d}"),
            ];
            if russian_company {
                forms.extend([
                    format!("8 ({a}) {b}-{c}-{d}"),
                    format!("8{n}"),
                    format!("8-{a}-{b}-{c}-{d}"),
                ]);
            }
            forms
        }
        Country::Britain => {
            let (a, b) = (&n[0..4], &n[4..10]);
            vec![format!("+44 {a} {b}"), format!("+44{n}"), format!("+44 {a}-{b}")]
        }
        Country::States => {
            let (a, b, c) = (&n[0..3], &n[3..6], &n[6..10]);
            vec![
                format!("+1 ({a}) {b}-{c}"),
                format!("+1 {a}-{b}-{c}"),
                format!("+1{n}"),
                format!("+1 {a} {b} {c}"),
            ]
        }
    }
}

/// A random valid number of `country` in one of its usual written forms.
pub fn phone(rng: &mut impl Rng, country: Country, russian_company: bool) -> DemoPhone {
    let national = national_number(rng, country);
    let forms = formats(country, &national, russian_company);
    let raw = forms.choose(rng).cloned().unwrap_or_else(|| national.clone());
    DemoPhone {
        e164: format!("+{}{national}", country_code(country)),
        raw,
    }
}

#[cfg(test)]
mod tests {
    use rand::SeedableRng;
    use rand::rngs::StdRng;

    use super::*;
    use crate::contacts::phone::{default_region, to_e164};

    #[test]
    fn every_demo_number_is_valid_and_every_written_form_reads_back_as_its_e164() {
        let mut rng = StdRng::seed_from_u64(1);
        for russian_company in [true, false] {
            let region = default_region(if russian_company { "ru" } else { "en" });
            for country in [Country::Russia, Country::Britain, Country::States] {
                for _ in 0..300 {
                    let national = national_number(&mut rng, country);
                    let e164 = format!("+{}{national}", country_code(country));
                    assert_eq!(to_e164(&e164, None).as_deref(), Some(e164.as_str()), "{e164} is valid");
                    for raw in formats(country, &national, russian_company) {
                        assert_eq!(to_e164(&raw, region).as_deref(), Some(e164.as_str()), "{raw}");
                    }
                }
            }
        }
    }

    #[test]
    fn a_russian_company_talks_mostly_to_russian_numbers() {
        let mut rng = StdRng::seed_from_u64(2);
        let russian = (0..1000)
            .filter(|_| Country::pick(&mut rng, true) == Country::Russia)
            .count();
        assert!((700..900).contains(&russian), "{russian} of 1000");
    }
}
