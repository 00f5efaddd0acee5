//! Adaptive retry mode's client-side rate limiting, as botocore implements
//! it (`botocore/retries/adaptive.py`, `bucket.py` and `throttling.py`).
//!
//! A [`ClientRateLimiter`] sits in front of every attempt of a client in
//! [`RetryMode::Adaptive`](super::retry::RetryMode::Adaptive). It does
//! nothing until the first throttling response; from then on each attempt
//! takes a token from a [`TokenBucket`] first, waiting when there is none.
//! Every response sets the bucket's fill rate: a throttling response cuts
//! it to [`CubicCalculator::BETA`] (70 %) of the rate the client was
//! sending at ([`RateClocker`]), and successes raise it again along the
//! CUBIC curve of TCP congestion control, never above twice the measured
//! send rate and never below [`TokenBucket::MIN_RATE`] (0.5 requests per
//! second).
//!
//! Rates are in requests per second and times in seconds (`f64`), read
//! from a [`Clock`]; the calculators take the time as a parameter, so
//! tests drive them with any clock they like.

use std::sync::{Arc, Mutex};
use std::time::Duration;

use super::credentials::BoxFuture;

/// Where a [`ClientRateLimiter`] reads the time and how it waits.
/// [`TokioClock`] is the real one; a test can supply a clock it advances
/// itself, whose `sleep` moves its time on and returns at once.
pub trait Clock: Send + Sync + std::fmt::Debug {
    /// Seconds since a fixed origin of this clock's choosing; never
    /// decreases.
    fn now(&self) -> f64;

    /// Waits `duration`.
    fn sleep(&self, duration: Duration) -> BoxFuture<'_, ()>;
}

/// The real [`Clock`]: `tokio::time::Instant` seconds since the clock was
/// made, and `tokio::time::sleep` (so a runtime with paused time pauses
/// it too).
#[derive(Debug, Clone, Copy)]
pub struct TokioClock {
    origin: tokio::time::Instant,
}

impl TokioClock {
    /// A clock whose time starts at 0 now.
    pub fn new() -> Self {
        TokioClock { origin: tokio::time::Instant::now() }
    }
}

impl Default for TokioClock {
    fn default() -> Self {
        TokioClock::new()
    }
}

impl Clock for TokioClock {
    fn now(&self) -> f64 {
        tokio::time::Instant::now().saturating_duration_since(self.origin).as_secs_f64()
    }

    fn sleep(&self, duration: Duration) -> BoxFuture<'_, ()> {
        Box::pin(tokio::time::sleep(duration))
    }
}

/// The CUBIC rate calculator (botocore's `throttling.CubicCalculator`):
/// after a throttling response at send rate `w_max` (requests per
/// second), the new rate is `w_max * beta`; `t` seconds after that
/// response a success allows `scale_constant * (t - k)^3 + w_max`, where
/// `k = cbrt(w_max * (1 - beta) / scale_constant)` is the time the curve
/// takes to climb back to `w_max`. So the rate comes back fast, lingers
/// near where throttling started, then probes beyond it.
#[derive(Debug, Clone, PartialEq)]
pub struct CubicCalculator {
    w_max: f64,
    k: f64,
    last_fail: f64,
    scale_constant: f64,
    beta: f64,
}

impl CubicCalculator {
    /// How steeply the rate grows back (botocore: 0.4).
    pub const SCALE_CONSTANT: f64 = 0.4;
    /// The share of the send rate kept after a throttling response
    /// (botocore: 0.7).
    pub const BETA: f64 = 0.7;

    /// A calculator with botocore's constants, as if throttled at
    /// `starting_max_rate` requests per second at time `start_time`
    /// (seconds).
    pub fn new(starting_max_rate: f64, start_time: f64) -> Self {
        CubicCalculator::with_parameters(starting_max_rate, start_time, Self::SCALE_CONSTANT, Self::BETA)
    }

