//! `content/exhibitors.json`: the exhibitors, with their categories, booth
//! and park.

use crate::pack::picture::Shown;
use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use crate::model::{self, Booth, Category, ParkLink, SortName, Text};
use crate::pack::content::TextInput;
use crate::pack::kind::Kind;
use crate::pack::problems::At;
use crate::pack::resolver::{Known, Resolver};

#[derive(Debug, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ExhibitorInput {
    pub id: String,
    pub name: TextInput,
    /// Where it files in A–Z instead of by its name: one string for every
    /// language, or per language (`store::content::sort_key`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub sort_name: Option<TextInput>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub logo: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub summary: Option<TextInput>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub description: Option<TextInput>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub categories: Vec<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub booth: Option<BoothInput>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub park: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub website: Option<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub tags: Vec<TextInput>,
}

#[derive(Debug, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct BoothInput {
    pub hall: String,
    pub stand: String,
}

/// `categories` are the event's; `park_names` the parks' names by id.
pub fn resolve(
    r: &mut Resolver,
    at: &At,
    input: ExhibitorInput,
    known: &Known,
    categories: &[Category],
    park_names: &BTreeMap<String, Text>,
) -> model::Exhibitor {
    let name = r.text(&at.field("name"), input.name);
    for (index, category) in input.categories.iter().enumerate() {
        r.reference(
            &at.field("categories").index(index),
            Kind::Event,
            category,
            known,
        );
    }
    if let Some(booth) = &input.booth {
        match known.stands.get(&booth.hall) {
            Some(stands) => r.reference_in(
                &at.field("booth").field("stand"),
                &format!("stand in hall \"{}\"", booth.hall),
                &booth.stand,
                stands,
            ),
            None => r.reference(
                &at.field("booth").field("hall"),
                Kind::Venue,
                &booth.hall,
                known,
            ),
        }
    }
    if let Some(park) = &input.park {
        r.reference(&at.field("park"), Kind::Park, park, known);
    }
    model::Exhibitor {
        id: input.id,
        sort_name: input
            .sort_name
            .map(|sort_name| SortName(r.given_text(&at.field("sort_name"), sort_name))),
        name,
        logo: r.optional_media(&at.field("logo"), input.logo, Shown::Logo),
        summary: r.optional_text(&at.field("summary"), input.summary),
        description: r.rich(&at.field("description"), input.description),
        categories: input
            .categories
            .iter()
            .filter_map(|id| {
                categories
                    .iter()
                    .find(|category| &category.id == id)
                    .cloned()
            })
            .collect(),
        booth: input.booth.map(|booth| Booth {
            hall: booth.hall,
            stand: booth.stand,
        }),
        park: input.park.and_then(|id| {
            let name = park_names.get(&id)?.clone();
            Some(ParkLink { id, name })
        }),
        website: input.website,
        tags: r.texts(&at.field("tags"), input.tags),
    }
}
