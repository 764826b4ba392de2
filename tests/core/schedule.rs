//! Schedule files into sessions and speakers (`pavilion::workbook::schedule`):
//! a frab XML and a c3voc JSON shaped as pretalx writes them, and each kind
//! of problem at its exact place.

use std::fs;
use std::path::{Path, PathBuf};

use pavilion::pack::content::TextInput;
use pavilion::workbook::schedule::{read, Conference, Schedule};
use pavilion::workbook::SourceProblem;

use crate::TestPack;

fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/core/fixtures/schedule")
        .join(name)
}

fn text(input: &TextInput) -> &str {
    match input {
        TextInput::Same(text) => text,
        TextInput::PerLanguage(_) => panic!("schedules give one text for every language"),
    }
}

/// Each session as `id starts ends room track speakers`, for one comparison.
fn agenda(schedule: &Schedule) -> Vec<String> {
    schedule
        .sessions
        .iter()
        .map(|placed| {
            let s = &placed.value;
            format!(
                "{} {} {} {} {} [{}]",
                s.id,
                s.starts,
                s.ends,
                s.room.as_ref().map_or("-", text),
                s.track.as_ref().map_or("-", text),
                s.speakers.join(",")
            )
        })
        .collect()
}

fn open_fair() -> Conference {
    Conference {
        title: "Open Fair 2026".into(),
        starts_on: "2026-10-24".into(),
        ends_on: "2026-10-25".into(),
        timezone: Some("Europe/Berlin".into()),
    }
}

#[test]
fn a_pretalx_frab_xml_gives_sessions_speakers_and_the_conference() {
    let schedule = read(&fixture("openfair.xml"), None).unwrap();
    assert_eq!(schedule.conference, Some(open_fair()));
    assert_eq!(
        agenda(&schedule),
        [
            // 01:30 is an hour and a half; `date` with its offset wins.
            "8079583e-8321-506c-95af-fd2903a5f075 2026-10-24T10:00:00+02:00 2026-10-24T11:30:00+02:00 Saal 1 Keynotes [7,8]",
            // pretalx's D:HH:MM (1:02:30, 26½ hours, across the end of
            // summer time), an empty track, a person without an id.
            "2d64f8e2-26ee-529f-b5ab-3b3f326e31b9 2026-10-24T14:00:00+02:00 2026-10-25T15:30:00+01:00 Saal 1 - [li-na]",
            // No guid: the id; a room without a name: no room.
            "103 2026-10-24T12:00:00+02:00 2026-10-24T12:30:00+02:00 - - []",
            // The day after summer time ended: +01:00.
            "a179c8ac-e6eb-5b25-8ed0-c5828ef7b6d9 2026-10-25T10:00:00+01:00 2026-10-25T10:30:00+01:00 Saal 1 Keynotes [7,li-na]",
            // Listed under the 25th, after midnight: the 26th.
            "fe76305f-d58f-5880-8918-dedadf9acfe5 2026-10-26T01:00:00+01:00 2026-10-26T02:00:00+01:00 Saal 1 - []",
        ]
    );
    let opening = &schedule.sessions[0];
    assert_eq!(opening.place, "/schedule/day[1]/room[1]/event[1]");
    assert!(opening.source.ends_with("openfair.xml"));
    assert_eq!(
        text(&opening.value.title),
        "Opening & Welcome: 人工智能的未来"
    );
    assert_eq!(
        opening.value.description.as_ref().map(text),
        Some("Why \"open\" matters & what's next.\n\nUse `<b>` for **bold** text – 张伟 explains.")
    );
    assert_eq!(
        schedule.sessions[2].place,
        "/schedule/day[1]/room[2]/event[1]"
    );
    // Blank abstract: no description; the same text twice: once.
    assert_eq!(schedule.sessions[2].value.description, None);
    assert_eq!(
        schedule.sessions[3].value.description.as_ref().map(text),
        Some("Same speakers, one hour later in UTC.")
    );

    let speakers: Vec<(&str, &str, &str)> = schedule
        .speakers
        .iter()
        .map(|p| (p.value.id.as_str(), text(&p.value.name), p.place.as_str()))
        .collect();
    assert_eq!(
        speakers,
        [
            (
                "7",
                "张伟",
                "/schedule/day[1]/room[1]/event[1]/persons/person[1]"
            ),
            (
                "8",
                "Jane O'Neil",
                "/schedule/day[1]/room[1]/event[1]/persons/person[2]"
            ),
            (
                "li-na",
                "李娜",
                "/schedule/day[1]/room[1]/event[2]/persons/person[1]"
            ),
        ]
    );
}

