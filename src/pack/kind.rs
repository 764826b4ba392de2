//! Every kind of entity a pack holds, and what the format says of each: its
//! file, whether that holds one object or an array, what a reference to
//! one is called, whether visitors search it and whether a slide may link
//! to it. The file lists, the report's order, the references resolve
//! checks and the order it reads files in are all derived from here, and
//! each decision is a `match` without a `_` arm, so a new kind makes the
//! compiler name every place that must decide about it.
//!
//! At the bottom of `pack` with `problems`: every other module may use it.

use crate::model::{HitKind, LinkKind};
use crate::pack::problems::FileOrder;

pub const MANIFEST: &str = "manifest.json";
/// The minisign signature of the manifest; not listed in `files`.
pub const SIGNATURE: &str = "manifest.json.minisig";

/// A kind of entity, one content file each.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Kind {
    /// The event, with its exhibitor categories.
    Event,
    News,
    Park,
    Exhibitor,
    Session,
    Speaker,
    /// The venue: halls with their stands and spots.
    Venue,
    Slide,
}

/// What a content file holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Shape {
    Object,
    /// One entity per element, each with an `id`.
    Array,
}

impl Kind {
    /// Every kind, in the format's order (docs/pack-format.md).
    pub const ALL: [Kind; 8] = [
        Kind::Event,
        Kind::News,
        Kind::Park,
        Kind::Exhibitor,
        Kind::Session,
        Kind::Speaker,
        Kind::Venue,
        Kind::Slide,
    ];

    /// The order `resolve` reads the files in: every kind after the kinds
    /// it refers to ([`Kind::references`]), so a reference is checked
    /// against ids already read and only id sets are kept.
    pub const READ_ORDER: [Kind; 8] = [
        Kind::Event,
        Kind::Venue,
        Kind::News,
        Kind::Park,
        Kind::Exhibitor,
        Kind::Speaker,
        Kind::Session,
        Kind::Slide,
    ];

    pub const fn file(self) -> &'static str {
        match self {
            Kind::Event => "content/event.json",
            Kind::News => "content/news.json",
            Kind::Park => "content/parks.json",
            Kind::Exhibitor => "content/exhibitors.json",
            Kind::Session => "content/sessions.json",
            Kind::Speaker => "content/speakers.json",
            Kind::Venue => "content/venue.json",
            Kind::Slide => "content/slides.json",
        }
    }

    pub const fn shape(self) -> Shape {
        match self {
            Kind::Event | Kind::Venue => Shape::Object,
            Kind::News
            | Kind::Park
            | Kind::Exhibitor
            | Kind::Session
            | Kind::Speaker
            | Kind::Slide => Shape::Array,
        }
    }

    /// What the ids others refer to are called in a problem ("unknown
    /// park"): for the event its categories, for the venue its halls.
    /// `None` for a kind nothing refers to.
    pub const fn label(self) -> Option<&'static str> {
        match self {
            Kind::Event => Some("category"),
            Kind::News => Some("news item"),
            Kind::Park => Some("park"),
            Kind::Exhibitor => Some("exhibitor"),
            Kind::Session => Some("session"),
            Kind::Speaker => Some("speaker"),
            Kind::Venue => Some("hall"),
            Kind::Slide => None,
        }
    }

    /// The kinds this one's entities refer to.
    pub const fn references(self) -> &'static [Kind] {
        match self {
            Kind::Event | Kind::News | Kind::Park | Kind::Venue => &[],
            Kind::Exhibitor => &[Kind::Event, Kind::Park, Kind::Venue],
            Kind::Speaker => &[Kind::Exhibitor],
            Kind::Session => &[Kind::Speaker],
            Kind::Slide => &[Kind::News, Kind::Park, Kind::Exhibitor, Kind::Session],
        }
    }

    /// What a search hit of this kind is, if visitors search it.
    pub const fn hit_kind(self) -> Option<HitKind> {
        match self {
            Kind::News => Some(HitKind::News),
            Kind::Park => Some(HitKind::Park),
            Kind::Exhibitor => Some(HitKind::Exhibitor),
            Kind::Session => Some(HitKind::Session),
            Kind::Speaker => Some(HitKind::Speaker),
            Kind::Event | Kind::Venue | Kind::Slide => None,
        }
    }

    /// What a slide's link to this kind is, if a slide may link to it.
    pub const fn link_kind(self) -> Option<LinkKind> {
        match self {
            Kind::News => Some(LinkKind::News),
            Kind::Park => Some(LinkKind::Park),
            Kind::Exhibitor => Some(LinkKind::Exhibitor),
            Kind::Session => Some(LinkKind::Session),
            Kind::Event | Kind::Speaker | Kind::Venue | Kind::Slide => None,
        }
    }

    /// The kind a slide's link points at.
    pub fn linked(link: LinkKind) -> Kind {
        Kind::the_one(|kind| kind.link_kind() == Some(link))
    }

    /// The kind of a search hit.
    pub fn searched(hit: HitKind) -> Kind {
        Kind::the_one(|kind| kind.hit_kind() == Some(hit))
    }

    /// The kind `is_it` picks: every link and hit kind is some kind's
    /// (tested below).
    fn the_one(is_it: impl Fn(Kind) -> bool) -> Kind {
        match Kind::ALL.into_iter().find(|kind| is_it(*kind)) {
            Some(kind) => kind,
            None => unreachable!("a link or hit kind that is no kind's"),
        }
    }

    /// Its position in [`Kind::ALL`], for tables indexed by kind.
    pub const fn index(self) -> usize {
        self as usize
    }
}

