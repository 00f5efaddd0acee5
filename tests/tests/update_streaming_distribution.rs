//! UpdateStreamingDistribution end to end without a network: requests built
//! from inputs, responses (the committed fixtures and malformed ones) parsed
//! into outputs or typed errors.

use cloudfront_sdk::operation::update_streaming_distribution::{
    UpdateStreamingDistributionError, UpdateStreamingDistributionInput, parse_response, serialize_request,
};
use cloudfront_sdk::types::{
    ActiveTrustedSigners, Aliases, KeyPairIds, PriceClass, S3Origin, Signer, StreamingDistributionConfig,
    StreamingLoggingConfig, TrustedSigners,
};
use cloudfront_sdk::{DateTime, ProvideErrorMetadata, SdkError};
use integration_tests::{assert_xml_eq, fixture};
use restxml_runtime::error::{BuildErrorKind, MissingField, ResponseErrorKind};
use restxml_runtime::xml::XmlErrorKind;

fn response(status: u16, headers: &[(&str, &str)], body: &[u8]) -> http::Response<Vec<u8>> {
    let mut builder = http::Response::builder().status(status);
    for (name, value) in headers {
        builder = builder.header(*name, *value);
    }
    builder.body(body.to_vec()).unwrap()
}

fn config() -> StreamingDistributionConfig {
    StreamingDistributionConfig::builder()
        .caller_reference("ref-1")
        .s3_origin(
            S3Origin::builder()
                .domain_name("bucket.s3.amazonaws.com")
                .origin_access_identity("origin-access-identity/cloudfront/E1")
                .build()
                .unwrap(),
        )
        .aliases(
            Aliases::builder().quantity(2).items(vec!["a.example.com".into(), "b.example.com".into()]).build().unwrap(),
        )
        .comment("Fish & <chips> \"quoted\" 'single' ]]> 🚀")
        .trusted_signers(TrustedSigners::builder().enabled(false).quantity(0).build().unwrap())
        .price_class(PriceClass::PriceClass100)
        .enabled(true)
        .build()
        .unwrap()
}

fn input(id: &str) -> UpdateStreamingDistributionInput {
    UpdateStreamingDistributionInput::builder()
        .id(id)
        .if_match("E2QWRUHAPOMQZL")
        .streaming_distribution_config(config())
        .build()
        .unwrap()
}

#[test]
fn request_has_method_path_if_match_and_namespaced_body() {
    let request = serialize_request(&input("EDFDVBD6EXAMPLE")).unwrap();
    assert_eq!(request.method(), http::Method::PUT);
    assert_eq!(request.uri().to_string(), "/2020-05-31/streaming-distribution/EDFDVBD6EXAMPLE/config");
    assert_eq!(request.headers()["if-match"], "E2QWRUHAPOMQZL");
    assert_eq!(request.headers()["content-type"], "application/xml");
    assert_eq!(request.headers()["content-length"], request.body().len().to_string().as_str());
    let body = std::str::from_utf8(request.body()).unwrap();
    assert_xml_eq(
        body,
        r#"<StreamingDistributionConfig xmlns="http://cloudfront.amazonaws.com/doc/2020-05-31/">
            <CallerReference>ref-1</CallerReference>
            <S3Origin><DomainName>bucket.s3.amazonaws.com</DomainName><OriginAccessIdentity>origin-access-identity/cloudfront/E1</OriginAccessIdentity></S3Origin>
            <Aliases><Quantity>2</Quantity><Items><CNAME>a.example.com</CNAME><CNAME>b.example.com</CNAME></Items></Aliases>
            <Comment>Fish &amp; &lt;chips&gt; "quoted" 'single' ]]&gt; 🚀</Comment>
            <TrustedSigners><Enabled>false</Enabled><Quantity>0</Quantity></TrustedSigners>
            <PriceClass>PriceClass_100</PriceClass>
            <Enabled>true</Enabled>
        </StreamingDistributionConfig>"#,
    );
}