#[test]
fn a_pretalx_schedule_json_gives_the_same_agenda() {
    let schedule = read(&fixture("openfair.json"), None).unwrap();
    assert_eq!(schedule.conference, Some(open_fair()));
    assert_eq!(
        agenda(&schedule),
        [
            "8079583e-8321-506c-95af-fd2903a5f075 2026-10-24T10:00:00+02:00 2026-10-24T11:30:00+02:00 Saal 1 Keynotes [ZW7QXA,JONEIL]",
            "2d64f8e2-26ee-529f-b5ab-3b3f326e31b9 2026-10-24T14:00:00+02:00 2026-10-24T14:45:00+02:00 Saal 1 - [li-na]",
            "c0b59b72-8985-54f0-9534-234ceb9e5272 2026-10-24T12:00:00+02:00 2026-10-24T12:30:00+02:00 - - []",
            // No `date`: the day's date and `start` in Europe/Berlin.
            "a179c8ac-e6eb-5b25-8ed0-c5828ef7b6d9 2026-10-25T10:00:00+01:00 2026-10-25T10:30:00+01:00 Saal 1 Keynotes [ZW7QXA,li-na]",
            "fe76305f-d58f-5880-8918-dedadf9acfe5 2026-10-26T01:00:00+01:00 2026-10-26T02:00:00+01:00 Saal 1 - []",
        ]
    );
    let opening = &schedule.sessions[0];
    assert_eq!(opening.place, "/schedule/conference/days/0/rooms/Saal 1/0");
    assert_eq!(
        text(&opening.value.title),
        "Opening & Welcome: 人工智能的未来"
    );
    assert_eq!(
        opening.value.description.as_ref().map(text),
        Some("Why \"open\" matters & what's next.\n\nUse `<b>` for **bold** text – 张伟 explains.")
    );
    assert_eq!(
        schedule.sessions[2].place,
        "/schedule/conference/days/0/rooms//0"
    );
    let zhang = &schedule.speakers[0];
    assert_eq!(
        zhang.place,
        "/schedule/conference/days/0/rooms/Saal 1/0/persons/0"
    );
    assert_eq!(text(&zhang.value.name), "张伟");
    assert_eq!(
        zhang.value.bio.as_ref().map(text),
        Some("研究员，专注于**机器学习**。")
    );
    assert_eq!(schedule.speakers[1].value.bio, None);
    assert_eq!(schedule.speakers.len(), 3);
}

#[test]
fn what_both_files_give_is_a_valid_pack_agenda() {
    for name in ["openfair.xml", "openfair.json"] {
        let schedule = read(&fixture(name), None).unwrap();
        let sessions: Vec<_> = schedule.sessions.iter().map(|p| &p.value).collect();
        let speakers: Vec<_> = schedule.speakers.iter().map(|p| &p.value).collect();
        let mut pack = TestPack::small();
        pack.set_json(
            "content/sessions.json",
            serde_json::to_value(sessions).unwrap(),
        )
        .set_json(
            "content/speakers.json",
            serde_json::to_value(speakers).unwrap(),
        );
        let work = tempfile::tempdir().unwrap();
        let folder = pack.write_in(work.path(), "pack");
        if let Err(error) = pavilion::pack::validate_path(&folder) {
            panic!("{name}: {error}");
        }
    }
}

// ---- problems, each at its place ----

/// A schedule file `name` with `content` in a fresh folder.
fn write(name: &str, content: &str) -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join(name);
    fs::write(&path, content).unwrap();
    (dir, path)
}

