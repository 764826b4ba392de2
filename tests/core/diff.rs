//! `pack diff` (`src/pack/diff.rs`): what a pack changes against another,
//! judged by what visitors see, and against the live pack as read back
//! from its database.

use std::path::Path;

use pavilion::pack::diff::{self, FieldChange, PackDiff, Part, PartDiff};
use pavilion::pack::{self};
use pavilion::{import, Catalog, DataDir};
use serde_json::{json, Value};

use crate::cli::pavilion;
use crate::{TestPack, PNG};

fn diff_of(old: &TestPack, new: &TestPack) -> PackDiff {
    let work = tempfile::tempdir().unwrap();
    let old = pack::snapshot(&old.write_in(work.path(), "old")).unwrap();
    let new = pack::snapshot(&new.write_in(work.path(), "new")).unwrap();
    diff::diff(&old, &new)
}

fn part(diff: &PackDiff, part: Part) -> &PartDiff {
    diff.parts.iter().find(|p| p.part == part).unwrap()
}

fn change(field: &str, old: Option<&str>, new: Option<&str>) -> FieldChange {
    FieldChange {
        field: field.into(),
        old: old.map(Into::into),
        new: new.map(Into::into),
    }
}

#[test]
fn the_same_content_written_otherwise_is_no_change() {
    let old = TestPack::small();
    let mut new = TestPack::small();
    new.version(2);
    new.json_mut("content/exhibitors.json", |exhibitors| {
        // Another field order, one text in every language spelt out, and
        // the list reversed: order within a file is not content.
        let merck = exhibitors[0].as_object().unwrap();
        let mut reordered = serde_json::Map::new();
        for (key, value) in merck.iter().rev() {
            reordered.insert(key.clone(), value.clone());
        }
        exhibitors[0] = Value::Object(reordered);
        exhibitors[2]["name"] = json!({"zh": "IBM", "en": "IBM"});
        exhibitors.as_array_mut().unwrap().reverse();
    });
    new.json_mut("content/sessions.json", |sessions| {
        // The same instants in another offset.
        sessions[0]["starts"] = json!("2021-07-08T01:00:00Z");
        sessions[0]["ends"] = json!("2021-07-08T02:00:00+00:00");
    });
    new.json_mut("content/news.json", |news| {
        // Markdown that renders the same.
        news[2]["body"] = json!("See [the site](https://waic.cn).\n");
    });
    // The same picture under another name.
    new.files.remove("media/logo.png");
    new.files
        .insert("media/logos/logo.png".into(), PNG.to_vec());
    for file in [
        "content/event.json",
        "content/exhibitors.json",
        "content/parks.json",
    ] {
        let text = String::from_utf8(new.files[file].clone()).unwrap();
        new.files.insert(
            file.into(),
            text.replace("media/logo.png", "media/logos/logo.png")
                .into_bytes(),
        );
    }
    let diff = diff_of(&old, &new);
    assert!(diff.is_empty(), "{diff:#?}");
    assert_eq!(diff.manifest, vec![change("version", Some("1"), Some("2"))]);
    assert!(diff.summary(20).contains("no change"));
}

#[test]
fn added_removed_and_changed_entities_name_their_fields() {
    let old = TestPack::small();
    let mut new = TestPack::small();
    new.json_mut("content/exhibitors.json", |exhibitors| {
        exhibitors[0]["categories"] = json!(["ai"]);
        exhibitors[0]["booth"]["stand"] = json!("A02");
        exhibitors[1]["name"]["en"] = json!("Baidu Inc.");
        exhibitors.as_array_mut().unwrap().remove(2);
        exhibitors
            .as_array_mut()
            .unwrap()
            .push(json!({"id": "sensetime", "name": "SenseTime"}));
    });
    new.json_mut("content/venue.json", |venue| {
        venue["halls"][0]["stands"]
            .as_array_mut()
            .unwrap()
            .push(json!({"id": "A02", "x": 10, "y": 1, "w": 5, "h": 5}));
        venue["halls"][0]["spots"][0]["x"] = json!(3);
    });
    new.json_mut("content/event.json", |event| {
        event["categories"][0]["name"] = json!({"zh": "人工智能", "en": "AI"});
    });
    new.json_mut("content/speakers.json", |speakers| {
        speakers[0]["exhibitor"] = json!("merck")
    });
    new.files
        .insert("media/logo.png".into(), [PNG, b"2"].concat());
    let diff = diff_of(&old, &new);
    assert!(!diff.is_empty());

    let exhibitors = part(&diff, Part::Exhibitors);
    assert_eq!(exhibitors.added, ["sensetime"]);
    assert_eq!(exhibitors.removed, ["ibm"]);
    let fields: Vec<(&str, Vec<&str>)> = exhibitors
        .changed
        .iter()
        .map(|c| {
            (
                c.id.as_str(),
                c.fields.iter().map(|f| f.field.as_str()).collect(),
            )
        })
        .collect();
    // Baidu's logo is the same path with other bytes: visitors see another picture.
    assert_eq!(
        fields,
        [
            ("merck", vec!["categories", "booth.stand"]),
            ("baidu", vec!["name.en", "logo"]),
        ]
    );
    assert_eq!(
        exhibitors.changed[0].fields[0],
        change("categories", Some("robots; ai"), Some("ai"))
    );
    assert_eq!(exhibitors.unchanged, 0);

    assert_eq!(part(&diff, Part::Stands).added, ["H1/A02"]);
    assert_eq!(
        part(&diff, Part::Spots).changed[0].fields,
        [change("x", Some("0"), Some("3"))]
    );
    assert_eq!(
        part(&diff, Part::Categories).changed[0].fields,
        [change("name.zh", Some("AI"), Some("人工智能"))]
    );
    assert_eq!(
        part(&diff, Part::Speakers).changed[0].fields,
        [change("exhibitor", Some("ibm"), Some("merck"))]
    );
    // The park shows that picture in its gallery.
    assert_eq!(
        part(&diff, Part::Parks).changed[0].fields[0].field,
        "gallery"
    );
    assert_eq!(diff.media.changed, ["media/logo.png"]);

    let text = diff.summary(20);
    assert!(
        text.contains("exhibitors         1       1       2         0"),
        "{text}"
    );
    assert!(
        text.contains(
            "  ~ merck: categories \"robots; ai\" → \"ai\"; booth.stand \"A01\" → \"A02\""
        ),
        "{text}"
    );
    assert!(text.contains("  + sensetime\n  - ibm\n"), "{text}");
}

