//! Idempotency tokens: a fresh UUID (version 4) for each request whose
//! model marks a member `idempotencyToken` and the caller left it unset.

use std::cell::RefCell;
use std::hash::{BuildHasher, Hasher};
use std::sync::atomic::{AtomicU64, Ordering};

thread_local! {
    static OVERRIDE: RefCell<Option<String>> = const { RefCell::new(None) };
}

static COUNTER: AtomicU64 = AtomicU64::new(0);

/// A new token. Random enough to be unique (not secret): 122 bits from the
/// standard library's per-process random hasher keys, a counter and the
/// clock.
pub fn token() -> String {
    if let Some(fixed) = OVERRIDE.with(|o| o.borrow().clone()) {
        return fixed;
    }
    let count = COUNTER.fetch_add(1, Ordering::Relaxed);
    let now = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map_or(0, |d| d.as_nanos());
    let state = std::collections::hash_map::RandomState::new();
    let half = |salt: u64| {
        let mut hasher = state.build_hasher();
        hasher.write_u64(salt);
        hasher.write_u64(count);
        hasher.write_u128(now);
        hasher.finish()
    };
    let mut bytes = [0u8; 16];
    bytes[..8].copy_from_slice(&half(1).to_le_bytes());
    bytes[8..].copy_from_slice(&half(2).to_le_bytes());
    bytes[6] = (bytes[6] & 0x0f) | 0x40; // version 4
    bytes[8] = (bytes[8] & 0x3f) | 0x80; // RFC 4122 variant
    let hex: String = bytes.iter().map(|b| format!("{b:02x}")).collect();
    format!("{}-{}-{}-{}-{}", &hex[..8], &hex[8..12], &hex[12..16], &hex[16..20], &hex[20..])
}

/// Makes [`token`] return `fixed` on this thread (`None` restores random
/// tokens): for tests that compare requests with expected ones.
pub fn set_thread_override(fixed: Option<String>) {
    OVERRIDE.with(|o| *o.borrow_mut() = fixed);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tokens_are_distinct_version_4_uuids() {
        let (a, b) = (token(), token());
        assert_ne!(a, b);
        assert_eq!(a.len(), 36);
        assert_eq!(&a[14..15], "4");
        assert!(matches!(&a[19..20], "8" | "9" | "a" | "b"), "{a}");
        set_thread_override(Some("fixed".into()));
        assert_eq!(token(), "fixed");
        set_thread_override(None);
        assert_ne!(token(), "fixed");
    }
}