#[test]
fn awkward_ids_stay_one_path_segment() {
    for (id, encoded) in [
        ("a/b", "a%2Fb"),
        ("../x", "..%2Fx"),
        ("100%", "100%25"),
        ("with space", "with%20space"),
        ("é中🚀", "%C3%A9%E4%B8%AD%F0%9F%9A%80"),
        ("a?b#c", "a%3Fb%23c"),
    ] {
        let request = serialize_request(&input(id)).unwrap();
        assert_eq!(request.uri().path(), format!("/2020-05-31/streaming-distribution/{encoded}/config"), "{id}");
        assert_eq!(request.uri().query(), None, "{id}");
    }
    for id in ["", ".", ".."] {
        let err = serialize_request(&input(id)).unwrap_err();
        assert!(matches!(err.kind(), BuildErrorKind::InvalidLabel { label: "Id", .. }), "{id:?}: {err}");
    }
}

#[test]
fn missing_required_members_are_refused_by_the_builders() {
    let err = UpdateStreamingDistributionInput::builder().id("E1").build().unwrap_err();
    assert_eq!(
        err.kind(),
        &BuildErrorKind::MissingFields {
            type_name: "UpdateStreamingDistributionInput",
            fields: vec![MissingField {
                field: "streaming_distribution_config",
                wire_name: "StreamingDistributionConfig"
            }],
        }
    );
    let err = StreamingDistributionConfig::builder().caller_reference("r").build().unwrap_err();
    assert_eq!(
        err.to_string(),
        "StreamingDistributionConfig is missing required members `s3_origin` (S3Origin), `comment` (Comment), \
         `trusted_signers` (TrustedSigners), `enabled` (Enabled)"
    );
}

#[test]
fn header_values_with_line_breaks_are_refused() {
    for bad in ["etag\r\nX-Injected: 1", "etag\nx", "etag\r", "a\u{0}b"] {
        let input = UpdateStreamingDistributionInput::builder()
            .id("E1")
            .if_match(bad)
            .streaming_distribution_config(config())
            .build()
            .unwrap();
        let err = serialize_request(&input).unwrap_err();
        assert!(
            matches!(err.kind(), BuildErrorKind::InvalidHeaderValue { header, .. } if header == "If-Match"),
            "{err}"
        );
    }
}

#[test]
fn text_xml_cannot_carry_is_refused() {
    let mut config = config();
    config.comment = "bell \u{7}".into();
    let input =
        UpdateStreamingDistributionInput::builder().id("E1").streaming_distribution_config(config).build().unwrap();
    let err = serialize_request(&input).unwrap_err();
    assert_eq!(err.kind(), &BuildErrorKind::InvalidXmlCharacter { element: "Comment".into(), character: '\u{7}' });
}

#[test]
fn fixture_200_parses_into_every_field() {
    let body = fixture("update_streaming_distribution_200.xml");
    let output = parse_response(&response(200, &[("ETag", "E2QWRUHAPOMQZL")], &body)).unwrap();
    assert_eq!(output.e_tag.as_deref(), Some("E2QWRUHAPOMQZL"));
    let sd = output.streaming_distribution.expect("payload");
    assert_eq!(sd.id, "EGTXBD79H29TRA8");
    assert_eq!(sd.arn, "arn:aws:cloudfront::123456789012:streaming-distribution/EGTXBD79H29TRA8");
    assert_eq!(sd.status, "InProgress");
    assert_eq!(sd.last_modified_time, Some(DateTime::from_secs_and_nanos(1_710_524_529, 123_000_000)));
    assert_eq!(sd.domain_name, "s5c39gqb8ow64r.cloudfront.net");
    let signer = |account: &str, keys: [&str; 2]| {
        Signer::builder()
            .aws_account_number(account)
            .key_pair_ids(
                KeyPairIds::builder().quantity(2).items(keys.iter().map(|k| k.to_string()).collect()).build().unwrap(),
            )
            .build()
            .unwrap()
    };
    assert_eq!(
        sd.active_trusted_signers,
        ActiveTrustedSigners::builder()
            .enabled(true)
            .quantity(2)
            .items(vec![
                signer("self", ["APKAEIBAERJR2EXAMPLE", "APKAJ5QMRZ7U3EXAMPLE"]),
                signer("111122223333", ["APKAI3NVVJ7L6EXAMPLE", "APKAQWERTYUI0EXAMPLE"]),
            ])
            .build()
            .unwrap()
    );
    let config = sd.streaming_distribution_config;
    assert_eq!(config.caller_reference, "media-rtmp-2024-03-15T17:40:00Z-7f3a");
    assert_eq!(config.s3_origin.domain_name, "example-media-bucket.s3.amazonaws.com");
    assert_eq!(config.s3_origin.origin_access_identity, "origin-access-identity/cloudfront/E127EXAMPLE51Z");
    let aliases = config.aliases.expect("aliases");
    assert_eq!(aliases.quantity, 3);
    assert_eq!(
        aliases.items,
        Some(vec!["media.example.com".to_string(), "video.example.com".into(), "rtmp.example.org".into()])
    );
    assert_eq!(config.comment, "Video & audio streaming for <prod> \"Main\" 'EU' site");
    assert_eq!(
        config.logging,
        Some(
            StreamingLoggingConfig::builder()
                .enabled(true)
                .bucket("example-logs-bucket.s3.amazonaws.com")
                .prefix("streaming/media/")
                .build()
                .unwrap()
        )
    );
    assert!(config.trusted_signers.enabled);
    assert_eq!(config.trusted_signers.quantity, 2);
    assert_eq!(config.trusted_signers.items, Some(vec!["self".to_string(), "111122223333".into()]));
    assert_eq!(config.price_class, Some(PriceClass::PriceClass100));
    assert!(config.enabled);
}

