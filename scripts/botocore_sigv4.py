#!/usr/bin/env python3
"""Generate botocore's SigV4 signatures for fixed CloudFront requests.

Usage: python3 scripts/botocore_sigv4.py

Signs each case in CASES with botocore 1.43.11's botocore.auth.SigV4Auth
(service "cloudfront") at a frozen time with fixed fake credentials, and writes
the results to tests/data/sigv4.json so the Rust signer (aws-sigv4 crate) can be
checked against them. If the importable botocore is not 1.43.11 it is installed
with pip and the script re-executes itself. The output is deterministic
(byte-identical reruns).

Time is frozen by patching ``botocore.auth.get_current_datetime``: in 1.43.11
``SigV4Auth.add_auth`` takes its timestamp from that function (imported from
botocore.compat, where it is ``datetime.datetime.now(datetime.timezone.utc)``
with tzinfo removed), not from ``datetime.datetime.utcnow()``.

What botocore 1.43.11 SigV4Auth does (read from botocore/auth.py):

* Before signing it deletes any ``Authorization`` header, deletes and re-adds
  ``X-Amz-Date`` (``YYYYMMDDTHHMMSSZ``), and when the credentials carry a token
  deletes and re-adds ``X-Amz-Security-Token``. These are added before the
  canonical request is built, so x-amz-date and x-amz-security-token are
  signed. (If the request already has a ``Date`` header it rewrites Date to
  RFC 1123 form and removes X-Amz-Date instead; no case here does that, and
  aws-sigv4 always adds x-amz-date.)
* Headers: every request header is signed (name lowercased) except those in
  SIGNED_HEADERS_BLACKLIST: connection, expect, keep-alive,
  proxy-authenticate, proxy-authorization, te, trailer, transfer-encoding,
  upgrade, user-agent, x-amzn-trace-id. aws-sigv4's default exclusions are only
  authorization, user-agent, x-amzn-trace-id and transfer-encoding, so
  Expect/Connection/Keep-Alive/TE/Upgrade/... are signed by aws-sigv4 unless
  added to SigningSettings::excluded_headers (see case unsigned_hop_by_hop).
* Host is not taken from the caller: if there is no Host header, botocore signs
  ``host`` from the URL (lowercased hostname, port kept only when it is not the
  scheme default, so ``:443`` on https is dropped). It does not add Host to
  request.headers; the HTTP layer does that later.
* Header values are canonicalized as ``' '.join(value.split())``: leading and
  trailing whitespace removed and inner runs collapsed to one space. Python's
  split() treats tabs/newlines as whitespace too; aws-sigv4's trim_all only
  trims and collapses ASCII spaces, so the cases use spaces only. Repeated
  names would be joined with ``,``. SignedHeaders is the sorted lowercase names
  joined with ``;``.
* Content-Length is not added by the signer (AWSRequest.prepare() adds it after
  signing in botocore's normal flow), so it is signed only when given.
* Payload hash: hex SHA-256 of the body (the empty-string hash for no body).
  Plain SigV4Auth does NOT add an X-Amz-Content-SHA256 header for cloudfront;
  that is S3SigV4Auth only (or when payload signing is disabled in the request
  context, which never happens here).
* Path: ``quote(remove_dot_segments(path), safe='/~')``. remove_dot_segments
  drops ``.``/``..`` segments and empty segments (so ``//`` collapses) and an
  empty path becomes ``/``. The path is NOT unquoted first, so an already
  percent-encoded path is encoded again: ``a%2Fb`` -> ``a%252Fb`` (double
  encoding, as aws-sigv4's default PercentEncodingMode::Double does). S3 is the
  exception (no normalization, single encoding) via S3SigV4Auth.
* Query (request.params is empty; the query is in the URL, as in botocore's
  normal flow where the serializer percent-encodes it with
  percent_encode_sequence): the raw query string is split on ``&``, each pair
  split at the first ``=`` (a bare key gets an empty value), the pairs sorted
  by (key, value) as they appear in the URL, and re-joined. Nothing is decoded
  or re-encoded, so the URL must already be encoded with uppercase hex and
  only ``-_.~`` left unescaped (aws-sigv4 decodes with form_urlencoded and
  re-encodes, which gives the same result for such URLs but differs for a raw
  ``+``, lowercase hex escapes or unescaped characters).
* Scope is ``<date>/<region>/cloudfront/aws4_request``; the region is the
  signer's region, independent of the URL host (case cn_north_1 pairs region
  cn-north-1 with host cloudfront.cn-northwest-1.amazonaws.com.cn).

Each case records the request as given (before signing), the frozen time, the
credentials, and under "expected" what add_auth produced: the Authorization and
X-Amz-Date/X-Amz-Security-Token headers, the canonical request and string to
sign computed inside add_auth, SignedHeaders, the signed host value, the
signature, and
"signed_request_headers", the full header set after signing (without host,
which botocore signs but does not add).
"""
import hashlib
import hmac
import json
from pathlib import Path

