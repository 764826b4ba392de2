//! Reading and validating packs (`src/pack/`).

use std::fs;

use pavilion::pack;
use serde_json::json;

use crate::{problem_lines, TestPack};

#[test]
fn a_valid_pack_reads_with_every_language_filled() {
    let dir = tempfile::tempdir().unwrap();
    let pack = pack::read_path(&TestPack::small().write(dir.path())).unwrap();
    assert_eq!(pack.manifest.pack, "expo");
    assert_eq!(pack.manifest.version, 1);
    let event = &pack.event;
    assert_eq!(
        event.short_name.as_ref().unwrap().0,
        [("en".into(), "WAIC".into()), ("zh".into(), "WAIC".into())].into()
    );
    assert_eq!(
        event.about.as_ref().unwrap().0["en"],
        "<p>The <strong>largest</strong> AI fair.</p>\n"
    );
    assert_eq!(
        event.logo.as_ref().unwrap().0,
        format!("{}.png", pavilion::pack::manifest::sha256_hex(crate::PNG))
    );
    assert_eq!(pack.news.len(), 4);
    // A plain sort_name is given in every language; none is none.
    assert_eq!(
        pack.exhibitors[1].sort_name,
        Some(pavilion::model::SortName(
            [("en".into(), "baidu".into()), ("zh".into(), "baidu".into())].into()
        ))
    );
    assert_eq!(pack.exhibitors[0].sort_name, None);
    assert_eq!(
        pack.exhibitors[0]
            .categories
            .iter()
            .map(|c| c.id.as_str())
            .collect::<Vec<_>>(),
        ["robots", "ai"]
    );
    assert_eq!(pack.sessions.len(), 1);
    assert_eq!(pack.halls[0].stands[0].id, "A01");
    assert_eq!(pack.media.len(), 2);
}

#[test]
fn text_falls_back_to_the_default_language() {
    let dir = tempfile::tempdir().unwrap();
    let mut test_pack = TestPack::small();
    test_pack.json_mut("content/parks.json", |parks| {
        parks[1]["name"] = json!({"zh": "金桥"})
    });
    let pack = pack::read_path(&test_pack.write(dir.path())).unwrap();
    assert_eq!(
        pack.parks[1].name.0,
        [("en".into(), "金桥".into()), ("zh".into(), "金桥".into())].into()
    );
}

#[test]
fn every_problem_is_reported_with_its_place_and_fix() {
    let dir = tempfile::tempdir().unwrap();
    let mut test_pack = TestPack::small();
    test_pack
        .json_mut("content/exhibitors.json", |exhibitors| {
            exhibitors[0]["park"] = json!("zhangjiang-ai-iland");
            exhibitors[1]["parc"] = json!("jinqiao");
            exhibitors[2]["categories"] = json!(["ai", "robot"]);
            exhibitors[2]["booth"] = json!({"hall": "H2", "stand": "A01"});
        })
        .json_mut("content/news.json", |news| {
            news[0]["published"] = json!("8 July 2021");
            news[1]["title"] = json!({"en": "Old news"});
            news[2]["id"] = json!("opening");
            news[3]["image"] = json!("media/logo.jpg");
        })
        .json_mut("content/sessions.json", |sessions| {
            sessions[0]["speakers"] = json!(["lv", "lu"])
        })
        .json_mut("content/slides.json", |slides| {
            slides[0]["link"] = json!({"kind": "exhibitor", "id": "ibn"})
        });
    assert_eq!(
        problem_lines(pack::read_path(&test_pack.write(dir.path()))),
        [
            "content/news.json: /2/id: duplicate id \"opening\" (first used at /0)",
            "content/news.json: /0/published: \"8 July 2021\" is neither a date (YYYY-MM-DD) nor an RFC 3339 time with offset",
            "content/news.json: /1/title: missing the default language \"zh\"",
            "content/news.json: /3/image: \"media/logo.jpg\" is not in the pack (did you mean \"media/logo.png\"?)",
            "content/exhibitors.json: /1/parc: unknown field \"parc\" (did you mean \"park\"?)",
            "content/exhibitors.json: /0/park: unknown park \"zhangjiang-ai-iland\" (did you mean \"zhangjiang-ai-island\"?)",
            "content/exhibitors.json: /2/categories/1: unknown category \"robot\" (did you mean \"robots\"?)",
            "content/exhibitors.json: /2/booth/hall: unknown hall \"H2\" (did you mean \"H1\"?)",
            "content/sessions.json: /0/speakers/1: unknown speaker \"lu\" (did you mean \"lv\"?)",
            "content/slides.json: /0/link/id: unknown exhibitor \"ibn\" (did you mean \"ibm\"?)",
        ]
    );
}