#[test]
fn fixture_404_is_the_typed_error() {
    let body = fixture("update_streaming_distribution_404_no_such.xml");
    let err = parse_response(&response(404, &[], &body)).unwrap_err();
    let SdkError::Service(UpdateStreamingDistributionError::NoSuchStreamingDistribution(e)) = &err else {
        panic!("expected NoSuchStreamingDistribution, got {err:?}");
    };
    assert_eq!(e.message.as_deref(), Some("The specified streaming distribution does not exist."));
    assert_eq!(e.code(), Some("NoSuchStreamingDistribution"));
    assert_eq!(e.request_id(), Some("a1b2c3d4-5e6f-47a8-9b0c-1d2e3f4a5b6c"));
    assert_eq!(e.status(), 404);
    assert_eq!(
        err.to_string(),
        "service error: NoSuchStreamingDistribution: The specified streaming distribution does not exist. (HTTP 404, request id a1b2c3d4-5e6f-47a8-9b0c-1d2e3f4a5b6c)"
    );
}

#[test]
fn every_modeled_error_code_maps_to_its_variant() {
    let codes = [
        "AccessDenied",
        "InconsistentQuantities",
        "InvalidOriginAccessIdentity",
        "InvalidArgument",
        "IllegalUpdate",
        "TooManyTrustedSigners",
        "InvalidOriginAccessControl",
        "InvalidIfMatchVersion",
        "PreconditionFailed",
        "MissingBody",
        "TooManyStreamingDistributionCNAMEs",
        "TrustedSignerDoesNotExist",
        "CNAMEAlreadyExists",
        "NoSuchStreamingDistribution",
    ];
    for code in codes {
        let body = format!(
            "<ErrorResponse><Error><Type>Sender</Type><Code>{code}</Code><Message>m {code}</Message></Error><RequestId>r</RequestId></ErrorResponse>"
        );
        let err = parse_response(&response(400, &[("x-amz-request-id", "header-id")], body.as_bytes()))
            .unwrap_err()
            .into_service_error()
            .expect("a service error");
        assert_eq!(err.code(), Some(code));
        assert_eq!(err.message(), Some(format!("m {code}").as_str()));
        assert_eq!(err.request_id(), Some("header-id"), "the header wins over the body");
        assert!(!matches!(err, UpdateStreamingDistributionError::Unhandled(_)), "{code} was unhandled");
        assert!(format!("{err:?}").starts_with(code), "{code}: {err:?}");
    }
}

