//! `content/venue.json`: the halls, each with its plan, the stands on it
//! and the spots a kiosk can stand at.

use crate::pack::picture::Shown;
use std::collections::{BTreeMap, BTreeSet};

use serde::{Deserialize, Serialize};

use crate::model::{Hall, Spot, Stand};
use crate::pack::content::TextInput;
use crate::pack::kind::Kind;
use crate::pack::problems::At;
use crate::pack::resolver::{is_entity_id, Ids, Resolver};

#[derive(Debug, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct VenueInput {
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub halls: Vec<HallInput>,
}

#[derive(Debug, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct HallInput {
    pub id: String,
    pub name: TextInput,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub plan: Option<String>,
    pub width: f64,
    pub height: f64,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub stands: Vec<StandInput>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub spots: Vec<SpotInput>,
}

#[derive(Debug, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct StandInput {
    pub id: String,
    pub x: f64,
    pub y: f64,
    pub w: f64,
    pub h: f64,
}

#[derive(Debug, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SpotInput {
    pub id: String,
    pub name: TextInput,
    pub x: f64,
    pub y: f64,
}

/// Checks the ids of the halls, of each hall's stands and of the spots;
/// returns each hall's stand ids by hall id (what a booth refers to).
pub fn check_ids(r: &mut Resolver, halls: &[HallInput]) -> BTreeMap<String, BTreeSet<String>> {
    let file = Kind::Venue.file();
    // Hall ids are checked here; references find halls by this map's keys.
    Ids::new(file, "/halls").check_all(halls, |hall| &hall.id, r.problems);
    let stands = halls
        .iter()
        .enumerate()
        .map(|(index, hall)| {
            let base = format!("/halls/{index}/stands");
            let stands =
                Ids::new(file, &base).check_all(&hall.stands, |stand| &stand.id, r.problems);
            (hall.id.clone(), stands)
        })
        .collect();
    unique_spots(r, halls);
    stands
}

/// Spot ids are unique across the venue: a kiosk's settings name its
/// spot by id alone.
fn unique_spots(r: &mut Resolver, halls: &[HallInput]) {
    let spots = halls.iter().enumerate().flat_map(|(hall, input)| {
        input
            .spots
            .iter()
            .enumerate()
            .map(move |(index, spot)| ((hall, index), spot))
    });
    let mut first_seen: BTreeMap<&str, String> = BTreeMap::new();
    for ((hall, index), spot) in spots {
        let pointer = format!("/halls/{hall}/spots/{index}");
        let element = At::new(Kind::Venue.file(), &pointer);
        let at = element.field("id");
        if !is_entity_id(&spot.id) {
            at.problem(
                r.problems,
                format!(
                    "\"{}\" is not an id: 1 to 64 of A-Z, a-z, 0-9, '_' and '-'",
                    spot.id
                ),
            );
        } else if let Some(first) = first_seen.get(spot.id.as_str()) {
            at.problem(
                r.problems,
                format!("duplicate id \"{}\" (first used at {first})", spot.id),
            );
        } else {
            first_seen.insert(&spot.id, pointer);
        }
    }
}

pub fn resolve(r: &mut Resolver, at: &At, input: HallInput) -> Hall {
    r.positive(&at.field("width"), input.width);
    r.positive(&at.field("height"), input.height);
    let stands = input
        .stands
        .into_iter()
        .enumerate()
        .map(|(index, stand)| {
            let stands = at.field("stands");
            let at = stands.index(index);
            r.positive(&at.field("w"), stand.w);
            r.positive(&at.field("h"), stand.h);
            Stand {
                id: stand.id,
                x: stand.x,
                y: stand.y,
                w: stand.w,
                h: stand.h,
            }
        })
        .collect();
    let spots = input
        .spots
        .into_iter()
        .enumerate()
        .map(|(index, spot)| Spot {
            id: spot.id,
            hall: input.id.clone(),
            name: r.text(&at.field("spots").index(index).field("name"), spot.name),
            x: spot.x,
            y: spot.y,
        })
        .collect();
    Hall {
        id: input.id,
        name: r.text(&at.field("name"), input.name),
        plan: r.optional_media(&at.field("plan"), input.plan, Shown::Plan),
        width: input.width,
        height: input.height,
        stands,
        spots,
    }
}