#[test]
fn the_details_are_capped_with_a_count_of_the_rest() {
    let old = TestPack::small();
    let mut new = TestPack::small();
    new.json_mut("content/exhibitors.json", |exhibitors| {
        for index in 0..25 {
            exhibitors
                .as_array_mut()
                .unwrap()
                .push(json!({"id": format!("new-{index}"), "name": "New"}));
        }
    });
    let text = diff_of(&old, &new).summary(20);
    assert!(text.contains("  + new-19\n  … and 5 more\n"), "{text}");
}

#[test]
fn the_live_pack_read_back_from_its_database_equals_its_pack() {
    let work = tempfile::tempdir().unwrap();
    let data = DataDir::at(work.path().join("data"));
    let pack = TestPack::small().write_in(work.path(), "pack");
    import(&data, &pack).unwrap();
    let live = Catalog::open_live(&data).unwrap().snapshot().unwrap();
    let diff = diff::diff(&pack::snapshot(&pack).unwrap(), &live);
    assert!(diff.is_empty(), "{diff:#?}");
    // Every part of the small pack was read back, not skipped.
    for part in diff.parts.iter().filter(|part| part.part != Part::Event) {
        assert!(part.unchanged > 0, "{:?} read back empty", part.part);
    }
}

fn run(data: &Path, args: &[&str]) -> (Option<i32>, String) {
    let output = pavilion(data, args);
    (
        output.status.code(),
        String::from_utf8(output.stdout).unwrap(),
    )
}

#[test]
fn pack_diff_defaults_to_the_live_pack_and_exits_0() {
    let work = tempfile::tempdir().unwrap();
    let data = work.path().join("data");
    let old = TestPack::small().write_in(work.path(), "old");
    let mut changed = TestPack::small();
    changed.json_mut("content/parks.json", |parks| {
        parks[1]["name"] = json!("Jinqiao Park")
    });
    let changed = changed.write_in(work.path(), "new");
    let (old, changed) = (old.to_str().unwrap(), changed.to_str().unwrap());

    // No live pack yet: exit 1, as every command that reads it.
    let (code, _) = run(&data, &["pack", "diff", old]);
    assert_eq!(code, Some(1));

    assert_eq!(run(&data, &["pack", "import", old]).0, Some(0));
    let (code, text) = run(&data, &["pack", "diff", changed]);
    assert_eq!(code, Some(0));
    assert!(
        text.contains("  ~ jinqiao: name.en \"Jinqiao Park\" → \"Jinqiao\"; name.zh \"Jinqiao Park\" → \"Jinqiao\""),
        "{text}"
    );
    let (code, json) = run(&data, &["pack", "diff", old, changed, "--json"]);
    assert_eq!(code, Some(0));
    let json: Value = serde_json::from_str(&json).unwrap();
    let parks = json["parks"].clone();
    assert_eq!(parks, Value::Null);
    let parks = &json["parts"][3];
    assert_eq!(parks["part"], json!("parks"));
    assert_eq!(
        parks["changed"][0]["fields"][0],
        json!({"field": "name.en", "old": "Jinqiao", "new": "Jinqiao Park"})
    );
    assert_eq!(
        run(&data, &["pack", "diff", old]),
        (
            Some(0),
            "expo version 1 → expo version 1\nno change: visitors see the same content\n".into()
        )
    );

    // An invalid pack is refused with its problems.
    let mut broken = TestPack::small();
    broken.json_mut("content/parks.json", |parks| parks[1]["nmae"] = json!("x"));
    let broken = broken.write_in(work.path(), "broken");
    assert_eq!(
        run(&data, &["pack", "diff", broken.to_str().unwrap()]).0,
        Some(1)
    );
}
