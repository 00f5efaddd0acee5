use super::*;

#[derive(Debug, PartialEq)]
struct Signer {
    account: Option<String>,
    key_pairs: Option<Vec<String>>,
    enabled: bool,
}

impl ReadXml for Signer {
    fn read_xml(element: &mut Element<'_, '_>) -> Result<Self, XmlError> {
        let mut account = None;
        let mut key_pairs = None;
        let mut enabled = None;
        while let Some(mut child) = element.next_child()? {
            match child.local_name() {
                "AwsAccountNumber" => account = Some(String::read_xml(&mut child)?),
                "KeyPairIds" => key_pairs = Some(child.read_list("KeyPairId", String::read_xml)?),
                "Enabled" => enabled = Some(bool::read_xml(&mut child)?),
                _ => {}
            }
        }
        Ok(Signer { account, key_pairs, enabled: required(enabled, "Enabled", element)? })
    }
}

fn read(xml: &str) -> Result<Signer, XmlError> {
    read_document(xml.as_bytes(), "Signer")
}

#[test]
fn reads_children_and_skips_unknown_ones() {
    let signer = read(
        r#"<?xml version="1.0"?>
        <Signer xmlns="urn:x"><!-- c --><Unknown><Deep><Deeper/></Deep></Unknown>
          <AwsAccountNumber>a &amp; b &#x1F680; <![CDATA[<raw>]]></AwsAccountNumber>
          <KeyPairIds><KeyPairId>K1</KeyPairId><Other>x</Other><KeyPairId/></KeyPairIds>
          <Enabled>true</Enabled></Signer>"#,
    )
    .unwrap();
    assert_eq!(
        signer,
        Signer {
            account: Some("a & b 🚀 <raw>".into()),
            key_pairs: Some(vec!["K1".into(), String::new()]),
            enabled: true,
        }
    );
}

#[test]
fn text_is_borrowed_when_it_has_no_escapes() {
    let mut doc = Document::from_str("<A>plain text</A>");
    let mut root = doc.root().unwrap();
    assert!(matches!(root.text().unwrap(), std::borrow::Cow::Borrowed("plain text")));
}

#[test]
fn prefixed_names_are_matched_by_local_name() {
    let signer = read(r#"<x:Signer xmlns:x="urn:x"><x:Enabled>false</x:Enabled></x:Signer>"#).unwrap();
    assert!(!signer.enabled);
}

#[test]
fn errors_name_what_was_expected_and_where() {
    let err = read("<Signer><Enabled>yes</Enabled></Signer>").unwrap_err();
    assert_eq!(err.path(), "Signer/Enabled");
    assert_eq!(err.kind(), &XmlErrorKind::InvalidValue { expected: "a boolean (true or false)", found: "yes".into() });
    assert!(err.to_string().contains("expected a boolean"), "{err}");

    // A required scalar the response leaves out gets its empty value.
    let corrected = read("<Signer><AwsAccountNumber>1</AwsAccountNumber></Signer>").unwrap();
    assert!(!corrected.enabled);

    let err = read("<Other/>").unwrap_err();
    assert_eq!(err.kind(), &XmlErrorKind::WrongRoot { expected: "Signer", found: "Other".into() });

    let err = read("<Signer><Enabled>true</Enabled>").unwrap_err();
    assert!(matches!(err.kind(), XmlErrorKind::UnexpectedEof { .. }), "{err}");

    let err = read("<Signer><Enabled>true</Wrong></Signer>").unwrap_err();
    assert!(matches!(err.kind(), XmlErrorKind::Syntax(_)), "{err}");

    let err = read("<Signer><AwsAccountNumber><b>x</b></AwsAccountNumber></Signer>").unwrap_err();
    assert_eq!(err.kind(), &XmlErrorKind::UnexpectedElement { found: "b".into() });
    assert_eq!(err.path(), "Signer/AwsAccountNumber");

    let err = read("<Signer><AwsAccountNumber>&bogus;</AwsAccountNumber></Signer>").unwrap_err();
    assert!(matches!(err.kind(), XmlErrorKind::UnknownEntity(_) | XmlErrorKind::Syntax(_)), "{err}");

    assert_eq!(read("").unwrap_err().kind(), &XmlErrorKind::NoRoot);
    assert_eq!(read_document::<Signer>(b"\xff\xfe", "Signer").unwrap_err().kind(), &XmlErrorKind::InvalidUtf8);
}

#[test]
fn depth_is_bounded() {
    let deep = format!("<Signer>{}{}</Signer>", "<a>".repeat(10_000), "</a>".repeat(10_000));
    let err = read(&deep).unwrap_err();
    assert_eq!(err.kind(), &XmlErrorKind::TooDeep { limit: DEFAULT_MAX_DEPTH });
}

#[test]
fn timestamps() {
    let mut doc = Document::from_str("<T>2024-03-15T17:42:09.123Z</T>");
    let mut root = doc.root().unwrap();
    let dt = read_timestamp(&mut root, TimestampFormat::DateTime).unwrap();
    assert_eq!(dt.secs(), 1_710_524_529);
    let mut doc = Document::from_str("<T>soon</T>");
    let mut root = doc.root().unwrap();
    let err = read_timestamp(&mut root, TimestampFormat::DateTime).unwrap_err();
    assert_eq!(err.kind(), &XmlErrorKind::InvalidValue { expected: "an ISO 8601 timestamp", found: "soon".into() });
}

#[test]
fn maps() {
    let mut doc = Document::from_str(
        "<M><entry><key>a</key><value>1</value></entry><entry><value>2</value><key>b</key></entry></M>",
    );
    let mut root = doc.root().unwrap();
    let map = root.read_map("entry", "key", "value", String::read_xml, i32::read_xml).unwrap();
    assert_eq!(map, vec![("a".to_string(), 1), ("b".to_string(), 2)]);
}

#[test]
fn payloads_read_from_any_root_but_error_documents_and_html_pages() {
    // Whatever the root is called, as botocore reads it.
    for body in
        ["<Signer><Enabled>true</Enabled></Signer>", "<GetSignerResponse><Enabled>true</Enabled></GetSignerResponse>"]
    {
        let signer: Signer = read_payload(body.as_bytes(), &["Signer"]).unwrap();
        assert!(signer.enabled, "{body}");
        let signer: Signer = read_root(body.as_bytes()).unwrap();
        assert!(signer.enabled, "{body}");
    }
    // A body that is not an output at all is refused, naming its root.
    let refused = [
        ("<ErrorResponse><Error><Code>Boom</Code></Error></ErrorResponse>", "ErrorResponse", "an error document"),
        ("<Error><Code>NoSuchKey</Code></Error>", "Error", "an error document"),
        ("<html><body>502 Bad Gateway</body></html>", "html", "an HTML page"),
        ("<!DOCTYPE html>\n<HTML><body><p>proxy</p></body></HTML>", "HTML", "an HTML page"),
    ];
    for (body, root, what) in refused {
        for err in [
            read_payload::<Signer>(body.as_bytes(), &["Signer"]).unwrap_err(),
            read_root::<Signer>(body.as_bytes()).unwrap_err(),
        ] {
            assert_eq!(err.kind(), &XmlErrorKind::NotOutput { found: root.into() }, "{body}");
            let text = err.to_string();
            assert!(text.contains(&format!("found <{root}>, {what}")), "{text}");
        }
    }
    // Unless the model names the root so.
    let signer: Signer = read_payload(b"<Error><Enabled>true</Enabled></Error>", &["Error"]).unwrap();
    assert!(signer.enabled);
}