/// The content files in the format's order.
pub const CONTENT_FILES: [&str; Kind::ALL.len()] = {
    let mut files = [""; Kind::ALL.len()];
    let mut at = 0;
    while at < files.len() {
        files[at] = Kind::ALL[at].file();
        at += 1;
    }
    files
};

/// The content files in path order, the order their syntax is checked in
/// (as reports always have).
pub const CONTENT_FILES_BY_PATH: [&str; Kind::ALL.len()] = {
    let mut files = CONTENT_FILES;
    // An insertion sort: it runs once, at compile time.
    let mut sorted = 1;
    while sorted < files.len() {
        let mut at = sorted;
        while at > 0 && is_before(files[at], files[at - 1]) {
            let swap = files[at];
            files[at] = files[at - 1];
            files[at - 1] = swap;
            at -= 1;
        }
        sorted += 1;
    }
    files
};

/// Whether `a` sorts before `b`, byte by byte (as `str`'s `Ord`).
const fn is_before(a: &str, b: &str) -> bool {
    let (a, b) = (a.as_bytes(), b.as_bytes());
    let mut at = 0;
    while at < a.len() && at < b.len() {
        if a[at] != b[at] {
            return a[at] < b[at];
        }
        at += 1;
    }
    a.len() < b.len()
}

/// The content file of each kind, or `None` for a file the format does not
/// know.
pub fn of_file(path: &str) -> Option<Kind> {
    Kind::ALL.into_iter().find(|kind| kind.file() == path)
}

/// The order every report lists its files in.
pub static REPORT_ORDER: FileOrder = FileOrder {
    first: MANIFEST,
    by_path: &CONTENT_FILES_BY_PATH,
    by_format: &CONTENT_FILES,
};

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_kind_is_read_after_the_kinds_it_refers_to() {
        let mut read = Vec::new();
        for kind in Kind::READ_ORDER {
            for referred in kind.references() {
                assert!(
                    read.contains(referred),
                    "{kind:?} is read before {referred:?}"
                );
                assert!(referred.label().is_some(), "{referred:?} has no label");
            }
            assert!(!read.contains(&kind), "{kind:?} is read twice");
            read.push(kind);
        }
        assert_eq!(read.len(), Kind::ALL.len());
    }

    #[test]
    fn links_and_hits_name_one_kind_each() {
        for link in [
            LinkKind::News,
            LinkKind::Park,
            LinkKind::Exhibitor,
            LinkKind::Session,
        ] {
            assert_eq!(Kind::linked(link).link_kind(), Some(link));
            assert!(Kind::Slide.references().contains(&Kind::linked(link)));
        }
        for hit in [
            HitKind::News,
            HitKind::Park,
            HitKind::Exhibitor,
            HitKind::Session,
            HitKind::Speaker,
        ] {
            assert_eq!(Kind::searched(hit).hit_kind(), Some(hit));
        }
        for (index, kind) in Kind::ALL.into_iter().enumerate() {
            assert_eq!(kind.index(), index);
        }
    }

    #[test]
    fn files_by_path_are_sorted() {
        let mut sorted = CONTENT_FILES.to_vec();
        sorted.sort();
        assert_eq!(CONTENT_FILES_BY_PATH.to_vec(), sorted);
    }
}
