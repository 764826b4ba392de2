//! `content/speakers.json`: the people who speak at sessions.

use crate::pack::picture::Shown;
use serde::{Deserialize, Serialize};

use crate::model::Speaker;
use crate::pack::content::TextInput;
use crate::pack::kind::Kind;
use crate::pack::problems::At;
use crate::pack::resolver::{Known, Resolver};

#[derive(Debug, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SpeakerInput {
    pub id: String,
    pub name: TextInput,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub title: Option<TextInput>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub organization: Option<TextInput>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub photo: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub bio: Option<TextInput>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub exhibitor: Option<String>,
}

pub fn resolve(r: &mut Resolver, at: &At, input: SpeakerInput, known: &Known) -> Speaker {
    if let Some(exhibitor) = &input.exhibitor {
        r.reference(&at.field("exhibitor"), Kind::Exhibitor, exhibitor, known);
    }
    Speaker {
        id: input.id,
        name: r.text(&at.field("name"), input.name),
        title: r.optional_text(&at.field("title"), input.title),
        organization: r.optional_text(&at.field("organization"), input.organization),
        photo: r.optional_media(&at.field("photo"), input.photo, Shown::Portrait),
        bio: r.rich(&at.field("bio"), input.bio),
        exhibitor: input.exhibitor,
    }
}