#[test]
fn unknown_codes_and_foreign_bodies_are_unhandled() {
    let body = b"<ErrorResponse><Error><Code>Throttling</Code><Message>slow down</Message></Error></ErrorResponse>";
    let err = parse_response(&response(400, &[], body)).unwrap_err().into_service_error().unwrap();
    assert!(matches!(err, UpdateStreamingDistributionError::Unhandled(_)));
    assert_eq!((err.code(), err.message(), err.status()), (Some("Throttling"), Some("slow down"), 400));

    let html = b"<html><body>502 Bad Gateway</body></html>";
    let err =
        parse_response(&response(502, &[("x-amz-request-id", "rid")], html)).unwrap_err().into_service_error().unwrap();
    assert!(matches!(err, UpdateStreamingDistributionError::Unhandled(_)));
    assert_eq!((err.code(), err.request_id(), err.status()), (None, Some("rid"), 502));

    let err = parse_response(&response(500, &[], b"")).unwrap_err().into_service_error().unwrap();
    assert_eq!((err.code(), err.status()), (None, 500));
}

/// The 200 fixture with one substitution applied.
fn fixture_with(from: &str, to: &str) -> Vec<u8> {
    let body = String::from_utf8(fixture("update_streaming_distribution_200.xml")).unwrap();
    assert!(body.contains(from), "fixture lacks {from:?}");
    body.replacen(from, to, 1).into_bytes()
}

fn xml_error(body: &[u8]) -> restxml_runtime::xml::XmlError {
    match parse_response(&response(200, &[], body)) {
        Err(SdkError::Response(err)) => match err.kind() {
            ResponseErrorKind::Xml(xml) => xml.clone(),
            other => panic!("expected an XML error, got {other:?}"),
        },
        other => panic!("expected a response error, got {other:?}"),
    }
}

#[test]
fn malformed_responses_are_typed_errors_naming_what_and_where() {
    let err = xml_error(&fixture_with("<Quantity>2</Quantity>", "<Quantity>two</Quantity>"));
    assert_eq!(err.kind(), &XmlErrorKind::InvalidValue { expected: "a 32-bit integer", found: "two".into() });
    assert_eq!(err.path(), "StreamingDistribution/ActiveTrustedSigners/Quantity");

    let err = xml_error(&fixture_with("<Enabled>true</Enabled>", "<Enabled>TRUE</Enabled>"));
    assert_eq!(err.kind(), &XmlErrorKind::InvalidValue { expected: "a boolean (true or false)", found: "TRUE".into() });
    assert_eq!(err.path(), "StreamingDistribution/ActiveTrustedSigners/Enabled");

    let err = xml_error(&fixture_with("2024-03-15T17:42:09.123Z", "15/03/2024"));
    assert_eq!(
        err.kind(),
        &XmlErrorKind::InvalidValue { expected: "an ISO 8601 timestamp", found: "15/03/2024".into() }
    );
    assert_eq!(err.path(), "StreamingDistribution/LastModifiedTime");

    // The payload is read from the root whatever it is called (as botocore
    // reads it), but a body that is an error document or an HTML page is
    // not taken for the output.
    let renamed = fixture("update_streaming_distribution_200.xml");
    let renamed = String::from_utf8(renamed)
        .unwrap()
        .replace("<StreamingDistribution ", "<Renamed ")
        .replace("</StreamingDistribution>", "</Renamed>");
    let output = parse_response(&response(200, &[], renamed.as_bytes())).expect("any root name reads");
    assert_eq!(output.streaming_distribution.map(|d| d.id).as_deref(), Some("EGTXBD79H29TRA8"));
    let err = xml_error(b"<ErrorResponse><Error><Code>Throttling</Code></Error></ErrorResponse>");
    assert_eq!(err.kind(), &XmlErrorKind::NotOutput { found: "ErrorResponse".into() });
    let err = xml_error(b"<html><body>502 Bad Gateway</body></html>");
    assert_eq!(err.kind(), &XmlErrorKind::NotOutput { found: "html".into() });

    let err = xml_error(&fixture_with("</Comment>", "</Commentary>"));
    assert!(matches!(err.kind(), XmlErrorKind::Syntax(_)), "{err}");

    let truncated = fixture("update_streaming_distribution_200.xml");
    let err = xml_error(&truncated[..truncated.len() / 2]);
    assert!(matches!(err.kind(), XmlErrorKind::UnexpectedEof { .. } | XmlErrorKind::Syntax(_)), "{err}");

    let deep = format!("<StreamingDistribution>{}</StreamingDistribution>", "<X>".repeat(100_000));
    let err = xml_error(deep.as_bytes());
    assert_eq!(err.kind(), &XmlErrorKind::TooDeep { limit: restxml_runtime::xml::DEFAULT_MAX_DEPTH });

    let err = xml_error(b"\xff\xfe<StreamingDistribution/>");
    assert_eq!(err.kind(), &XmlErrorKind::InvalidUtf8);
}

