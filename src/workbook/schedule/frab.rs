//! frab (pentabarf) schedule XML, as pretalx, frab and Indico export it:
//! `<schedule><conference/><day><room><event>…`. Read as a stream of tags,
//! keeping only the strings a pack uses, so a 50 MB schedule costs its
//! sessions, never a tree of the document. Everything else (`<url>`,
//! `<links>`, `<attachments>`, `<recording>`, …) is passed over quietly.

use std::collections::HashMap;
use std::fs;
use std::io::BufRead;
use std::path::Path;

use quick_xml::escape::resolve_predefined_entity;
use quick_xml::events::{BytesStart, Event as Tag};
use quick_xml::{Reader, XmlVersion};

use super::written::{given, Day, Event, Person, Value, Written};

/// Reads a frab schedule; `Err` is why nothing more could be read (not
/// well-formed XML, another root), as (place, message).
pub fn read(input: impl BufRead, path: &Path) -> Result<Written, (String, String)> {
    let mut reader = Reader::from_reader(input);
    let mut document = Document::default();
    let mut buffer = Vec::new();
    loop {
        let tag = match reader.read_event_into(&mut buffer) {
            Ok(tag) => tag,
            Err(error) => {
                let (line, column) = line_and_column(path, reader.error_position());
                return Err((
                    document.path(),
                    format!("not well-formed XML at line {line}, column {column}: {error}"),
                ));
            }
        };
        match tag {
            Tag::Start(start) => document.open(&start)?,
            Tag::Empty(start) => {
                document.open(&start)?;
                document.close();
            }
            Tag::End(_) => document.close(),
            Tag::Text(text) => document.text(&text.xml10_content()),
            Tag::CData(text) => document.text(&text.xml10_content()),
            Tag::GeneralRef(reference) => {
                let resolved = match reference.resolve_char_ref() {
                    Ok(Some(c)) => Some(c.to_string()),
                    Ok(None) => resolve_predefined_entity(&reference).map(str::to_owned),
                    Err(_) => None,
                };
                match resolved {
                    Some(text) => document.text(&text),
                    None => document.problem(format!("unknown entity \"&{};\"", &*reference)),
                }
            }
            Tag::Eof => break,
            Tag::Comment(_) | Tag::Decl(_) | Tag::PI(_) | Tag::DocType(_) => {}
        }
        buffer.clear();
    }
    if !document.seen_root {
        return Err(("/".into(), "an empty XML file, not a schedule".into()));
    }
    Ok(document.written)
}

/// One open element: its name, its 1-based index among siblings of that
/// name, and how many children of each name it has had so far.
#[derive(Default)]
struct Frame {
    name: String,
    index: usize,
    children: HashMap<String, usize>,
}

/// The fields of a schedule that hold text a pack uses.
#[derive(Clone, Copy)]
enum Field {
    ConferenceTitle,
    ConferenceStart,
    ConferenceEnd,
    ConferenceTimeZone,
    Date,
    Start,
    Duration,
    Room,
    Title,
    Track,
    Abstract,
    Description,
    PersonName,
}

#[derive(Default)]
struct Document {
    stack: Vec<Frame>,
    written: Written,
    seen_root: bool,
    /// The name of the `<room>` being read.
    room: Option<String>,
    /// The field whose text is being gathered, and the depth it opened at.
    capture: Option<(Field, usize)>,
    text: String,
}

impl Document {
    /// The place of the element being read, as workbook.md writes it:
    /// `/schedule/day[2]/room[1]/event[4]/start`.
    fn path(&self) -> String {
        if self.stack.is_empty() {
            return "/".into();
        }
        let mut path = String::new();
        for (depth, frame) in self.stack.iter().enumerate() {
            path.push('/');
            path.push_str(&frame.name);
            if self.repeats(depth) {
                path.push_str(&format!("[{}]", frame.index));
            }
        }
        path
    }

    /// Whether the element at `depth` is one a schedule repeats (days,
    /// rooms, events, persons), which its place counts.
    fn repeats(&self, depth: usize) -> bool {
        let names: Vec<&str> = self.stack[..=depth]
            .iter()
            .map(|f| f.name.as_str())
            .collect();
        matches!(
            names.as_slice(),
            ["schedule", "day"]
                | ["schedule", "day", "room"]
                | ["schedule", "day", "room", "event"]
                | ["schedule", "day", "room", "event", "persons", "person"]
        )
    }

    /// The place of the event being read.
    fn event_path(&self) -> String {
        let mut path = String::new();
        for (depth, frame) in self.stack.iter().enumerate().take(4) {
            path.push('/');
            path.push_str(&frame.name);
            if self.repeats(depth) {
                path.push_str(&format!("[{}]", frame.index));
            }
        }
        path
    }

    /// Where the element being read is, relative to its event.
    fn in_event(&self) -> String {
        self.path()[self.event_path().len()..].to_owned()
    }

