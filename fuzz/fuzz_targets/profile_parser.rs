//! The shared config and credentials file parser on arbitrary text, as
//! either kind of file: profiles or an error naming a line, never a panic.
#![no_main]

use libfuzzer_sys::fuzz_target;
use restxml_runtime::client::profile::{FileKind, parse};

fuzz_target!(|data: &[u8]| {
    if let Ok(text) = std::str::from_utf8(data) {
        for kind in [FileKind::Config, FileKind::Credentials] {
            if let Err(err) = parse(text, kind) {
                assert!(err.line >= 1 && err.line <= text.lines().count());
            }
        }
    }
});
