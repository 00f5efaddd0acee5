//! Retries in AWS standard mode: a bounded number of attempts, exponential
//! backoff with full jitter, and retries decided by error code and status
//! as botocore's standard mode decides them: throttling and transient codes
//! (even when the model lists them as an operation's error, as Route 53
//! does `PriorRequestNotComplete`), 500, 502, 503, 504 and 429, and failed
//! connections. Every other error is returned at once. Retries draw on a
//! client-wide [`RetryQuota`], so a service that is down is not hit
//! `max_attempts` times by every call.

use std::time::Duration;

/// How to retry.
#[derive(Debug, Clone, PartialEq)]
pub struct RetryConfig {
    /// Attempts in all, including the first (standard mode: 3).
    pub max_attempts: u32,
    /// The backoff before the second attempt; it doubles each time.
    pub initial_backoff: Duration,
    /// The longest backoff (standard mode: 20 s).
    pub max_backoff: Duration,
}

impl Default for RetryConfig {
    fn default() -> Self {
        RetryConfig { max_attempts: 3, initial_backoff: Duration::from_secs(1), max_backoff: Duration::from_secs(20) }
    }
}

impl RetryConfig {
    /// No retries: one attempt.
    pub fn disabled() -> Self {
        RetryConfig { max_attempts: 1, ..Self::default() }
    }

    /// The pause before attempt `attempt + 1` (after `attempt` failed):
    /// a random part of `initial * 2^(attempt-1)`, at most `max_backoff`.
    pub fn backoff(&self, attempt: u32, random_unit: f64) -> Duration {
        let exponential = self.initial_backoff.as_secs_f64() * 2f64.powi(attempt.saturating_sub(1).min(30) as i32);
        let capped = exponential.min(self.max_backoff.as_secs_f64());
        Duration::from_secs_f64(capped * random_unit.clamp(0.0, 1.0))
    }
}

/// Which AWS retry mode a client uses (botocore's `retry_mode`), set with
/// `Config::builder().retry_mode(..)`. Both retry by [`RetryConfig`] and
/// draw on the [`RetryQuota`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
#[non_exhaustive]
pub enum RetryMode {
    /// AWS standard mode (the default): attempts are sent as soon as the
    /// backoff allows.
    #[default]
    Standard,
    /// AWS adaptive mode: standard mode plus a client-wide rate limiter
    /// ([`ClientRateLimiter`](super::adaptive::ClientRateLimiter)). From
    /// the first throttling response on, every attempt waits for a token
    /// of a bucket whose fill rate (requests per second) drops to 70 % of
    /// the measured send rate on each throttling response and climbs back
    /// along a CUBIC curve on successes, between 0.5 requests per second
    /// and twice the measured rate: botocore's parameters.
    Adaptive,
}

/// The retry quota of AWS standard mode (botocore's `RetryQuota` and
/// `RetryQuotaChecker`): a client-wide bucket of tokens. A retry takes
/// `retry_cost` tokens (`timeout_retry_cost` after an attempt that timed
/// out); with too few left, the call is not retried and returns what the
/// last attempt got. A call that succeeds gives back what its last retry
/// took, or `success_increment` if it needed no retry, up to the
/// capacity. So when a service is down, every caller stops multiplying its
/// load by the attempt count once the bucket is empty, and retries resume
/// as calls succeed again. The defaults are botocore's.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RetryQuotaConfig {
    /// Tokens in a full bucket (500).
    pub capacity: u32,
    /// Tokens a retry takes (5).
    pub retry_cost: u32,
    /// Tokens a retry after a timed-out attempt takes (10).
    pub timeout_retry_cost: u32,
    /// Tokens a call that succeeds at its first attempt gives back (1).
    pub success_increment: u32,
}

impl Default for RetryQuotaConfig {
    fn default() -> Self {
        RetryQuotaConfig { capacity: 500, retry_cost: 5, timeout_retry_cost: 10, success_increment: 1 }
    }
}

