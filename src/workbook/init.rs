//! `pavilion pack init DIR`: a starter workbook for an operator to fill,
//! `DIR/pavilion.xlsx`, with every sheet and column of the layout, a note
//! on each header, drop-downs where a column takes another sheet's ids, a
//! README sheet, and one example row per sheet; and `DIR/media/` with the
//! pictures the example rows name, so the starter builds as it is.
//!
//! The examples are the demo pack's own first entities (it is built in:
//! `packs/waic-2021`), each trimmed to refer only to the other examples,
//! plus an agenda and a venue written from the same source, which the demo
//! pack does not have. They are written by the exporter, so a starter is
//! exactly what exporting a one-row pack gives.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use serde_json::{json, Value};

use crate::error::Result;
use crate::pack::content::TextInput;
use crate::pack::kind::Kind;
use crate::workbook::export::{self, Destination, Identity};

/// The starter workbook's file name in DIR.
pub const WORKBOOK: &str = "pavilion.xlsx";

/// The demo pack's files the examples come from.
const MANIFEST: &str = include_str!("../../packs/waic-2021/manifest.json");
const EVENT: &str = include_str!("../../packs/waic-2021/content/event.json");
const NEWS: &str = include_str!("../../packs/waic-2021/content/news.json");
const PARKS: &str = include_str!("../../packs/waic-2021/content/parks.json");
const EXHIBITORS: &str = include_str!("../../packs/waic-2021/content/exhibitors.json");
const SLIDES: &str = include_str!("../../packs/waic-2021/content/slides.json");

/// The demo pack's pictures that the examples name.
const MEDIA: [(&str, &[u8]); 5] = [
    (
        "media/logos/waic-2021.svg",
        include_bytes!("../../packs/waic-2021/media/logos/waic-2021.svg"),
    ),
    (
        "media/images/waic-2021-pudong.svg",
        include_bytes!("../../packs/waic-2021/media/images/waic-2021-pudong.svg"),
    ),
    (
        "media/images/zhangjiang-ai-island.svg",
        include_bytes!("../../packs/waic-2021/media/images/zhangjiang-ai-island.svg"),
    ),
    (
        "media/logos/ibm.svg",
        include_bytes!("../../packs/waic-2021/media/logos/ibm.svg"),
    ),
    (
        "media/slides/waic-2021.svg",
        include_bytes!("../../packs/waic-2021/media/slides/waic-2021.svg"),
    ),
];

/// Writes the starter into `dir` (made if missing) and returns the
/// workbook's path. Refused (`Error::Io`, already exists) when `dir`
/// already holds the workbook or a media folder with files.
pub fn init(dir: &Path) -> Result<PathBuf> {
    std::fs::create_dir_all(dir).map_err(|error| crate::error::Error::io(dir, error))?;
    let destination = Destination::new(&dir.join(WORKBOOK))?;
    let content = example();
    let manifest: Value = parsed(MANIFEST);
    let identity = Identity {
        pack: string(&manifest["pack"]),
        languages: manifest["languages"]
            .as_array()
            .into_iter()
            .flatten()
            .map(string)
            .collect(),
        title: serde_json::from_value(manifest["title"].clone())
            .unwrap_or_else(|_| TextInput::Same(String::new())),
    };
    export::write(
        &identity,
        &mut |kind| Ok(content.get(&kind).cloned()),
        &destination,
    )?;
    for (path, bytes) in MEDIA {
        destination.media_file(path, |file| file.write_all(bytes))?;
    }
    std::fs::create_dir_all(&destination.media)
        .map_err(|error| crate::error::Error::io(&destination.media, error))?;
    Ok(destination.workbook)
}

/// One entity per kind, as pack files, each referring only to the others.
fn example() -> BTreeMap<Kind, Vec<u8>> {
    let mut event: Value = parsed(EVENT);
    truncate(&mut event["categories"]);
    let category = event["categories"][0]["id"].clone();
    let news = first(NEWS);
    let park = first(PARKS);
    let mut exhibitor = first(EXHIBITORS);
    exhibitor["categories"] = json!([category]);
    exhibitor["park"] = park["id"].clone();
    exhibitor["booth"] = json!({"hall": "H1", "stand": "A101"});
    let mut slide = first(SLIDES);
    slide["link"] = json!({"kind": "news", "id": news["id"]});
    // From the demo pack's source article: the plenary session of the
    // 2021 edition and the official it quotes. The hour and the hall are
    // illustrations.
    let speaker = json!({
        "id": "lv-xuecheng",
        "name": "Lv Xuecheng",
        "title": "Deputy director of the Pudong New Area",
    });
    let session = json!({
        "id": "connect-cities-with-ai",
        "title": {"zh": "浦东产业发展全体会议：AI连接城市", "en": "Plenary session for industry development: Connect Cities with AI"},
        "starts": "2021-07-08T09:30:00+08:00",
        "ends": "2021-07-08T11:00:00+08:00",
        "room": {"zh": "浦东", "en": "Pudong"},
        "speakers": [speaker["id"]],
        "description": {"zh": "论坛和圆桌会议聚焦数字化转型中人工智能如何连接各行各业。", "en": "A forum and roundtable meeting on how AI connects industries during the digital transformation."},
    });
    let venue = json!({"halls": [{
        "id": "H1",
        "name": {"zh": "1号馆", "en": "Hall 1"},
        "width": 100,
        "height": 60,
        "stands": [{"id": "A101", "x": 10, "y": 10, "w": 12, "h": 8}],
        "spots": [{"id": "entrance", "name": {"zh": "入口", "en": "Entrance"}, "x": 50, "y": 58}],
    }]});
    [
        (Kind::Event, event),
        (Kind::News, json!([news])),
        (Kind::Park, json!([park])),
        (Kind::Exhibitor, json!([exhibitor])),
        (Kind::Speaker, json!([speaker])),
        (Kind::Session, json!([session])),
        (Kind::Venue, venue),
        (Kind::Slide, json!([slide])),
    ]
    .into_iter()
    .map(|(kind, value)| (kind, value.to_string().into_bytes()))
    .collect()
}

/// The demo pack's files are part of this build: they parse (the demo
/// pack's tests check it), and an empty value stands in if one did not.
fn parsed(text: &str) -> Value {
    serde_json::from_str(text).unwrap_or_default()
}

fn first(text: &str) -> Value {
    parsed(text)[0].clone()
}

fn truncate(array: &mut Value) {
    if let Some(items) = array.as_array_mut() {
        items.truncate(1);
    }
}

fn string(value: &Value) -> String {
    value.as_str().unwrap_or_default().to_owned()
}
