//! Schedule files (frab XML, c3voc JSON) as a pack's sessions and speakers.
//! This file holds only the interface `pack build` merges against; the
//! readers come with the `schedule` branch, which implements `read` here.

use crate::pack::kinds::session::SessionInput;
use crate::pack::kinds::speaker::SpeakerInput;

/// What a schedule file gives a pack.
pub struct Schedule {
    /// Without an `event` sheet the event comes from here.
    pub conference: Option<Conference>,
    pub sessions: Vec<Placed<SessionInput>>,
    pub speakers: Vec<Placed<SpeakerInput>>,
}

pub struct Conference {
    pub title: String,
    /// `YYYY-MM-DD`.
    pub starts_on: String,
    /// `YYYY-MM-DD`.
    pub ends_on: String,
    /// IANA, when the file says.
    pub timezone: Option<String>,
}

/// A value and where in its file it came from, so a problem the pack
/// validator finds later is reported at that place.
pub struct Placed<T> {
    pub value: T,
    /// The file name as given, e.g. `schedule.xml`.
    pub source: String,
    /// e.g. `/schedule/day[2]/room[1]/event[4]`.
    pub place: String,
}