/// The problems of reading `content` as `name`, each `PLACE: message`.
fn problems_of(name: &str, content: &str, timezone: Option<&str>) -> Vec<String> {
    let (_dir, path) = write(name, content);
    let problems: Vec<SourceProblem> = read(&path, timezone).expect_err("expected problems");
    for problem in &problems {
        assert_eq!(problem.source, path.display().to_string());
    }
    problems
        .iter()
        .map(|p| format!("{}: {}", p.place, p.message))
        .collect()
}

/// A frab schedule in Asia/Shanghai with `days` inside.
fn frab(days: &str) -> String {
    frab_in("<time_zone_name>Asia/Shanghai</time_zone_name>", days)
}

fn frab_in(zone: &str, days: &str) -> String {
    format!(
        "<?xml version='1.0' encoding='utf-8' ?>\n<schedule><conference><title>T</title>\
         <start>2021-07-08</start><end>2021-07-09</end>{zone}</conference>{days}</schedule>"
    )
}

fn event(id: u32, start: &str) -> String {
    format!("<event id='{id}'><start>{start}</start><duration>00:30</duration><title>Talk {id}</title></event>")
}

#[test]
fn a_start_that_is_no_time_is_named_at_its_place() {
    let day2 = [
        event(4, "09:00"),
        event(5, "10:00"),
        event(6, "11:00"),
        event(7, "25:00"),
    ]
    .concat();
    let xml = frab(&format!(
        "<day date='2021-07-08'><room name='A'>{}</room></day>\
         <day date='2021-07-09'><room name='A'>{day2}</room><room name='B'>{}</room></day>",
        event(1, "09:00"),
        event(8, "09:00"),
    ));
    let (_dir, path) = write("schedule.xml", &xml);
    let problems = read(&path, None).unwrap_err();
    assert_eq!(
        problems
            .iter()
            .map(|p| p
                .to_string()
                .replace(&path.display().to_string(), "schedule.xml"))
            .collect::<Vec<_>>(),
        ["schedule.xml: /schedule/day[2]/room[1]/event[4]/start: \"25:00\" is not a time"]
    );
}

