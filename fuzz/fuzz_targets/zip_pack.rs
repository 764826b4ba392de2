//! Any bytes as a zipped pack: opening the archive, listing and checking its
//! entries, streaming them and validating what they hold must end in a pack
//! or in problems, never a panic, a hang or unbounded memory.
#![no_main]

use std::io::Cursor;

use libfuzzer_sys::fuzz_target;
use pavilion::pack::{self, source::ZipSource};

fuzz_target!(|bytes: &[u8]| {
    if let Ok(source) = ZipSource::new(Cursor::new(bytes), "fuzz.zip") {
        let _ = pack::read(&source);
    }
});
