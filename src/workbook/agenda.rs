//! The agenda from schedule files and the `sessions` and `speakers` sheets
//! together: a sheet row whose id a schedule also has adds to that entity
//! and wins where both give a field (a speaker's photo, the exhibitor they
//! belong to); other rows are entities of their own, which must then give
//! every required field. Without an `event` sheet the event comes from the
//! first schedule that names its conference.
//!
//! Tests are in `tests/core/workbook.rs`.

use std::collections::HashMap;

use crate::pack::content::TextInput;
use crate::pack::kinds::event::EventInput;
use crate::pack::kinds::session::SessionInput;
use crate::pack::kinds::speaker::SpeakerInput;
use crate::workbook::origin::Origin;
use crate::workbook::schedule::{Placed, Schedule};

/// A `sessions` row: every field as the sheet gives it, `None` where its
/// cell is empty.
#[derive(Debug, Default, Clone)]
pub struct SessionRow {
    pub id: String,
    pub title: Option<TextInput>,
    pub starts: Option<String>,
    pub ends: Option<String>,
    pub room: Option<TextInput>,
    pub track: Option<TextInput>,
    pub speakers: Vec<String>,
    pub description: Option<TextInput>,
}

/// A `speakers` row, as [`SessionRow`].
#[derive(Debug, Default, Clone)]
pub struct SpeakerRow {
    pub id: String,
    pub name: Option<TextInput>,
    pub title: Option<TextInput>,
    pub organization: Option<TextInput>,
    pub photo: Option<String>,
    pub bio: Option<TextInput>,
    pub exhibitor: Option<String>,
}

/// A sheet row and where it is: its sheet (as [`Origin::Row`] numbers
/// them) and row.
pub struct SheetRow<T> {
    pub value: T,
    pub sheet: u16,
    pub row: u32,
}

impl<T> SheetRow<T> {
    /// Where the row is, for problems found in what it became.
    pub fn origin(&self) -> Origin {
        Origin::Row {
            sheet: self.sheet,
            row: self.row,
        }
    }
}

/// A row of its own (no schedule has its id) missing required fields: the
/// row and the fields' names, for problems at their cells.
pub struct Incomplete {
    pub sheet: u16,
    pub row: u32,
    pub missing: Vec<&'static str>,
}

/// The merged agenda, each entity with its origin, in the schedules'
/// order then the sheets'.
pub struct Agenda {
    pub event: Option<EventInput>,
    pub sessions: Vec<(SessionInput, Origin)>,
    pub speakers: Vec<(SpeakerInput, Origin)>,
    pub incomplete: Vec<Incomplete>,
}

/// A sheet row laid over a schedule's entity, or standing alone.
trait Row: Sized {
    type Input;
    fn id(&self) -> &str;
    fn input_id(input: &Self::Input) -> &str;
    /// The row over `base`; alone, the required fields it lacks.
    fn over(self, base: Option<Self::Input>) -> Result<Self::Input, Vec<&'static str>>;
}

impl Row for SessionRow {
    type Input = SessionInput;
    fn id(&self) -> &str {
        &self.id
    }
    fn input_id(input: &SessionInput) -> &str {
        &input.id
    }
    fn over(self, base: Option<SessionInput>) -> Result<SessionInput, Vec<&'static str>> {
        let (title, starts, ends) = match base {
            Some(base) => {
                return Ok(SessionInput {
                    id: base.id,
                    title: self.title.unwrap_or(base.title),
                    starts: self.starts.unwrap_or(base.starts),
                    ends: self.ends.unwrap_or(base.ends),
                    room: self.room.or(base.room),
                    track: self.track.or(base.track),
                    speakers: if self.speakers.is_empty() {
                        base.speakers
                    } else {
                        self.speakers
                    },
                    description: self.description.or(base.description),
                })
            }
            None => (self.title, self.starts, self.ends),
        };
        match (title, starts, ends) {
            (Some(title), Some(starts), Some(ends)) => Ok(SessionInput {
                id: self.id,
                title,
                starts,
                ends,
                room: self.room,
                track: self.track,
                speakers: self.speakers,
                description: self.description,
            }),
            (title, starts, ends) => Err([
                ("title", title.is_none()),
                ("starts", starts.is_none()),
                ("ends", ends.is_none()),
            ]
            .into_iter()
            .filter_map(|(name, missing)| missing.then_some(name))
            .collect()),
        }
    }
}