/// frab keeps abstracts as HTML, pretalx as Markdown that may hold some:
/// both become the pack's Markdown, which shows HTML as text (pack
/// format), so a visitor sees a list, not `<ul><li>`.
#[test]
fn html_in_descriptions_and_bios_becomes_markdown() {
    let xml = frab(
        "<day date='2021-07-08'><room name='A'>\
         <event id='1'><start>09:00</start><duration>00:30</duration><title>Airports</title>\
         <abstract>&lt;h2&gt;Airport environment&lt;/h2&gt;\n\n&lt;ul&gt;\n&lt;li&gt;Air traffic control&lt;/li&gt;\n\
         &lt;li&gt;Baggage &amp;amp; access&lt;/li&gt;\n&lt;/ul&gt;&lt;script&gt;alert(1)&lt;/script&gt;&lt;style&gt;p {}&lt;/style&gt;</abstract>\
         <description>&lt;p&gt;We used &lt;a href=\"https://zmap.io\"&gt;ZMap&lt;/a&gt; to scan.&lt;/p&gt;&lt;p&gt;Second&lt;br&gt;line.&lt;/p&gt;</description>\
         <persons><person id='7'>Li Na</person></persons></event>\
         <event id='2'><start>10:00</start><duration>00:30</duration><title>Markdown</title>\
         <abstract>A **Markdown** text with &lt;b&gt;some&lt;/b&gt; HTML.\n\n- one\n- two</abstract></event>\
         <event id='3'><start>11:00</start><duration>00:30</duration><title>Plain</title>\
         <abstract>Use `&lt;b&gt;` for bold; 2 &lt; 3 and a_b_c.\n\nSecond paragraph.</abstract></event>\
         </room></day>",
    );
    let (_dir, path) = write("schedule.xml", &xml);
    let schedule = read(&path, None).unwrap();
    let description = |index: usize| {
        schedule.sessions[index]
            .value
            .description
            .as_ref()
            .map(text)
            .unwrap()
            .to_owned()
    };
    assert_eq!(
        description(0),
        "## Airport environment\n\n- Air traffic control\n- Baggage & access\n\n\
         We used [ZMap](https://zmap.io) to scan.\n\nSecond  \nline."
    );
    assert_eq!(
        description(1),
        "A **Markdown** text with **some** HTML.\n\n- one\n- two"
    );
    // No HTML, only a `<b>` in code and a `<` in text: left as written.
    assert_eq!(
        description(2),
        "Use `<b>` for bold; 2 < 3 and a_b_c.\n\nSecond paragraph."
    );
    // Thousands of nested tags (a hostile file): kept as written, shown
    // as text, instead of minutes of parsing or a stack overflow.
    let nested = format!("{}deep", "<div>".repeat(20_000));
    let xml = frab(&format!(
        "<day date='2021-07-08'><room name='A'><event id='1'><start>09:00</start>\
         <duration>00:30</duration><title>Deep</title><abstract>{}</abstract></event></room></day>",
        nested.replace('<', "&lt;").replace('>', "&gt;")
    ));
    let (_dir, path) = write("deep.xml", &xml);
    let schedule = read(&path, None).unwrap();
    assert_eq!(
        schedule.sessions[0].value.description.as_ref().map(text),
        Some(nested.as_str())
    );
    // A pretalx biography, in its JSON.
    let json = c3voc(&[
        r#"{"A": [{"id": 1, "start": "09:00", "duration": "00:30", "title": "T",
        "persons": [{"id": 7, "public_name": "Li Na", "biography": "<p>Researcher at <em>SJTU</em>.</p>"}]}]}"#,
    ]);
    let (_dir, path) = write("schedule.json", &json);
    let schedule = read(&path, None).unwrap();
    assert_eq!(
        schedule.speakers[0].value.bio.as_ref().map(text),
        Some("Researcher at *SJTU*.")
    );
}

#[test]
fn every_problem_is_listed_not_only_the_first() {
    let xml = frab(
        "<day date='2021-07-08'><room name='A'>\
         <event id='1'><start>09:00</start><duration>1:75</duration><title>Bad length</title></event>\
         <event id='2'><start>09:00</start><title>No length</title></event>\
         <event id='3'><start>09:00</start><duration>00:30</duration></event>\
         <event><start>09:00</start><duration>00:30</duration><title>No id</title></event>\
         <event id='5'><duration>00:30</duration><title>No start</title></event>\
         <event id='6'><date>2021-07-08T25:00:00+08:00</date><duration>00:30</duration><title>Bad date</title></event>\
         </room></day>",
    );
    assert_eq!(
        problems_of("schedule.xml", &xml, None),
        [
            "/schedule/day[1]/room[1]/event[1]/duration: \"1:75\" is not a duration (HH:MM, or D:HH:MM for a day or more)",
            "/schedule/day[1]/room[1]/event[2]: no \"duration\": every session needs one (HH:MM, or D:HH:MM for a day or more)",
            "/schedule/day[1]/room[1]/event[3]: no \"title\": every session needs one",
            "/schedule/day[1]/room[1]/event[4]: no \"guid\" or \"id\": every session needs one",
            "/schedule/day[1]/room[1]/event[5]: no \"start\" or \"date\": every session needs one",
            "/schedule/day[1]/room[1]/event[6]/date: \"2021-07-08T25:00:00+08:00\" is not a date-time (e.g. 2021-07-08T09:30:00+08:00)",
        ]
    );
}

#[test]
fn two_events_with_one_id_collide() {
    let xml = frab(
        "<day date='2021-07-08'><room name='A'>\
         <event guid='same' id='1'><start>09:00</start><duration>00:30</duration><title>A</title></event>\
         </room><room name='B'>\
         <event guid='same' id='2'><start>09:00</start><duration>00:30</duration><title>B</title></event>\
         </room></day>",
    );
    assert_eq!(
        problems_of("schedule.xml", &xml, None),
        ["/schedule/day[1]/room[2]/event[1]/@guid: session id \"same\" is also the id of the event at /schedule/day[1]/room[1]/event[1]/@guid"]
    );
}

