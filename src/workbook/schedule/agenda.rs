//! A schedule as written turned into what a pack holds: each event a
//! session, each person a speaker (one, however many events they speak at),
//! times in RFC 3339 with the offset of their own day, and every problem
//! found at the place it was written.

use std::collections::{BTreeSet, HashMap, HashSet};

use jiff::tz::TimeZone;

use crate::pack::content::TextInput;
use crate::pack::kinds::session::SessionInput;
use crate::pack::kinds::speaker::SpeakerInput;
use crate::workbook::SourceProblem;

use super::ids::{id_of, slug};
use super::markup;
use super::times::{self, Moment};
use super::written::{Event, Person, Value, Written};
use super::{Conference, Placed, Schedule};

pub fn build(
    source: &str,
    written: Written,
    timezone: Option<&str>,
) -> Result<Schedule, Vec<SourceProblem>> {
    let mut agenda = Agenda {
        source,
        problems: Vec::new(),
        sessions: Vec::new(),
        session_ids: HashMap::new(),
        speakers: Vec::new(),
        speaker_ids: HashMap::new(),
        zone_missing_told: false,
        days_told: HashSet::new(),
    };
    for (place, message) in &written.problems {
        agenda.problem(place.clone(), message.clone());
    }
    let conference = &written.conference;
    let named_zone = conference.time_zone.as_ref().and_then(|name| {
        times::zone(&name.text)
            .map_err(|message| agenda.problem(format!("{}{}", conference.place, name.at), message))
            .ok()
    });
    // The caller has checked its own zone (the event sheet's) and said so.
    let zone = named_zone
        .clone()
        .or_else(|| timezone.and_then(|name| TimeZone::get(name).ok()));
    let days: Vec<DayClock> = written
        .days
        .iter()
        .enumerate()
        .map(|(index, day)| {
            let date = day.date.as_ref().and_then(|date| {
                let parsed = times::date(&date.text);
                if parsed.is_none() {
                    agenda.days_told.insert(index);
                    agenda.problem(
                        format!("{}{}", day.place, date.at),
                        format!("\"{}\" is not a date (YYYY-MM-DD)", date.text),
                    );
                }
                parsed
            });
            let start = day.start.as_ref().and_then(|start| {
                let parsed = times::moment(&start.text);
                if parsed.is_none() {
                    agenda.problem(
                        format!("{}{}", day.place, start.at),
                        format!("\"{}\" is not a date-time", start.text),
                    );
                }
                parsed
            });
            DayClock {
                place: day.place.clone(),
                date: date.or(start.map(|s| s.datetime.date())),
                start,
            }
        })
        .collect();
    let conference = conference_of(&mut agenda, &written, &days, named_zone.as_ref());
    for event in written.events {
        agenda.event(event, &days, zone.as_ref());
    }
    if agenda.problems.is_empty() {
        Ok(Schedule {
            conference,
            sessions: agenda.sessions,
            speakers: agenda
                .speakers
                .into_iter()
                .map(|(placed, _)| placed)
                .collect(),
        })
    } else {
        Err(agenda.problems)
    }
}

/// A day as its events need it: the date, and the moment it starts, which
/// tells an event after midnight (listed under the day before) and, with
/// no zone known, the day's offset.
struct DayClock {
    place: String,
    date: Option<jiff::civil::Date>,
    start: Option<Moment>,
}

struct Agenda<'s> {
    source: &'s str,
    problems: Vec<SourceProblem>,
    sessions: Vec<Placed<SessionInput>>,
    /// Each session id, with the place of the value it came from.
    session_ids: HashMap<String, String>,
    /// Each speaker, and whether its id is a slug of its name.
    speakers: Vec<(Placed<SpeakerInput>, bool)>,
    speaker_ids: HashMap<String, usize>,
    zone_missing_told: bool,
    /// Days whose date was already found wanting, said once per day.
    days_told: HashSet<usize>,
}

