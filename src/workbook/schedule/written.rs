//! A schedule file as written, whatever its format: the strings the frab XML
//! and c3voc JSON readers find, each with where it was, before any of them
//! is judged. The two readers differ only in how they find these; what a
//! session and a speaker are made of is decided once, in `agenda`.

/// A piece of text and where it was, relative to what holds it: `/start`,
/// `/@guid` (an XML attribute), `/persons/0/code`.
#[derive(Debug, Clone)]
pub struct Value {
    pub text: String,
    pub at: String,
}

impl Value {
    pub fn new(text: impl Into<String>, at: impl Into<String>) -> Value {
        Value {
            text: text.into(),
            at: at.into(),
        }
    }
}

/// What a file says about the conference (`/schedule/conference`).
#[derive(Debug, Default)]
pub struct Conference {
    pub place: String,
    pub title: Option<Value>,
    pub start: Option<Value>,
    pub end: Option<Value>,
    pub time_zone: Option<Value>,
}

/// One day of the schedule: its date and, where the file says, the moment
/// it starts (pretalx's days run from 04:00 to 03:59 the next morning).
#[derive(Debug, Default)]
pub struct Day {
    pub place: String,
    pub date: Option<Value>,
    pub start: Option<Value>,
}

/// One event of the schedule, with the index of its day in `Written::days`.
#[derive(Debug, Default)]
pub struct Event {
    pub place: String,
    pub day: usize,
    pub guid: Option<Value>,
    pub id: Option<Value>,
    pub title: Option<Value>,
    /// The full start with offset (pretalx), which wins over `start`.
    pub date: Option<Value>,
    pub start: Option<Value>,
    pub duration: Option<Value>,
    /// The name of the room the event is listed under, else its own.
    pub room: Option<String>,
    pub track: Option<String>,
    pub abstract_: Option<String>,
    pub description: Option<String>,
    pub persons: Vec<Person>,
    /// Values of a shape the reader could not take, as (`at`, message).
    pub problems: Vec<(String, String)>,
}

impl Event {
    /// Whether the reader already found the value at `at` wanting, so its
    /// absence is not a second problem.
    pub fn told(&self, at: &str) -> bool {
        self.problems.iter().any(|(told, _)| told == at)
    }
}

/// One person of an event; `at` relative to the event (`/persons/person[2]`).
#[derive(Debug, Default)]
pub struct Person {
    pub at: String,
    pub id: Option<Value>,
    pub name: Option<Value>,
    pub bio: Option<String>,
}

/// The whole file as written.
#[derive(Debug, Default)]
pub struct Written {
    pub conference: Conference,
    pub days: Vec<Day>,
    pub events: Vec<Event>,
    /// Problems outside any event, as (place, message).
    pub problems: Vec<(String, String)>,
}

/// Text that says something: trimmed, and `None` when nothing is left.
pub fn given(text: &str) -> Option<String> {
    let text = text.trim();
    (!text.is_empty()).then(|| text.to_owned())
}