#[test]
fn an_id_that_is_no_pack_id_becomes_a_slug() {
    let xml = frab(
        "<day date='2021-07-08'><room name='A'>\
         <event guid='Talk 12 (Main)'><start>09:00</start><duration>00:30</duration><title>A</title>\
         <persons><person id='Dr. José Müller'>José Müller</person></persons></event>\
         </room></day>",
    );
    let (_dir, path) = write("schedule.xml", &xml);
    let schedule = read(&path, None).unwrap();
    assert_eq!(schedule.sessions[0].value.id, "talk-12-main");
    assert_eq!(schedule.speakers[0].value.id, "dr-jose-muller");
}

#[test]
fn a_time_zone_that_does_not_exist_is_named_with_the_closest() {
    let xml = frab_in(
        "<time_zone_name>Europe/Berln</time_zone_name>",
        &format!(
            "<day date='2021-07-08'><room name='A'>{}</room></day>",
            event(1, "09:00")
        ),
    );
    let problems = problems_of("schedule.xml", &xml, None);
    assert_eq!(
        problems[0],
        "/schedule/conference/time_zone_name: \"Europe/Berln\" is not a time zone: an IANA name like Europe/Berlin (did you mean \"Europe/Berlin\"?)"
    );
}

#[test]
fn times_without_offset_take_the_event_sheets_zone_else_the_days_offset_else_a_problem() {
    let days = format!(
        "<day date='2021-07-08'><room name='A'>{}{}</room></day>",
        event(1, "09:00"),
        event(2, "10:00")
    );
    let xml = frab_in("", &days);
    // No zone anywhere: one problem, not one per event.
    assert_eq!(
        problems_of("schedule.xml", &xml, None),
        ["/schedule/day[1]/room[1]/event[1]/start: no time zone to place \"09:00\" in (nor any time of this file): give the schedule a time_zone_name, or the workbook's event sheet a timezone"]
    );
    // The workbook's event sheet gives one.
    let (_dir, path) = write("schedule.xml", &xml);
    let schedule = read(&path, Some("Asia/Shanghai")).unwrap();
    assert_eq!(
        schedule.sessions[0].value.starts,
        "2021-07-08T09:00:00+08:00"
    );
    assert_eq!(schedule.conference.unwrap().timezone, None);
    // Only the day's start carries an offset.
    let with_day_start = xml.replace(
        "<day date='2021-07-08'>",
        "<day date='2021-07-08' start='2021-07-08T04:00:00-04:00'>",
    );
    let (_dir, path) = write("schedule.xml", &with_day_start);
    let schedule = read(&path, None).unwrap();
    assert_eq!(schedule.sessions[1].value.ends, "2021-07-08T10:30:00-04:00");
}

#[test]
fn a_day_without_a_good_date_is_said_once() {
    let xml = frab(&format!(
        "<day date='2021-13-01'><room name='A'>{}{}</room></day><day><room name='A'>{}{}</room></day>",
        event(1, "09:00"),
        event(2, "10:00"),
        event(3, "09:00"),
        event(4, "10:00"),
    ));
    assert_eq!(
        problems_of("schedule.xml", &xml, None),
        [
            "/schedule/day[1]/@date: \"2021-13-01\" is not a date (YYYY-MM-DD)",
            "/schedule/day[2]: the day has no date (YYYY-MM-DD), so its events have none",
        ]
    );
}

#[test]
fn persons_need_a_name_and_two_names_one_slug_collide() {
    let xml = frab(
        "<day date='2021-07-08'><room name='A'>\
         <event id='1'><start>09:00</start><duration>00:30</duration><title>A</title>\
         <persons><person id='3'/><person>李娜</person></persons></event>\
         <event id='2'><start>10:00</start><duration>00:30</duration><title>B</title>\
         <persons><person>Li Na</person><person>李娜</person></persons></event>\
         </room></day>",
    );
    assert_eq!(
        problems_of("schedule.xml", &xml, None),
        [
            "/schedule/day[1]/room[1]/event[1]/persons/person[1]: a person needs a name",
            "/schedule/day[1]/room[1]/event[2]/persons/person[1]: speaker id \"li-na\" of \"Li Na\" is also that of \"李娜\" at /schedule/day[1]/room[1]/event[1]/persons/person[2]: give one of them an id",
        ]
    );
}

