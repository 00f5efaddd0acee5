//! Retries in AWS standard mode: a bounded number of attempts, exponential
//! backoff with full jitter, and retries decided by error code and status
//! as botocore's standard mode decides them: throttling and transient codes
//! (even when the model lists them as an operation's error, as Route 53
//! does `PriorRequestNotComplete`), 500, 502, 503, 504 and 429, and failed
//! connections. Every other error is returned at once.

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

/// Whether a response should be retried: throttling or transient error
/// codes, and 500, 502, 503 and 504.
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
    fn only_throttling_and_transient_errors_retry() {
        assert!(is_retryable(400, Some("Throttling")));
        assert!(is_retryable(503, None));
        assert!(is_retryable(500, Some("InternalError")));
        assert!(!is_retryable(404, Some("NoSuchDistribution")));
        assert!(!is_retryable(412, Some("PreconditionFailed")));
        assert!(!is_retryable(400, None));
    }
}
