//! The agenda and its speakers as the catalog reads them (`Catalog::sessions`,
//! `Catalog::session`).

use pavilion::Error;
use serde_json::json;

use crate::{live_catalog as catalog, TestPack};

/// Three sessions written in two offsets and out of order, one with a
/// panel of two speakers, one speaker linked to an exhibitor.
fn agenda_pack() -> TestPack {
    let mut pack = TestPack::small();
    pack.set_json(
        "content/speakers.json",
        json!([
            {"id": "lv", "name": "Lv Xuecheng", "exhibitor": "ibm", "bio": "Deputy **director**", "photo": "media/logo.png",
             "title": {"zh": "副主任", "en": "Deputy director"}, "organization": "CAICT"},
            {"id": "ada", "name": "Ada", "organization": "Analytical Engines"}
        ]),
    );
    pack.set_json(
        "content/sessions.json",
        json!([
            {"id": "closing", "title": "Closing", "starts": "2021-07-10T17:00:00+08:00", "ends": "2021-07-10T18:00:00+08:00"},
            // 08:30 in Shanghai, written in Tokyo time: after the 08:00 keynote, before the 09:00 plenary.
            {"id": "panel", "title": "Panel", "starts": "2021-07-08T09:30:00+09:00", "ends": "2021-07-08T10:15:00+09:00",
             "room": {"zh": "主会场", "en": "Main hall"}, "track": "Policy", "speakers": ["ada", "lv"],
             "description": "A <script>x</script> **panel**."},
            {"id": "plenary", "title": "Connect Cities with AI", "starts": "2021-07-08T09:00:00+08:00", "ends": "2021-07-08T10:00:00+08:00", "speakers": ["lv"]},
            {"id": "keynote", "title": "Keynote", "starts": "2021-07-08T00:00:00Z", "ends": "2021-07-08T00:30:00Z"}
        ]),
    );
    pack
}

#[test]
fn sessions_are_in_time_order_whatever_offset_they_were_written_in() {
    let (_work, catalog) = catalog(&agenda_pack());
    let sessions = catalog.sessions().unwrap();
    let ids: Vec<_> = sessions.iter().map(|session| session.id.as_str()).collect();
    assert_eq!(ids, ["keynote", "panel", "plenary", "closing"]);
    let panel = &sessions[1];
    assert_eq!(
        (panel.starts.as_str(), panel.ends.as_str()),
        ("2021-07-08T09:30:00+09:00", "2021-07-08T10:15:00+09:00"),
        "times keep the offset the pack gave, so the UI can show them in the event's time zone"
    );
    assert_eq!(panel.room.as_ref().unwrap().0["en"], "Main hall");
    assert_eq!(panel.room.as_ref().unwrap().0["zh"], "主会场");
    assert_eq!(
        panel.track.as_ref().unwrap().0["zh"],
        "Policy",
        "fallback to the default language"
    );
    assert_eq!(catalog.home().unwrap().counts.sessions, 4);
}

#[test]
fn a_session_has_its_speakers_in_order_and_a_sanitised_description() {
    let (_work, catalog) = catalog(&agenda_pack());
    let panel = catalog.session("panel").unwrap();
    let speakers: Vec<_> = panel
        .speakers
        .iter()
        .map(|speaker| speaker.id.as_str())
        .collect();
    assert_eq!(
        speakers,
        ["ada", "lv"],
        "the session's order, not the speakers file's"
    );
    let lv = &panel.speakers[1];
    assert_eq!(lv.exhibitor.as_deref(), Some("ibm"));
    assert_eq!(lv.title.as_ref().unwrap().0["en"], "Deputy director");
    assert!(lv.photo.as_ref().unwrap().0.ends_with(".png"));
    assert!(lv.bio.as_ref().unwrap().0["en"].contains("<strong>director</strong>"));
    assert_eq!(panel.speakers[0].exhibitor, None);
    let description = &panel.description.as_ref().unwrap().0["en"];
    assert!(
        description.contains("<strong>panel</strong>"),
        "{description}"
    );
    assert!(!description.contains("<script"), "{description}");

    let keynote = catalog.session("keynote").unwrap();
    assert!(keynote.speakers.is_empty());
    assert_eq!(keynote.description, None);
    assert_eq!(keynote.room, None);
}

#[test]
fn an_unknown_session_is_not_found() {
    let (_work, catalog) = catalog(&agenda_pack());
    assert!(matches!(
        catalog.session("nope"),
        Err(Error::NotFound { kind: "session", ref id }) if id == "nope"
    ));
}

#[test]
fn a_pack_without_an_agenda_has_no_sessions() {
    let mut pack = TestPack::small();
    pack.set_json("content/sessions.json", json!([]));
    let (_work, catalog) = catalog(&pack);
    assert!(catalog.sessions().unwrap().is_empty());
    assert_eq!(catalog.home().unwrap().counts.sessions, 0);
}
