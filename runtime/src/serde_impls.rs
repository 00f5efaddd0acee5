//! serde for the runtime's value types: timestamps as RFC 3339 strings (as
//! the AWS CLI prints them), blobs as base64 strings (as boto3 takes them
//! in JSON).

use serde::de::Error as _;
use serde::{Deserialize, Deserializer, Serialize, Serializer};

use crate::scalar::{FromText, ToText};
use crate::{Blob, ByteStream, DateTime, TimestampFormat};

impl Serialize for DateTime {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(&self.format(TimestampFormat::DateTime))
    }
}

impl<'de> Deserialize<'de> for DateTime {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let text = <std::borrow::Cow<'de, str>>::deserialize(deserializer)?;
        DateTime::parse(&text, TimestampFormat::DateTime)
            .ok_or_else(|| D::Error::custom(format!("expected an RFC 3339 timestamp, found {text:?}")))
    }
}

impl Serialize for Blob {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(&self.to_text())
    }
}

impl<'de> Deserialize<'de> for Blob {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let text = <std::borrow::Cow<'de, str>>::deserialize(deserializer)?;
        Blob::from_text(&text).ok_or_else(|| D::Error::custom("expected base64 data"))
    }
}

/// A body held in memory serializes as its base64 text, like a blob; a
/// file or a stream cannot be serialized (an error says so).
impl Serialize for ByteStream {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        match self.bytes() {
            Some(bytes) => serializer.serialize_str(&Blob::new(bytes.to_vec()).to_text()),
            None => Err(serde::ser::Error::custom("a file or stream body cannot be serialized, only bytes")),
        }
    }
}

impl<'de> Deserialize<'de> for ByteStream {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        Blob::deserialize(deserializer).map(ByteStream::from)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn timestamps_and_blobs_as_strings() {
        let dt = DateTime::from_secs_and_nanos(1_710_524_529, 123_000_000);
        let json = serde_json::to_string(&dt).unwrap();
        assert_eq!(json, "\"2024-03-15T17:42:09.123Z\"");
        assert_eq!(serde_json::from_str::<DateTime>("\"2024-03-15T17:42:09.123+00:00\"").unwrap(), dt);
        assert!(serde_json::from_str::<DateTime>("\"later\"").is_err());
        let blob = Blob::new(b"hi".to_vec());
        assert_eq!(serde_json::to_string(&blob).unwrap(), "\"aGk=\"");
        assert_eq!(serde_json::from_str::<Blob>("\"aGk=\"").unwrap(), blob);
    }
}
