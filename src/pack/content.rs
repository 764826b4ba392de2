//! What every kind's input shares: localised text exactly as an operator
//! writes it, and how it is filled in every language of the pack. Each
//! kind's own input type is in `pack::kinds`.

use std::collections::BTreeMap;
use std::fmt;

use serde::de::{self, Deserializer, MapAccess, Visitor};
use serde::{Deserialize, Serialize};

use crate::pack::problems::{At, Problems};

/// Localised text as written: one string for every language, or an object
/// keyed by language code.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(untagged)]
pub enum TextInput {
    Same(String),
    PerLanguage(BTreeMap<String, String>),
}

impl<'de> Deserialize<'de> for TextInput {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct TextVisitor;
        impl<'de> Visitor<'de> for TextVisitor {
            type Value = TextInput;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a string or an object keyed by language code")
            }
            fn visit_str<E: de::Error>(self, text: &str) -> Result<TextInput, E> {
                Ok(TextInput::Same(text.to_owned()))
            }
            fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<TextInput, A::Error> {
                BTreeMap::deserialize(de::value::MapAccessDeserializer::new(map))
                    .map(TextInput::PerLanguage)
            }
        }
        deserializer.deserialize_any(TextVisitor)
    }
}

/// Localised text in every pack language: the default language must be
/// given, the others fall back to it.
pub fn fill_text(
    input: TextInput,
    languages: &[String],
    at: &At,
    problems: &mut Problems,
) -> BTreeMap<String, String> {
    let default = &languages[0];
    match input {
        TextInput::Same(text) => languages
            .iter()
            .map(|language| (language.clone(), text.clone()))
            .collect(),
        TextInput::PerLanguage(mut texts) => {
            known_languages(&texts, languages, at, problems);
            let fallback = texts.get(default).cloned().unwrap_or_else(|| {
                at.problem(
                    problems,
                    format!("missing the default language \"{default}\""),
                );
                String::new()
            });
            languages
                .iter()
                .map(|language| {
                    (
                        language.clone(),
                        texts.remove(language).unwrap_or_else(|| fallback.clone()),
                    )
                })
                .collect()
        }
    }
}

/// Text as given, in the languages it names (every language when given as
/// one string), not filled in the others: an override such as
/// `sort_name`, where a language left out keeps its own default.
pub fn given_text(
    input: TextInput,
    languages: &[String],
    at: &At,
    problems: &mut Problems,
) -> BTreeMap<String, String> {
    match input {
        TextInput::Same(text) => languages
            .iter()
            .map(|language| (language.clone(), text.clone()))
            .collect(),
        TextInput::PerLanguage(texts) => {
            known_languages(&texts, languages, at, problems);
            texts
                .into_iter()
                .filter(|(language, _)| languages.contains(language))
                .collect()
        }
    }
}

/// Files a problem for each language of `texts` the manifest does not list.
fn known_languages(
    texts: &BTreeMap<String, String>,
    languages: &[String],
    at: &At,
    problems: &mut Problems,
) {
    for language in texts
        .keys()
        .filter(|language| !languages.contains(language))
    {
        at.field(language).problem(
            problems,
            format!(
                "language \"{language}\" is not in the manifest's languages ({})",
                languages.join(", ")
            ),
        );
    }
}