    /// A calculator with other constants: `scale_constant` (growth) and
    /// `beta` (the share of the rate kept after throttling, in (0, 1)).
    pub fn with_parameters(starting_max_rate: f64, start_time: f64, scale_constant: f64, beta: f64) -> Self {
        let mut calculator =
            CubicCalculator { w_max: starting_max_rate, k: 0.0, last_fail: start_time, scale_constant, beta };
        calculator.k = calculator.zero_point();
        calculator
    }

    /// `k`: the seconds after a throttling response the rate takes to
    /// climb back to `w_max`.
    fn zero_point(&self) -> f64 {
        let scaled = self.w_max * (1.0 - self.beta) / self.scale_constant;
        scaled.powf(1.0 / 3.0)
    }

    /// The rate (requests per second) a success at `timestamp` (seconds)
    /// allows: `scale_constant * (timestamp - last_fail - k)^3 + w_max`.
    pub fn success_received(&self, timestamp: f64) -> f64 {
        let dt = timestamp - self.last_fail;
        self.scale_constant * (dt - self.k).powf(3.0) + self.w_max
    }

    /// A throttling response at `timestamp` (seconds) while sending at
    /// `current_rate` (requests per second): that rate becomes `w_max`,
    /// the curve restarts at `timestamp`, and the new rate is
    /// `current_rate * beta`.
    pub fn error_received(&mut self, current_rate: f64, timestamp: f64) -> f64 {
        self.w_max = current_rate;
        self.k = self.zero_point();
        self.last_fail = timestamp;
        current_rate * self.beta
    }

    /// The send rate of the last throttling response (requests per second).
    pub fn w_max(&self) -> f64 {
        self.w_max
    }

    /// The seconds the rate takes to climb back to [`w_max`](Self::w_max)
    /// after the last throttling response.
    pub fn k(&self) -> f64 {
        self.k
    }

    /// When the last throttling response came (seconds, the clock's time).
    pub fn last_fail(&self) -> f64 {
        self.last_fail
    }
}

/// The rate a client is sending at (botocore's `adaptive.RateClocker`):
/// requests are counted in time buckets of [`BUCKET_SECONDS`](Self::BUCKET_SECONDS);
/// when one comes in a later bucket, the count over the time since the
/// last update is blended into the measured rate with weight
/// [`SMOOTHING`](Self::SMOOTHING). Within a bucket the measured rate is
/// the previous one's.
#[derive(Debug, Clone, PartialEq)]
pub struct RateClocker {
    measured_rate: f64,
    last_bucket: f64,
    count: u64,
}

impl RateClocker {
    /// The weight of the newest bucket's rate (botocore: 0.8).
    pub const SMOOTHING: f64 = 0.8;
    /// The length of a time bucket in seconds (botocore: 0.5).
    pub const BUCKET_SECONDS: f64 = 0.5;

    /// A clocker started at `now` (seconds), measuring 0 requests per
    /// second.
    pub fn new(now: f64) -> Self {
        RateClocker { measured_rate: 0.0, last_bucket: now.floor(), count: 0 }
    }

    /// Counts a request at `now` (seconds) and returns the measured rate
    /// (requests per second).
    pub fn record(&mut self, now: f64) -> f64 {
        let scale = 1.0 / Self::BUCKET_SECONDS;
        let bucket = (now * scale).floor() / scale;
        self.count += 1;
        if bucket > self.last_bucket {
            let current_rate = self.count as f64 / (bucket - self.last_bucket);
            self.measured_rate = current_rate * Self::SMOOTHING + self.measured_rate * (1.0 - Self::SMOOTHING);
            self.count = 0;
            self.last_bucket = bucket;
        }
        self.measured_rate
    }

    /// The measured rate (requests per second) as of the last update.
    pub fn measured_rate(&self) -> f64 {
        self.measured_rate
    }
}

/// The token bucket that paces a rate-limited client (botocore's
/// `bucket.TokenBucket`): it fills at its fill rate (requests per second,
/// at least the minimum rate) up to its capacity (the fill rate, at least
/// 1 token), and each attempt takes a token. It starts empty.
#[derive(Debug, Clone, PartialEq)]
pub struct TokenBucket {
    fill_rate: f64,
    max_capacity: f64,
    current_capacity: f64,
    last_timestamp: f64,
    min_rate: f64,
}

