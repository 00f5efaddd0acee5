//! Idempotency tokens: a fresh UUID (version 4) for each request whose
//! model marks a member `idempotencyToken` and the caller left it unset.
//!
//! The generated `serialize_request` of such an operation (which the client
//! calls too, once per call, so retries resend the same token) fills the
//! member with [`token`], wherever the member is bound: header, query
//! string, URI label or body. As in botocore, only the input's own members
//! are filled, not those of nested structures.
//!
//! Real tokens are random: 122 bits from the operating system's random
//! source (the `getrandom` crate, which rustls' `ring` already uses). Tests
//! that compare requests with expected ones make the value deterministic:
//!
//! ```
//! use restxml_runtime::idempotency;
//!
//! // For every thread of the process, until reset with `None`:
//! fn fixed() -> String {
//!     "00000000-0000-4000-8000-000000000000".to_string()
//! }
//! idempotency::set_generator(Some(fixed));
//! assert_eq!(idempotency::token(), "00000000-0000-4000-8000-000000000000");
//! idempotency::set_generator(None);
//!
//! // For this thread only, which wins over the process-wide generator:
//! idempotency::set_thread_override(Some("fixed".to_string()));
//! assert_eq!(idempotency::token(), "fixed");
//! idempotency::set_thread_override(None);
//! assert_eq!(idempotency::token().len(), 36);
//! ```

use std::cell::RefCell;
use std::sync::RwLock;

/// A function making tokens, for [`set_generator`].
pub type Generator = fn() -> String;

thread_local! {
    static OVERRIDE: RefCell<Option<String>> = const { RefCell::new(None) };
}

static GENERATOR: RwLock<Option<Generator>> = RwLock::new(None);

/// The token for a request: this thread's fixed value if one is set
/// ([`set_thread_override`]), else the process-wide generator's
/// ([`set_generator`]), else a [`random_uuid`].
pub fn token() -> String {
    if let Some(fixed) = OVERRIDE.with(|o| o.borrow().clone()) {
        return fixed;
    }
    let generator = *GENERATOR.read().unwrap_or_else(std::sync::PoisonError::into_inner);
    match generator {
        Some(generator) => generator(),
        None => random_uuid(),
    }
}

/// A random UUID version 4 (RFC 9562), lower-case hyphenated, from the
/// operating system's random source.
///
/// # Panics
///
/// If the operating system has no random source to give (`getrandom`
/// fails): a token that might repeat would defeat its purpose.
pub fn random_uuid() -> String {
    let mut bytes = [0u8; 16];
    getrandom::getrandom(&mut bytes).expect("the operating system's random source (for an idempotency token)");
    uuid_v4_text(bytes)
}

/// `bytes` as a version 4, RFC 4122/9562-variant UUID in text form.
fn uuid_v4_text(mut bytes: [u8; 16]) -> String {
    bytes[6] = (bytes[6] & 0x0f) | 0x40; // version 4
    bytes[8] = (bytes[8] & 0x3f) | 0x80; // RFC 4122 variant
    let mut text = String::with_capacity(36);
    for (i, byte) in bytes.iter().enumerate() {
        if matches!(i, 4 | 6 | 8 | 10) {
            text.push('-');
        }
        text.push(char::from_digit(u32::from(byte >> 4), 16).unwrap_or('0'));
        text.push(char::from_digit(u32::from(byte & 0x0f), 16).unwrap_or('0'));
    }
    text
}

/// Makes [`token`] call `generator` on every thread (`None` restores random
/// UUIDs): for tests, or an application that wants tokens of its own making
/// (a service may check their form; botocore sends UUID version 4).
pub fn set_generator(generator: Option<Generator>) {
    *GENERATOR.write().unwrap_or_else(std::sync::PoisonError::into_inner) = generator;
}

/// Makes [`token`] return `fixed` on this thread (`None` restores the
/// generator): for tests that compare requests with expected ones.
pub fn set_thread_override(fixed: Option<String>) {
    OVERRIDE.with(|o| *o.borrow_mut() = fixed);
}

#[cfg(test)]
mod tests {
    use super::*;

    fn is_uuid_v4(text: &str) -> bool {
        let bytes = text.as_bytes();
        text.len() == 36
            && text.char_indices().all(|(i, c)| {
                if matches!(i, 8 | 13 | 18 | 23) { c == '-' } else { c.is_ascii_hexdigit() && !c.is_ascii_uppercase() }
            })
            && bytes[14] == b'4'
            && matches!(bytes[19], b'8' | b'9' | b'a' | b'b')
    }

    #[test]
    fn tokens_are_distinct_version_4_uuids() {
        let (a, b) = (token(), token());
        assert_ne!(a, b);
        assert!(is_uuid_v4(&a), "{a}");
        assert!(is_uuid_v4(&b), "{b}");
        assert_eq!(uuid_v4_text([0; 16]), "00000000-0000-4000-8000-000000000000");
        assert_eq!(uuid_v4_text([0xff; 16]), "ffffffff-ffff-4fff-bfff-ffffffffffff");
    }

    #[test]
    fn the_thread_override_wins_and_resets() {
        set_thread_override(Some("fixed".into()));
        assert_eq!(token(), "fixed");
        set_thread_override(None);
        assert_ne!(token(), "fixed");
    }
}