#[test]
fn files_must_match_the_manifest() {
    let dir = tempfile::tempdir().unwrap();
    let root = TestPack::small().write(dir.path());
    fs::write(
        root.join("media/logo.png"),
        [crate::PNG, b"changed"].concat(),
    )
    .unwrap();
    fs::remove_file(root.join("media/park.svg")).unwrap();
    fs::write(root.join("media/extra.png"), crate::PNG).unwrap();
    fs::write(root.join("content/exhibitor.json"), "[]").unwrap();
    let lines = problem_lines(pack::read_path(&root));
    let missing = "\"media/park.svg\" is listed in manifest.json but missing from the pack";
    assert_eq!(
        lines,
        [
            "manifest.json: /files/media~1park.svg: \"media/park.svg\" is listed but not in the pack".to_owned(),
            format!("content/news.json: /0/image: {missing}"),
            format!("content/parks.json: /0/image: {missing}"),
            format!("content/parks.json: /0/gallery/0: {missing}"),
            format!("content/slides.json: /0/image: {missing}"),
            "content/exhibitor.json: : not a file of the format (did you mean \"content/exhibitors.json\"?)".to_owned(),
            "content/exhibitor.json: : not listed in manifest.json \"files\" (after editing a pack, run `pavilion pack manifest DIR`)".to_owned(),
            "media/extra.png: : not listed in manifest.json \"files\" (after editing a pack, run `pavilion pack manifest DIR`)".to_owned(),
            format!("media/logo.png: : the file is {} bytes, manifest.json says {}", crate::PNG.len() + 7, crate::PNG.len()),
        ]
    );
}

#[test]
fn bad_json_is_reported_with_its_position() {
    let dir = tempfile::tempdir().unwrap();
    let mut test_pack = TestPack::small();
    test_pack
        .files
        .insert("content/parks.json".into(), b"[{\"id\": \"a\",}]".to_vec());
    assert_eq!(
        problem_lines(pack::read_path(&test_pack.write(dir.path()))),
        ["content/parks.json: : not valid JSON: trailing comma at line 1 column 13",],
        "references into a file that cannot be read are not judged: the fix is in that file"
    );
}

#[test]
fn a_file_longer_than_its_manifest_entry_hides_no_ids_behind_false_alarms() {
    let dir = tempfile::tempdir().unwrap();
    let test_pack = TestPack::small();
    let folder = test_pack.write(dir.path());
    // Edited after sealing: bigger than the manifest says, so not parsed.
    let exhibitors = folder.join("content/exhibitors.json");
    let mut bytes = fs::read(&exhibitors).unwrap();
    bytes.extend_from_slice(b"\n\n");
    fs::write(&exhibitors, &bytes).unwrap();
    let listed = test_pack.files["content/exhibitors.json"].len();
    assert_eq!(
        problem_lines(pack::read_path(&folder)),
        [format!(
            "content/exhibitors.json: : the file is {} bytes, manifest.json says {listed}",
            listed + 2
        )],
        "the speaker's exhibitor \"ibm\" is not reported unknown"
    );
}

#[test]
fn structure_and_manifest_are_checked() {
    let dir = tempfile::tempdir().unwrap();
    let mut test_pack = TestPack::small();
    test_pack.manifest["pack"] = json!("Expo 2021");
    test_pack.manifest["format"] = json!(2);
    test_pack.files.remove("content/event.json");
    test_pack.set_json("content/venue.json", json!([]));
    test_pack
        .files
        .insert("media/notes.png".into(), b"just text".to_vec());
    assert_eq!(
        problem_lines(pack::read_path(&test_pack.write(dir.path()))),
        [
            "manifest.json: /format: format 2 is not supported; this kiosk reads format 1",
            "manifest.json: /pack: \"Expo 2021\" is not a pack id: 1 to 64 of a-z, 0-9 and '-', starting with a letter or digit",
            "content/event.json: : missing: every pack has content/event.json",
            "content/venue.json: : expected a JSON object, found an array",
            "media/notes.png: : not a PNG, JPEG, WebP, GIF or SVG image (checked by content, not name)",
        ]
    );
}

#[test]
fn types_and_required_fields_are_checked_without_cascading() {
    let dir = tempfile::tempdir().unwrap();
    let mut test_pack = TestPack::small();
    test_pack.json_mut("content/parks.json", |parks| {
        parks[0]["location"] = json!({"lat": "north", "lon": 121});
        parks[1].as_object_mut().unwrap().remove("name");
    });
    test_pack.json_mut("content/slides.json", |slides| {
        slides[0]["link"]["kind"] = json!("parc")
    });
    assert_eq!(
        problem_lines(pack::read_path(&test_pack.write(dir.path()))),
        [
            "content/parks.json: /0/location/lat: invalid type: string \"north\", expected f64",
            "content/parks.json: /1: missing required field \"name\"",
            "content/slides.json: /0/link/kind: unknown value \"parc\" (did you mean \"park\"?)",
        ]
    );
}

