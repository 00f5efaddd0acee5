//! [`DateTime`]: a point in time with nanosecond precision, and the three
//! wire formats AWS models use. Parsing and formatting go through the
//! `time` crate; this type keeps it out of the public API.

use std::fmt;
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use time::format_description::well_known::{Iso8601, Rfc2822, Rfc3339};
use time::{OffsetDateTime, PrimitiveDateTime, UtcOffset};

/// A point in time (UTC), as seconds and nanoseconds since the Unix epoch.
#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct DateTime {
    seconds: i64,
    nanos: u32,
}

/// How a timestamp is written on the wire.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TimestampFormat {
    /// ISO 8601 / RFC 3339: `2024-03-15T17:42:09.123Z` (XML bodies, query strings).
    DateTime,
    /// HTTP-date (RFC 7231 IMF-fixdate): `Fri, 15 Mar 2024 17:42:09 GMT` (headers).
    HttpDate,
    /// Seconds since the epoch, with fractions: `1710524529.123`.
    EpochSeconds,
}

impl TimestampFormat {
    /// What a value in this format is called in errors.
    pub(crate) fn expected(self) -> &'static str {
        match self {
            TimestampFormat::DateTime => "an ISO 8601 timestamp",
            TimestampFormat::HttpDate => "an HTTP-date timestamp",
            TimestampFormat::EpochSeconds => "a timestamp in epoch seconds",
        }
    }
}

impl DateTime {
    /// From whole seconds since the epoch.
    pub const fn from_secs(seconds: i64) -> Self {
        DateTime { seconds, nanos: 0 }
    }

    /// From seconds since the epoch and a sub-second part (below 1e9).
    pub const fn from_secs_and_nanos(seconds: i64, nanos: u32) -> Self {
        if nanos >= 1_000_000_000 {
            DateTime { seconds: seconds.saturating_add((nanos / 1_000_000_000) as i64), nanos: nanos % 1_000_000_000 }
        } else {
            DateTime { seconds, nanos }
        }
    }

    /// Whole seconds since the epoch (floor).
    pub const fn secs(&self) -> i64 {
        self.seconds
    }

    /// The sub-second part in nanoseconds.
    pub const fn subsec_nanos(&self) -> u32 {
        self.nanos
    }

    /// Parses `text` in `format`; `None` if it is not a valid timestamp.
    /// ISO 8601 without an offset is taken as UTC; HTTP-date accepts `GMT`,
    /// `UTC` and numeric offsets.
    pub fn parse(text: &str, format: TimestampFormat) -> Option<Self> {
        let text = text.trim();
        match format {
            TimestampFormat::DateTime => OffsetDateTime::parse(text, &Rfc3339)
                .ok()
                .or_else(|| OffsetDateTime::parse(text, &Iso8601::DEFAULT).ok())
                .or_else(|| PrimitiveDateTime::parse(text, &Iso8601::DEFAULT).ok().map(PrimitiveDateTime::assume_utc))
                .map(Self::from_offset),
            TimestampFormat::HttpDate => {
                let parsed = OffsetDateTime::parse(text, &Rfc2822).ok().or_else(|| {
                    let base = text.strip_suffix("GMT").or_else(|| text.strip_suffix("UTC"))?;
                    OffsetDateTime::parse(&format!("{base}+0000"), &Rfc2822).ok()
                });
                parsed.map(Self::from_offset)
            }
            TimestampFormat::EpochSeconds => parse_epoch_seconds(text),
        }
    }

    /// [`format`](Self::format) of the whole second (the fraction
    /// dropped), as botocore writes timestamps bound to headers: it cuts
    /// the value to whole seconds before formatting, whatever the format.
    pub fn format_whole_seconds(&self, format: TimestampFormat) -> String {
        DateTime::from_secs(self.seconds).format(format)
    }