#[test]
fn a_required_member_left_out_is_corrected_to_an_empty_value() {
    // As smithy-rs does: services and emulators (moto) leave out members the
    // model calls required; the value is read as empty instead of failing.
    let body = fixture_with("<Id>EGTXBD79H29TRA8</Id>", "");
    let sd = parse_response(&response(200, &[], &body)).unwrap().streaming_distribution.unwrap();
    assert_eq!(sd.id, "");
    assert_eq!(sd.domain_name, "s5c39gqb8ow64r.cloudfront.net");
    let body = fixture_with("<Quantity>3</Quantity>", "");
    let config = parse_response(&response(200, &[], &body))
        .unwrap()
        .streaming_distribution
        .unwrap()
        .streaming_distribution_config;
    assert_eq!(config.aliases.unwrap().quantity, 3, "a missing Quantity counts the Items");
}

#[test]
fn every_prefix_of_the_fixture_fails_cleanly() {
    // No truncation point may panic or be accepted as a complete document.
    let body = fixture("update_streaming_distribution_200.xml");
    let end = body.iter().rposition(|&b| b == b'>').unwrap() + 1;
    for cut in 0..end {
        let result = parse_response(&response(200, &[], &body[..cut]));
        if cut == 0 {
            assert!(result.unwrap().streaming_distribution.is_none(), "empty body: no payload");
        } else {
            assert!(result.is_err(), "prefix of {cut} bytes was accepted");
        }
    }
}

#[test]
fn unknown_elements_and_values_are_kept_forward_compatible() {
    let body =
        fixture_with("<DomainName>s5c39", "<FutureField><Nested a=\"1\">x</Nested></FutureField><DomainName>s5c39");
    let body = String::from_utf8(body).unwrap().replace("PriceClass_100", "PriceClass_999");
    let output = parse_response(&response(200, &[], body.as_bytes())).unwrap();
    let sd = output.streaming_distribution.unwrap();
    assert_eq!(sd.domain_name, "s5c39gqb8ow64r.cloudfront.net");
    let price_class = sd.streaming_distribution_config.price_class.unwrap();
    assert_eq!(price_class, PriceClass::Unknown("PriceClass_999".into()));
    assert_eq!(price_class.as_str(), "PriceClass_999");
    assert_eq!(PriceClass::from("PriceClass_All"), PriceClass::PriceClassAll);
    assert_eq!(PriceClass::values(), ["PriceClass_100", "PriceClass_200", "PriceClass_All", "None"]);
}

#[test]
fn sensitive_members_are_redacted_in_debug() {
    let config = cloudfront_sdk::types::OriginCustomHeader::builder()
        .header_name("X-Secret")
        .header_value("hunter2")
        .build()
        .unwrap();
    let printed = format!("{config:?}");
    assert!(printed.contains("X-Secret"), "{printed}");
    assert!(!printed.contains("hunter2"), "{printed}");
    let builder = cloudfront_sdk::types::OriginCustomHeader::builder().header_value("hunter2");
    assert!(!format!("{builder:?}").contains("hunter2"));
}

#[test]
fn write_then_read_is_the_identity() {
    // The config is both written (UpdateStreamingDistribution) and read
    // (GetStreamingDistributionConfig): value -> XML -> value.
    let original = config();
    let request = serialize_request(&input("E1")).unwrap();
    let read: StreamingDistributionConfig =
        restxml_runtime::xml::read_document(request.body(), "StreamingDistributionConfig").unwrap();
    assert_eq!(read, original);
}
