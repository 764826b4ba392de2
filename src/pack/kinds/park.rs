//! `content/parks.json`: the science parks, with their figures, pictures
//! and place on a map.

use crate::pack::picture::Shown;
use serde::{Deserialize, Serialize};

use crate::model::{self, Figure, Location};
use crate::pack::content::TextInput;
use crate::pack::problems::At;
use crate::pack::resolver::Resolver;

#[derive(Debug, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ParkInput {
    pub id: String,
    pub name: TextInput,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub district: Option<TextInput>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub summary: Option<TextInput>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub body: Option<TextInput>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub focus: Vec<TextInput>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub figures: Vec<FigureInput>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub image: Option<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub gallery: Vec<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub location: Option<LocationInput>,
}

#[derive(Debug, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FigureInput {
    pub label: TextInput,
    pub value: TextInput,
}

#[derive(Debug, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct LocationInput {
    pub lat: f64,
    pub lon: f64,
}

/// `exhibitors` is left empty: the store lists them per park.
pub fn resolve(r: &mut Resolver, at: &At, input: ParkInput) -> model::Park {
    let location = input.location.map(|location| {
        if !(-90.0..=90.0).contains(&location.lat) {
            at.field("location").field("lat").problem(
                r.problems,
                format!("latitude {} is outside -90..90", location.lat),
            );
        }
        if !(-180.0..=180.0).contains(&location.lon) {
            at.field("location").field("lon").problem(
                r.problems,
                format!("longitude {} is outside -180..180", location.lon),
            );
        }
        Location {
            lat: location.lat,
            lon: location.lon,
        }
    });
    model::Park {
        id: input.id,
        name: r.text(&at.field("name"), input.name),
        district: r.optional_text(&at.field("district"), input.district),
        summary: r.optional_text(&at.field("summary"), input.summary),
        body: r.rich(&at.field("body"), input.body),
        focus: r.texts(&at.field("focus"), input.focus),
        figures: input
            .figures
            .into_iter()
            .enumerate()
            .map(|(index, figure)| {
                let figures = at.field("figures");
                let at = figures.index(index);
                Figure {
                    label: r.text(&at.field("label"), figure.label),
                    value: r.text(&at.field("value"), figure.value),
                }
            })
            .collect(),
        image: r.optional_media(&at.field("image"), input.image, Shown::Picture),
        gallery: input
            .gallery
            .into_iter()
            .enumerate()
            .filter_map(|(index, path)| {
                r.media(&at.field("gallery").index(index), &path, Shown::FullScreen)
            })
            .collect(),
        location,
        exhibitors: Vec::new(),
    }
}