from pinned_botocore import VERSION, ensure_botocore, sign_capturing

ROOT = Path(__file__).resolve().parent.parent
OUTPUT = ROOT / "tests" / "data" / "sigv4.json"
SERVICE = "cloudfront"

HOST = "https://cloudfront.amazonaws.com"
ACCESS_KEY = "AKIDEXAMPLE"
SECRET_KEY = "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY"
SESSION_TOKEN = (
    "AQoDYXdzEPT//////////wEXAMPLEtc764bNrC9SAPBSM22wDOk4x4HIZ8j4FZTwdQW"
    "LWsKWHGBuFqwAeMicRXmxfpSPfIeoIYRqTflfKD8YUuwthAx7mSEI/qkPpKPi/kMcGd"
    "QrmGdeehM4IC1NtBmUpp2wUE8phUZampKsburEDy0KPkyQDYwT7WZ0wq5VSXDvp75YU"
    "9HFvlRd8Tx6q6fE8YQcHNVXAkiY9q6d+xo0rKwT38xVqr7ZD0u0iPPkUL64lIZbqBAz"
    "+scqKmlzm8FDrypNC9Yjc8fPOLn9FX9KSYvKTr4rvx3iSIlTJabIQwj2ICCR/oLxBA=="
)
TIME = "20240315T174209Z"

# Encoded form (botocore.utils.percent_encode_sequence) of
# {"Marker": "a b/c=d&é中🚀", "MaxItems": "10"}; checked in main().
ENCODED_QUERY_PARAMS = {"Marker": "a b/c=d&é中🚀", "MaxItems": "10"}
ENCODED_QUERY = "Marker=a%20b%2Fc%3Dd%26%C3%A9%E4%B8%AD%F0%9F%9A%80&MaxItems=10"

USDC_XML = (
    '<?xml version="1.0" encoding="UTF-8"?>\n'
    '<StreamingDistributionConfig xmlns="http://cloudfront.amazonaws.com/doc/2020-05-31/">'
    "<CallerReference>ref-1</CallerReference>"
    "<S3Origin><DomainName>bucket.s3.amazonaws.com</DomainName>"
    "<OriginAccessIdentity>origin-access-identity/cloudfront/E1ABCDEF</OriginAccessIdentity>"
    "</S3Origin><Comment>minimal</Comment>"
    "<TrustedSigners><Enabled>false</Enabled><Quantity>0</Quantity></TrustedSigners>"
    "<Enabled>true</Enabled></StreamingDistributionConfig>"
)
CREATE_XML = (
    '<?xml version="1.0" encoding="UTF-8"?>\n'
    '<StreamingDistributionConfig xmlns="http://cloudfront.amazonaws.com/doc/2020-05-31/">'
    "<CallerReference>café-中-🚀</CallerReference>"
    "<S3Origin><DomainName>bucket.s3.amazonaws.com</DomainName>"
    "<OriginAccessIdentity></OriginAccessIdentity></S3Origin>"
    "<Comment>non-ASCII body: é 中文 🚀</Comment>"
    "<TrustedSigners><Enabled>false</Enabled><Quantity>0</Quantity></TrustedSigners>"
    "<Enabled>true</Enabled></StreamingDistributionConfig>"
)


def case(name, description, method, url, headers=None, body="", time=TIME,
         token=None, region="us-east-1"):
    return {
        "name": name,
        "description": description,
        "request": {"method": method, "url": url, "headers": headers or {}, "body": body},
        "time": time,
        "credentials": {
            "access_key_id": ACCESS_KEY,
            "secret_access_key": SECRET_KEY,
            "session_token": token,
        },
        "region": region,
        "service": SERVICE,
    }


