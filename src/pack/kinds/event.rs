//! `content/event.json`: the event and its exhibitor categories.

use crate::pack::picture::Shown;
use serde::{Deserialize, Serialize};

use crate::model::{self, Category};
use crate::pack::content::TextInput;
use crate::pack::kind::Kind;
use crate::pack::problems::At;
use crate::pack::resolver::Resolver;

#[derive(Debug, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct EventInput {
    pub name: TextInput,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub short_name: Option<TextInput>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub theme: Option<TextInput>,
    pub starts_on: String,
    pub ends_on: String,
    pub timezone: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub venue: Option<TextInput>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub logo: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub about: Option<TextInput>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub categories: Vec<CategoryInput>,
}

#[derive(Debug, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CategoryInput {
    pub id: String,
    pub name: TextInput,
}

pub fn resolve(r: &mut Resolver, input: EventInput) -> (model::Event, Vec<Category>) {
    let at = At::new(Kind::Event.file(), "");
    let starts = r.date(&at.field("starts_on"), &input.starts_on);
    let ends = r.date(&at.field("ends_on"), &input.ends_on);
    if let (Some(starts), Some(ends)) = (starts, ends) {
        if ends < starts {
            at.field("ends_on").problem(
                r.problems,
                format!("the event ends ({ends}) before it starts ({starts})"),
            );
        }
    }
    if !is_time_zone_name(&input.timezone) {
        at.field("timezone").problem(
            r.problems,
            format!(
                "\"{}\" is not an IANA time zone name such as \"Asia/Shanghai\"",
                input.timezone
            ),
        );
    }
    let categories = input
        .categories
        .into_iter()
        .enumerate()
        .map(|(index, category)| Category {
            id: category.id,
            name: r.text(
                &at.field("categories").index(index).field("name"),
                category.name,
            ),
        })
        .collect();
    let event = model::Event {
        name: r.text(&at.field("name"), input.name),
        short_name: r.optional_text(&at.field("short_name"), input.short_name),
        theme: r.optional_text(&at.field("theme"), input.theme),
        starts_on: input.starts_on,
        ends_on: input.ends_on,
        timezone: input.timezone,
        venue: r.optional_text(&at.field("venue"), input.venue),
        logo: r.optional_media(&at.field("logo"), input.logo, Shown::Logo),
        about: r.rich(&at.field("about"), input.about),
    };
    (event, categories)
}

/// IANA names (`Asia/Shanghai`, `UTC`, `America/Argentina/Buenos_Aires`).
/// The kiosk carries no time-zone database, so only the shape is checked.
fn is_time_zone_name(name: &str) -> bool {
    !name.is_empty()
        && name.len() <= 64
        && name.split('/').all(|part| {
            !part.is_empty()
                && part
                    .bytes()
                    .all(|b| b.is_ascii_alphanumeric() || b"_+-".contains(&b))
        })
}
