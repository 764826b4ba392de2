//! Turning a pack's JSON files into typed input while collecting every
//! problem rather than stopping at the first: each array element is
//! deserialised on its own, so one bad exhibitor does not hide the next, and
//! serde's messages are rewritten into ones that name the fix.

use serde::de::DeserializeOwned;
use serde_json::Value;

use crate::error::{Error, Problem};
use crate::pack::manifest::MANIFEST;
use crate::pack::suggest::did_you_mean;
use crate::pack::{files, limits};

/// How many problems a report lists before it only counts the rest.
pub const PROBLEM_CAP: usize = 200;

/// Every problem found so far, capped at [`PROBLEM_CAP`] listed ones.
#[derive(Debug, Default)]
pub struct Problems {
    listed: Vec<Problem>,
    not_listed: usize,
}

impl Problems {
    pub fn add(&mut self, file: &str, pointer: &str, message: impl Into<String>) {
        if self.listed.len() < PROBLEM_CAP {
            self.listed.push(Problem::new(file, pointer, message));
        } else {
            self.not_listed += 1;
        }
    }

    /// Whether further problems are only counted, not listed: then there
    /// is no point working out a helpful message.
    pub fn is_full(&self) -> bool {
        self.listed.len() >= PROBLEM_CAP
    }

    pub fn is_empty(&self) -> bool {
        self.listed.is_empty()
    }

    /// Adds `other`'s problems after these, as if they had been added here.
    fn append(&mut self, other: Problems) {
        for problem in other.listed {
            if self.listed.len() < PROBLEM_CAP {
                self.listed.push(problem);
            } else {
                self.not_listed += 1;
            }
        }
        self.not_listed += other.not_listed;
    }

    /// The report as an error, grouped by file (the manifest, then the
    /// content files in the format's order, then the rest by path; within a
    /// file in the order found); the last line counts what the cap left out.
    pub fn into_error(mut self) -> Error {
        self.listed
            .sort_by_cached_key(|problem| file_rank(&problem.file));
        if self.not_listed > 0 {
            let message = format!(
                "{} more problems not listed (the first {PROBLEM_CAP} are)",
                self.not_listed
            );
            self.listed.push(Problem::new("(pack)", "", message));
        }
        Error::InvalidPack {
            problems: self.listed,
        }
    }
}

fn file_rank(file: &str) -> (usize, String) {
    let content = files::CONTENT_FILES.iter().position(|known| *known == file);
    match (file == MANIFEST, content) {
        (true, _) => (0, String::new()),
        (false, Some(position)) => (1 + position, String::new()),
        (false, None) => (1 + files::CONTENT_FILES.len(), file.to_owned()),
    }
}

/// One segment of a JSON pointer, escaped as RFC 6901 says.
pub fn pointer_segment(key: &str) -> String {
    key.replace('~', "~0").replace('/', "~1")
}

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

/// A file that should hold an array, as [`parse_array`] leaves it.
pub enum Parsed<T> {
    /// Each element typed, or a tree for [`deserialize_at`] to judge.
    Elements(Vec<Result<T, Value>>),
    /// Not an array at all.
    Other(Value),
}

impl<T> Parsed<T> {
    /// The elements it counts towards the limit on entities.
    pub fn entities(&self) -> usize {
        match self {
            Parsed::Elements(elements) => elements.len(),
            Parsed::Other(_) => 0,
        }
    }
}

/// [`parse`] for a file that should hold an array, without a tree of the
/// whole file: each element is deserialised straight from its bytes into
/// `T`. Only an element that fails, or is long enough to hold an overlong
/// string, is parsed into a tree and checked as [`parse`] checks it, for
/// [`deserialize_at`] to report on later; so the problems, their pointers
/// and their order are those of [`parse`] then [`deserialize_at`]. A syntax
/// error anywhere sends the whole file through [`parse`] for its message
/// and position.
pub fn parse_array<T: DeserializeOwned>(
    file: &str,
    bytes: &[u8],
    problems: &mut Problems,
) -> Option<Parsed<T>> {
    let mut overlong = Problems::default();
    let elements = element_spans(bytes).and_then(|spans| {
        spans
            .into_iter()
            .enumerate()
            .map(|(index, span)| {
                let element = &bytes[span];
                // Unescaping never lengthens a string, so a shorter element
                // cannot hold an overlong one.
                if element.len() <= limits::MAX_STRING_BYTES {
                    if let Ok(typed) = serde_json::from_slice(element) {
                        return Some(Ok(typed));
                    }
                }
                let value = serde_json::from_slice::<Value>(element).ok()?;
                check_string_lengths(file, &format!("/{index}"), &value, &mut overlong);
                Some(Err(value))
            })
            .collect::<Option<Vec<_>>>()
    });
    match elements {
        Some(elements) => {
            problems.append(overlong);
            Some(Parsed::Elements(elements))
        }
        None => parse(file, bytes, problems).map(|value| match value {
            Value::Array(items) => Parsed::Elements(items.into_iter().map(Err).collect()),
            other => Parsed::Other(other),
        }),
    }
}

/// The byte ranges of the elements of the array `bytes` holds, found by
/// bracket depth outside strings; each is checked when it is parsed.
/// `None` when `bytes` does not look like one array.
fn element_spans(bytes: &[u8]) -> Option<Vec<std::ops::Range<usize>>> {
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
