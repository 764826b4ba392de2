//! The pack's content files exactly as an operator writes them. These input
//! types refuse unknown fields (a typo must not pass silently) and keep text
//! as written; `pack::resolve` turns them into the kiosk's view types.

use std::collections::BTreeMap;
use std::fmt;

use serde::de::{self, Deserializer, MapAccess, Visitor};
use serde::Deserialize;

use crate::pack::problems::{At, Problems};

/// Localised text as written: one string for every language, or an object
/// keyed by language code.
#[derive(Debug, Clone, PartialEq, Eq)]
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

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct EventInput {
    pub name: TextInput,
    pub short_name: Option<TextInput>,
    pub theme: Option<TextInput>,
    pub starts_on: String,
    pub ends_on: String,
    pub timezone: String,
    pub venue: Option<TextInput>,
    pub logo: Option<String>,
    pub about: Option<TextInput>,
    #[serde(default)]
    pub categories: Vec<CategoryInput>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CategoryInput {
    pub id: String,
    pub name: TextInput,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct NewsInput {
    pub id: String,
    pub title: TextInput,
    pub summary: Option<TextInput>,
    pub body: Option<TextInput>,
    pub published: String,
    pub source: Option<TextInput>,
    pub source_url: Option<String>,
    pub image: Option<String>,
    #[serde(default)]
    pub tags: Vec<TextInput>,
    #[serde(default)]
    pub pinned: bool,
    pub expires: Option<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ParkInput {
    pub id: String,
    pub name: TextInput,
    pub district: Option<TextInput>,
    pub summary: Option<TextInput>,
    pub body: Option<TextInput>,
    #[serde(default)]
    pub focus: Vec<TextInput>,
    #[serde(default)]
    pub figures: Vec<FigureInput>,
    pub image: Option<String>,
    #[serde(default)]
    pub gallery: Vec<String>,
    pub location: Option<LocationInput>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FigureInput {
    pub label: TextInput,
    pub value: TextInput,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct LocationInput {
    pub lat: f64,
    pub lon: f64,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ExhibitorInput {
    pub id: String,
    pub name: TextInput,
    pub sort_name: Option<String>,
    pub logo: Option<String>,
    pub summary: Option<TextInput>,
    pub description: Option<TextInput>,
    #[serde(default)]
    pub categories: Vec<String>,
    pub booth: Option<BoothInput>,
    pub park: Option<String>,
    pub website: Option<String>,
    #[serde(default)]
    pub tags: Vec<TextInput>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct BoothInput {
    pub hall: String,
    pub stand: String,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SessionInput {
    pub id: String,
    pub title: TextInput,
    pub starts: String,
    pub ends: String,
    pub room: Option<TextInput>,
    pub track: Option<TextInput>,
    #[serde(default)]
    pub speakers: Vec<String>,
    pub description: Option<TextInput>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SpeakerInput {
    pub id: String,
    pub name: TextInput,
    pub title: Option<TextInput>,
    pub organization: Option<TextInput>,
    pub photo: Option<String>,
    pub bio: Option<TextInput>,
    pub exhibitor: Option<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct VenueInput {
    #[serde(default)]
    pub halls: Vec<HallInput>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct HallInput {
    pub id: String,
    pub name: TextInput,
    pub plan: Option<String>,
    pub width: f64,
    pub height: f64,
    #[serde(default)]
    pub stands: Vec<StandInput>,
    #[serde(default)]
    pub spots: Vec<SpotInput>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct StandInput {
    pub id: String,
    pub x: f64,
    pub y: f64,
    pub w: f64,
    pub h: f64,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SpotInput {
    pub id: String,
    pub name: TextInput,
    pub x: f64,
    pub y: f64,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SlideInput {
    pub id: String,
    pub image: String,
    pub caption: Option<TextInput>,
    pub link: Option<LinkInput>,
    pub seconds: Option<f64>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct LinkInput {
    pub kind: LinkKind,
    pub id: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum LinkKind {
    News,
    Park,
    Exhibitor,
    Session,
}
