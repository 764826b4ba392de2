//! Synthetic packs (`src/synth.rs`, `pavilion pack synth`): valid,
//! importable, searchable and byte-for-byte reproducible.

use std::process::Command;

use pavilion::synth::{synth, Counts};
use pavilion::{import, pack, Catalog, DataDir};

use crate::snapshot;

#[test]
fn a_synthetic_pack_validates_imports_and_searches() {
    let work = tempfile::tempdir().unwrap();
    let dir = work.path().join("synth");
    let counts = synth(200, &dir).unwrap();
    assert_eq!(counts.exhibitors, 200);
    assert!(counts.parks > 0 && counts.news > 0 && counts.sessions > 0 && counts.slides > 0);

    let read = pack::read_path(&dir)
        .unwrap_or_else(|error| panic!("synthetic pack is invalid: {error:?}"));
    assert_eq!(read.exhibitors.len(), 200);
    assert_eq!(read.news.len(), counts.news);
    assert_eq!(read.parks.len(), counts.parks);
    assert!(read
        .exhibitors
        .iter()
        .any(|exhibitor| exhibitor.park.is_some()));
    assert!(read.media.keys().any(|path| path.ends_with(".png")));
    assert!(read.media.keys().any(|path| path.ends_with(".svg")));

    let data = DataDir::at(work.path().join("data"));
    import(&data, &dir).unwrap();
    let catalog = Catalog::open_live(&data).unwrap();
    assert_eq!(catalog.home().unwrap().counts.exhibitors, 200);
    // Chinese names, filed by their pinyin: both find the same exhibitor.
    let first = &catalog.exhibitors().unwrap()[0];
    let zh = &first.name.0["zh"];
    let by_han: Vec<_> = catalog
        .search(&zh.chars().take(2).collect::<String>(), None, 500)
        .unwrap();
    assert!(
        by_han.iter().any(|hit| hit.id == first.id),
        "{zh} not found"
    );
    let pinyin = first.sort_key.split(' ').next().unwrap();
    let by_pinyin = catalog.search(pinyin, None, 500).unwrap();
    assert!(
        by_pinyin.iter().any(|hit| hit.id == first.id),
        "{pinyin} not found"
    );
}

#[test]
fn the_same_size_gives_the_same_bytes() {
    let work = tempfile::tempdir().unwrap();
    let pavilion = |out: &str| {
        let output = Command::new(env!("CARGO_BIN_EXE_pavilion"))
            .args(["pack", "synth", "--exhibitors", "150", "--out"])
            .arg(work.path().join(out))
            .output()
            .unwrap();
        // stderr is not a terminal here: no progress.
        assert_eq!(
            (output.status.code(), output.stderr.as_slice()),
            (Some(0), &b""[..])
        );
    };
    pavilion("one");
    pavilion("two");
    let one = snapshot(&work.path().join("one"));
    assert!(one.len() > 10);
    assert!(one == snapshot(&work.path().join("two")));

    // A folder with something in it is not overwritten.
    let output = Command::new(env!("CARGO_BIN_EXE_pavilion"))
        .args(["pack", "synth", "--exhibitors", "1", "--out"])
        .arg(work.path().join("one"))
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(2));
}

#[test]
fn companions_shrink_to_keep_the_pack_within_the_entity_limit() {
    let full = Counts::for_exhibitors(1_000_000).unwrap();
    assert_eq!(
        (
            full.parks,
            full.news,
            full.sessions,
            full.speakers,
            full.slides
        ),
        (0, 0, 0, 0, 0)
    );
    let near = Counts::for_exhibitors(990_000).unwrap();
    let total =
        near.exhibitors + near.parks + near.news + near.sessions + near.speakers + near.slides;
    assert!(total <= 1_000_000 && near.news > 0, "{near:?}");
    assert_eq!(Counts::for_exhibitors(1_000_001), None);
}

#[test]
fn a_synthetic_session_is_in_one_room_whatever_the_language() {
    let work = tempfile::tempdir().unwrap();
    let dir = work.path().join("synth");
    synth(1000, &dir).unwrap();
    let data = DataDir::at(work.path().join("data"));
    import(&data, &dir).unwrap();
    let sessions = Catalog::open_live(&data).unwrap().sessions().unwrap();
    assert!(!sessions.is_empty());
    for session in sessions {
        let room = session.room.expect("synthetic sessions have a room").0;
        let number = |text: &str| {
            text.chars()
                .filter(char::is_ascii_digit)
                .collect::<String>()
        };
        assert_eq!(
            number(&room["zh"]),
            number(&room["en"]),
            "{}: {room:?}",
            session.id
        );
    }
}

#[test]
fn a_pack_past_the_entity_limit_is_refused_as_over_the_limit() {
    let work = tempfile::tempdir().unwrap();
    let out = work.path().join("huge");
    assert!(matches!(
        pavilion::synth::synth(2_000_000, &out),
        Err(pavilion::Error::OverLimit {
            limit: 1_000_000,
            ..
        })
    ));
    assert!(!out.exists(), "nothing is written");
}
