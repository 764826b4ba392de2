//! `content/sessions.json`: the agenda's sessions and who speaks at each.

use serde::{Deserialize, Serialize};
use time::OffsetDateTime;

use crate::model::{Html, Text};
use crate::pack::content::TextInput;
use crate::pack::kind::Kind;
use crate::pack::problems::At;
use crate::pack::resolver::{Known, Resolver};

#[derive(Debug, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SessionInput {
    pub id: String,
    pub title: TextInput,
    pub starts: String,
    pub ends: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub room: Option<TextInput>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub track: Option<TextInput>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub speakers: Vec<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub description: Option<TextInput>,
}

/// A session with its times parsed, for the agenda's order.
#[derive(Debug, Clone)]
pub struct Session {
    pub id: String,
    pub title: Text,
    pub starts: OffsetDateTime,
    pub ends: OffsetDateTime,
    pub room: Option<Text>,
    pub track: Option<Text>,
    pub speakers: Vec<String>,
    pub description: Option<Html>,
}

pub fn resolve(r: &mut Resolver, at: &At, input: SessionInput, known: &Known) -> Option<Session> {
    let starts = r.time(&at.field("starts"), &input.starts);
    let ends = r.time(&at.field("ends"), &input.ends);
    if let (Some(starts), Some(ends)) = (starts, ends) {
        if ends < starts {
            at.field("ends")
                .problem(r.problems, "the session ends before it starts");
        }
    }
    for (index, speaker) in input.speakers.iter().enumerate() {
        r.reference(
            &at.field("speakers").index(index),
            Kind::Speaker,
            speaker,
            known,
        );
    }
    let session = Session {
        id: input.id,
        title: r.text(&at.field("title"), input.title),
        room: r.optional_text(&at.field("room"), input.room),
        track: r.optional_text(&at.field("track"), input.track),
        speakers: input.speakers,
        description: r.rich(&at.field("description"), input.description),
        starts: starts?,
        ends: ends?,
    };
    Some(session)
}
