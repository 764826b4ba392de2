//! `content/speakers.json`: the people who speak at sessions.

use serde::Deserialize;

use crate::model::Speaker;
use crate::pack::content::TextInput;
use crate::pack::kind::Kind;
use crate::pack::problems::At;
use crate::pack::resolver::{Known, Resolver};

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

pub fn resolve(r: &mut Resolver, at: &At, input: SpeakerInput, known: &Known) -> Speaker {
    if let Some(exhibitor) = &input.exhibitor {
        r.reference(&at.field("exhibitor"), Kind::Exhibitor, exhibitor, known);
    }
    Speaker {
        id: input.id,
        name: r.text(&at.field("name"), input.name),
        title: r.optional_text(&at.field("title"), input.title),
        organization: r.optional_text(&at.field("organization"), input.organization),
        photo: r.optional_media(&at.field("photo"), input.photo),
        bio: r.rich(&at.field("bio"), input.bio),
        exhibitor: input.exhibitor,
    }
}
