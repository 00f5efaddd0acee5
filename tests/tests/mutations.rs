//! Robustness: thousands of mutated responses (bytes flipped, inserted,
//! removed, markup and entities spliced in) go through the parsers, which
//! must answer with an output or a typed error and never panic.

use integration_tests::fixture;
use proptest::prelude::*;
use proptest::test_runner::{Config, TestRunner};

#[derive(Debug, Clone)]
enum Mutation {
    Flip(usize, u8),
    Insert(usize, &'static str),
    Remove(usize, usize),
}

fn mutation() -> impl Strategy<Value = Mutation> {
    let splices = prop::sample::select(vec![
        "<",
        ">",
        "&",
        "&amp;",
        "&#0;",
        "&#x110000;",
        "&unknown;",
        "</Items>",
        "<Items>",
        "<![CDATA[",
        "]]>",
        "<!--",
        "\"",
        "\u{0}",
        "\u{FEFF}",
        "<a:b xmlns:a='x'>",
        "<Quantity>-1</Quantity>",
        "<Enabled>maybe</Enabled>",
    ]);
    prop_oneof![
        (any::<usize>(), any::<u8>()).prop_map(|(at, byte)| Mutation::Flip(at, byte)),
        (any::<usize>(), splices).prop_map(|(at, text)| Mutation::Insert(at, text)),
        (any::<usize>(), 0usize..64).prop_map(|(at, len)| Mutation::Remove(at, len)),
    ]
}

fn apply(mut body: Vec<u8>, mutations: &[Mutation]) -> Vec<u8> {
    for m in mutations {
        let len = body.len().max(1);
        match m {
            Mutation::Flip(at, byte) => {
                if !body.is_empty() {
                    body[at % len] = *byte;
                }
            }
            Mutation::Insert(at, text) => {
                let at = at % (body.len() + 1);
                body.splice(at..at, text.bytes());
            }
            Mutation::Remove(at, n) => {
                let at = at % len;
                let end = (at + n).min(body.len());
                if at < end {
                    body.drain(at..end);
                }
            }
        }
    }
    body
}

fn run(fixture_name: &str, cases: u32, parse: impl Fn(&http::Response<Vec<u8>>)) {
    let original = fixture(fixture_name);
    let mut runner = TestRunner::new(Config { cases, failure_persistence: None, ..Config::default() });
    runner
        .run(&prop::collection::vec(mutation(), 1..8), |mutations| {
            let body = apply(original.clone(), &mutations);
            for status in [200, 404] {
                let response =
                    http::Response::builder().status(status).header("ETag", "E1").body(body.clone()).unwrap();
                parse(&response);
            }
            Ok(())
        })
        .unwrap();
}

#[test]
fn mutated_update_streaming_distribution_responses_never_panic() {
    run("update_streaming_distribution_200.xml", 3000, |response| {
        let _ = cloudfront_sdk::operation::update_streaming_distribution::parse_response(response);
    });
}

#[test]
fn mutated_error_responses_never_panic() {
    run("update_streaming_distribution_404_no_such.xml", 3000, |response| {
        let _ = cloudfront_sdk::operation::update_streaming_distribution::parse_response(response);
    });
}

#[test]
fn mutated_large_list_responses_never_panic() {
    run("list_distributions_large.xml", 40, |response| {
        let _ = cloudfront_sdk::operation::list_distributions::parse_response(response);
    });
}

/// Shared config and credentials files, mutated and random: the parser
/// gives profiles or an error naming a line, never a panic; and whatever it
/// reads back from a profile it was given is what was written.
#[test]
fn shared_files_never_panic_the_profile_parser() {
    use restxml_runtime::client::profile::{FileKind, parse};
    let piece = prop::sample::select(vec![
        "[default]",
        "[profile dev]",
        "[profile",
        "]",
        "[",
        "\n",
        "\r\n",
        " ",
        "\t",
        "=",
        " = ",
        "#",
        ";",
        " #",
        "aws_access_key_id",
        "AKID",
        "é",
        "\u{0}",
        "\u{FEFF}",
        "s3 =",
        "\n  max = 1",
    ]);
    let text = prop::collection::vec(piece, 0..40).prop_map(|pieces| pieces.concat());
    let mut runner = TestRunner::new(Config { cases: 3000, ..Config::default() });
    runner
        .run(&(text, any::<bool>()), |(text, config)| {
            let kind = if config { FileKind::Config } else { FileKind::Credentials };
            if let Err(err) = parse(&text, kind) {
                prop_assert!(err.line >= 1 && err.line <= text.lines().count(), "{err} in {text:?}");
            }
            Ok(())
        })
        .unwrap();
    let value = "[a-zA-Z0-9/+=_.-]{1,40}";
    runner
        .run(&(value, value), |(id, secret)| {
            let text = format!("[default]\naws_access_key_id = {id}\naws_secret_access_key={secret}\n");
            let profiles = parse(&text, FileKind::Credentials).unwrap();
            prop_assert_eq!(&profiles["default"]["aws_access_key_id"], &id);
            prop_assert_eq!(&profiles["default"]["aws_secret_access_key"], &secret);
            Ok(())
        })
        .unwrap();
}