impl Agenda<'_> {
    fn problem(&mut self, place: String, message: impl Into<String>) {
        self.problems.push(SourceProblem {
            source: self.source.to_owned(),
            place,
            message: message.into(),
        });
    }

    fn event(&mut self, event: Event, days: &[DayClock], zone: Option<&TimeZone>) {
        let at = |value: &Value| format!("{}{}", event.place, value.at);
        for (relative, message) in &event.problems {
            self.problem(format!("{}{relative}", event.place), message.clone());
        }
        let id = self.session_id(&event);
        let title = event.title.as_ref().map(|title| title.text.clone());
        if title.is_none() && !event.told("/title") {
            self.problem(event.place.clone(), "no \"title\": every session needs one");
        }
        let times = self.times(&event, &days[event.day], zone);
        let duration = match &event.duration {
            None if event.told("/duration") => None,
            None => {
                self.problem(
                    event.place.clone(),
                    "no \"duration\": every session needs one (HH:MM, or D:HH:MM for a day or more)",
                );
                None
            }
            Some(duration) => {
                let parsed = times::duration(&duration.text);
                if parsed.is_none() {
                    self.problem(
                        at(duration),
                        format!(
                            "\"{}\" is not a duration (HH:MM, or D:HH:MM for a day or more)",
                            duration.text
                        ),
                    );
                }
                parsed
            }
        };
        let mut speakers = Vec::new();
        for person in &event.persons {
            if let Some(speaker) = self.speaker(&event.place, person) {
                if !speakers.contains(&speaker) {
                    speakers.push(speaker);
                }
            }
        }
        let (Some(id), Some(title), Some((starts, zone)), Some(duration)) =
            (id, title, times, duration)
        else {
            return;
        };
        let ends = starts + duration;
        // Moved, not copied, when there is one: a large schedule's texts
        // are most of its weight.
        let description = match (event.abstract_, event.description) {
            (Some(abstract_), Some(description)) if abstract_ != description => {
                Some(format!("{abstract_}\n\n{description}"))
            }
            (Some(text), _) | (None, Some(text)) => Some(text),
            (None, None) => None,
        }
        .map(markup::markdown);
        let session = SessionInput {
            id,
            title: TextInput::Same(title),
            starts: times::rfc3339(starts, &zone),
            ends: times::rfc3339(ends, &zone),
            room: event.room.map(TextInput::Same),
            track: event.track.map(TextInput::Same),
            speakers,
            description: description.map(TextInput::Same),
        };
        self.sessions.push(Placed {
            value: session,
            source: self.source.to_owned(),
            place: event.place,
        });
    }

    /// The event's `guid`, else its `id`, as a pack id; a second event with
    /// the same id is a problem (the pack would refuse it anyway, far from
    /// the file).
    fn session_id(&mut self, event: &Event) -> Option<String> {
        let Some(written) = event.guid.as_ref().or(event.id.as_ref()) else {
            if event.told("/guid") || event.told("/id") {
                return None;
            }
            self.problem(
                event.place.clone(),
                "no \"guid\" or \"id\": every session needs one",
            );
            return None;
        };
        let place = format!("{}{}", event.place, written.at);
        let Some(id) = id_of(&written.text) else {
            self.problem(
                place,
                format!(
                    "\"{}\" has no letter or digit to make an id of",
                    written.text
                ),
            );
            return None;
        };
        if let Some(first) = self.session_ids.get(&id) {
            let message = format!("session id \"{id}\" is also the id of the event at {first}");
            self.problem(place, message);
            return None;
        }
        self.session_ids.insert(id.clone(), place);
        Some(id)
    }

    /// When the event starts, and the zone its times are written in.
    fn times(
        &mut self,
        event: &Event,
        day: &DayClock,
        zone: Option<&TimeZone>,
    ) -> Option<(jiff::Timestamp, TimeZone)> {
        let at = |value: &Value| format!("{}{}", event.place, value.at);
        // pretalx's `date` carries the offset: it wins over `start`, which
        // the c3voc schema also allows to be a whole date-time.
        let whole = event.date.as_ref().or(event
            .start
            .as_ref()
            .filter(|start| times::moment(&start.text).is_some()));
        let (datetime, offset, place, written) = if let Some(date) = whole {
            let Some(moment) = times::moment(&date.text) else {
                self.problem(
                    at(date),
                    format!(
                        "\"{}\" is not a date-time (e.g. 2021-07-08T09:30:00+08:00)",
                        date.text
                    ),
                );
                return None;
            };
            (moment.datetime, moment.offset, at(date), &date.text)
        } else {
            let Some(start) = &event.start else {
                if event.told("/start") || event.told("/date") {
                    return None;
                }
                self.problem(
                    event.place.clone(),
                    "no \"start\" or \"date\": every session needs one",
                );
                return None;
            };
            let Some(time) = times::time_of_day(&start.text) else {
                self.problem(at(start), format!("\"{}\" is not a time", start.text));
                return None;
            };
            let Some(date) = day.date else {
                if self.days_told.insert(event.day) {
                    self.problem(
                        day.place.clone(),
                        "the day has no date (YYYY-MM-DD), so its events have none",
                    );
                }
                return None;
            };
            let mut datetime = date.to_datetime(time);
            // Listed under the day it belongs to, but after midnight.
            if let Some(day_start) = day.start {
                if datetime < day_start.datetime {
                    datetime = datetime.checked_add(jiff::Span::new().days(1)).ok()?;
                }
            }
            (datetime, None, at(start), &start.text)
        };
        let fallback = offset.or(day.start.and_then(|start| start.offset));
        let zone = zone.cloned().or_else(|| fallback.map(TimeZone::fixed));
        let Some(zone) = zone else {
            if !self.zone_missing_told {
                self.zone_missing_told = true;
                self.problem(
                    place,
                    format!(
                        "no time zone to place \"{written}\" in (nor any time of this file): \
                         give the schedule a time_zone_name, or the workbook's event sheet a timezone"
                    ),
                );
            }
            return None;
        };
        let instant = match offset {
            Some(offset) => offset.to_timestamp(datetime).ok(),
            None => times::instant(datetime, &zone),
        };
        instant.map(|instant| (instant, zone))
    }

    /// The speaker a person is, added the first time they are met.
    fn speaker(&mut self, event_place: &str, person: &Person) -> Option<String> {
        let place = format!("{event_place}{}", person.at);
        let Some(name) = &person.name else {
            self.problem(place, "a person needs a name");
            return None;
        };
        let (id, from_name) = match &person.id {
            Some(written) => match id_of(&written.text) {
                Some(id) => (id, false),
                None => {
                    self.problem(
                        format!("{event_place}{}", written.at),
                        format!(
                            "\"{}\" has no letter or digit to make an id of",
                            written.text
                        ),
                    );
                    return None;
                }
            },
            None => match slug(&name.text) {
                Some(id) => (id, true),
                None => {
                    self.problem(
                        place,
                        format!(
                            "no id can be made of the name \"{}\": give the person an id",
                            name.text
                        ),
                    );
                    return None;
                }
            },
        };
        let bio = || {
            person
                .bio
                .clone()
                .map(markup::markdown)
                .map(TextInput::Same)
        };
        match self.speaker_ids.get(&id) {
            Some(&index) => {
                let (first, first_from_name) = &mut self.speakers[index];
                let first_name = match &first.value.name {
                    TextInput::Same(name) => name.clone(),
                    TextInput::PerLanguage(_) => String::new(),
                };
                if (from_name || *first_from_name) && first_name != name.text {
                    let message = format!(
                        "speaker id \"{id}\" of \"{}\" is also that of \"{first_name}\" at {}: \
                         give one of them an id",
                        name.text, first.place
                    );
                    self.problem(place, message);
                    return None;
                }
                if first.value.bio.is_none() {
                    first.value.bio = bio();
                }
            }
            None => {
                self.speaker_ids.insert(id.clone(), self.speakers.len());
                let speaker = SpeakerInput {
                    id: id.clone(),
                    name: TextInput::Same(name.text.clone()),
                    title: None,
                    organization: None,
                    photo: None,
                    bio: bio(),
                    exhibitor: None,
                };
                self.speakers.push((
                    Placed {
                        value: speaker,
                        source: self.source.to_owned(),
                        place,
                    },
                    from_name,
                ));
            }
        }
        Some(id)
    }
}

/// The conference, when the file names it: its title, its first and last
/// day (from `start`/`end`, else its days), its zone.
fn conference_of(
    agenda: &mut Agenda,
    written: &Written,
    days: &[DayClock],
    zone: Option<&TimeZone>,
) -> Option<Conference> {
    let conference = &written.conference;
    let mut date = |value: &Option<Value>, from_days: Option<jiff::civil::Date>| match value {
        Some(value) => {
            let parsed = times::date(&value.text);
            if parsed.is_none() {
                agenda.problem(
                    format!("{}{}", conference.place, value.at),
                    format!("\"{}\" is not a date (YYYY-MM-DD)", value.text),
                );
            }
            parsed
        }
        None => from_days,
    };
    let dates: BTreeSet<jiff::civil::Date> = days.iter().filter_map(|day| day.date).collect();
    let starts_on = date(&conference.start, dates.first().copied());
    let ends_on = date(&conference.end, dates.last().copied());
    Some(Conference {
        title: conference.title.as_ref()?.text.clone(),
        starts_on: starts_on?.to_string(),
        ends_on: ends_on?.to_string(),
        timezone: zone.and_then(|zone| zone.iana_name().map(str::to_owned)),
    })
}