#[test]
fn an_unknown_entity_is_named_and_html_ones_are_read() {
    let xml = frab(
        "<day date='2021-07-08'><room name='A'>\
         <event id='1'><start>09:00</start><duration>00:30</duration><title>Caf&eacute;&nbsp;talk</title></event>\
         </room></day>",
    );
    let (_dir, path) = write("schedule.xml", &xml);
    let schedule = read(&path, None).unwrap();
    assert_eq!(text(&schedule.sessions[0].value.title), "Café\u{a0}talk");
    let bogus = xml.replace("&eacute;", "&bogus;");
    assert_eq!(
        problems_of("schedule.xml", &bogus, None),
        ["/schedule/day[1]/room[1]/event[1]/title: unknown entity \"&bogus;\""]
    );
}

#[test]
fn a_file_that_is_no_schedule_is_named() {
    assert_eq!(
        problems_of("agenda.txt", "Day 1: opening", None),
        ["/: neither a frab schedule XML (<schedule>) nor a c3voc schedule JSON ({\"schedule\": {\"conference\": …}})"]
    );
    assert_eq!(
        problems_of("page.xml", "<html><body/></html>", None),
        ["/: the root element is <html>: a frab schedule's is <schedule>"]
    );
    assert_eq!(
        problems_of("other.json", "{\"talks\": []}", None),
        ["/: no \"schedule\" object: not a c3voc schedule JSON ({\"schedule\": {\"conference\": …}})"]
    );
    assert_eq!(
        problems_of("other.json", "\u{feff}{\"schedule\": {\"version\": \"1\"}}", None),
        ["/schedule: no \"conference\" object: not a c3voc schedule JSON ({\"schedule\": {\"conference\": …}})"]
    );
    // The c3voc "schedule2" JSON (the CCC hub's): its events in one list,
    // which this reader does not take; said, not read as no sessions.
    assert_eq!(
        problems_of(
            "hub.json",
            "{\"schedule\": {\"version\": \"2\", \"conference\": {\"title\": \"T\", \"days\": []},\
             \"events\": [{\"guid\": \"a\", \"start\": \"2024-12-27T10:30:00+01:00\", \"end\": \"2024-12-27T11:00:00+01:00\"}]}}",
            None
        ),
        ["/schedule/events: events in one list, as the c3voc \"schedule2\" JSON writes them, are not read: \
          give the same schedule as frab XML (schedule.xml) or as pretalx's schedule.json, its events under days and rooms"]
    );
    let missing = problems_of("gone.xml", "", None);
    assert_eq!(missing.len(), 1);
}

#[test]
fn broken_xml_is_named_with_its_line() {
    let xml = frab(&format!(
        "<day date='2021-07-08'>\n<room name='A'>\n{}</day>",
        event(1, "09:00")
    ));
    let problems = problems_of("schedule.xml", &xml, None);
    assert_eq!(problems.len(), 1, "{problems:?}");
    assert!(
        problems[0].starts_with("/schedule/day[1]/room[1]: not well-formed XML at line 4,"),
        "{problems:?}"
    );
}

/// A c3voc schedule in Asia/Shanghai with one day per entry of `days`
/// (each the JSON of its `rooms`).
fn c3voc(days: &[&str]) -> String {
    let days: Vec<String> = days
        .iter()
        .enumerate()
        .map(|(i, rooms)| {
            format!(
                "{{\"index\": {}, \"date\": \"2021-07-0{}\", \"day_start\": \"2021-07-0{}T04:00:00+08:00\", \"day_end\": \"2021-07-0{}T03:59:00+08:00\", \"rooms\": {rooms}}}",
                i + 1, i + 8, i + 8, i + 9
            )
        })
        .collect();
    format!(
        "{{\"schedule\": {{\"version\": \"1\", \"conference\": {{\"acronym\": \"t\", \"title\": \"T\", \"start\": \"2021-07-08\", \"end\": \"2021-07-09\", \"time_zone_name\": \"Asia/Shanghai\", \"days\": [{}]}}}}}}",
        days.join(", ")
    )
}

