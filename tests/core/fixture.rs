//! Generates the UI's test fixture from the demo pack: `ui/tests/fixtures/
//! demo.json` (what each query returns) and `ui/tests/fixtures/media/` (the
//! media store). The UI's mocked-IPC tests read them; CI reruns this test
//! and fails if git shows a diff, so the output is byte-deterministic.

use std::collections::BTreeMap;
use std::fs;
use std::path::Path;

use pavilion::{import, Catalog, DataDir};
use serde_json::{json, Value};

/// Fixed, so the fixture does not change with the day it is generated.
const IMPORTED_AT: &str = "2021-07-05T10:00:00+08:00";

#[test]
fn ui_fixture() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let demo = root.join("packs/waic-2021");
    assert!(
        demo.join("manifest.json").is_file(),
        "the demo pack {} is missing: the UI fixture is generated from it",
        demo.display()
    );
    let work = tempfile::tempdir().unwrap();
    let data = DataDir::at(work.path());
    import(&data, &demo).unwrap_or_else(|error| panic!("the demo pack does not import: {error}"));
    let catalog = Catalog::open_live(&data).unwrap();

    let mut home = catalog.home().unwrap();
    home.pack.imported_at = IMPORTED_AT.to_owned();
    let news = catalog.news().unwrap();
    let parks = catalog.parks().unwrap();
    let exhibitors = catalog.exhibitors().unwrap();
    let by_id = |items: Vec<(String, Value)>| items.into_iter().collect::<BTreeMap<_, _>>();
    let fixture = json!({
        "media_dir": "/tests/fixtures/media",
        "get_home": home,
        "list_news": news,
        "list_parks": parks,
        "list_exhibitors": exhibitors,
        "list_slides": catalog.slides().unwrap(),
        "news": by_id(news.iter().map(|n| (n.id.clone(), json!(catalog.news_item(&n.id).unwrap()))).collect()),
        "parks": by_id(parks.iter().map(|p| (p.id.clone(), json!(catalog.park(&p.id).unwrap()))).collect()),
        "exhibitors": by_id(exhibitors.iter().map(|e| (e.id.clone(), json!(catalog.exhibitor(&e.id).unwrap()))).collect()),
    });

    let out = root.join("ui/tests/fixtures");
    let media_out = out.join("media");
    if media_out.exists() {
        fs::remove_dir_all(&media_out).unwrap();
    }
    fs::create_dir_all(&media_out).unwrap();
    fs::write(
        out.join("demo.json"),
        serde_json::to_string_pretty(&fixture).unwrap() + "\n",
    )
    .unwrap();
    for entry in fs::read_dir(data.media_dir()).unwrap() {
        let entry = entry.unwrap();
        fs::copy(entry.path(), media_out.join(entry.file_name())).unwrap();
    }
}