CASES = [
    case("put_update_streaming_distribution",
         "UpdateStreamingDistribution-like PUT: XML body, If-Match and Content-Type",
         "PUT", f"{HOST}/2020-05-31/streaming-distribution/EDFDVBD6EXAMPLE/config",
         headers={"If-Match": "E2QWRUHAPOMQZL", "Content-Type": "application/xml"},
         body=USDC_XML),
    case("get_query_string",
         "GET with a plain query string; botocore uses the query pairs as they appear "
         "in the URL, sorted by (key, value)",
         "GET", f"{HOST}/2020-05-31/streaming-distribution?Marker=abc&MaxItems=10"),
    case("get_query_percent_encoded",
         "GET whose query values need encoding: Marker='a b/c=d&é中🚀'. The URL is given "
         "already encoded (percent_encode_sequence, uppercase hex, only -_.~ unescaped), "
         "as botocore's serializer sends it; the canonical query is that text verbatim, "
         "not encoded again",
         "GET", f"{HOST}/2020-05-31/distribution?{ENCODED_QUERY}"),
    case("get_query_unsorted_repeated_and_bare_key",
         "Query given unsorted, with a repeated key and a key without '='; botocore sorts "
         "by key then value and writes the bare key as 'Flag='",
         "GET", f"{HOST}/2020-05-31/distribution?MaxItems=10&Marker=z&Marker=a&Flag"),
    case("path_percent_encoded_slash",
         "Path segment given percent-encoded ('a%2Fb'); botocore does not decode it and "
         "quotes the path again, so the canonical URI has 'a%252Fb' (double encoding)",
         "GET", f"{HOST}/2020-05-31/distribution/a%2Fb/config"),
    case("path_percent_encoded_space_and_utf8",
         "Path with encoded space, UTF-8 'é' and '~'; '%' is re-encoded to '%25', '~' "
         "stays unescaped",
         "GET", f"{HOST}/2020-05-31/distribution/E%20%C3%A9~x/config"),
    case("path_dot_segments_and_double_slash",
         "Path with '//', '.' and '..' segments; botocore removes dot segments and empty "
         "segments before encoding, the trailing '/' is kept",
         "GET", f"{HOST}/2020-05-31//distribution/./EOLD/../EDFDVBD6EXAMPLE/"),
    case("delete_empty_body",
         "DELETE with If-Match and an empty body; payload hash is SHA-256 of the empty "
         "string",
         "DELETE", f"{HOST}/2020-05-31/streaming-distribution/EDFDVBD6EXAMPLE",
         headers={"If-Match": "E2QWRUHAPOMQZL"}),
    case("post_with_body",
         "CreateStreamingDistribution-like POST with a non-ASCII XML body (hashed as "
         "UTF-8 bytes) and an explicit Content-Length (signed because it is given)",
         "POST", f"{HOST}/2020-05-31/streaming-distribution",
         headers={"Content-Type": "application/xml",
                  "Content-Length": str(len(CREATE_XML.encode("utf-8")))},
         body=CREATE_XML),
    case("session_token",
         "Credentials with a session token: botocore adds X-Amz-Security-Token before "
         "signing, so it is signed",
         "GET", f"{HOST}/2020-05-31/streaming-distribution/EDFDVBD6EXAMPLE",
         token=SESSION_TOKEN),
    case("session_token_put_with_body",
         "PUT with body, If-Match and a session token, on a different day",
         "PUT", f"{HOST}/2020-05-31/streaming-distribution/EDFDVBD6EXAMPLE/config",
         headers={"If-Match": "E3ABCDEFGHIJKL", "Content-Type": "application/xml"},
         body=USDC_XML, time="20231231T235959Z", token=SESSION_TOKEN),
    case("cn_north_1",
         "Region cn-north-1 with host cloudfront.cn-northwest-1.amazonaws.com.cn: the "
         "scope uses the signer's region, the host header comes from the URL",
         "GET", "https://cloudfront.cn-northwest-1.amazonaws.com.cn/2020-05-31/distribution"
                "?MaxItems=1",
         region="cn-north-1"),
    case("host_default_port_and_case",
         "URL with an upper-case host and explicit default port 443: the signed host is "
         "lowercased and the port dropped",
         "GET", "https://CloudFront.AmazonAWS.com:443/2020-05-31/distribution"),
    case("host_non_default_port",
         "URL with a non-default port: the signed host keeps ':8443'",
         "GET", "https://cloudfront.amazonaws.com:8443/2020-05-31/distribution"),
    case("headers_whitespace_mixed_case",
         "Mixed-case header names and values with extra spaces: names are lowercased and "
         "values trimmed with inner runs collapsed to one space",
         "PUT", f"{HOST}/2020-05-31/streaming-distribution/EDFDVBD6EXAMPLE/config",
         headers={"X-Custom-Header": "  a   b  ", "x-AMZ-Meta-Thing": "Mixed Case  Value",
                  "CONTENT-TYPE": " application/xml ", "If-Match": "E2QWRUHAPOMQZL"},
         body=USDC_XML),
    case("unsigned_user_agent_and_trace_id",
         "User-Agent and X-Amzn-Trace-Id are sent but not signed (excluded by botocore "
         "and by aws-sigv4's defaults)",
         "GET", f"{HOST}/2020-05-31/distribution/EDFDVBD6EXAMPLE",
         headers={"User-Agent": "Botocore/1.43.11 Python/3.11.7",
                  "X-Amzn-Trace-Id": "Root=1-5759e988-bd862e3fe1be46a994272793"}),
    case("unsigned_hop_by_hop",
         "Expect, Connection, Keep-Alive, TE and Upgrade are in botocore's blacklist and "
         "not signed; aws-sigv4 signs them unless they are added to excluded_headers",
         "PUT", f"{HOST}/2020-05-31/streaming-distribution/EDFDVBD6EXAMPLE/config",
         headers={"Expect": "100-continue", "Connection": "keep-alive",
                  "Keep-Alive": "timeout=5", "TE": "trailers", "Upgrade": "h2c",
                  "Content-Type": "application/xml"},
         body=USDC_XML),
    case("retry_replaces_stale_auth_headers",
         "A re-signed request: a stale Authorization is removed, a stale X-Amz-Date and "
         "X-Amz-Security-Token are replaced with the current ones",
         "GET", f"{HOST}/2020-05-31/distribution/EDFDVBD6EXAMPLE",
         headers={"Authorization": "AWS4-HMAC-SHA256 Credential=STALE",
                  "X-Amz-Date": "20000101T000000Z", "X-Amz-Security-Token": "stale-token"},
         token=SESSION_TOKEN),
]