    fn open(&mut self, start: &BytesStart) -> Result<(), (String, String)> {
        let name = start.local_name().as_ref().to_owned();
        self.seen_root = true;
        let index = match self.stack.last_mut() {
            Some(parent) => {
                let count = parent.children.entry(name.clone()).or_default();
                *count += 1;
                *count
            }
            None => 1,
        };
        self.stack.push(Frame {
            name,
            index,
            children: HashMap::new(),
        });
        let names: Vec<&str> = self.stack.iter().map(|f| f.name.as_str()).collect();
        let field = match names.as_slice() {
            [root] if *root != "schedule" => {
                return Err((
                    "/".into(),
                    format!("the root element is <{root}>: a frab schedule's is <schedule>"),
                ))
            }
            ["schedule", "conference", "title"] => Some(Field::ConferenceTitle),
            ["schedule", "conference", "start"] => Some(Field::ConferenceStart),
            ["schedule", "conference", "end"] => Some(Field::ConferenceEnd),
            ["schedule", "conference", "time_zone_name"] => Some(Field::ConferenceTimeZone),
            ["schedule", "conference"] => {
                self.written.conference.place = self.path();
                None
            }
            ["schedule", "day"] => {
                let day = Day {
                    place: self.path(),
                    date: self.attribute(start, "date"),
                    start: self.attribute(start, "start"),
                };
                self.written.days.push(day);
                None
            }
            ["schedule", "day", "room"] => {
                self.room = self.attribute(start, "name").and_then(|v| given(&v.text));
                None
            }
            ["schedule", "day", "room", "event"] => {
                let event = Event {
                    place: self.path(),
                    day: self.written.days.len() - 1,
                    guid: self.attribute(start, "guid"),
                    id: self.attribute(start, "id"),
                    room: self.room.clone(),
                    ..Event::default()
                };
                self.written.events.push(event);
                None
            }
            ["schedule", "day", "room", "event", field] => match *field {
                "date" => Some(Field::Date),
                "start" => Some(Field::Start),
                "duration" => Some(Field::Duration),
                "room" => Some(Field::Room),
                "title" => Some(Field::Title),
                "track" => Some(Field::Track),
                "abstract" => Some(Field::Abstract),
                "description" => Some(Field::Description),
                _ => None,
            },
            ["schedule", "day", "room", "event", "persons", "person"] => {
                let at = self.in_event();
                // pretalx writes `id`; other exporters a `code` or `guid`.
                let id = ["id", "code", "guid"]
                    .into_iter()
                    .find_map(|name| self.attribute(start, name));
                if let Some(event) = self.written.events.last_mut() {
                    event.persons.push(Person {
                        at,
                        id,
                        ..Person::default()
                    });
                }
                Some(Field::PersonName)
            }
            _ => None,
        };
        if let (Some(field), None) = (field, self.capture) {
            self.capture = Some((field, self.stack.len()));
            self.text.clear();
        }
        Ok(())
    }

    /// An attribute's value, its place relative to the event or day it is on.
    fn attribute(&mut self, start: &BytesStart, name: &str) -> Option<Value> {
        let attribute = start
            .attributes()
            .flatten()
            .find(|a| a.key.local_name().as_ref() == name)?;
        let at = if self.stack.len() == 4 || self.stack.len() == 2 {
            format!("/@{name}")
        } else {
            format!("{}/@{name}", self.in_event())
        };
        match attribute.normalized_value(XmlVersion::Implicit1_0) {
            Ok(value) => given(&value).map(|text| Value::new(text, at)),
            Err(error) => {
                let place = format!("{}/@{name}", self.path());
                self.written.problems.push((place, error.to_string()));
                None
            }
        }
    }

    fn text(&mut self, text: &str) {
        if self.capture.is_some() {
            self.text.push_str(text);
        }
    }

    fn problem(&mut self, message: String) {
        self.written.problems.push((self.path(), message));
    }

    fn close(&mut self) {
        if let Some((field, depth)) = self.capture {
            if depth == self.stack.len() {
                self.capture = None;
                let text = std::mem::take(&mut self.text);
                self.store(field, &text);
            }
        }
        if self.stack.len() == 3 && self.stack[1].name == "day" {
            self.room = None;
        }
        self.stack.pop();
    }

    /// Keeps the text of a field just closed.
    fn store(&mut self, field: Field, text: &str) {
        let place = self.path();
        let at = self.in_event();
        let value = given(text).map(|text| Value::new(text, at.clone()));
        let conference = &mut self.written.conference;
        let absolute =
            given(text).map(|text| Value::new(text, place[conference.place.len()..].to_owned()));
        match field {
            Field::ConferenceTitle => conference.title = absolute,
            Field::ConferenceStart => conference.start = absolute,
            Field::ConferenceEnd => conference.end = absolute,
            Field::ConferenceTimeZone => conference.time_zone = absolute,
            _ => {
                let Some(event) = self.written.events.last_mut() else {
                    return;
                };
                match field {
                    Field::Date => event.date = value,
                    Field::Start => event.start = value,
                    Field::Duration => event.duration = value,
                    Field::Room => {
                        if event.room.is_none() {
                            event.room = given(text);
                        }
                    }
                    Field::Title => event.title = value,
                    Field::Track => event.track = given(text),
                    Field::Abstract => event.abstract_ = given(text),
                    Field::Description => event.description = given(text),
                    Field::PersonName => {
                        if let Some(person) = event.persons.last_mut() {
                            person.name = value;
                        }
                    }
                    Field::ConferenceTitle
                    | Field::ConferenceStart
                    | Field::ConferenceEnd
                    | Field::ConferenceTimeZone => {}
                }
            }
        }
    }
}

/// The 1-based line and column of a byte offset, read again from the file
/// (only when there is an error to place).
fn line_and_column(path: &Path, offset: u64) -> (usize, usize) {
    let bytes = fs::read(path).unwrap_or_default();
    let before = &bytes[..(offset as usize).min(bytes.len())];
    let line = before.iter().filter(|&&b| b == b'\n').count() + 1;
    let line_start = before
        .iter()
        .rposition(|&b| b == b'\n')
        .map_or(0, |i| i + 1);
    let column = String::from_utf8_lossy(&before[line_start..])
        .chars()
        .count()
        + 1;
    (line, column)
}
