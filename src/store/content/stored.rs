//! The JSON columns' own types: what `content.db` holds, apart from the
//! view types (`model`) the UI is shown. A field renamed for the screen
//! changes only a conversion here, never the bytes on disk; a change to
//! these types is a change to the schema and moves `SCHEMA_VERSION`.
//! Schema 2's columns are written exactly as these serialise.

use std::collections::BTreeMap;

use serde::de::DeserializeOwned;
use serde::{Deserialize, Serialize};

use crate::model::{Booth, Figure, Html, LinkKind, Location, Media, SlideLink, Text};

/// A value kept in a JSON column as its stored form [`Stored::Column`].
pub trait Stored: Sized {
    type Column: Serialize + DeserializeOwned;
    fn to_column(&self) -> Self::Column;
    fn from_column(column: Self::Column) -> Self;
}

/// Localised text or rendered HTML: language code → text.
#[derive(Serialize, Deserialize)]
#[serde(transparent)]
pub struct TextColumn(BTreeMap<String, String>);

/// A media-store file name.
#[derive(Serialize, Deserialize)]
#[serde(transparent)]
pub struct MediaColumn(String);

#[derive(Serialize, Deserialize)]
pub struct FigureColumn {
    label: TextColumn,
    value: TextColumn,
}

#[derive(Serialize, Deserialize)]
pub struct LocationColumn {
    lat: f64,
    lon: f64,
}

/// Indexed by `json_extract(booth, '$.hall')` and `'$.stand'`.
#[derive(Serialize, Deserialize)]
pub struct BoothColumn {
    hall: String,
    stand: String,
}

#[derive(Serialize, Deserialize)]
pub struct LinkColumn {
    kind: LinkKindColumn,
    id: String,
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
    type Column = TextColumn;
    fn to_column(&self) -> TextColumn {
        TextColumn(self.0.clone())
    }
    fn from_column(column: TextColumn) -> Self {
        Text(column.0)
    }
}

impl Stored for Html {
    type Column = TextColumn;
    fn to_column(&self) -> TextColumn {
        TextColumn(self.0.clone())
    }
    fn from_column(column: TextColumn) -> Self {
        Html(column.0)
    }
}

impl Stored for Media {
    type Column = MediaColumn;
    fn to_column(&self) -> MediaColumn {
        MediaColumn(self.0.clone())
    }
    fn from_column(column: MediaColumn) -> Self {
        Media(column.0)
    }
}

impl Stored for Figure {
    type Column = FigureColumn;
    fn to_column(&self) -> FigureColumn {
        FigureColumn {
            label: self.label.to_column(),
            value: self.value.to_column(),
        }
    }
    fn from_column(column: FigureColumn) -> Self {
        Figure {
            label: Text::from_column(column.label),
            value: Text::from_column(column.value),
        }
    }
}

impl Stored for Location {
    type Column = LocationColumn;
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
    type Column = BoothColumn;
    fn to_column(&self) -> BoothColumn {
        BoothColumn {
            hall: self.hall.clone(),
            stand: self.stand.clone(),
        }
    }
    fn from_column(column: BoothColumn) -> Self {
        Booth {
            hall: column.hall,
            stand: column.stand,
        }
    }
}

impl Stored for SlideLink {
    type Column = LinkColumn;
    fn to_column(&self) -> LinkColumn {
        let kind = match self.kind {
            LinkKind::News => LinkKindColumn::News,
            LinkKind::Park => LinkKindColumn::Park,
            LinkKind::Exhibitor => LinkKindColumn::Exhibitor,
            LinkKind::Session => LinkKindColumn::Session,
        };
        LinkColumn {
            kind,
            id: self.id.clone(),
        }
    }
    fn from_column(column: LinkColumn) -> Self {
        let kind = match column.kind {
            LinkKindColumn::News => LinkKind::News,
            LinkKindColumn::Park => LinkKind::Park,
            LinkKindColumn::Exhibitor => LinkKind::Exhibitor,
            LinkKindColumn::Session => LinkKind::Session,
        };
        SlideLink {
            kind,
            id: column.id,
        }
    }
}

/// The pack's languages.
impl Stored for String {
    type Column = String;
    fn to_column(&self) -> String {
        self.clone()
    }
    fn from_column(column: String) -> Self {
        column
    }
}

impl<T: Stored> Stored for Option<T> {
    type Column = Option<T::Column>;
    fn to_column(&self) -> Self::Column {
        self.as_ref().map(T::to_column)
    }
    fn from_column(column: Self::Column) -> Self {
        column.map(T::from_column)
    }
}

impl<T: Stored> Stored for Vec<T> {
    type Column = Vec<T::Column>;
    fn to_column(&self) -> Self::Column {
        self.iter().map(T::to_column).collect()
    }
    fn from_column(column: Self::Column) -> Self {
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
