//! The c3voc schedule JSON (`{"schedule": {"conference": {"days": …}}}`),
//! pretalx's `schedule.json` and frab's. Read straight into the few fields a
//! pack uses; each event is taken whole (it is small) and turned into
//! strings at once, so a large file costs its sessions, not a tree of it.
//! Places are JSON pointers: `/schedule/conference/days/1/rooms/Saal 1/3/start`.
//! The "schedule2" JSON (events in one list, with an `end` instead of a
//! `duration`) is told apart and refused: its readers are the CCC's own
//! apps, and an operator has its frab XML too.

use std::fmt;
use std::io::Read;

use serde::de::{Deserializer, IgnoredAny, MapAccess, Visitor};
use serde::Deserialize;
use serde_json::{Map, Value as Json};

use super::written::{given, Conference, Day, Event, Person, Value, Written};

#[derive(Deserialize)]
struct Root {
    schedule: Option<ScheduleJson>,
}

#[derive(Deserialize)]
struct ScheduleJson {
    conference: Option<ConferenceJson>,
    /// The "schedule2" JSON's one list of events (the CCC hub's), which
    /// this reader does not take: only noticed, to say so.
    events: Option<IgnoredAny>,
}

#[derive(Deserialize)]
struct ConferenceJson {
    title: Option<Json>,
    start: Option<Json>,
    end: Option<Json>,
    time_zone_name: Option<Json>,
    #[serde(default)]
    days: Vec<DayJson>,
}

#[derive(Deserialize)]
struct DayJson {
    date: Option<Json>,
    day_start: Option<Json>,
    #[serde(default)]
    rooms: Rooms,
}

/// A day's rooms in the file's order, each with its events already read.
#[derive(Default)]
struct Rooms(Vec<(String, Vec<EventJson>)>);

impl<'de> Deserialize<'de> for Rooms {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct RoomsVisitor;
        impl<'de> Visitor<'de> for RoomsVisitor {
            type Value = Rooms;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("an object of rooms, each a list of events")
            }
            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Rooms, A::Error> {
                let mut rooms = Vec::new();
                while let Some(name) = map.next_key::<String>()? {
                    rooms.push((name, map.next_value()?));
                }
                Ok(Rooms(rooms))
            }
        }
        deserializer.deserialize_map(RoomsVisitor)
    }
}

/// One event, turned into strings as soon as it is read.
struct EventJson(Event);

impl<'de> Deserialize<'de> for EventJson {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        Ok(EventJson(event(Json::deserialize(deserializer)?)))
    }
}

/// Reads a c3voc schedule; `Err` is why nothing more could be read (not
/// JSON, not a schedule), as (place, message).
pub fn read(input: impl Read) -> Result<Written, (String, String)> {
    let mut json = serde_json::Deserializer::from_reader(input);
    let root: Root = serde_path_to_error::deserialize(&mut json).map_err(|error| {
        let place = pointer(error.path());
        let inner = error.into_inner();
        let message = if inner.is_syntax() || inner.is_eof() {
            format!("not valid JSON: {inner}")
        } else {
            inner.to_string()
        };
        (place, message)
    })?;
    let not_c3voc = |place: &str, missing: &str| {
        (
            place.to_owned(),
            format!("no \"{missing}\" object: not a c3voc schedule JSON ({{\"schedule\": {{\"conference\": …}}}})"),
        )
    };
    let schedule = root.schedule.ok_or_else(|| not_c3voc("/", "schedule"))?;
    if schedule.events.is_some() {
        return Err((
            "/schedule/events".into(),
            "events in one list, as the c3voc \"schedule2\" JSON writes them, are not read: give the same \
             schedule as frab XML (schedule.xml) or as pretalx's schedule.json, its events under days and rooms"
                .into(),
        ));
    }
    let conference = schedule
        .conference
        .ok_or_else(|| not_c3voc("/schedule", "conference"))?;

    let mut written = Written::default();
    let mut problems = Vec::new();
    written.conference = Conference {
        place: "/schedule/conference".into(),
        title: text(conference.title.as_ref(), "/title", &mut problems),
        start: text(conference.start.as_ref(), "/start", &mut problems),
        end: text(conference.end.as_ref(), "/end", &mut problems),
        time_zone: text(
            conference.time_zone_name.as_ref(),
            "/time_zone_name",
            &mut problems,
        ),
    };
    written.problems = problems
        .into_iter()
        .map(|(at, message)| (format!("/schedule/conference{at}"), message))
        .collect();
    for (index, day) in conference.days.into_iter().enumerate() {
        let place = format!("/schedule/conference/days/{index}");
        let mut problems = Vec::new();
        written.days.push(Day {
            date: text(day.date.as_ref(), "/date", &mut problems),
            start: text(day.day_start.as_ref(), "/day_start", &mut problems),
            place: place.clone(),
        });
        written.problems.extend(
            problems
                .into_iter()
                .map(|(at, message)| (format!("{place}{at}"), message)),
        );
        for (room, events) in day.rooms.0 {
            let room_place = format!("{place}/rooms/{}", escape(&room));
            for (number, EventJson(mut event)) in events.into_iter().enumerate() {
                event.place = format!("{room_place}/{number}");
                event.day = index;
                if let Some(room) = given(&room) {
                    event.room = Some(room);
                }
                written.events.push(event);
            }
        }
    }
    Ok(written)
}

