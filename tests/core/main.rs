//! The core's integration tests, one binary whose modules mirror `src/`.
//! Shared here: a small valid pack, built in a temp folder, that each test
//! bends into the shape it needs.

mod agenda;
mod cli;
mod crash;
mod cycles;
mod diff;
mod directory;
mod disk;
mod docs;
mod fallback;
mod fixture;
mod fleet;
mod golden;
mod hostile;
mod inbox;
mod memory;
mod operator;
mod pack;
mod picture;
mod schedule;
mod search;
mod signing;
mod stats;
mod store;
mod synth;
mod venue;
mod workbook;
mod workbook_write;
mod worker;

use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};

use pavilion::pack::manifest::sha256_hex;
use pavilion::{import, Catalog, DataDir, Error, Problem};
use serde_json::{json, Value};

/// A 1×1 RGBA PNG: validation reads an image's header, so it must be a
/// real one.
pub const PNG: &[u8] = b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR\0\0\0\x01\0\0\0\x01\x08\x06\0\0\0\x1f\x15\xc4\x89\0\0\0\rIDATx\xdac\xf8\xdf\xc0\xf0\x1f\0\x06\x80\x02\x7f\xcf\x12\x09\xf1\0\0\0\0IEND\xaeB`\x82";
pub const SVG: &[u8] = b"<?xml version=\"1.0\"?>\n<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"10\" height=\"10\"/>\n";

/// A pack's files in memory; `write` seals them with a correct manifest.
#[derive(Clone)]
pub struct TestPack {
    pub manifest: Value,
    pub files: BTreeMap<String, Vec<u8>>,
}

impl TestPack {
    /// A small valid pack: two languages, every stored entity type, media.
    pub fn small() -> TestPack {
        let mut pack = TestPack {
            manifest: json!({
                "format": 1,
                "pack": "expo",
                "version": 1,
                "title": {"zh": "博览会", "en": "Expo"},
                "created": "2021-07-05T10:00:00+08:00",
                "languages": ["zh", "en"],
            }),
            files: BTreeMap::new(),
        };
        pack.set_json(
            "content/event.json",
            json!({
                "name": {"zh": "世界人工智能大会", "en": "World AI Conference"},
                "short_name": "WAIC",
                "starts_on": "2021-07-08",
                "ends_on": "2021-07-10",
                "timezone": "Asia/Shanghai",
                "logo": "media/logo.png",
                "about": "The **largest** AI fair.",
                "categories": [
                    {"id": "ai", "name": "AI"},
                    {"id": "robots", "name": {"zh": "机器人", "en": "Robots"}}
                ]
            }),
        );
        pack.set_json(
            "content/news.json",
            json!([
                {"id": "opening", "title": {"zh": "开幕", "en": "Opening"}, "published": "2021-07-08T09:00:00+08:00", "image": "media/park.svg"},
                {"id": "old", "title": "Old news", "published": "2021-07-01"},
                {"id": "welcome", "title": "Welcome", "published": "2021-06-30", "pinned": true, "body": "See [the site](https://waic.cn)."},
                {"id": "gone", "title": "Expired", "published": "2021-07-09", "expires": "2001-01-01"}
            ]),
        );
        pack.set_json(
            "content/parks.json",
            json!([
                {"id": "zhangjiang-ai-island", "name": {"zh": "张江人工智能岛", "en": "Zhangjiang AI Island"}, "image": "media/park.svg",
                 "gallery": ["media/park.svg", "media/logo.png"], "figures": [{"label": "Companies", "value": "600+"}],
                 "location": {"lat": 31.2, "lon": 121.6}},
                {"id": "jinqiao", "name": "Jinqiao"}
            ]),
        );
        pack.set_json(
            "content/exhibitors.json",
            json!([
                {"id": "merck", "name": "Merck", "park": "zhangjiang-ai-island", "categories": ["robots", "ai"], "booth": {"hall": "H1", "stand": "A01"}},
                {"id": "baidu", "name": {"zh": "百度", "en": "Baidu"}, "sort_name": "baidu", "park": "zhangjiang-ai-island", "logo": "media/logo.png"},
                {"id": "ibm", "name": "IBM", "website": "https://ibm.com", "description": "<b>Big</b> blue"}
            ]),
        );
        pack.set_json(
            "content/venue.json",
            json!({"halls": [{"id": "H1", "name": "Hall 1", "width": 100, "height": 50,
                "stands": [{"id": "A01", "x": 1, "y": 1, "w": 5, "h": 5}], "spots": [{"id": "entrance", "name": "Entrance", "x": 0, "y": 0}]}]}),
        );
        pack.set_json(
            "content/speakers.json",
            json!([{"id": "lv", "name": "Lv Xuecheng", "exhibitor": "ibm", "bio": "Deputy director"}]),
        );
        pack.set_json(
            "content/sessions.json",
            json!([{"id": "plenary", "title": "Connect Cities with AI", "starts": "2021-07-08T09:00:00+08:00", "ends": "2021-07-08T10:00:00+08:00", "speakers": ["lv"]}]),
        );
        pack.set_json("content/slides.json", json!([{"id": "s1", "image": "media/park.svg", "link": {"kind": "park", "id": "jinqiao"}, "seconds": 8}]));
        pack.files.insert("media/logo.png".into(), PNG.to_vec());
        pack.files.insert("media/park.svg".into(), SVG.to_vec());
        pack
    }

    pub fn set_json(&mut self, path: &str, value: Value) -> &mut Self {
        self.files
            .insert(path.into(), serde_json::to_vec_pretty(&value).unwrap());
        self
    }

    /// The JSON file at `path`, for a test to change one field.
    pub fn json_mut(&mut self, path: &str, change: impl FnOnce(&mut Value)) -> &mut Self {
        let mut value: Value = serde_json::from_slice(&self.files[path]).unwrap();
        change(&mut value);
        self.set_json(path, value)
    }

    pub fn version(&mut self, version: u32) -> &mut Self {
        self.manifest["version"] = json!(version);
        self
    }

    /// Writes the pack into `dir` (created) with a manifest listing every
    /// file with its true hash and size.
    pub fn write(&self, dir: &Path) -> PathBuf {
        let mut manifest = self.manifest.clone();
        let mut files = serde_json::Map::new();
        for (path, bytes) in &self.files {
            let full = dir.join(path);
            fs::create_dir_all(full.parent().unwrap()).unwrap();
            fs::write(full, bytes).unwrap();
            files.insert(
                path.clone(),
                json!({"sha256": sha256_hex(bytes), "bytes": bytes.len()}),
            );
        }
        manifest["files"] = Value::Object(files);
        fs::write(
            dir.join("manifest.json"),
            serde_json::to_vec_pretty(&manifest).unwrap(),
        )
        .unwrap();
        dir.to_path_buf()
    }

    /// Writes the pack into a new folder `name` under `parent`.
    pub fn write_in(&self, parent: &Path, name: &str) -> PathBuf {
        self.write(&parent.join(name))
    }
}

/// `pack` imported into a new data folder, and its live catalog (valid
/// while the folder lives).
pub fn live_catalog(pack: &TestPack) -> (tempfile::TempDir, Catalog) {
    let work = tempfile::tempdir().unwrap();
    let data = DataDir::at(work.path().join("data"));
    import(&data, &pack.write_in(work.path(), "pack")).unwrap();
    let catalog = Catalog::open_live(&data).unwrap();
    (work, catalog)
}

/// The problem lines of an invalid-pack error; panics on anything else.
pub fn problem_lines(result: Result<impl std::fmt::Debug, Error>) -> Vec<String> {
    match result {
        Err(Error::InvalidPack { problems }) => problems.iter().map(Problem::to_string).collect(),
        other => panic!("expected an invalid pack, got {other:?}"),
    }
}

/// Every file under `dir` with its bytes, for "byte for byte unchanged".
pub fn snapshot(dir: &Path) -> BTreeMap<PathBuf, Vec<u8>> {
    let mut files = BTreeMap::new();
    let mut pending = vec![dir.to_path_buf()];
    while let Some(next) = pending.pop() {
        for entry in fs::read_dir(&next).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                pending.push(path);
            } else {
                files.insert(
                    path.strip_prefix(dir).unwrap().to_path_buf(),
                    fs::read(&path).unwrap(),
                );
            }
        }
    }
    files
}