#[test]
fn limits_are_named() {
    let dir = tempfile::tempdir().unwrap();
    let mut test_pack = TestPack::small();
    test_pack.json_mut("content/news.json", |news| {
        news[0]["summary"] = json!("x".repeat(64 * 1024 + 1))
    });
    assert_eq!(
        problem_lines(pack::read_path(&test_pack.write(dir.path()))),
        ["content/news.json: /0/summary: this text is 65537 bytes; the limit is 64 KiB (65536 bytes) per string"]
    );
}

#[test]
fn problems_are_capped_and_counted() {
    let dir = tempfile::tempdir().unwrap();
    let mut test_pack = TestPack::small();
    test_pack.set_json(
        "content/news.json",
        json!((0..250)
            .map(|i| json!({"id": format!("n{i}"), "title": "t"}))
            .collect::<Vec<_>>()),
    );
    let lines = problem_lines(pack::read_path(&test_pack.write(dir.path())));
    assert_eq!(lines.len(), 201);
    assert_eq!(
        lines[0],
        "content/news.json: /0: missing required field \"published\""
    );
    assert_eq!(
        lines[200],
        "(pack): : 50 more problems not listed (the first 200 are)"
    );
}

#[test]
fn hostile_rich_text_is_rendered_inert() {
    let dir = tempfile::tempdir().unwrap();
    let mut test_pack = TestPack::small();
    test_pack.json_mut("content/exhibitors.json", |exhibitors| {
        exhibitors[2]["description"] = json!("<script>alert(1)</script>\n\n[click](javascript:alert(1)) <img src=x onerror=alert(1)>")
    });
    let pack = pack::read_path(&test_pack.write(dir.path())).unwrap();
    assert_eq!(
        pack.exhibitors[2].description.as_ref().unwrap().0["en"],
        "<p>&lt;script&gt;alert(1)&lt;/script&gt;\n</p>\n<p><span class=\"link\">click (javascript:alert(1))</span> &lt;img src=x onerror=alert(1)&gt;</p>\n"
    );
}

#[test]
fn a_file_that_is_not_a_zip_or_a_missing_path_is_not_read_as_a_pack() {
    let dir = tempfile::tempdir().unwrap();
    let zip = dir.path().join("pack.zip");
    fs::write(&zip, b"PK\x03\x04").unwrap();
    let lines = problem_lines(pack::read_path(&zip));
    assert_eq!(lines.len(), 1);
    assert!(lines[0].starts_with(&format!(
        "{}: : not a pack folder or a readable zip archive (",
        zip.display()
    )));
    assert!(matches!(
        pack::read_path(&dir.path().join("nowhere")),
        Err(pavilion::Error::Io { .. })
    ));
}

/// A pack whose `content/news.json` reads as other bytes from its second
/// read on: a file rewritten, or a stick swapped, while the pack is read.
struct RewrittenAfterItsCheck {
    folder: Box<dyn pack::source::PackSource>,
    news_reads: std::cell::Cell<usize>,
}

impl pack::source::PackSource for RewrittenAfterItsCheck {
    fn files(&self) -> pavilion::error::Result<Vec<pack::source::SourceFile>> {
        self.folder.files()
    }

    fn with_reader(
        &self,
        path: &str,
        read: &mut dyn FnMut(&mut dyn std::io::Read) -> std::io::Result<()>,
    ) -> std::io::Result<()> {
        if path == "content/news.json" {
            self.news_reads.set(self.news_reads.get() + 1);
            if self.news_reads.get() > 1 {
                return read(&mut &b"[]"[..]);
            }
        }
        self.folder.with_reader(path, read)
    }
}

/// Content files are read again when they are typed (so only one is held
/// at a time): what is typed must be what was hashed and checked.
#[test]
fn a_content_file_that_changes_between_its_check_and_its_typing_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let source = RewrittenAfterItsCheck {
        folder: pack::source::open(&TestPack::small().write(dir.path())).unwrap(),
        news_reads: std::cell::Cell::new(0),
    };
    let opened = pack::open(&source).unwrap();
    assert_eq!(source.news_reads.get(), 1);
    assert_eq!(
        problem_lines(opened.validate(&mut pack::Discard)),
        ["content/news.json: : the file changed while the pack was being read: check it, then try again"]
    );
    assert_eq!(source.news_reads.get(), 2);
}
