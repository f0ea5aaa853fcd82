//! Scoring a classifier against labelled messages (`tests/data/lead_messages.jsonl`): accuracy,
//! per-intent precision and recall, the confusion matrix and how often the expected phone, city and
//! name were extracted. Used by the `classify_eval` example, the regression test, and by the server
//! to compare the rules with an LLM on the same set.

use serde::{Deserialize, Serialize};

use super::{Classification, Intent};

/// One line of the labelled data set.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct LabelledMessage {
    pub text: String,
    pub intent: Intent,
    /// "ru", "en" or "mixed".
    pub lang: String,
    #[serde(default)]
    pub expected: ExpectedDetails,
}

/// Details a labelled message is known to contain.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ExpectedDetails {
    pub phone: Option<String>,
    pub city: Option<String>,
    pub name: Option<String>,
}

/// Whether a message belongs to the held-out fifth (every fifth line, counting from 0: 4, 9, 14 …).
/// The rules were written looking only at the other lines.
pub fn is_held_out(line_index: usize) -> bool {
    line_index % 5 == 4
}

/// Precision and recall of one intent.
#[derive(Clone, Copy, Debug, PartialEq, Serialize)]
pub struct IntentQuality {
    pub intent: Intent,
    /// Messages labelled with this intent.
    pub support: usize,
    /// Share of the messages predicted as this intent that are labelled so (1.0 when none predicted).
    pub precision: f64,
    /// Share of the messages labelled so that were predicted so (1.0 when none labelled).
    pub recall: f64,
}

/// Accuracy and per-intent quality of predictions against labels.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Evaluation {
    pub messages: usize,
    pub accuracy: f64,
    pub per_intent: Vec<IntentQuality>,
    /// `confusion[gold][predicted]`, indexed like [`Intent::ALL`].
    pub confusion: [[usize; 7]; 7],
    /// (found, expected) for phones, cities and names given in `expected`.
    pub phones_found: (usize, usize),
    pub cities_found: (usize, usize),
    pub names_found: (usize, usize),
}

fn index(intent: Intent) -> usize {
    Intent::ALL
        .iter()
        .position(|i| *i == intent)
        .unwrap_or(Intent::ALL.len() - 1)
}

fn ratio(part: usize, whole: usize) -> f64 {
    if whole == 0 { 1.0 } else { part as f64 / whole as f64 }
}

/// Compares each message's classification with its labels (pairs beyond the shorter slice ignored).
pub fn evaluate(messages: &[LabelledMessage], results: &[Classification]) -> Evaluation {
    let mut confusion = [[0usize; 7]; 7];
    let (mut phones, mut cities, mut names) = ((0, 0), (0, 0), (0, 0));
    for (message, result) in messages.iter().zip(results) {
        confusion[index(message.intent)][index(result.intent)] += 1;
        let found = &result.extracted;
        if let Some(phone) = &message.expected.phone {
            phones.1 += 1;
            phones.0 += usize::from(found.phones.iter().any(|p| p == phone));
        }
        if let Some(city) = &message.expected.city {
            cities.1 += 1;
            cities.0 += usize::from(found.city.as_ref() == Some(city));
        }
        if let Some(name) = &message.expected.name {
            names.1 += 1;
            names.0 += usize::from(found.name.as_ref() == Some(name));
        }
    }
    let total: usize = confusion.iter().flatten().sum();
    let correct: usize = (0..7).map(|i| confusion[i][i]).sum();
    let per_intent = Intent::ALL
        .iter()
        .enumerate()
        .map(|(i, &intent)| {
            let predicted: usize = (0..7).map(|g| confusion[g][i]).sum();
            let support: usize = confusion[i].iter().sum();
            IntentQuality {
                intent,
                support,
                precision: ratio(confusion[i][i], predicted),
                recall: ratio(confusion[i][i], support),
            }
        })
        .collect();
    Evaluation {
        messages: total,
        accuracy: if total == 0 { 0.0 } else { ratio(correct, total) },
        per_intent,
        confusion,
        phones_found: phones,
        cities_found: cities,
        names_found: names,
    }
}