impl Row for SpeakerRow {
    type Input = SpeakerInput;
    fn id(&self) -> &str {
        &self.id
    }
    fn input_id(input: &SpeakerInput) -> &str {
        &input.id
    }
    fn over(self, base: Option<SpeakerInput>) -> Result<SpeakerInput, Vec<&'static str>> {
        let name = match (self.name, &base) {
            (Some(name), _) => name,
            (None, Some(base)) => base.name.clone(),
            (None, None) => return Err(vec!["name"]),
        };
        Ok(match base {
            Some(base) => SpeakerInput {
                id: base.id,
                name,
                title: self.title.or(base.title),
                organization: self.organization.or(base.organization),
                photo: self.photo.or(base.photo),
                bio: self.bio.or(base.bio),
                exhibitor: self.exhibitor.or(base.exhibitor),
            },
            None => SpeakerInput {
                id: self.id,
                name,
                title: self.title,
                organization: self.organization,
                photo: self.photo,
                bio: self.bio,
                exhibitor: self.exhibitor,
            },
        })
    }
}

/// Merges the schedules with the sheets' rows.
pub fn merge(
    schedules: Vec<Schedule>,
    sessions: Vec<SheetRow<SessionRow>>,
    speakers: Vec<SheetRow<SpeakerRow>>,
) -> Agenda {
    let mut event = None;
    let mut placed_sessions = Vec::new();
    let mut placed_speakers = Vec::new();
    for schedule in schedules {
        if let (None, Some(conference)) = (&event, schedule.conference) {
            event = Some(EventInput {
                name: TextInput::Same(conference.title),
                short_name: None,
                theme: None,
                starts_on: conference.starts_on,
                ends_on: conference.ends_on,
                timezone: conference.timezone.unwrap_or_default(),
                venue: None,
                logo: None,
                about: None,
                categories: Vec::new(),
            });
        }
        placed_sessions.extend(schedule.sessions);
        placed_speakers.extend(schedule.speakers);
    }
    let mut incomplete = Vec::new();
    let sessions = lay(placed_sessions, sessions, &mut incomplete);
    let speakers = lay(placed_speakers, speakers, &mut incomplete);
    Agenda {
        event,
        sessions,
        speakers,
        incomplete,
    }
}

/// Each row over the first placed entity with its id, else alone.
fn lay<R: Row>(
    placed: Vec<Placed<R::Input>>,
    rows: Vec<SheetRow<R>>,
    incomplete: &mut Vec<Incomplete>,
) -> Vec<(R::Input, Origin)> {
    let mut by_id: HashMap<String, usize> = HashMap::new();
    for (index, entity) in placed.iter().enumerate() {
        by_id
            .entry(R::input_id(&entity.value).to_owned())
            .or_insert(index);
    }
    let mut over: Vec<Option<SheetRow<R>>> = placed.iter().map(|_| None).collect();
    let mut alone = Vec::new();
    for row in rows {
        match by_id.get(row.value.id()) {
            Some(&index) if over[index].is_none() => over[index] = Some(row),
            _ => alone.push(row),
        }
    }
    let mut merged = Vec::with_capacity(placed.len() + alone.len());
    for (entity, row) in placed.into_iter().zip(over) {
        let Placed {
            value,
            source,
            place,
        } = entity;
        match row {
            None => merged.push((value, Origin::Placed { source, place })),
            Some(SheetRow {
                value: row,
                sheet,
                row: number,
            }) => {
                if let Ok(input) = row.over(Some(value)) {
                    merged.push((
                        input,
                        Origin::Both {
                            sheet,
                            row: number,
                            source,
                            place,
                        },
                    ));
                }
            }
        }
    }
    for SheetRow { value, sheet, row } in alone {
        match value.over(None) {
            Ok(input) => merged.push((input, Origin::Row { sheet, row })),
            Err(missing) => incomplete.push(Incomplete {
                sheet,
                row,
                missing,
            }),
        }
    }
    merged
}