    /// Writes the timestamp in `format`. Fractions are written only when
    /// present, with trailing zeros removed.
    pub fn format(&self, format: TimestampFormat) -> String {
        match format {
            TimestampFormat::DateTime => {
                let Some(dt) = self.to_offset() else { return self.format(TimestampFormat::EpochSeconds) };
                let mut out = format!(
                    "{:04}-{:02}-{:02}T{:02}:{:02}:{:02}",
                    dt.year(),
                    u8::from(dt.month()),
                    dt.day(),
                    dt.hour(),
                    dt.minute(),
                    dt.second()
                );
                push_fraction(&mut out, self.nanos);
                out.push('Z');
                out
            }
            TimestampFormat::HttpDate => {
                let Some(dt) = self.to_offset() else { return self.format(TimestampFormat::EpochSeconds) };
                const DAYS: [&str; 7] = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"];
                const MONTHS: [&str; 12] =
                    ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];
                format!(
                    "{}, {:02} {} {:04} {:02}:{:02}:{:02} GMT",
                    DAYS[dt.weekday().number_days_from_monday() as usize],
                    dt.day(),
                    MONTHS[u8::from(dt.month()) as usize - 1],
                    dt.year(),
                    dt.hour(),
                    dt.minute(),
                    dt.second()
                )
            }
            TimestampFormat::EpochSeconds => {
                let mut out = self.seconds.to_string();
                push_fraction(&mut out, self.nanos);
                out
            }
        }
    }

    fn from_offset(dt: OffsetDateTime) -> Self {
        DateTime { seconds: dt.unix_timestamp(), nanos: dt.nanosecond() }
    }

    fn to_offset(self) -> Option<OffsetDateTime> {
        let dt = OffsetDateTime::from_unix_timestamp(self.seconds).ok()?;
        dt.replace_nanosecond(self.nanos).ok().map(|dt| dt.to_offset(UtcOffset::UTC))
    }
}

fn push_fraction(out: &mut String, nanos: u32) {
    if nanos == 0 {
        return;
    }
    let digits = format!("{nanos:09}");
    out.push('.');
    out.push_str(digits.trim_end_matches('0'));
}

fn parse_epoch_seconds(text: &str) -> Option<DateTime> {
    let (whole, fraction) = match text.split_once('.') {
        Some((w, f)) => (w, f),
        None => (text, ""),
    };
    if fraction.len() > 9 || !fraction.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let negative = whole.starts_with('-');
    let seconds: i64 = whole.parse().ok()?;
    let mut nanos: u32 = 0;
    if !fraction.is_empty() {
        nanos = format!("{fraction:0<9}").parse().ok()?;
    }
    if negative && nanos > 0 {
        // -1.5 is 1.5 s before the epoch: floor seconds, positive fraction.
        Some(DateTime { seconds: seconds.checked_sub(1)?, nanos: 1_000_000_000 - nanos })
    } else {
        Some(DateTime { seconds, nanos })
    }
}

impl fmt::Display for DateTime {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.format(TimestampFormat::DateTime))
    }
}

impl fmt::Debug for DateTime {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "DateTime({self})")
    }
}

impl From<SystemTime> for DateTime {
    fn from(time: SystemTime) -> Self {
        match time.duration_since(UNIX_EPOCH) {
            Ok(d) => DateTime { seconds: d.as_secs() as i64, nanos: d.subsec_nanos() },
            Err(before) => {
                let d = before.duration();
                let (s, n) = (d.as_secs() as i64, d.subsec_nanos());
                if n == 0 {
                    DateTime { seconds: -s, nanos: 0 }
                } else {
                    DateTime { seconds: -s - 1, nanos: 1_000_000_000 - n }
                }
            }
        }
    }
}