impl TokenBucket {
    /// The lowest fill rate, in requests per second (botocore: 0.5).
    pub const MIN_RATE: f64 = 0.5;

    /// An empty bucket at `now` (seconds) filling at `max_rate` requests
    /// per second, at least [`MIN_RATE`](Self::MIN_RATE).
    pub fn new(max_rate: f64, now: f64) -> Self {
        TokenBucket::with_min_rate(max_rate, Self::MIN_RATE, now)
    }

    /// An empty bucket at `now` (seconds) filling at `max_rate` requests
    /// per second, at least `min_rate` (which should be above 0).
    pub fn with_min_rate(max_rate: f64, min_rate: f64, now: f64) -> Self {
        let mut bucket =
            TokenBucket { fill_rate: 0.0, max_capacity: 0.0, current_capacity: 0.0, last_timestamp: now, min_rate };
        bucket.set_max_rate(max_rate, now);
        bucket
    }

    /// Sets the fill rate to `max_rate` requests per second (at least the
    /// minimum rate) and the capacity to `max_rate` tokens (at least 1),
    /// at `now` (seconds): the tokens due at the old rate are added first,
    /// and the bucket keeps no more than the new capacity.
    pub fn set_max_rate(&mut self, max_rate: f64, now: f64) {
        self.refill(now);
        self.fill_rate = max_rate.max(self.min_rate);
        self.max_capacity = if max_rate >= 1.0 { max_rate } else { 1.0 };
        self.current_capacity = self.current_capacity.min(self.max_capacity);
    }

    /// The fill rate, in requests per second (botocore's `max_rate`).
    pub fn fill_rate(&self) -> f64 {
        self.fill_rate
    }

    /// The most tokens the bucket holds.
    pub fn max_capacity(&self) -> f64 {
        self.max_capacity
    }

    /// The tokens in the bucket as of the last refill.
    pub fn available_capacity(&self) -> f64 {
        self.current_capacity
    }

    /// Takes `amount` tokens at `now` (seconds) if the bucket has them
    /// (after adding those due since the last refill); else takes nothing
    /// and returns how long until it will, at the current fill rate.
    /// [`ClientRateLimiter::acquire`] waits that long and tries again.
    pub fn try_acquire(&mut self, amount: f64, now: f64) -> Result<(), Duration> {
        self.refill(now);
        if amount <= self.current_capacity {
            self.current_capacity -= amount;
            return Ok(());
        }
        // Rounded up to the nanosecond, and at least one: after the wait
        // the tokens are there (a wait of 0 could come back short again).
        let nanos = ((amount - self.current_capacity) / self.fill_rate * 1e9).ceil();
        Err(Duration::from_nanos(nanos as u64).max(Duration::from_nanos(1)))
    }

    /// Adds the tokens due since the last refill, up to the capacity.
    fn refill(&mut self, now: f64) {
        let fill_amount = (now - self.last_timestamp) * self.fill_rate;
        self.current_capacity = self.max_capacity.min(self.current_capacity + fill_amount);
        self.last_timestamp = now;
    }
}

/// A client's rate limiter in adaptive retry mode (botocore's
/// `adaptive.ClientRateLimiter`): one per client, shared by all its calls
/// and clones. Until the first throttling response it lets every attempt
/// through; after one, each attempt first takes a token from its
/// [`TokenBucket`] ([`acquire`](Self::acquire)), and each response sets
/// the bucket's fill rate ([`update`](Self::update)) from the
/// [`CubicCalculator`] and the [`RateClocker`], never above
/// [`MAX_RATE_ADJUST_SCALE`](Self::MAX_RATE_ADJUST_SCALE) times the
/// measured send rate.
#[derive(Debug)]
pub struct ClientRateLimiter {
    clock: Arc<dyn Clock>,
    state: Mutex<LimiterState>,
}

/// What a [`ClientRateLimiter`] guards with one lock.
#[derive(Debug)]
struct LimiterState {
    cubic: CubicCalculator,
    clocker: RateClocker,
    bucket: TokenBucket,
    enabled: bool,
}