impl RetryQuotaConfig {
    /// A bucket that never runs out: retries limited by attempts only.
    pub fn unlimited() -> Self {
        RetryQuotaConfig { capacity: u32::MAX, retry_cost: 0, timeout_retry_cost: 0, success_increment: 0 }
    }
}

/// A client's retry quota: the bucket [`RetryQuotaConfig`] describes, shared
/// by every call (and every clone) of one client.
#[derive(Debug)]
pub struct RetryQuota {
    config: RetryQuotaConfig,
    available: std::sync::Mutex<u32>,
}

impl RetryQuota {
    /// A full bucket.
    pub fn new(config: RetryQuotaConfig) -> Self {
        RetryQuota { config, available: std::sync::Mutex::new(config.capacity) }
    }

    /// The settings.
    pub fn config(&self) -> RetryQuotaConfig {
        self.config
    }

    /// Tokens left.
    pub fn available(&self) -> u32 {
        *self.available.lock().unwrap_or_else(|e| e.into_inner())
    }

    /// Takes the cost of one retry (after a timed-out attempt or not), or
    /// takes nothing and says `None` when too few tokens are left.
    pub fn acquire(&self, after_timeout: bool) -> Option<u32> {
        let cost = if after_timeout { self.config.timeout_retry_cost } else { self.config.retry_cost };
        let mut available = self.available.lock().unwrap_or_else(|e| e.into_inner());
        if cost > *available {
            return None;
        }
        *available -= cost;
        Some(cost)
    }

    /// A call succeeded: gives back `last_retry_cost` (what its last retry
    /// took), or the success increment if it was not retried; never more
    /// than the capacity.
    pub fn release(&self, last_retry_cost: Option<u32>) {
        let amount = last_retry_cost.unwrap_or(self.config.success_increment);
        let mut available = self.available.lock().unwrap_or_else(|e| e.into_inner());
        *available = available.saturating_add(amount).min(self.config.capacity);
    }
}

/// Error codes that mean "slow down" (retried).
const THROTTLING_CODES: [&str; 12] = [
    "Throttling",
    "ThrottlingException",
    "ThrottledException",
    "RequestThrottledException",
    "TooManyRequestsException",
    "ProvisionedThroughputExceededException",
    "TransactionInProgressException",
    "RequestLimitExceeded",
    "BandwidthLimitExceeded",
    "LimitExceededException",
    "RequestThrottled",
    "SlowDown",
];

/// Error codes that mean "try again" (retried).
const TRANSIENT_CODES: [&str; 4] =
    ["RequestTimeout", "RequestTimeoutException", "PriorRequestNotComplete", "InternalError"];

/// Whether an error response asks the client to slow down: HTTP 429 or
/// a throttling code.
pub fn is_throttling(status: u16, code: Option<&str>) -> bool {
    status == 429 || code.is_some_and(|code| THROTTLING_CODES.contains(&code))
}

/// The pause a throttling response asks for: `x-amz-retry-after`
/// (milliseconds, as botocore reads it), else `Retry-After` (seconds, or an
/// HTTP-date counted from `now`); `None` without either or when neither
/// parses.
pub fn retry_after(headers: &http::HeaderMap, now: std::time::SystemTime) -> Option<Duration> {
    let text = |name: &str| headers.get(name).and_then(|v| v.to_str().ok()).map(str::trim);
    if let Some(ms) = text("x-amz-retry-after").and_then(|v| v.parse::<u64>().ok()) {
        return Some(Duration::from_millis(ms));
    }
    let value = text("retry-after")?;
    if let Ok(seconds) = value.parse::<u64>() {
        return Some(Duration::from_secs(seconds));
    }
    let at = std::time::SystemTime::from(crate::DateTime::parse(value, crate::TimestampFormat::HttpDate)?);
    Some(at.duration_since(now).unwrap_or(Duration::ZERO))
}

