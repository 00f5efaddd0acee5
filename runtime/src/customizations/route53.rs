//! Route 53: bare resource ids, and its `InvalidChangeBatch` error document.

use http::HeaderMap;

use crate::error::ErrorMetadata;
use crate::xml::{Document, XmlError};

/// The id in a Route 53 resource path: what follows the last `/`
/// (`/hostedzone/Z123` gives `Z123`; a bare `Z123` stays as it is).
///
/// Route 53 returns hosted zone, change and delegation set ids with their
/// kind in front; botocore's `fix_route53_ids` handler sends only the last
/// segment of any input member targeting the `ResourceId`,
/// `DelegationSetId` or `ChangeId` shape, and generated Route 53 code calls
/// this for the same members.
#[inline]
pub fn resource_id(id: &str) -> &str {
    id.rsplit('/').next().unwrap_or(id)
}

/// The code, message and request id of a Route 53 error response.
///
/// Besides the usual `<ErrorResponse><Error><Code>…` document
/// ([`crate::error_body::error_metadata`]), Route 53 rejects a change batch
/// with a document whose root is the code itself, one message per problem:
///
/// ```xml
/// <InvalidChangeBatch xmlns="https://route53.amazonaws.com/doc/…/">
///   <Messages><Message>…</Message><Message>…</Message></Messages>
///   <RequestId>…</RequestId>
/// </InvalidChangeBatch>
/// ```
///
/// That gives the code `InvalidChangeBatch` and the messages joined with
/// `"; "` as the message; the modeled error's `messages` member then holds
/// each one (`crate::error_body::modeled` reads a root named after the
/// code). Never fails, like `error_metadata`.
pub fn error_metadata(status: u16, headers: &HeaderMap, body: &[u8]) -> ErrorMetadata {
    let mut meta = crate::error_body::error_metadata(status, headers, body);
    if meta.code.is_none() {
        // A body that is no such document leaves the metadata as it is.
        let _ = read_invalid_change_batch(body, &mut meta);
    }
    meta
}

/// The root element of Route 53's own change-batch error document.
const INVALID_CHANGE_BATCH: &str = "InvalidChangeBatch";

fn read_invalid_change_batch(body: &[u8], meta: &mut ErrorMetadata) -> Result<(), XmlError> {
    let mut document = Document::new(body)?;
    let mut root = document.root()?;
    if root.local_name() != INVALID_CHANGE_BATCH {
        return Ok(());
    }
    let mut messages = Vec::new();
    while let Some(mut child) = root.next_child()? {
        match child.local_name() {
            "Messages" => {
                while let Some(mut message) = child.next_child()? {
                    if message.local_name() == "Message" {
                        messages.push(message.text()?.into_owned());
                    }
                }
            }
            "Message" | "message" => messages.push(child.text()?.into_owned()),
            "RequestId" if meta.request_id.is_none() => meta.request_id = Some(child.text()?.into_owned()),
            _ => {}
        }
    }
    meta.code = Some(INVALID_CHANGE_BATCH.to_string());
    meta.message = (!messages.is_empty()).then(|| messages.join("; "));
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn resource_ids_lose_their_path() {
        assert_eq!(resource_id("/hostedzone/Z1D633PJN98FT9"), "Z1D633PJN98FT9");
        assert_eq!(resource_id("/change/C2682N5HXP0BZ4"), "C2682N5HXP0BZ4");
        assert_eq!(resource_id("/delegationset/N1PA6795SAMPLE"), "N1PA6795SAMPLE");
        assert_eq!(resource_id("hostedzone/Z1"), "Z1");
        assert_eq!(resource_id("Z1D633PJN98FT9"), "Z1D633PJN98FT9");
        // botocore's `value.split('/')[-1]`: a trailing slash leaves nothing.
        assert_eq!(resource_id("/hostedzone/"), "");
        assert_eq!(resource_id(""), "");
    }

    #[test]
    fn invalid_change_batch_documents_give_code_and_every_message() {
        let body = br#"<?xml version="1.0"?>
<InvalidChangeBatch><Messages><Message>Tried to create resource record set [name='a.example.com.', type='A'] but it already exists</Message><Message>RRSet of type CNAME with DNS name b.example.com. is not permitted at apex</Message></Messages><RequestId>b25f48e8-84fd-11e6-80d9-574e0c4664cb</RequestId></InvalidChangeBatch>"#;
        let meta = error_metadata(400, &HeaderMap::new(), body);
        assert_eq!(meta.code.as_deref(), Some("InvalidChangeBatch"));
        assert_eq!(
            meta.message.as_deref(),
            Some(
                "Tried to create resource record set [name='a.example.com.', type='A'] but it already exists; \
                 RRSet of type CNAME with DNS name b.example.com. is not permitted at apex"
            )
        );
        assert_eq!(meta.request_id.as_deref(), Some("b25f48e8-84fd-11e6-80d9-574e0c4664cb"));
        assert_eq!(meta.status, 400);
    }

    #[test]
    fn error_responses_read_as_everywhere_else() {
        let body = b"<ErrorResponse><Error><Type>Sender</Type><Code>InvalidChangeBatch</Code>\
            <Message>[Tried to delete resource record set [name='x.example.com.', type='TXT'] but it was not found]</Message>\
            </Error><RequestId>r-1</RequestId></ErrorResponse>";
        let meta = error_metadata(400, &HeaderMap::new(), body);
        assert_eq!(meta.code.as_deref(), Some("InvalidChangeBatch"));
        assert!(meta.message.as_deref().unwrap().starts_with("[Tried to delete"));
        assert_eq!(meta.request_id.as_deref(), Some("r-1"));
    }

    #[test]
    fn other_documents_give_no_code() {
        for body in [&b"<html><body>502 Bad Gateway</body></html>"[..], b"", b"<Other><Message>x</Message></Other>"] {
            let meta = error_metadata(502, &HeaderMap::new(), body);
            assert_eq!(meta.code, None, "{:?}", String::from_utf8_lossy(body));
        }
    }
}