impl ClientRateLimiter {
    /// How far above the measured send rate the fill rate may go
    /// (botocore: 2.0).
    pub const MAX_RATE_ADJUST_SCALE: f64 = 2.0;

    /// A limiter on the real clock ([`TokioClock`]).
    pub fn new() -> Self {
        ClientRateLimiter::with_clock(Arc::new(TokioClock::new()))
    }

    /// A limiter reading the time from `clock` and waiting with it:
    /// botocore's start, a calculator with a maximum rate of 0, a bucket
    /// filling at 1 request per second, and no limiting until the first
    /// throttling response.
    pub fn with_clock(clock: Arc<dyn Clock>) -> Self {
        let now = clock.now();
        let state = LimiterState {
            cubic: CubicCalculator::new(0.0, now),
            clocker: RateClocker::new(now),
            bucket: TokenBucket::new(1.0, now),
            enabled: false,
        };
        ClientRateLimiter { clock, state: Mutex::new(state) }
    }

    fn state(&self) -> std::sync::MutexGuard<'_, LimiterState> {
        self.state.lock().unwrap_or_else(|e| e.into_inner())
    }

    /// Whether a throttling response has turned limiting on (it stays on).
    pub fn is_enabled(&self) -> bool {
        self.state().enabled
    }

    /// The rate attempts are let through at once limiting is on, in
    /// requests per second (the bucket's fill rate, at least 0.5).
    pub fn fill_rate(&self) -> f64 {
        self.state().bucket.fill_rate()
    }

    /// The client's measured send rate, in requests per second.
    pub fn measured_rate(&self) -> f64 {
        self.state().clocker.measured_rate()
    }

    /// Lets an attempt through now if it may go (limiting off, or a token
    /// taken); else returns how long to wait before asking again.
    pub fn try_acquire(&self) -> Result<(), Duration> {
        let now = self.clock.now();
        let mut state = self.state();
        if !state.enabled {
            return Ok(());
        }
        state.bucket.try_acquire(1.0, now)
    }

    /// Waits until an attempt may go (at once while limiting is off) and
    /// returns how long it waited. Each wait is a `tracing` debug event
    /// with the pause and the fill rate.
    pub async fn acquire(&self) -> Duration {
        let mut waited = Duration::ZERO;
        loop {
            // The lock is taken and released inside `try_acquire`: never
            // held across the wait.
            let pause = match self.try_acquire() {
                Ok(()) => return waited,
                Err(pause) => pause,
            };
            tracing::debug!(?pause, fill_rate = self.fill_rate(), "client rate limit: waiting to send");
            self.clock.sleep(pause).await;
            waited += pause;
        }
    }

    /// An attempt's outcome: `throttled` if it was a throttling response
    /// (anything else, transport failures included, counts as a success,
    /// as in botocore). Counts the request, moves the fill rate along the
    /// CUBIC curve (down after throttling, which turns limiting on) and
    /// returns the new fill rate in requests per second.
    pub fn update(&self, throttled: bool) -> f64 {
        let now = self.clock.now();
        let mut state = self.state();
        let measured_rate = state.clocker.record(now);
        let new_rate = if throttled {
            let rate_to_use = if state.enabled { measured_rate.min(state.bucket.fill_rate()) } else { measured_rate };
            let new_rate = state.cubic.error_received(rate_to_use, now);
            tracing::debug!(
                new_rate,
                measured_rate,
                available = state.bucket.available_capacity(),
                "throttling response: lowering the client's send rate"
            );
            state.enabled = true;
            new_rate
        } else {
            state.cubic.success_received(now)
        };
        state.bucket.set_max_rate(new_rate.min(Self::MAX_RATE_ADJUST_SCALE * measured_rate), now);
        state.bucket.fill_rate()
    }
}

impl Default for ClientRateLimiter {
    fn default() -> Self {
        ClientRateLimiter::new()
    }
}

/// A clock the test moves; `sleep` moves it on and records the pause.
#[cfg(test)]
#[derive(Debug, Default)]
pub(crate) struct ManualClock {
    now: Mutex<f64>,
    pub(crate) sleeps: Mutex<Vec<Duration>>,
}