impl RetryConfig {
    /// The pause before attempt `attempt + 1`: the throttling response's
    /// own hint ([`retry_after`]) when it gave one, at most `max_backoff`;
    /// else the jittered exponential [`backoff`](Self::backoff).
    pub fn pause(&self, attempt: u32, random_unit: f64, hint: Option<Duration>) -> Duration {
        match hint {
            Some(hint) => hint.min(self.max_backoff),
            None => self.backoff(attempt, random_unit),
        }
    }
}

/// Whether a response should be retried: throttling or transient error
/// codes, and 500, 502, 503, 504 and 429.
pub fn is_retryable(status: u16, code: Option<&str>) -> bool {
    if let Some(code) = code
        && (THROTTLING_CODES.contains(&code) || TRANSIENT_CODES.contains(&code))
    {
        return true;
    }
    matches!(status, 500 | 502 | 503 | 504) || status == 429
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn backoff_grows_and_is_capped() {
        let config = RetryConfig::default();
        assert_eq!(config.backoff(1, 1.0), Duration::from_secs(1));
        assert_eq!(config.backoff(3, 1.0), Duration::from_secs(4));
        assert_eq!(config.backoff(30, 1.0), Duration::from_secs(20));
        assert_eq!(config.backoff(3, 0.5), Duration::from_secs(2));
        assert_eq!(config.backoff(3, 0.0), Duration::ZERO);
    }

    #[test]
    fn throttling_responses_set_the_pause_within_the_maximum_backoff() {
        let headers = |pairs: &[(&'static str, &'static str)]| -> http::HeaderMap {
            pairs.iter().map(|(k, v)| (http::HeaderName::from_static(k), http::HeaderValue::from_static(v))).collect()
        };
        let now = std::time::UNIX_EPOCH + Duration::from_secs(1_710_524_529);
        assert_eq!(retry_after(&headers(&[("x-amz-retry-after", "1500")]), now), Some(Duration::from_millis(1500)));
        assert_eq!(retry_after(&headers(&[("retry-after", "3")]), now), Some(Duration::from_secs(3)));
        // An HTTP-date 7 s from now; one in the past is no pause.
        assert_eq!(
            retry_after(&headers(&[("retry-after", "Fri, 15 Mar 2024 17:42:16 GMT")]), now),
            Some(Duration::from_secs(7))
        );
        assert_eq!(
            retry_after(&headers(&[("retry-after", "Fri, 15 Mar 2024 17:00:00 GMT")]), now),
            Some(Duration::ZERO)
        );
        // x-amz-retry-after wins; nonsense is no hint.
        let both = headers(&[("x-amz-retry-after", "250"), ("retry-after", "9")]);
        assert_eq!(retry_after(&both, now), Some(Duration::from_millis(250)));
        assert_eq!(retry_after(&headers(&[("retry-after", "soon")]), now), None);
        assert_eq!(retry_after(&headers(&[]), now), None);
        let retry = RetryConfig::default();
        assert_eq!(retry.pause(1, 0.5, Some(Duration::from_secs(3))), Duration::from_secs(3));
        assert_eq!(retry.pause(1, 0.5, Some(Duration::from_secs(600))), retry.max_backoff);
        assert_eq!(retry.pause(1, 0.5, None), retry.backoff(1, 0.5));
        assert!(is_throttling(429, None) && is_throttling(400, Some("SlowDown")) && !is_throttling(503, None));
    }

    #[test]
    fn only_throttling_and_transient_errors_retry() {
        assert!(is_retryable(400, Some("Throttling")));
        assert!(is_retryable(503, None));
        assert!(is_retryable(500, Some("InternalError")));
        assert!(!is_retryable(404, Some("NoSuchDistribution")));
        assert!(!is_retryable(412, Some("PreconditionFailed")));
        assert!(!is_retryable(400, None));
    }
}
