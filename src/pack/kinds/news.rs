//! `content/news.json`: news items, shown newest first until they expire.

use crate::pack::picture::Shown;
use serde::{Deserialize, Serialize};

use crate::model;
use crate::pack::content::TextInput;
use crate::pack::problems::At;
use crate::pack::resolver::Resolver;

#[derive(Debug, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct NewsInput {
    pub id: String,
    pub title: TextInput,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub summary: Option<TextInput>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub body: Option<TextInput>,
    pub published: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub source: Option<TextInput>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub source_url: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub image: Option<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub tags: Vec<TextInput>,
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub pinned: bool,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub expires: Option<String>,
}

/// A news item with the times its order and expiry are computed from.
#[derive(Debug, Clone)]
pub struct News {
    pub item: model::NewsItem,
    /// `published` as unix seconds (a date counts as its midnight UTC), for
    /// newest-first order.
    pub published_at: i64,
    /// When the item stops being shown, as unix seconds.
    pub expires_at: Option<i64>,
}

pub fn resolve(r: &mut Resolver, at: &At, input: NewsInput) -> Option<News> {
    let published_at = r.date_or_time(&at.field("published"), &input.published);
    let expires_at = input.expires.and_then(|expires| {
        let expires_at = r.date_or_time(&at.field("expires"), &expires)?;
        // A date means "shown through that day": hidden from the next.
        Some(if expires.len() == 10 {
            expires_at + 86_400
        } else {
            expires_at
        })
    });
    let item = model::NewsItem {
        id: input.id,
        title: r.text(&at.field("title"), input.title),
        summary: r.optional_text(&at.field("summary"), input.summary),
        body: r.rich(&at.field("body"), input.body),
        published: input.published,
        source: r.optional_text(&at.field("source"), input.source),
        source_url: input.source_url,
        image: r.optional_media(&at.field("image"), input.image, Shown::Picture),
        tags: r.texts(&at.field("tags"), input.tags),
        pinned: input.pinned,
    };
    Some(News {
        item,
        published_at: published_at?,
        expires_at,
    })
}
