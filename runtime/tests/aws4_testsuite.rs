//! The official AWS SigV4 test suite (botocore's copy, extracted by
//! `python3 scripts/extract_aws4_testsuite.py` into
//! `tests/data/aws4_testsuite/`): for every case the canonical request,
//! the string to sign and the `Authorization` header equal the suite's.
//!
//! Each `.req` is the request as an application means it: its path may
//! hold a space or raw UTF-8 and its query unencoded text, which no HTTP
//! request (nor `http::Uri`) can carry. As botocore's own runner does, the
//! path is given to the canonicalizer as text (it encodes it as UTF-8) and
//! the query is sent encoded (each key and value decoded, then encoded with
//! only `A-Z a-z 0-9 - _ . ~` left as they are). Folded header lines
//! (`get-header-value-multiline`) are unfolded with a space, as an HTTP
//! server reads them (`http::HeaderValue` cannot hold a line break).
//! `post-sts-header-after` signs without the token, which the suite adds
//! after signing. Every case whose path and query are valid as sent is also
//! signed end to end through `sigv4::sign` on an `http::Request`.

use std::path::{Path, PathBuf};
use std::time::{Duration, UNIX_EPOCH};

use restxml_runtime::client::credentials::Credentials;
use restxml_runtime::client::sigv4::{self, CanonicalInput, PathRule, QUERY_SET, Settings, SigningKey, SigningParams};

const ACCESS_KEY: &str = "AKIDEXAMPLE";
const SECRET_KEY: &str = "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY";
const REGION: &str = "us-east-1";
const SERVICE: &str = "service";
/// 2015-08-30T12:36:00Z.
const TIME: u64 = 1_440_938_160;

/// Cases that do not apply to this signer, with the reason: none.
const NOT_APPLICABLE: &[(&str, &str)] = &[];

fn suite_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/aws4_testsuite")
}

fn cases(dir: &Path, out: &mut Vec<PathBuf>) {
    let mut entries: Vec<_> = std::fs::read_dir(dir).unwrap().map(|e| e.unwrap().path()).collect();
    entries.sort();
    for path in entries {
        if path.is_dir() {
            cases(&path, out);
        } else if path.extension().is_some_and(|e| e == "req") {
            out.push(path);
        }
    }
}

struct RawRequest {
    method: String,
    path: String,
    query: String,
    headers: Vec<(String, String)>,
    body: Vec<u8>,
}

fn parse(text: &str) -> RawRequest {
    let text = text.replace("\r\n", "\n");
    let (head, body) = text.split_once("\n\n").unwrap_or((&text, ""));
    let mut lines = head.split('\n');
    let request_line = lines.next().unwrap();
    let (method, rest) = request_line.split_once(' ').unwrap();
    let target = rest.rsplit_once(' ').unwrap().0;
    let (path, query) = target.split_once('?').unwrap_or((target, ""));
    let mut headers: Vec<(String, String)> = Vec::new();
    for line in lines.filter(|line| !line.is_empty()) {
        if line.starts_with([' ', '\t']) {
            // obs-fold: a continuation of the previous header's value.
            let last = headers.last_mut().unwrap();
            last.1.push(' ');
            last.1.push_str(line);
        } else {
            let (name, value) = line.split_once(':').unwrap();
            headers.push((name.to_string(), value.to_string()));
        }
    }
    RawRequest {
        method: method.into(),
        path: path.into(),
        query: query.into(),
        headers,
        body: body.as_bytes().to_vec(),
    }
}

/// The query as an SDK sends it: each key and value decoded, then encoded.
fn encode_query(raw: &str) -> String {
    if raw.is_empty() {
        return String::new();
    }
    let encode = |text: &str| {
        let decoded = percent_encoding::percent_decode_str(text).decode_utf8().unwrap();
        percent_encoding::utf8_percent_encode(&decoded, QUERY_SET).to_string()
    };
    raw.split('&')
        .map(|pair| {
            let (key, value) = pair.split_once('=').unwrap_or((pair, ""));
            format!("{}={}", encode(key), encode(value))
        })
        .collect::<Vec<_>>()
        .join("&")
}

fn read(path: &Path, extension: &str) -> String {
    std::fs::read_to_string(path.with_extension(extension)).unwrap().replace('\r', "")
}

