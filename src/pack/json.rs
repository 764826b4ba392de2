//! Turning a pack's JSON files into typed input while collecting every
//! problem rather than stopping at the first: each array element is
//! deserialised on its own, so one bad exhibitor does not hide the next, and
//! serde's messages are rewritten into ones that name the fix. A file's
//! syntax is checked whole first, without building anything, so its
//! elements can then be typed one at a time, straight from its bytes.
//! `Problems` files each problem under its `Stage`, so streaming
//! changes neither which problems a capped report lists nor their order.

use std::fmt;
use std::ops::Range;

use serde::de::{self, DeserializeOwned, Deserializer, MapAccess, SeqAccess, Visitor};
use serde::Deserialize;
use serde_json::Value;

use crate::pack::limits;
use crate::pack::problems::{pointer_segment, Problems, Stage};
use crate::pack::suggest::did_you_mean;

/// Parses a file's bytes and checks the string-length limit everywhere in it.
pub fn parse(file: &str, bytes: &[u8], problems: &mut Problems) -> Option<Value> {
    match serde_json::from_slice::<Value>(bytes) {
        Ok(value) => {
            check_string_lengths(file, "", &value, problems);
            Some(value)
        }
        Err(error) => {
            problems.add(file, "", explain_syntax(&error));
            None
        }
    }
}

/// A content file whose syntax is checked whole, by a pass that builds
/// nothing, kept as bytes for its parts to be deserialised straight into
/// their types.
pub struct Checked {
    bytes: Vec<u8>,
    /// Whether some string in it is over the length limit: then the parts
    /// holding one are parsed into a tree to find it.
    overlong: bool,
}

/// Checks the syntax of a file's bytes, with the message and position
/// [`parse`] would give an error.
pub fn check(file: &str, bytes: Vec<u8>, problems: &mut Problems) -> Option<Checked> {
    match serde_json::from_slice::<Scan>(&bytes) {
        Ok(Scan { overlong }) => Some(Checked { bytes, overlong }),
        Err(error) => {
            problems.add(file, "", explain_syntax(&error));
            None
        }
    }
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
            None => ArrayFile::Other(self.tree(file, problems)),
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
        let value = self.tree(file, problems);
        problems.enter(Stage::Types);
        deserialize_object(file, value, problems)
    }

    /// Reports the strings over the length limit, where [`parse`] would;
    /// for a file nothing else is read from.
    pub fn report_overlong(&self, file: &str, problems: &mut Problems) {
        if self.overlong {
            self.tree(file, problems);
        }
    }

    /// The whole file as a tree, its strings checked as [`parse`] checks
    /// them.
    fn tree(&self, file: &str, problems: &mut Problems) -> Value {
        problems.enter(Stage::Syntax);
        // Its syntax was checked: this parse cannot fail.
        let value = serde_json::from_slice(&self.bytes).unwrap_or_default();
        check_string_lengths(file, "", &value, problems);
        value
    }
}

/// A file that should hold an array.
pub enum ArrayFile {
    /// Its bytes and each element's span in them, for [`element`].
    Elements {
        checked: Checked,
        spans: Vec<Range<usize>>,
    },
    /// Not an array at all.
    Other(Value),
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
/// into `T`. Only an element that fails, or may hold an overlong string, is
/// parsed into a tree: its strings are checked as [`parse`] checks them
/// ([`Stage::Syntax`]), then [`deserialize_at`] reports its first problem
/// ([`Stage::Types`]). So a report is the same as if each whole file had
/// been parsed into a tree first.
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
    // Its syntax was checked with the file's: this parse cannot fail.
    let value = serde_json::from_slice::<Value>(bytes).unwrap_or_default();
    let pointer = format!("/{index}");
    problems.enter(Stage::Syntax);
    check_string_lengths(file, &pointer, &value, problems);
    problems.enter(Stage::Types);
    let id = value.get("id").and_then(Value::as_str).map(str::to_owned);
    match deserialize_at(file, &pointer, value, problems) {
        Some(typed) => Element::Typed(typed),
        None => Element::Unparsed(id),
    }
}

/// Any JSON, parsed exactly as into a [`Value`] (so with the same errors)
/// but kept nowhere; all it tells is whether a string value (not a key) is
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
                    loop {
                        match *bytes.get(at)? {
                            b'\\' => at += 2,
                            b'"' => break,
                            _ => at += 1,
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

fn check_string_lengths(file: &str, pointer: &str, value: &Value, problems: &mut Problems) {
    match value {
        Value::String(text) if text.len() > limits::MAX_STRING_BYTES => problems.add(
            file,
            pointer,
            format!(
                "this text is {} bytes; the limit is 64 KiB ({} bytes) per string",
                text.len(),
                limits::MAX_STRING_BYTES
            ),
        ),
        Value::Array(items) => {
            for (index, item) in items.iter().enumerate() {
                check_string_lengths(file, &format!("{pointer}/{index}"), item, problems);
            }
        }
        Value::Object(fields) => {
            for (key, item) in fields {
                check_string_lengths(
                    file,
                    &format!("{pointer}/{}", pointer_segment(key)),
                    item,
                    problems,
                );
            }
        }
        _ => {}
    }
}

/// Deserialises `value` (found at `pointer` in `file`) into `T`, reporting
/// the first problem inside it with its exact pointer.
pub fn deserialize_at<T: DeserializeOwned>(
    file: &str,
    pointer: &str,
    value: Value,
    problems: &mut Problems,
) -> Option<T> {
    match serde_path_to_error::deserialize::<_, T>(value) {
        Ok(typed) => Some(typed),
        Err(error) => {
            let mut at = pointer.to_owned();
            for segment in error.path().iter() {
                match segment {
                    serde_path_to_error::Segment::Seq { index } => {
                        at.push_str(&format!("/{index}"))
                    }
                    serde_path_to_error::Segment::Map { key } => {
                        at.push_str(&format!("/{}", pointer_segment(key)))
                    }
                    serde_path_to_error::Segment::Enum { .. }
                    | serde_path_to_error::Segment::Unknown => {}
                }
            }
            problems.add(file, &at, explain(&error.into_inner().to_string()));
            None
        }
    }
}

/// Reports a file that should hold an array but holds `value`.
pub fn not_an_array(file: &str, value: &Value, problems: &mut Problems) {
    problems.add(
        file,
        "",
        format!("expected a JSON array, found {}", kind_of(value)),
    );
}

/// A file that must hold one JSON object.
pub fn deserialize_object<T: DeserializeOwned>(
    file: &str,
    value: Value,
    problems: &mut Problems,
) -> Option<T> {
    if !value.is_object() {
        problems.add(
            file,
            "",
            format!("expected a JSON object, found {}", kind_of(&value)),
        );
        return None;
    }
    deserialize_at(file, "", value, problems)
}

fn kind_of(value: &Value) -> &'static str {
    match value {
        Value::Null => "null",
        Value::Bool(_) => "a boolean",
        Value::Number(_) => "a number",
        Value::String(_) => "a string",
        Value::Array(_) => "an array",
        Value::Object(_) => "an object",
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
            explain("invalid type: integer `3`, expected a string"),
            "invalid type: integer `3`, expected a string"
        );
    }
}
