//! Turning a pack's JSON files into typed input while collecting every
//! problem rather than stopping at the first: each array element is
//! deserialised on its own, so one bad exhibitor does not hide the next, and
//! serde's messages are rewritten into ones that name the fix. A file's
//! syntax is checked whole first, without building anything, so its
//! elements can then be typed one at a time, straight from its bytes.
//! Nothing here builds a tree of a file's content (a `serde_json::Value`
//! costs 16 to 150 times the bytes it was read from): what a value that
//! fits no field holds is never read, so a file's cost is its bytes.
//! `Problems` files each problem under its `Stage`, so streaming
//! changes neither which problems a capped report lists nor their order.

use std::fmt;
use std::ops::Range;

use serde::de::{self, DeserializeOwned, Deserializer, MapAccess, SeqAccess, Visitor};
use serde::Deserialize;

use crate::pack::limits;
use crate::pack::problems::{pointer_segment, Problems, Stage};
use crate::pack::suggest::did_you_mean;

/// A file that must hold one JSON object, typed straight from its bytes
/// with the problems a tree would give: syntax, then strings over the length
/// limit, then the first problem of its type, at its exact pointer. Nothing
/// is built but `T`, so an unknown field's value costs nothing however
/// large it is (it is refused at its key, before its value is read).
pub fn object<T: DeserializeOwned>(file: &str, bytes: &[u8], problems: &mut Problems) -> Option<T> {
    let Scan { overlong } = scan(file, bytes, problems)?;
    if overlong {
        check_string_lengths(file, "", bytes, problems);
    }
    typed_object(file, bytes, problems)
}

/// A content file whose syntax is checked whole, by a pass that builds
/// nothing, kept as bytes for its parts to be deserialised straight into
/// their types.
pub struct Checked {
    bytes: Vec<u8>,
    /// Whether some string in it is over the length limit: then the parts
    /// holding one are walked again to find it.
    overlong: bool,
}

/// What checking a file's syntax found, kept while its bytes are not: with
/// the same bytes read again it makes them [`Checked`] without a second
/// check.
#[derive(Debug, Clone, Copy)]
pub struct Syntax {
    overlong: bool,
}

impl Syntax {
    /// `bytes`, which must be the ones checked, as a checked file.
    pub fn checked(self, bytes: Vec<u8>) -> Checked {
        Checked {
            bytes,
            overlong: self.overlong,
        }
    }

    /// Whether some string in the file is over the length limit.
    pub fn overlong(self) -> bool {
        self.overlong
    }
}

/// Checks the syntax of a file's bytes, with the message and position
/// [`object`] would give an error.
pub fn check(file: &str, bytes: &[u8], problems: &mut Problems) -> Option<Syntax> {
    let Scan { overlong } = scan(file, bytes, problems)?;
    Some(Syntax { overlong })
}

/// Checks the syntax of `bytes`, building nothing; a syntax error is
/// reported with its line and column.
fn scan(file: &str, bytes: &[u8], problems: &mut Problems) -> Option<Scan> {
    serde_json::from_slice::<Scan>(bytes)
        .map_err(|error| problems.add(file, "", explain_syntax(&error)))
        .ok()
}

impl Checked {
    /// The entities it counts towards the limit: its elements, if it is an
    /// array.
    pub fn entities(&self) -> usize {
        element_spans(&self.bytes).map_or(0, |spans| spans.len())
    }

    /// The file as an array, its elements left for [`element`] to type one
    /// at a time.
    pub fn into_array(self, file: &str, problems: &mut Problems) -> ArrayFile {
        match element_spans(&self.bytes) {
            Some(spans) => ArrayFile::Elements {
                checked: self,
                spans,
            },
            None => ArrayFile::Other(self.not_an_array(file, problems)),
        }
    }

