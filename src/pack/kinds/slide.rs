//! `content/slides.json`: the attract loop's slides, each perhaps linking
//! to an entity a visitor can open.

use crate::pack::picture::Shown;
use serde::{Deserialize, Serialize};

use crate::model::{LinkKind, Media, Text};
use crate::pack::content::TextInput;
use crate::pack::kind::Kind;
use crate::pack::problems::At;
use crate::pack::resolver::{Known, Resolver};

#[derive(Debug, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SlideInput {
    pub id: String,
    pub image: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub caption: Option<TextInput>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub link: Option<LinkInput>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub seconds: Option<f64>,
}

#[derive(Debug, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct LinkInput {
    pub kind: LinkKind,
    pub id: String,
}

#[derive(Debug, Clone)]
pub struct Slide {
    pub id: String,
    pub image: Media,
    pub caption: Option<Text>,
    pub link: Option<(LinkKind, String)>,
    pub seconds: Option<f64>,
}

/// How long a slide without `seconds` stays (docs/pack-format.md).
pub const DEFAULT_SECONDS: u32 = 8;

/// How long a slide stays on screen: whole seconds are what a loop's timer
/// needs; validation made `seconds` positive, so rounding up never shows a
/// slide for 0 s.
pub fn shown_seconds(seconds: Option<f64>) -> u32 {
    seconds.map_or(DEFAULT_SECONDS, |seconds| {
        seconds.ceil().min(f64::from(u32::MAX)) as u32
    })
}

pub fn resolve(r: &mut Resolver, at: &At, input: SlideInput, known: &Known) -> Option<Slide> {
    if let Some(link) = &input.link {
        let kind = Kind::linked(link.kind);
        r.reference(&at.field("link").field("id"), kind, &link.id, known);
    }
    if let Some(seconds) = input.seconds {
        r.positive(&at.field("seconds"), seconds);
    }
    Some(Slide {
        id: input.id,
        caption: r.optional_text(&at.field("caption"), input.caption),
        link: input.link.map(|link| (link.kind, link.id)),
        seconds: input.seconds,
        image: r.media(&at.field("image"), &input.image, Shown::FullScreen)?,
    })
}