#[cfg(test)]
impl ManualClock {
    pub(crate) fn set(&self, now: f64) {
        *self.now.lock().unwrap() = now;
    }
}

#[cfg(test)]
impl Clock for ManualClock {
    fn now(&self) -> f64 {
        *self.now.lock().unwrap()
    }

    fn sleep(&self, duration: Duration) -> BoxFuture<'_, ()> {
        *self.now.lock().unwrap() += duration.as_secs_f64();
        self.sleeps.lock().unwrap().push(duration);
        Box::pin(std::future::ready(()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Botocore's `assertAlmostEqual`: equal to 7 decimal places.
    fn assert_almost_eq(actual: f64, expected: f64) {
        assert!(((actual - expected) * 1e7).round() == 0.0, "{actual} is not almost {expected}");
    }

    // botocore tests/unit/retries/test_throttling.py

    fn cubic(starting_max_rate: f64, beta: f64) -> CubicCalculator {
        CubicCalculator::with_parameters(starting_max_rate, 0.0, 0.4, beta)
    }

    #[test]
    fn cubic_starting_params() {
        assert_almost_eq(cubic(10.0, 0.7).k(), 1.9574338205844317);
        assert_eq!(CubicCalculator::new(10.0, 0.0), cubic(10.0, 0.7));
    }

    #[test]
    fn cubic_success_responses_until_max_hit() {
        let cubic = cubic(10.0, 0.7);
        let (start_k, start_w_max) = (cubic.k(), cubic.w_max());
        // Below w_max before k seconds, w_max at k, above it after.
        assert!(cubic.success_received(start_k / 3.0) <= start_w_max);
        assert!(cubic.success_received(start_k / 2.0) <= start_w_max);
        assert!(cubic.success_received(start_k / 1.1) <= start_w_max);
        assert_almost_eq(cubic.success_received(start_k), 10.0);
        assert!(cubic.success_received(start_k * 1.1) >= start_w_max);
        assert!(cubic.success_received(start_k * 2.0) >= start_w_max);
    }

    #[test]
    fn cubic_error_response_decreases_rate_by_beta() {
        let mut cubic = cubic(10.0, 0.7);
        // Throttled at 8 requests per second.
        let new_rate = cubic.error_received(8.0, 1.0);
        assert_almost_eq(new_rate, 8.0 * 0.7);
        assert_eq!((cubic.w_max(), cubic.k(), cubic.last_fail()), (8.0, 1.8171205928321397, 1.0));
    }

    #[test]
    fn cubic_t_0_matches_the_beta_decrease() {
        let mut cubic = cubic(10.0, 0.6);
        assert_eq!(cubic.error_received(10.0, 1.0), 6.0);
        assert_almost_eq(cubic.success_received(1.0), 6.0);
    }

    // botocore tests/unit/retries/test_adaptive.py, TestRateClocker: the
    // clocker starts at time 0.

    #[test]
    fn rate_clocker_initial_rate_is_0() {
        assert_eq!(RateClocker::new(0.0).measured_rate(), 0.0);
    }

    #[test]
    fn rate_clocker_updates_after_the_bucket_range() {
        // 1 * 0.8 + 0 * 0.2
        assert_eq!(RateClocker::new(0.0).record(1.0), 0.8);
    }

    #[test]
    fn rate_clocker_measures_a_constant_rate() {
        let mut clocker = RateClocker::new(0.0);
        for t in 1..=20 {
            clocker.record(f64::from(t));
        }
        assert_almost_eq(clocker.measured_rate(), 1.0);
    }

    #[test]
    fn rate_clocker_smoothing_favors_recent_weights() {
        let mut clocker = RateClocker::new(0.0);
        for t in [1.0, 1.5, 2.0, 2.5, 3.0, 3.5, 4.0] {
            clocker.record(t);
        }
        // Almost 2.0 but not quite.
        assert!((1.99..=2.0).contains(&clocker.measured_rate()), "{}", clocker.measured_rate());
        // 10 s later (0.1 requests per second): between 0.1 and 2.
        clocker.record(14.0);
        assert!((0.1..=2.0).contains(&clocker.measured_rate()), "{}", clocker.measured_rate());
    }

    #[test]
    fn rate_clocker_is_a_no_op_when_no_time_passes() {
        let mut clocker = RateClocker::new(0.0);
        for t in [1.0, 1.0, 1.0, 2.0, 3.0] {
            clocker.record(t);
        }
        assert!(clocker.measured_rate() >= 1.0);
    }

    #[test]
    fn rate_clocker_groups_times_per_bucket() {
        let mut clocker = RateClocker::new(0.0);
        for t in [0.1, 0.2, 0.3, 0.4, 0.49] {
            clocker.record(t);
        }
        // Still in the bucket 0 <= t < 0.5: the previous bucket's rate.
        assert_eq!(clocker.measured_rate(), 0.0);
        // The next bucket: 6 requests in 0.5 s, 12 * 0.8 + 0.2 * 0.
        clocker.record(0.5);
        assert_eq!(clocker.measured_rate(), 12.0 * 0.8);
    }

    // botocore tests/unit/retries/test_bucket.py: buckets made at time 0
    // with a minimum rate of 0.1 unless said.

    fn bucket(max_rate: f64) -> TokenBucket {
        TokenBucket::with_min_rate(max_rate, 0.1, 0.0)
    }

    #[test]
    fn bucket_can_acquire_amount() {
        // One token a second, well below the fill rate of 10.
        let mut bucket = bucket(10.0);
        for t in 1..=5 {
            assert_eq!(bucket.try_acquire(1.0, f64::from(t)), Ok(()));
        }
    }

    #[test]
    fn bucket_can_change_max_capacity_lower() {
        let mut bucket = bucket(10.0);
        for t in 1..=5 {
            assert_eq!(bucket.try_acquire(1.0, f64::from(t)), Ok(()));
        }
        // Down to 1 request per second at 5 s, then one a second.
        bucket.set_max_rate(1.0, 5.0);
        for t in 6..=10 {
            assert_eq!(bucket.try_acquire(1.0, f64::from(t)), Ok(()));
        }
    }

    #[test]
    fn bucket_max_capacity_is_at_least_one() {
        let mut bucket = bucket(10.0);
        bucket.set_max_rate(0.5, 1.0);
        assert_eq!((bucket.fill_rate(), bucket.max_capacity()), (0.5, 1.0));
    }

    #[test]
    fn bucket_acquire_without_capacity_fails() {
        let mut bucket = bucket(10.0);
        // 100 tokens at 10 a second: 10 s to wait; nothing taken.
        assert_eq!(bucket.try_acquire(100.0, 0.0), Err(Duration::from_secs(10)));
        assert_eq!(bucket.available_capacity(), 0.0);
    }

    #[test]
    fn bucket_can_retrieve_at_max_send_rate() {
        // A token every 100 ms (10 a second) for 2 s.
        let mut bucket = bucket(10.0);
        for i in 0..20 {
            assert_eq!(bucket.try_acquire(1.0, 1.0 + 0.1 * f64::from(i)), Ok(()));
        }
    }

    #[test]
    fn bucket_acquiring_waits_when_capacity_reached() {
        // A token every 0.1 s.
        let mut bucket = bucket(10.0);
        assert_eq!(bucket.try_acquire(1.0, 0.1), Ok(()));
        assert_eq!(bucket.available_capacity(), 0.0);
        // At 0.15 s half a token: wait 0.05 s, and at 0.2 s there is one.
        let pause = bucket.try_acquire(1.0, 0.15).unwrap_err();
        assert_almost_eq(pause.as_secs_f64(), 0.05);
        assert_eq!(bucket.try_acquire(1.0, 0.2), Ok(()));
        assert_eq!(bucket.available_capacity(), 0.0);
        assert_eq!(bucket.try_acquire(1.0, 0.300001), Ok(()));
    }

    #[test]
    fn bucket_rate_cannot_go_below_min() {
        let mut bucket = TokenBucket::with_min_rate(1.0, 0.2, 0.0);
        bucket.set_max_rate(0.1, 1.0);
        assert_eq!((bucket.fill_rate(), bucket.max_capacity()), (0.2, 1.0));
        assert_eq!(TokenBucket::new(0.1, 0.0).fill_rate(), 0.5, "botocore's minimum");
    }

    // botocore tests/unit/retries/test_adaptive.py, TestClientRateLimiter,
    // with the real calculators in place of its mocks.

    fn limiter() -> (Arc<ManualClock>, ClientRateLimiter) {
        let clock = Arc::new(ManualClock::default());
        let limiter = ClientRateLimiter::with_clock(clock.clone());
        (clock, limiter)
    }

    #[test]
    fn limiter_takes_no_tokens_until_enabled() {
        let (_, limiter) = limiter();
        for _ in 0..100 {
            assert_eq!(limiter.try_acquire(), Ok(()));
        }
        assert!(!limiter.is_enabled());
    }

    #[test]
    fn limiter_is_enabled_by_a_throttling_response() {
        let (clock, limiter) = limiter();
        clock.set(0.25);
        limiter.update(false);
        assert!(!limiter.is_enabled(), "successes do not turn it on");
        // 2 requests in the first 0.5 s: a measured rate of 4 * 0.8, and
        // 70 % of that after the throttling response.
        clock.set(0.5);
        assert_almost_eq(limiter.update(true), 2.24);
        assert!(limiter.is_enabled());
        // 0.375 tokens in the bucket: the next attempt waits for 0.625
        // more at 2.24 a second (botocore: 0.27901785714285715 s).
        assert_eq!(limiter.try_acquire(), Err(Duration::from_nanos(279_017_858)));
    }

    #[test]
    fn limiter_fill_rate_is_at_most_twice_the_measured_rate() {
        let (clock, limiter) = limiter();
        // 4 requests a second for 10 s: the measured rate is about 4 and
        // the CUBIC curve (w_max 0) is far above 8 by then.
        for i in 1..=40 {
            clock.set(f64::from(i) * 0.25);
            limiter.update(false);
        }
        let measured = limiter.measured_rate();
        assert_almost_eq(measured, 4.0);
        assert_eq!(limiter.fill_rate(), 2.0 * measured);
    }

    fn block_on<F: std::future::Future>(future: F) -> F::Output {
        tokio::runtime::Builder::new_current_thread().build().unwrap().block_on(future)
    }

    /// The numbers are botocore 1.43.11's: its `ClientRateLimiter`, with
    /// the same clock, a blocked acquire sleeping the pause rounded up to
    /// the nanosecond.
    #[test]
    fn throttling_lowers_the_fill_rate_and_successes_raise_it_again() {
        let (clock, limiter) = limiter();
        // 10 requests a second for 5 s.
        for i in 1..=50 {
            clock.set(f64::from(i) * 0.1);
            assert_eq!(block_on(limiter.acquire()), Duration::ZERO);
            limiter.update(false);
        }
        assert_almost_eq(limiter.measured_rate(), 9.999998975999999);
        assert_almost_eq(limiter.fill_rate(), 19.999997951999998);
        // A burst of throttling: 70 % of the measured rate at once, then
        // 70 % of the fill rate per response. The bucket still holds
        // tokens: nobody waits yet.
        clock.set(5.05);
        let mut rates = vec![limiter.update(true)];
        for _ in 0..4 {
            assert_eq!(block_on(limiter.acquire()), Duration::ZERO);
            rates.push(limiter.update(true));
        }
        let botocore = [6.999999283199998, 4.899999498239999, 3.429999648767999, 2.400999754137599, 1.6806998278963192];
        for (rate, expected) in rates.iter().zip(botocore) {
            assert_almost_eq(*rate, expected);
        }
        // Successes as fast as the limiter allows: each waits for its
        // token (but the first), and the rate climbs back.
        for _ in 0..200 {
            block_on(limiter.acquire());
            limiter.update(false);
        }
        assert_eq!(clock.sleeps.lock().unwrap().len(), 199);
        assert_almost_eq(clock.now(), 12.810642888999997);
        assert_almost_eq(limiter.fill_rate(), 114.49866154522785);
        assert!(limiter.is_enabled());
    }
}