    /// The file as one object of type `T`, reporting the first problem
    /// with its exact pointer.
    pub fn into_object<T: DeserializeOwned>(
        self,
        file: &str,
        problems: &mut Problems,
    ) -> Option<T> {
        if !self.overlong && self.bytes.iter().find(|b| !b.is_ascii_whitespace()) == Some(&b'{') {
            if let Ok(typed) = serde_json::from_slice(&self.bytes) {
                return Some(typed);
            }
        }
        self.report_overlong(file, problems);
        problems.enter(Stage::Types);
        typed_object(file, &self.bytes, problems)
    }

    /// Reports the strings over the length limit, where [`object`] would.
    pub fn report_overlong(&self, file: &str, problems: &mut Problems) {
        problems.enter(Stage::Syntax);
        if self.overlong {
            check_string_lengths(file, "", &self.bytes, problems);
        }
    }

    /// What the file holds instead of an array, its strings checked.
    fn not_an_array(&self, file: &str, problems: &mut Problems) -> &'static str {
        problems.enter(Stage::Syntax);
        self.report_overlong(file, problems);
        kind_of(&self.bytes)
    }
}

/// A file that should hold an array.
pub enum ArrayFile {
    /// Its bytes and each element's span in them, for [`element`].
    Elements {
        checked: Checked,
        spans: Vec<Range<usize>>,
    },
    /// Not an array at all: what it is instead ("an object", …).
    Other(&'static str),
}

impl ArrayFile {
    /// The elements it counts towards the limit on entities.
    pub fn entities(&self) -> usize {
        match self {
            ArrayFile::Elements { spans, .. } => spans.len(),
            ArrayFile::Other(_) => 0,
        }
    }
}

/// What deserialising one array element gave.
pub enum Element<T> {
    Typed(T),
    /// It did not fit `T` (the problem is reported), with its id if it has one.
    Unparsed(Option<String>),
}

/// Deserialises the element at `index` (its bytes, in `checked`) straight
/// into `T`. An element that fails, or may hold an overlong string, is read
/// again for its report: its strings are checked ([`Stage::Syntax`]), then
/// its first problem is reported at its pointer ([`Stage::Types`]). So a
/// report is the same as if each whole file had been checked at once.
pub fn element<T: DeserializeOwned>(
    file: &str,
    index: usize,
    checked: &Checked,
    span: Range<usize>,
    problems: &mut Problems,
) -> Element<T> {
    let bytes = &checked.bytes[span];
    // Unescaping never lengthens a string, so a shorter element cannot
    // hold an overlong one.
    if !checked.overlong || bytes.len() <= limits::MAX_STRING_BYTES {
        if let Ok(typed) = serde_json::from_slice(bytes) {
            return Element::Typed(typed);
        }
    }
    let pointer = format!("/{index}");
    problems.enter(Stage::Syntax);
    check_string_lengths(file, &pointer, bytes, problems);
    problems.enter(Stage::Types);
    match typed_at(file, &pointer, bytes, problems) {
        Some(typed) => Element::Typed(typed),
        None => Element::Unparsed(id_of(bytes)),
    }
}

/// The `id` of an element that did not fit its type, when it is an object
/// with a string `id`; read without building the rest (an `id` of another
/// type fails the read: no id).
fn id_of(bytes: &[u8]) -> Option<String> {
    #[derive(Deserialize)]
    struct WithId {
        id: Option<String>,
    }
    if kind_of(bytes) != "an object" {
        return None;
    }
    serde_json::from_slice::<WithId>(bytes).ok()?.id
}

/// Any JSON, parsed exactly as into a `serde_json::Value` (so with the same
/// errors) but kept nowhere; all it tells is whether a string value (not a key) is
/// over the length limit, as [`check_string_lengths`] would find.
struct Scan {
    overlong: bool,
}

impl<'de> Deserialize<'de> for Scan {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_any(ScanVisitor)
    }
}

struct ScanVisitor;