def hmac_sha256(key, msg):
    return hmac.new(key, msg.encode("utf-8"), hashlib.sha256).digest()


def check_signature(c, canonical_request, string_to_sign, signature):
    """Recompute the SigV4 signature from botocore's intermediate strings."""
    date = c["time"][:8]
    assert string_to_sign == "\n".join([
        "AWS4-HMAC-SHA256", c["time"],
        f"{date}/{c['region']}/{c['service']}/aws4_request",
        hashlib.sha256(canonical_request.encode("utf-8")).hexdigest(),
    ]), c["name"]
    key = ("AWS4" + c["credentials"]["secret_access_key"]).encode("utf-8")
    for part in (date, c["region"], c["service"], "aws4_request"):
        key = hmac_sha256(key, part)
    assert hmac.new(key, string_to_sign.encode("utf-8"), hashlib.sha256).hexdigest() \
        == signature, c["name"]


def sign(c):
    from botocore import auth
    from botocore.awsrequest import AWSRequest
    from botocore.credentials import Credentials

    req = c["request"]
    request = AWSRequest(method=req["method"], url=req["url"], headers=dict(req["headers"]),
                         data=req["body"].encode("utf-8"))
    creds = c["credentials"]
    signer = auth.SigV4Auth(
        Credentials(creds["access_key_id"], creds["secret_access_key"], creds["session_token"]),
        c["service"], c["region"],
    )
    captured, clock_reads = sign_capturing(signer, request, c["time"])
    assert clock_reads == 1, c["name"]

    canonical_request = captured["canonical_request"]
    check_signature(c, canonical_request, captured["string_to_sign"], captured["signature"])
    lines = canonical_request.split("\n")
    headers = request.headers
    authorization = headers["Authorization"]
    signed_headers = authorization.split("SignedHeaders=")[1].split(",")[0]
    assert signed_headers == lines[-2], c["name"]
    assert "x-amz-content-sha256" not in signed_headers.split(";"), c["name"]
    assert headers["X-Amz-Date"] == c["time"], c["name"]
    host = next(line[len("host:"):] for line in lines if line.startswith("host:"))
    return {
        "authorization": authorization,
        "x_amz_date": headers["X-Amz-Date"],
        "x_amz_security_token": headers.get("X-Amz-Security-Token"),
        "canonical_request": canonical_request,
        "string_to_sign": captured["string_to_sign"],
        "signed_headers": signed_headers,
        "host": host,
        "signature": captured["signature"],
        "canonical_uri": lines[1],
        "canonical_query_string": lines[2],
        "payload_sha256": lines[-1],
        "signed_request_headers": {k: v for k, v in headers.items()},
    }


def main():
    ensure_botocore()
    from botocore.utils import percent_encode_sequence

    assert percent_encode_sequence(ENCODED_QUERY_PARAMS) == ENCODED_QUERY
    names = [c["name"] for c in CASES]
    assert len(names) == len(set(names)), "duplicate case names"
    cases = [{**c, "expected": sign(c)} for c in CASES]
    out = {
        "generated_by": "python3 scripts/botocore_sigv4.py",
        "botocore_version": VERSION,
        "signer": "botocore.auth.SigV4Auth",
        "cases": cases,
    }
    OUTPUT.parent.mkdir(parents=True, exist_ok=True)
    text = json.dumps(out, indent=2, ensure_ascii=False, sort_keys=False) + "\n"
    OUTPUT.write_text(text, encoding="utf-8")


if __name__ == "__main__":
    main()
