//! The JSON columns' own types: what `content.db` holds, apart from the
//! view types (`model`) the UI is shown. A field renamed for the screen
//! changes only a conversion here, never the bytes on disk; a change to
//! these types is a change to the schema and moves `SCHEMA_VERSION`.
//! Schema 2's columns are written exactly as these serialise.

use std::borrow::Cow;
use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use crate::model::{Booth, Figure, Html, LinkKind, Location, Media, SlideLink, Text};

/// A value kept in a JSON column as its stored form. Written from a
/// borrowed column (an import writes millions: nothing is copied to write
/// it), read back as an owned one (`Column<'static>`).
pub trait Stored: Sized + 'static {
    type Column<'a>: Serialize;
    fn to_column(&self) -> Self::Column<'_>;
    fn from_column(column: Self::Column<'static>) -> Self;
}

/// Localised text or rendered HTML: language code → text.
#[derive(Serialize, Deserialize)]
#[serde(transparent)]
pub struct TextColumn<'a>(Cow<'a, BTreeMap<String, String>>);

/// A media-store file name.
#[derive(Serialize, Deserialize)]
#[serde(transparent)]
pub struct MediaColumn<'a>(Cow<'a, str>);

#[derive(Serialize, Deserialize)]
pub struct FigureColumn<'a> {
    label: TextColumn<'a>,
    value: TextColumn<'a>,
}

#[derive(Serialize, Deserialize)]
pub struct LocationColumn {
    lat: f64,
    lon: f64,
}

/// Indexed by `json_extract(booth, '$.hall')` and `'$.stand'`.
#[derive(Serialize, Deserialize)]
pub struct BoothColumn<'a> {
    hall: Cow<'a, str>,
    stand: Cow<'a, str>,
}

#[derive(Serialize, Deserialize)]
pub struct LinkColumn<'a> {
    kind: LinkKindColumn,
    id: Cow<'a, str>,
}

#[derive(Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum LinkKindColumn {
    News,
    Park,
    Exhibitor,
    Session,
}

impl Stored for Text {
    type Column<'a> = TextColumn<'a>;
    fn to_column(&self) -> TextColumn<'_> {
        TextColumn(Cow::Borrowed(&self.0))
    }
    fn from_column(column: TextColumn<'static>) -> Self {
        Text(column.0.into_owned())
    }
}

impl Stored for Html {
    type Column<'a> = TextColumn<'a>;
    fn to_column(&self) -> TextColumn<'_> {
        TextColumn(Cow::Borrowed(&self.0))
    }
    fn from_column(column: TextColumn<'static>) -> Self {
        Html(column.0.into_owned())
    }
}

impl Stored for Media {
    type Column<'a> = MediaColumn<'a>;
    fn to_column(&self) -> MediaColumn<'_> {
        MediaColumn(Cow::Borrowed(&self.0))
    }
    fn from_column(column: MediaColumn<'static>) -> Self {
        Media(column.0.into_owned())
    }
}

impl Stored for Figure {
    type Column<'a> = FigureColumn<'a>;
    fn to_column(&self) -> FigureColumn<'_> {
        FigureColumn {
            label: self.label.to_column(),
            value: self.value.to_column(),
        }
    }
    fn from_column(column: FigureColumn<'static>) -> Self {
        Figure {
            label: Text::from_column(column.label),
            value: Text::from_column(column.value),
        }
    }
}

impl Stored for Location {
    type Column<'a> = LocationColumn;
    fn to_column(&self) -> LocationColumn {
        LocationColumn {
            lat: self.lat,
            lon: self.lon,
        }
    }
    fn from_column(column: LocationColumn) -> Self {
        Location {
            lat: column.lat,
            lon: column.lon,
        }
    }
}