impl<'de> Visitor<'de> for ScanVisitor {
    type Value = Scan;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("any JSON value")
    }
    fn visit_bool<E: de::Error>(self, _: bool) -> Result<Scan, E> {
        Ok(Scan { overlong: false })
    }
    fn visit_i64<E: de::Error>(self, _: i64) -> Result<Scan, E> {
        Ok(Scan { overlong: false })
    }
    fn visit_u64<E: de::Error>(self, _: u64) -> Result<Scan, E> {
        Ok(Scan { overlong: false })
    }
    fn visit_f64<E: de::Error>(self, _: f64) -> Result<Scan, E> {
        Ok(Scan { overlong: false })
    }
    fn visit_str<E: de::Error>(self, text: &str) -> Result<Scan, E> {
        Ok(Scan {
            overlong: text.len() > limits::MAX_STRING_BYTES,
        })
    }
    fn visit_unit<E: de::Error>(self) -> Result<Scan, E> {
        Ok(Scan { overlong: false })
    }
    fn visit_seq<A: SeqAccess<'de>>(self, mut items: A) -> Result<Scan, A::Error> {
        let mut overlong = false;
        while let Some(item) = items.next_element::<Scan>()? {
            overlong |= item.overlong;
        }
        Ok(Scan { overlong })
    }
    fn visit_map<A: MapAccess<'de>>(self, mut fields: A) -> Result<Scan, A::Error> {
        let mut overlong = false;
        while let Some((_, value)) = fields.next_entry::<Scan, Scan>()? {
            overlong |= value.overlong;
        }
        Ok(Scan { overlong })
    }
}

/// The byte ranges of the elements of the array `bytes` holds, found by
/// bracket depth outside strings. `None` when `bytes` does not look like
/// one array.
fn element_spans(bytes: &[u8]) -> Option<Vec<Range<usize>>> {
    let skip_space = |mut at: usize| {
        while bytes
            .get(at)
            .is_some_and(|b| matches!(b, b' ' | b'\n' | b'\r' | b'\t'))
        {
            at += 1;
        }
        at
    };
    let mut at = skip_space(0);
    if bytes.get(at) != Some(&b'[') {
        return None;
    }
    at = skip_space(at + 1);
    let mut spans = Vec::new();
    if bytes.get(at) == Some(&b']') {
        return (skip_space(at + 1) == bytes.len()).then_some(spans);
    }
    loop {
        let start = at;
        let mut depth = 0usize;
        loop {
            match *bytes.get(at)? {
                b'"' => {
                    at += 1;
                    // Strings are most of a file: jumped over, not walked
                    // byte by byte (the debug build's tests check 250 MiB).
                    loop {
                        at += memchr::memchr2(b'"', b'\\', bytes.get(at..)?)?;
                        match bytes[at] {
                            b'\\' => at += 2,
                            _ => break,
                        }
                    }
                }
                b'[' | b'{' => depth += 1,
                b']' | b'}' if depth > 0 => depth -= 1,
                b',' | b']' if depth == 0 => break,
                _ => {}
            }
            at += 1;
        }
        spans.push(start..at);
        if bytes[at] == b']' {
            return (skip_space(at + 1) == bytes.len()).then_some(spans);
        }
        at += 1;
    }
}

/// serde_json's syntax errors, with the two that hostile or mis-saved files
/// cause put in an operator's words. serde_json refuses nesting past 128
/// levels rather than recurse further, so every later walk over a parsed
/// value is as shallow.
fn explain_syntax(error: &serde_json::Error) -> String {
    let message = error.to_string();
    let at = format!("line {} column {}", error.line(), error.column());
    if message.starts_with("recursion limit exceeded") {
        format!("arrays and objects nested more than 128 deep at {at}, the limit for a JSON file")
    } else if message.starts_with("invalid unicode code point") {
        format!("not UTF-8 text at {at}: save the file as UTF-8")
    } else {
        format!("not valid JSON: {message}")
    }
}