/// Times beyond what `SystemTime` can hold saturate at the epoch's
/// representable bounds instead of panicking.
impl From<DateTime> for SystemTime {
    fn from(dt: DateTime) -> Self {
        let shifted = if dt.seconds >= 0 {
            UNIX_EPOCH.checked_add(Duration::new(dt.seconds as u64, dt.nanos))
        } else {
            UNIX_EPOCH
                .checked_sub(Duration::from_secs(dt.seconds.unsigned_abs()))
                .and_then(|t| t.checked_add(Duration::from_nanos(dt.nanos as u64)))
        };
        shifted.unwrap_or(if dt.seconds >= 0 {
            UNIX_EPOCH + Duration::from_secs(u32::MAX as u64 * 64)
        } else {
            UNIX_EPOCH
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn iso8601_round_trip() {
        let dt = DateTime::parse("2024-03-15T17:42:09.123Z", TimestampFormat::DateTime).unwrap();
        assert_eq!(dt.secs(), 1_710_524_529);
        assert_eq!(dt.subsec_nanos(), 123_000_000);
        assert_eq!(dt.format(TimestampFormat::DateTime), "2024-03-15T17:42:09.123Z");
        let whole = DateTime::from_secs(1_710_524_529);
        assert_eq!(whole.format(TimestampFormat::DateTime), "2024-03-15T17:42:09Z");
    }

    #[test]
    fn iso8601_variants() {
        let utc = DateTime::parse("2024-03-15T17:42:09Z", TimestampFormat::DateTime).unwrap();
        let offset = DateTime::parse("2024-03-15T18:42:09+01:00", TimestampFormat::DateTime).unwrap();
        let naive = DateTime::parse("2024-03-15T17:42:09", TimestampFormat::DateTime).unwrap();
        assert_eq!(utc, offset);
        assert_eq!(utc, naive);
        assert!(DateTime::parse("yesterday", TimestampFormat::DateTime).is_none());
        assert!(DateTime::parse("2024-13-15T17:42:09Z", TimestampFormat::DateTime).is_none());
    }

    #[test]
    fn http_date() {
        let dt = DateTime::parse("Fri, 15 Mar 2024 17:42:09 GMT", TimestampFormat::HttpDate).unwrap();
        assert_eq!(dt.secs(), 1_710_524_529);
        assert_eq!(dt.format(TimestampFormat::HttpDate), "Fri, 15 Mar 2024 17:42:09 GMT");
    }

    #[test]
    fn epoch_seconds() {
        let dt = DateTime::parse("1710524529.5", TimestampFormat::EpochSeconds).unwrap();
        assert_eq!((dt.secs(), dt.subsec_nanos()), (1_710_524_529, 500_000_000));
        assert_eq!(dt.format(TimestampFormat::EpochSeconds), "1710524529.5");
        // Headers: the fraction is dropped before formatting, as botocore does.
        assert_eq!(dt.format_whole_seconds(TimestampFormat::EpochSeconds), "1710524529");
        assert_eq!(dt.format_whole_seconds(TimestampFormat::DateTime), "2024-03-15T17:42:09Z");
        let before = DateTime::parse("-1.5", TimestampFormat::EpochSeconds).unwrap();
        assert_eq!((before.secs(), before.subsec_nanos()), (-2, 500_000_000));
        assert!(DateTime::parse("1.2.3", TimestampFormat::EpochSeconds).is_none());
    }

    #[test]
    fn extreme_values_do_not_panic() {
        assert!(DateTime::parse(&format!("{}.5", i64::MIN), TimestampFormat::EpochSeconds).is_none());
        assert!(DateTime::parse("99999999999999999999", TimestampFormat::EpochSeconds).is_none());
        let far = DateTime::from_secs_and_nanos(i64::MAX, 1_999_999_999);
        let _ = far.format(TimestampFormat::DateTime);
        let _ = far.format(TimestampFormat::HttpDate);
        let _ = SystemTime::from(far);
        let _ = SystemTime::from(DateTime::from_secs(i64::MIN));
    }

    #[test]
    fn system_time_round_trip() {
        let dt = DateTime::from_secs_and_nanos(1_710_524_529, 42);
        assert_eq!(DateTime::from(SystemTime::from(dt)), dt);
        let before = DateTime::from_secs_and_nanos(-10, 5);
        assert_eq!(DateTime::from(SystemTime::from(before)), before);
    }
}