impl Stored for Booth {
    type Column<'a> = BoothColumn<'a>;
    fn to_column(&self) -> BoothColumn<'_> {
        BoothColumn {
            hall: Cow::Borrowed(&self.hall),
            stand: Cow::Borrowed(&self.stand),
        }
    }
    fn from_column(column: BoothColumn<'static>) -> Self {
        Booth {
            hall: column.hall.into_owned(),
            stand: column.stand.into_owned(),
        }
    }
}

impl Stored for SlideLink {
    type Column<'a> = LinkColumn<'a>;
    fn to_column(&self) -> LinkColumn<'_> {
        let kind = match self.kind {
            LinkKind::News => LinkKindColumn::News,
            LinkKind::Park => LinkKindColumn::Park,
            LinkKind::Exhibitor => LinkKindColumn::Exhibitor,
            LinkKind::Session => LinkKindColumn::Session,
        };
        LinkColumn {
            kind,
            id: Cow::Borrowed(&self.id),
        }
    }
    fn from_column(column: LinkColumn<'static>) -> Self {
        let kind = match column.kind {
            LinkKindColumn::News => LinkKind::News,
            LinkKindColumn::Park => LinkKind::Park,
            LinkKindColumn::Exhibitor => LinkKind::Exhibitor,
            LinkKindColumn::Session => LinkKind::Session,
        };
        SlideLink {
            kind,
            id: column.id.into_owned(),
        }
    }
}

/// The pack's languages.
impl Stored for String {
    type Column<'a> = Cow<'a, str>;
    fn to_column(&self) -> Cow<'_, str> {
        Cow::Borrowed(self)
    }
    fn from_column(column: Cow<'static, str>) -> Self {
        column.into_owned()
    }
}

impl<T: Stored> Stored for Option<T> {
    type Column<'a> = Option<T::Column<'a>>;
    fn to_column(&self) -> Self::Column<'_> {
        self.as_ref().map(T::to_column)
    }
    fn from_column(column: Self::Column<'static>) -> Self {
        column.map(T::from_column)
    }
}

impl<T: Stored> Stored for Vec<T> {
    type Column<'a> = Vec<T::Column<'a>>;
    fn to_column(&self) -> Self::Column<'_> {
        self.iter().map(T::to_column).collect()
    }
    fn from_column(column: Self::Column<'static>) -> Self {
        column.into_iter().map(T::from_column).collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Schema 2's bytes: what an older build wrote must read back, and
    /// what this one writes must be what it wrote.
    #[test]
    fn columns_are_written_as_schema_2_has_them() {
        let text = Text([("en".into(), "Hall".into()), ("zh".into(), "馆".into())].into());
        let figure = Figure {
            label: text.clone(),
            value: text.clone(),
        };
        let link = SlideLink {
            kind: LinkKind::Exhibitor,
            id: "ibm".into(),
        };
        let booth = Booth {
            hall: "H1".into(),
            stand: "A01".into(),
        };
        let location = Location {
            lat: 31.5,
            lon: 121.0,
        };
        let cases = [
            (
                serde_json::to_string(&figure.to_column()).unwrap(),
                r#"{"label":{"en":"Hall","zh":"馆"},"value":{"en":"Hall","zh":"馆"}}"#,
            ),
            (
                serde_json::to_string(&link.to_column()).unwrap(),
                r#"{"kind":"exhibitor","id":"ibm"}"#,
            ),
            (
                serde_json::to_string(&booth.to_column()).unwrap(),
                r#"{"hall":"H1","stand":"A01"}"#,
            ),
            (
                serde_json::to_string(&location.to_column()).unwrap(),
                r#"{"lat":31.5,"lon":121.0}"#,
            ),
            (
                serde_json::to_string(&Some(Media("a.png".into())).to_column()).unwrap(),
                r#""a.png""#,
            ),
        ];
        for (written, schema_2) in cases {
            assert_eq!(written, schema_2);
        }
        let read: SlideLink =
            Stored::from_column(serde_json::from_str(r#"{"kind":"session","id":"s"}"#).unwrap());
        assert_eq!(read.kind, LinkKind::Session);
    }
}