/// Reports every string value (not key) over the length limit in the JSON
/// `bytes` (found at `pointer` in `file`), with its pointer, in the order of
/// the file; reading it as a stream, so a file costs no more than its
/// longest string.
fn check_string_lengths(file: &str, pointer: &str, bytes: &[u8], problems: &mut Problems) {
    let mut lengths = Lengths {
        file,
        pointer: pointer.to_owned(),
        problems,
    };
    // The syntax was checked before: this cannot fail.
    let mut deserializer = serde_json::Deserializer::from_slice(bytes);
    let _ = Deserializer::deserialize_any(&mut deserializer, &mut lengths);
}

/// A walk over any JSON value that reports its overlong strings; `pointer`
/// is where the value is, extended and cut back as the walk goes in and out.
struct Lengths<'a, 'p> {
    file: &'a str,
    pointer: String,
    problems: &'p mut Problems,
}

/// The value at `segment` inside the one `lengths` is walking.
struct Inside<'w, 'a, 'p> {
    lengths: &'w mut Lengths<'a, 'p>,
    segment: String,
}

impl<'de> de::DeserializeSeed<'de> for Inside<'_, '_, '_> {
    type Value = ();

    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<(), D::Error> {
        let end = self.lengths.pointer.len();
        self.lengths.pointer.push('/');
        self.lengths.pointer.push_str(&self.segment);
        let walked = deserializer.deserialize_any(&mut *self.lengths);
        self.lengths.pointer.truncate(end);
        walked
    }
}

impl<'de> Visitor<'de> for &mut Lengths<'_, '_> {
    type Value = ();

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("any JSON value")
    }
    fn visit_bool<E: de::Error>(self, _: bool) -> Result<(), E> {
        Ok(())
    }
    fn visit_i64<E: de::Error>(self, _: i64) -> Result<(), E> {
        Ok(())
    }
    fn visit_u64<E: de::Error>(self, _: u64) -> Result<(), E> {
        Ok(())
    }
    fn visit_f64<E: de::Error>(self, _: f64) -> Result<(), E> {
        Ok(())
    }
    fn visit_unit<E: de::Error>(self) -> Result<(), E> {
        Ok(())
    }
    fn visit_str<E: de::Error>(self, text: &str) -> Result<(), E> {
        if text.len() > limits::MAX_STRING_BYTES {
            self.problems.add(
                self.file,
                &self.pointer,
                format!(
                    "this text is {} bytes; the limit is 64 KiB ({} bytes) per string",
                    text.len(),
                    limits::MAX_STRING_BYTES
                ),
            );
        }
        Ok(())
    }
    fn visit_seq<A: SeqAccess<'de>>(self, mut items: A) -> Result<(), A::Error> {
        for index in 0usize.. {
            let inside = Inside {
                lengths: &mut *self,
                segment: index.to_string(),
            };
            if items.next_element_seed(inside)?.is_none() {
                break;
            }
        }
        Ok(())
    }
    fn visit_map<A: MapAccess<'de>>(self, mut fields: A) -> Result<(), A::Error> {
        while let Some(key) = fields.next_key::<String>()? {
            fields.next_value_seed(Inside {
                lengths: &mut *self,
                segment: pointer_segment(&key),
            })?;
        }
        Ok(())
    }
}

/// The object in a file's `bytes` (their syntax checked) as `T`, reporting
/// the first problem inside it with its exact pointer.
fn typed_object<T: DeserializeOwned>(
    file: &str,
    bytes: &[u8],
    problems: &mut Problems,
) -> Option<T> {
    let kind = kind_of(bytes);
    if kind != "an object" {
        problems.add(file, "", format!("expected a JSON object, found {kind}"));
        return None;
    }
    typed_at(file, "", bytes, problems)
}

/// The JSON `bytes` (their syntax checked, found at `pointer` in `file`)
/// as `T`, straight from the bytes: a value `T` has no field for is
/// refused at its key, never read.
fn typed_at<T: DeserializeOwned>(
    file: &str,
    pointer: &str,
    bytes: &[u8],
    problems: &mut Problems,
) -> Option<T> {
    let mut deserializer = serde_json::Deserializer::from_slice(bytes);
    located(
        file,
        pointer,
        serde_path_to_error::deserialize(&mut deserializer),
        problems,
    )
}