fn json_event(id: u32, start: &str) -> String {
    format!("{{\"id\": {id}, \"guid\": null, \"start\": \"{start}\", \"duration\": \"00:30\", \"title\": \"Talk {id}\", \"persons\": []}}")
}

#[test]
fn json_problems_are_named_by_json_pointer() {
    let day2 = format!(
        "{{\"Saal 1\": [{}, {}, {}, {}], \"a/b\": [{{\"id\": 9, \"start\": \"09:00\", \"duration\": \"00:30\", \"title\": [\"x\"], \"persons\": {{}}}}]}}",
        json_event(4, "09:00"),
        json_event(5, "10:00"),
        json_event(6, "11:00"),
        json_event(7, "25:00"),
    );
    let day1 = format!("{{\"Saal 1\": [{}]}}", json_event(1, "09:00"));
    assert_eq!(
        problems_of("schedule.json", &c3voc(&[&day1, &day2]), None),
        [
            "/schedule/conference/days/1/rooms/Saal 1/3/start: \"25:00\" is not a time",
            "/schedule/conference/days/1/rooms/a~1b/0/title: a list is not text",
            "/schedule/conference/days/1/rooms/a~1b/0/persons: an object is not a list of persons",
        ]
    );
}

#[test]
fn a_json_start_may_be_a_whole_date_time() {
    let day = format!(
        "{{\"Saal 1\": [{}]}}",
        json_event(1, "2021-07-08T23:30:00+08:00")
    );
    let (_dir, path) = write("schedule.json", &c3voc(&[&day]));
    let schedule = read(&path, None).unwrap();
    assert_eq!(
        schedule.sessions[0].value.starts,
        "2021-07-08T23:30:00+08:00"
    );
    assert_eq!(schedule.sessions[0].value.ends, "2021-07-09T00:00:00+08:00");
}

#[test]
fn broken_json_is_named_where_it_broke() {
    let problems = problems_of(
        "schedule.json",
        "{\"schedule\": {\"conference\": {\"title\": \"T\", \"days\": [\n{\"date\": \"2021-07-08\",}]}}}",
        None,
    );
    assert_eq!(problems.len(), 1, "{problems:?}");
    assert!(
        problems[0]
            .starts_with("/schedule/conference/days/0: not valid JSON: trailing comma at line 2"),
        "{problems:?}"
    );
    let problems = problems_of(
        "schedule.json",
        "{\"schedule\": {\"conference\": {\"days\": 3}}}",
        None,
    );
    assert_eq!(problems.len(), 1, "{problems:?}");
    assert!(
        problems[0].starts_with("/schedule/conference/days: invalid type"),
        "{problems:?}"
    );
}

#[test]
fn a_conference_without_dates_takes_its_days_and_a_byte_order_mark_is_skipped() {
    let xml = format!(
        "\u{feff}<schedule><conference><title>T</title><time_zone_name>Asia/Shanghai</time_zone_name></conference>\
         <day date='2021-07-08'><room name='A'>{}</room></day><day date='2021-07-10'><room name='A'>{}</room></day></schedule>",
        event(1, "09:00"),
        event(2, "09:00"),
    );
    let (_dir, path) = write("schedule.xml", &xml);
    let conference = read(&path, None).unwrap().conference.unwrap();
    assert_eq!(
        (conference.starts_on.as_str(), conference.ends_on.as_str()),
        ("2021-07-08", "2021-07-10")
    );
    // Without a title there is no conference to stand in for an event sheet.
    let (_dir, path) = write("schedule.xml", &xml.replace("<title>T</title>", ""));
    assert_eq!(read(&path, None).unwrap().conference, None);
}