/// The strings of one event; its place and day are set by the caller.
fn event(json: Json) -> Event {
    let mut event = Event::default();
    let Json::Object(fields) = json else {
        event.problems.push((
            String::new(),
            format!("{} is not an event object", kind(&json)),
        ));
        return event;
    };
    let problems = &mut event.problems;
    let field = |name: &str, problems: &mut Vec<(String, String)>| {
        text(fields.get(name), &format!("/{name}"), problems)
    };
    event.guid = field("guid", problems);
    event.id = field("id", problems);
    event.title = field("title", problems);
    event.date = field("date", problems);
    event.start = field("start", problems);
    event.duration = field("duration", problems);
    event.room = field("room", problems).map(|v| v.text);
    event.track = field("track", problems).map(|v| v.text);
    event.abstract_ = field("abstract", problems).map(|v| v.text);
    event.description = field("description", problems).map(|v| v.text);
    match fields.get("persons") {
        None | Some(Json::Null) => {}
        Some(Json::Array(persons)) => {
            for (index, json) in persons.iter().enumerate() {
                let at = format!("/persons/{index}");
                match json {
                    Json::Object(fields) => event.persons.push(person(fields, at, problems)),
                    other => problems.push((at, format!("{} is not a person object", kind(other)))),
                }
            }
        }
        Some(other) => problems.push((
            "/persons".into(),
            format!("{} is not a list of persons", kind(other)),
        )),
    }
    event
}

fn person(fields: &Map<String, Json>, at: String, problems: &mut Vec<(String, String)>) -> Person {
    let field = |name: &str, problems: &mut Vec<(String, String)>| {
        text(fields.get(name), &format!("{at}/{name}"), problems)
    };
    // frab writes an `id`, pretalx a `code` and a `guid`.
    let id = ["id", "code", "guid"]
        .into_iter()
        .find_map(|name| field(name, problems));
    let name = ["name", "public_name"]
        .into_iter()
        .find_map(|name| field(name, problems));
    let bio = field("biography", problems).map(|v| v.text);
    Person { at, id, name, bio }
}

/// A field as text: numbers are their digits, `null` and blanks are not
/// given, anything else is a problem.
fn text(json: Option<&Json>, at: &str, problems: &mut Vec<(String, String)>) -> Option<Value> {
    let text = match json? {
        Json::Null => return None,
        Json::String(text) => text.clone(),
        Json::Number(number) => number.to_string(),
        other => {
            problems.push((at.to_owned(), format!("{} is not text", kind(other))));
            return None;
        }
    };
    given(&text).map(|text| Value::new(text, at))
}

fn kind(json: &Json) -> &'static str {
    match json {
        Json::Null => "null",
        Json::Bool(_) => "true/false",
        Json::Number(_) => "a number",
        Json::String(_) => "text",
        Json::Array(_) => "a list",
        Json::Object(_) => "an object",
    }
}

/// A key as a JSON pointer writes it (`~` → `~0`, `/` → `~1`).
fn escape(key: &str) -> String {
    key.replace('~', "~0").replace('/', "~1")
}

fn pointer(path: &serde_path_to_error::Path) -> String {
    use serde_path_to_error::Segment;
    let mut pointer = String::new();
    for segment in path {
        match segment {
            Segment::Seq { index } => pointer.push_str(&format!("/{index}")),
            Segment::Map { key } => pointer.push_str(&format!("/{}", escape(key))),
            Segment::Enum { .. } | Segment::Unknown => {}
        }
    }
    if pointer.is_empty() {
        pointer.push('/');
    }
    pointer
}