/// `typed`, or its error reported at its pointer: `pointer` and the path
/// inside. The error's line and column are dropped: the pointer says where,
/// and stays right for an element read on its own.
fn located<T>(
    file: &str,
    pointer: &str,
    typed: Result<T, serde_path_to_error::Error<serde_json::Error>>,
    problems: &mut Problems,
) -> Option<T> {
    let error = match typed {
        Ok(typed) => return Some(typed),
        Err(error) => error,
    };
    let mut at = pointer.to_owned();
    for segment in error.path().iter() {
        match segment {
            serde_path_to_error::Segment::Seq { index } => at.push_str(&format!("/{index}")),
            serde_path_to_error::Segment::Map { key } => {
                at.push_str(&format!("/{}", pointer_segment(key)))
            }
            serde_path_to_error::Segment::Enum { .. } | serde_path_to_error::Segment::Unknown => {}
        }
    }
    let error = error.into_inner();
    let message = error.to_string();
    let position = format!(" at line {} column {}", error.line(), error.column());
    let message = message.strip_suffix(&position).unwrap_or(&message);
    problems.add(file, &at, explain(message));
    None
}

/// Reports a file that should hold an array but holds `kind` of value.
pub fn not_an_array(file: &str, kind: &str, problems: &mut Problems) {
    problems.add(file, "", format!("expected a JSON array, found {kind}"));
}

/// What the JSON value in `bytes` (their syntax checked) is, by its first
/// character.
fn kind_of(bytes: &[u8]) -> &'static str {
    match bytes.iter().find(|b| !b.is_ascii_whitespace()) {
        Some(b'n') => "null",
        Some(b't' | b'f') => "a boolean",
        Some(b'"') => "a string",
        Some(b'[') => "an array",
        Some(b'{') => "an object",
        _ => "a number",
    }
}

/// Rewrites serde's messages for the ones an operator meets most. serde
/// formats them as "unknown field `parc`, expected one of `id`, `park`" and
/// "missing field `name`"; the names are the backtick-quoted words.
fn explain(message: &str) -> String {
    let quoted: Vec<&str> = message.split('`').skip(1).step_by(2).collect();
    let Some((&found, expected)) = quoted.split_first() else {
        return message.to_owned();
    };
    if message.starts_with("missing field") {
        return format!("missing required field \"{found}\"");
    }
    if message.starts_with("duplicate field") {
        return format!("field \"{found}\" is given twice: keep one");
    }
    let what = if message.starts_with("unknown field") {
        "field"
    } else if message.starts_with("unknown variant") {
        "value"
    } else {
        return message.to_owned();
    };
    match did_you_mean(found, expected.iter().copied()) {
        Some(close) => format!("unknown {what} \"{found}\" (did you mean \"{close}\"?)"),
        None if expected.is_empty() => format!("unknown {what} \"{found}\""),
        None => format!(
            "unknown {what} \"{found}\"; expected one of: {}",
            expected.join(", ")
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn explains_serde_messages() {
        assert_eq!(
            explain("unknown field `parc`, expected one of `id`, `name`, `park`"),
            "unknown field \"parc\" (did you mean \"park\"?)"
        );
        assert_eq!(
            explain("unknown field `zzz`, expected `id` or `name`"),
            "unknown field \"zzz\"; expected one of: id, name"
        );
        assert_eq!(
            explain("missing field `name`"),
            "missing required field \"name\""
        );
        assert_eq!(
            explain("duplicate field `version`"),
            "field \"version\" is given twice: keep one"
        );
        assert_eq!(
            explain("invalid type: integer `3`, expected a string"),
            "invalid type: integer `3`, expected a string"
        );
    }
}