#[test]
fn every_case_of_the_aws_sigv4_test_suite_passes() {
    let mut paths = Vec::new();
    cases(&suite_dir(), &mut paths);
    assert!(paths.len() >= 30, "only {} cases in {}", paths.len(), suite_dir().display());
    let time = UNIX_EPOCH + Duration::from_secs(TIME);
    let timestamp = sigv4::timestamp(time);
    let mut failures = Vec::new();
    let mut end_to_end = 0;
    for path in &paths {
        let name = path.strip_prefix(suite_dir()).unwrap().parent().unwrap().to_string_lossy().into_owned();
        if NOT_APPLICABLE.iter().any(|(case, _)| *case == name) {
            continue;
        }
        let raw = parse(&read(path, "req"));
        let (creq, sts, authz) = (read(path, "creq"), read(path, "sts"), read(path, "authz"));
        let token = creq.lines().find_map(|l| l.strip_prefix("x-amz-security-token:")).map(str::to_string);
        let credentials = Credentials::new(ACCESS_KEY, SECRET_KEY, token.clone());

        // The canonicalizer, given the request's parts.
        let mut headers: Vec<(&str, &str)> = raw
            .headers
            .iter()
            .filter(|(n, _)| !n.eq_ignore_ascii_case("x-amz-date") && !n.eq_ignore_ascii_case("x-amz-security-token"))
            .map(|(n, v)| (n.as_str(), v.as_str()))
            .collect();
        headers.push(("X-Amz-Date", &timestamp));
        if let Some(token) = &token {
            headers.push(("X-Amz-Security-Token", token));
        }
        let query = encode_query(&raw.query);
        let payload_hash = sigv4::sha256_hex(&raw.body);
        let canonical = sigv4::canonical_request(&CanonicalInput {
            method: &raw.method,
            path: &raw.path,
            query: &query,
            headers: &headers,
            payload_hash: &payload_hash,
            path_rule: PathRule::Normalize,
        });
        let scope = sigv4::credential_scope(&timestamp[..8], REGION, SERVICE);
        let string_to_sign = sigv4::string_to_sign(&timestamp, &scope, &canonical.text);
        let signature = SigningKey::derive(SECRET_KEY, &timestamp[..8], REGION, SERVICE).sign(&string_to_sign);
        let authorization = format!(
            "AWS4-HMAC-SHA256 Credential={ACCESS_KEY}/{scope}, SignedHeaders={}, Signature={signature}",
            canonical.signed_headers
        );
        for (part, ours, theirs) in
            [("creq", &canonical.text, &creq), ("sts", &string_to_sign, &sts), ("authz", &authorization, &authz)]
        {
            if ours != theirs {
                failures.push(format!("{name}: {part}\n  ours:  {ours:?}\n  suite: {theirs:?}"));
            }
        }

        // End to end, where the path and query can be sent as they are.
        let host = raw.headers.iter().find(|(n, _)| n.eq_ignore_ascii_case("host")).unwrap().1.clone();
        let target = if query.is_empty() { raw.path.clone() } else { format!("{}?{query}", raw.path) };
        let Ok(uri) = format!("https://{host}{target}").parse::<http::Uri>() else { continue };
        if uri.path() != raw.path {
            continue;
        }
        let mut builder = http::Request::builder().method(raw.method.as_str()).uri(uri);
        for (n, v) in &raw.headers {
            builder = builder.header(n.as_str(), v.as_str());
        }
        let mut request = builder.body(raw.body.clone()).unwrap();
        let settings = Settings::for_service(SERVICE);
        let params = SigningParams {
            credentials: &credentials,
            region: REGION,
            service: SERVICE,
            time,
            settings: &settings,
            cache: None,
        };
        let signed = sigv4::sign(&mut request, &params).unwrap();
        end_to_end += 1;
        let header = request.headers()["authorization"].to_str().unwrap();
        if header != authz || signed.canonical_request() != creq {
            failures.push(format!("{name}: end to end\n  ours:  {header:?}\n  suite: {authz:?}"));
        }
    }
    assert!(failures.is_empty(), "{} failures:\n{}", failures.len(), failures.join("\n"));
    // Only the raw-space and raw-UTF-8 paths cannot be sent as they are.
    assert!(end_to_end >= paths.len() - NOT_APPLICABLE.len() - 2, "{end_to_end} of {} end to end", paths.len());
}
