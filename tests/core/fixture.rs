//! Generates the UI tests' fixtures: what each query returns, and the media
//! store, for two packs — `ui/tests/fixtures/demo.json` + `media/` from the
//! demo pack, and `ui/tests/fixtures/synth.json` + `synth-media/` from a
//! small synthetic fair with an agenda, speakers and hall plans (which the
//! demo pack, on purpose, has not). The UI's mocked-IPC tests read them; CI
//! reruns this test and fails if git shows a diff, so the output is
//! byte-deterministic.

use std::collections::BTreeMap;
use std::fs;
use std::path::Path;

use pavilion::{import, synth, Catalog, DataDir};
use serde_json::{json, Value};

use crate::TestPack;

/// Fixed, so the fixture does not change with the day it is generated.
const IMPORTED_AT: &str = "2021-07-05T10:00:00+08:00";

/// Exhibitors in the synthetic fixture: enough for six halls, six sessions
/// and six speakers, few enough to keep the file small.
const SYNTH_EXHIBITORS: usize = 600;

#[test]
fn ui_fixture() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let demo = root.join("packs/waic-2021");
    assert!(
        demo.join("manifest.json").is_file(),
        "the demo pack {} is missing: the UI fixture is generated from it",
        demo.display()
    );
    write_fixture(&demo, "demo", "media");
}

#[test]
fn ui_synth_fixture() {
    let work = tempfile::tempdir().unwrap();
    let generated = work.path().join("generated");
    synth::synth(SYNTH_EXHIBITORS, &generated).unwrap();
    // Synthetic sessions have no description; a session page shows one.
    let mut pack = read_pack(&generated);
    pack.json_mut("content/sessions.json", |sessions| {
        for session in sessions.as_array_mut().unwrap() {
            let title = session["title"].clone();
            session["description"] = json!({
                "zh": format!("关于**{}**的讨论。", title["zh"].as_str().unwrap()),
                "en": format!("A discussion: **{}**.\n\nQuestions welcome.", title["en"].as_str().unwrap()),
            });
        }
    });
    write_fixture(&pack.write_in(work.path(), "synth"), "synth", "synth-media");
}

/// A pack folder read back into a `TestPack` (its manifest without `files`).
fn read_pack(dir: &Path) -> TestPack {
    let mut manifest: Value =
        serde_json::from_slice(&fs::read(dir.join("manifest.json")).unwrap()).unwrap();
    manifest.as_object_mut().unwrap().remove("files");
    let files = crate::snapshot(dir)
        .into_iter()
        .filter(|(path, _)| path != Path::new("manifest.json"))
        .map(|(path, bytes)| (path.to_string_lossy().replace('\\', "/"), bytes))
        .collect();
    TestPack { manifest, files }
}

/// Imports `pack` and writes `ui/tests/fixtures/<name>.json` and its media
/// folder `ui/tests/fixtures/<media>/`.
fn write_fixture(pack: &Path, name: &str, media: &str) {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let work = tempfile::tempdir().unwrap();
    let data = DataDir::at(work.path());
    import(&data, pack)
        .unwrap_or_else(|error| panic!("{} does not import: {error}", pack.display()));
    let catalog = Catalog::open_live(&data).unwrap();

    let mut home = catalog.home().unwrap();
    home.pack.imported_at = IMPORTED_AT.to_owned();
    let news = catalog.news().unwrap();
    let parks = catalog.parks().unwrap();
    let exhibitors = catalog.exhibitors().unwrap();
    // The directory in each language's A–Z, each row with its key there:
    // the mock answers the directory, a park's and a stand's exhibitors in
    // the visitor's language in these orders.
    let a_to_z: BTreeMap<_, _> = home
        .pack
        .languages
        .iter()
        .map(|lang| {
            let rows = catalog
                .directory_window(&Default::default(), lang, 0, u32::MAX)
                .unwrap();
            (lang.clone(), rows)
        })
        .collect();
    let default_language = home.pack.languages[0].clone();
    let sessions = catalog.sessions().unwrap();
    let halls: Vec<_> = catalog
        .halls()
        .unwrap()
        .iter()
        .map(|hall| catalog.hall(&hall.id).unwrap())
        .collect();
    let by_id = |items: Vec<(String, Value)>| items.into_iter().collect::<BTreeMap<_, _>>();
    let agenda: Vec<_> = sessions
        .iter()
        .map(|session| catalog.session(&session.id).unwrap())
        .collect();
    // Every speaker of a session, with their sessions: the mock answers
    // `get_speaker` and searches their names from these.
    let speakers: BTreeMap<_, _> = agenda
        .iter()
        .flat_map(|session| &session.speakers)
        .map(|speaker| (speaker.id.clone(), catalog.speaker(&speaker.id).unwrap()))
        .collect();
    // Who is at each taken stand, by id: the mock answers
    // `list_stand_exhibitors` from these and `list_exhibitors`.
    let mut stands = BTreeMap::new();
    for hall in &halls {
        for stand in &hall.stands {
            let at = catalog
                .stand_exhibitors(&hall.id, &stand.id, &default_language)
                .unwrap();
            if !at.is_empty() {
                let ids: Vec<_> = at.into_iter().map(|exhibitor| exhibitor.id).collect();
                stands.insert(format!("{}/{}", hall.id, stand.id), ids);
            }
        }
    }
    let fixture = json!({
        "media_dir": format!("/tests/fixtures/{media}"),
        "get_home": home,
        "list_news": news,
        "list_parks": parks,
        "list_exhibitors": a_to_z,
        "list_slides": catalog.slides().unwrap(),
        "list_sessions": sessions,
        "list_halls": catalog.halls().unwrap(),
        "news": by_id(news.iter().map(|n| (n.id.clone(), json!(catalog.news_item(&n.id).unwrap()))).collect()),
        "parks": by_id(parks.iter().map(|p| (p.id.clone(), json!(catalog.park(&p.id, &default_language).unwrap()))).collect()),
        "exhibitors": by_id(exhibitors.iter().map(|e| (e.id.clone(), json!(catalog.exhibitor(&e.id).unwrap()))).collect()),
        "sessions": by_id(agenda.iter().map(|s| (s.id.clone(), json!(s))).collect()),
        "speakers": speakers,
        "halls": by_id(halls.iter().map(|h| (h.id.clone(), json!(h))).collect()),
        "spots": by_id(halls.iter().flat_map(|h| &h.spots).map(|s| (s.id.clone(), json!(s))).collect()),
        "stand_exhibitors": stands,
    });

    let out = root.join("ui/tests/fixtures");
    let media_out = out.join(media);
    if media_out.exists() {
        fs::remove_dir_all(&media_out).unwrap();
    }
    fs::create_dir_all(&media_out).unwrap();
    fs::write(
        out.join(format!("{name}.json")),
        serde_json::to_string_pretty(&fixture).unwrap() + "\n",
    )
    .unwrap();
    for entry in fs::read_dir(data.media_dir()).unwrap() {
        let entry = entry.unwrap();
        fs::copy(entry.path(), media_out.join(entry.file_name())).unwrap();
    }
}
