//! Dictionary matching that survives inflection and typos.
//!
//! A dictionary entry is a phrase of one or more *stems* separated by spaces. A stem matches a word
//! that starts with it («перезвон» ↔ «перезвоните»); a stem written with a trailing `=` must be the
//! whole word («да=»). Stems of 5 letters or more also match with one typo (Levenshtein distance ≤ 1
//! against the word's prefix of about the same length, first letter kept: «пазвоните» ↔ «позвон»).
//! Words of a phrase must follow each other, one extra word allowed between them
//! («позвоните пожалуйста мне»).

/// One precompiled stem.
#[derive(Debug, Clone)]
pub(crate) struct Stem {
    chars: Vec<char>,
    whole_word: bool,
}

/// One precompiled dictionary phrase.
#[derive(Debug, Clone)]
pub(crate) struct Phrase {
    pub stems: Vec<Stem>,
}

impl Phrase {
    pub(crate) fn new(text: &str) -> Phrase {
        let stems = text
            .split_whitespace()
            .map(|s| {
                let chars: Vec<char> = s.trim_end_matches('=').chars().collect();
                // «по», «в», "to": a stem this short is only ever a whole word.
                let whole_word = s.ends_with('=') || chars.len() <= 2;
                Stem { chars, whole_word }
            })
            .collect();
        Phrase { stems }
    }

    /// Token indices (first, last) of the first place where the phrase occurs among `words`.
    /// `known[i]` marks words that are themselves in the dictionary: those are never read as typos.
    pub(crate) fn find(&self, words: &[Vec<char>], known: &[bool]) -> Option<(usize, usize)> {
        let first = self.stems.first()?;
        let fits = |stem: &Stem, i: usize| stem.matches(&words[i], !known.get(i).copied().unwrap_or(false));
        (0..words.len()).find_map(|start| {
            if !fits(first, start) {
                return None;
            }
            let mut at = start;
            for stem in &self.stems[1..] {
                at = (at + 1..words.len().min(at + 3)).find(|&i| fits(stem, i))?;
            }
            Some((start, at))
        })
    }
}

impl Stem {
    /// Whether `word` (normalised characters) is this stem, inflected, or (when `typos`) with one
    /// typo: a wrong letter in stems of 5+ letters, a missing or extra letter in stems of 7+.
    pub(crate) fn matches(&self, word: &[char], typos: bool) -> bool {
        let stem = &self.chars;
        if stem.is_empty() {
            return false;
        }
        let exact = if self.whole_word {
            word == stem.as_slice()
        } else {
            word.starts_with(stem)
        };
        if exact || !typos || stem.len() < 5 || word.first() != stem.first() {
            return exact;
        }
        let n = stem.len();
        let lengths = if self.whole_word {
            vec![word.len()]
        } else {
            vec![n - 1, n, n + 1]
        };
        lengths.into_iter().any(|len| {
            len <= word.len() && (len == n || n >= 7) && (!self.whole_word || len == word.len()) && {
                within_one_edit(&word[..len], stem)
            }
        })
    }

    /// Whether `word` is this stem without any typo.
    pub(crate) fn matches_exactly(&self, word: &[char]) -> bool {
        self.matches(word, false)
    }
}

/// Levenshtein distance ≤ 1, in linear time.
pub(crate) fn within_one_edit(a: &[char], b: &[char]) -> bool {
    let (short, long) = if a.len() <= b.len() { (a, b) } else { (b, a) };
    if long.len() - short.len() > 1 {
        return false;
    }
    let prefix = short.iter().zip(long).take_while(|(x, y)| x == y).count();
    if short.len() == long.len() {
        short[prefix..].iter().skip(1).eq(long[prefix..].iter().skip(1))
    } else {
        short[prefix..] == long[prefix + 1..]
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn words(text: &str) -> Vec<Vec<char>> {
        text.split_whitespace().map(|w| w.chars().collect()).collect()
    }

    fn find(phrase: &str, text: &str) -> Option<(usize, usize)> {
        Phrase::new(phrase).find(&words(text), &[])
    }

    #[test]
    fn stems_match_inflected_words_and_one_typo_in_longer_ones() {
        assert!(find("позвон", "позвоните мне").is_some());
        assert!(find("позвон", "пазвоните мне").is_some());
        assert!(find("позвон", "звоните").is_none());
        assert!(find("стоимост", "стоимоть").is_some());
        assert!(find("цен", "цена").is_some());
        assert!(find("да=", "дата").is_none());
        assert!(find("по деньгам", "почему деньгам").is_none());
    }

    #[test]
    fn short_stems_need_an_exact_letter_count_and_known_words_are_no_typos() {
        assert!(find("стоить", "строить").is_none());
        assert!(find("price", "prize").is_some());
        assert!(Phrase::new("price").find(&words("prize"), &[true]).is_none());
    }

    #[test]
    fn phrases_need_their_words_in_order_with_at_most_one_word_between() {
        assert_eq!(find("сколько стоит", "а сколько это стоит"), Some((1, 3)));
        assert_eq!(find("сколько стоит", "стоит сколько"), None);
        assert_eq!(find("сколько стоит", "сколько у нас это стоит"), None);
    }

    #[test]
    fn one_edit_is_an_insertion_a_deletion_or_a_substitution() {
        let c = |s: &str| s.chars().collect::<Vec<_>>();
        assert!(within_one_edit(&c("заказ"), &c("зака")));
        assert!(within_one_edit(&c("заказ"), &c("закас")));
        assert!(within_one_edit(&c("заказ"), &c("заказы")));
        assert!(!within_one_edit(&c("заказ"), &c("закат ")));
        assert!(within_one_edit(&c(""), &c("")));
    }
}
