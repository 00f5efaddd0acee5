#!/usr/bin/env python3
"""Sign a fixed-seed set of random requests with botocore's SigV4 signers.

Usage: python3 scripts/botocore_sigv4_random.py

Generates CASES random requests from a fixed seed (byte-identical reruns)
and signs each with botocore 1.43.11 (installed with pip and the script
re-executed if the importable botocore is another version):

* header signing: botocore.auth.SigV4Auth for non-S3 services (cloudfront,
  route53, iam, execute-api), S3SigV4Auth for s3;
* query signing (presigned URLs): SigV4QueryAuth, and S3SigV4QueryAuth for
  s3, with a random expiry.

The requests are what the client sends: a URL whose path and query are
already percent-encoded (each awkward byte as uppercase %XX, RFC 3986
pchar and unreserved characters raw; paths with '.', '..', empty segments,
'%2F' and '%25'), queries with repeated keys, empty values, bare keys and
an empty key, header values with leading, trailing and inner runs of
spaces and tabs, repeated (multi-valued) headers, headers botocore does not
sign (User-Agent, Expect, ...), sometimes a Date header (botocore then
signs a rewritten Date instead of X-Amz-Date), random bodies, session
tokens, random times and regions, default and non-default ports and
upper-case hosts.

Limits of the domain, from botocore's rules (see botocore_sigv4.py):
presigned requests have unique query keys (SigV4QueryAuth keeps only the
first value of a repeated key) and an empty body (it moves a body into the
query as JSON); no request carries Content-MD5, X-Amz-Content-SHA256 or a
Host header, and header values are visible ASCII, spaces and tabs.

Time is frozen by patching botocore.auth.get_current_datetime. For each
case the script records the request, and under "expected" the canonical
request and string to sign computed inside add_auth, the signature, and the
Authorization header (header signing) or the signed URL (presigning). It
writes runtime/tests/data/sigv4_botocore_random.json, which
runtime/tests/sigv4_differential.rs checks the Rust signer against.
"""
import datetime
import json
import random
from pathlib import Path

from pinned_botocore import VERSION, ensure_botocore, sign_capturing

ROOT = Path(__file__).resolve().parent.parent
OUTPUT = ROOT / "runtime" / "tests" / "data" / "sigv4_botocore_random.json"
SEED = 20240315
CASES = 400

ACCESS_KEY = "AKIDEXAMPLE"
SECRET_KEY = "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY"
SERVICES = ["cloudfront", "route53", "iam", "execute-api", "s3", "s3"]
REGIONS = ["us-east-1", "us-west-2", "eu-central-1", "cn-north-1", "ap-southeast-2"]
HOSTS = {
    "cloudfront": ["https://cloudfront.amazonaws.com", "https://CloudFront.AmazonAWS.com:443"],
    "route53": ["https://route53.amazonaws.com", "http://localhost:8080"],
    "iam": ["https://iam.amazonaws.com"],
    "execute-api": ["https://abc123.execute-api.us-west-2.amazonaws.com:8443"],
    "s3": ["https://bucket.s3.us-west-2.amazonaws.com", "https://s3.amazonaws.com", "http://127.0.0.1:9000"],
}
# Characters an HTTP request path may carry raw (RFC 3986 pchar).
PCHAR = set("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~!$&'()*+,;=:@")
UNRESERVED = set("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~")
HEADER_NAMES = ["X-Amz-Meta-Thing", "x-custom", "Content-Type", "If-Match", "x-amz-acl", "Cache-Control",
                "X-Amz-Target", "Accept"]
UNSIGNED = ["User-Agent", "Expect", "Connection", "X-Amzn-Trace-Id", "Transfer-Encoding"]


def encode_bytes(data: bytes, safe: set) -> str:
    return "".join(chr(b) if chr(b) in safe and b < 128 else f"%{b:02X}" for b in data)


def random_text(rng: random.Random, alphabet: str, low: int, high: int) -> str:
    return "".join(rng.choice(alphabet) for _ in range(rng.randint(low, high)))


def random_segment(rng: random.Random) -> str:
    kind = rng.random()
    if kind < 0.1:
        return rng.choice(["", ".", ".."])
    if kind < 0.2:
        return rng.choice(["%2F", "%252F", "a%2Fb", "%25", "~user", "$delete", "a+b", "x:y@z"])
    if kind < 0.5:
        data = bytes(rng.randrange(256) for _ in range(rng.randint(1, 6)))
    else:
        data = "".join(rng.choice("abcXYZ09-_.~ é中🚀!$'()*,;=:@%/?#[]") for _ in range(rng.randint(1, 8))).encode()
    return encode_bytes(data, PCHAR)


def random_path(rng: random.Random) -> str:
    segments = [random_segment(rng) for _ in range(rng.randint(0, 5))]
    path = "/" + "/".join(segments)
    if rng.random() < 0.2:
        path += "/"
    return path


def random_query_text(rng: random.Random, allow_empty: bool) -> str:
    if allow_empty and rng.random() < 0.15:
        return ""
    text = "".join(rng.choice("abcKey09-_.~ é/=&+%中?") for _ in range(rng.randint(1, 6)))
    return encode_bytes(text.encode(), UNRESERVED)


def random_query(rng: random.Random, presigned: bool) -> str:
    pairs = []
    keys = set()
    for _ in range(rng.randint(0, 5)):
        if not presigned and pairs and rng.random() < 0.25:
            key = rng.choice(pairs)[0]  # a repeated key
        else:
            key = random_query_text(rng, allow_empty=not presigned)
        if presigned and (key in keys or not key or key.startswith("X-Amz-")):
            continue
        keys.add(key)
        if not presigned and rng.random() < 0.15:
            pairs.append((key, None))  # a bare key
        else:
            pairs.append((key, random_query_text(rng, allow_empty=True)))
    return "&".join(k if v is None else f"{k}={v}" for k, v in pairs)


def random_value(rng: random.Random) -> str:
    words = [random_text(rng, "abcXYZ019-_/=;,:\"()", 1, 6) for _ in range(rng.randint(0, 4))]
    out = ""
    for word in words:
        out += rng.choice([" ", "  ", "\t", " \t ", "   "]) if out or rng.random() < 0.3 else ""
        out += word
    if rng.random() < 0.3:
        out += rng.choice([" ", "\t", "  "])
    return out


def random_headers(rng: random.Random, with_date: bool) -> list:
    headers = []
    for _ in range(rng.randint(0, 6)):
        if rng.random() < 0.15:
            name = rng.choice(UNSIGNED)
        elif headers and rng.random() < 0.25:
            name = rng.choice(headers)[0]  # multi-valued
        else:
            name = rng.choice(HEADER_NAMES)
            if rng.random() < 0.3:
                name = name.upper() if rng.random() < 0.5 else name.lower()
        headers.append((name, random_value(rng)))
    if with_date:
        headers.append(("Date", "Mon, 01 Jan 2001 00:00:00 GMT"))
    return headers


def make_case(rng: random.Random, index: int) -> dict:
    service = rng.choice(SERVICES)
    presigned = rng.random() < 0.3
    method = rng.choice(["GET", "PUT", "POST", "DELETE", "HEAD", "PATCH"])
    host = rng.choice(HOSTS[service])
    query = random_query(rng, presigned)
    url = host + random_path(rng) + (f"?{query}" if query or (not presigned and rng.random() < 0.05) else "")
    body = b"" if presigned or rng.random() < 0.3 else bytes(rng.randrange(256) for _ in range(rng.randint(1, 64)))
    token = None
    if rng.random() < 0.4:
        token = random_text(rng, "ABCDEFabcdef0123456789+/=", 16, 80)
    seconds = rng.randint(1_262_304_000, 2_082_758_399)  # 2010 to 2035
    return {
        "name": f"random_{index:03}",
        "signer": ("S3SigV4QueryAuth" if service == "s3" else "SigV4QueryAuth") if presigned
        else ("S3SigV4Auth" if service == "s3" else "SigV4Auth"),
        "service": service,
        "region": rng.choice(REGIONS),
        "time": datetime.datetime.fromtimestamp(seconds, datetime.timezone.utc).strftime("%Y%m%dT%H%M%SZ"),
        "expires": rng.randint(1, 604800) if presigned else None,
        "credentials": {"access_key_id": ACCESS_KEY, "secret_access_key": SECRET_KEY, "session_token": token},
        "request": {
            "method": method,
            "url": url,
            "headers": random_headers(rng, with_date=not presigned and rng.random() < 0.05),
            "body_hex": body.hex(),
        },
    }


def sign(c: dict) -> dict:
    from botocore import auth
    from botocore.awsrequest import AWSRequest
    from botocore.credentials import Credentials

    r = c["request"]
    request = AWSRequest(method=r["method"], url=r["url"], data=bytes.fromhex(r["body_hex"]))
    for name, value in r["headers"]:
        request.headers[name] = value  # appends: repeated names stay repeated
    creds = c["credentials"]
    credentials = Credentials(creds["access_key_id"], creds["secret_access_key"], creds["session_token"])
    cls = getattr(auth, c["signer"])
    if c["expires"] is None:
        signer = cls(credentials, c["service"], c["region"])
    else:
        signer = cls(credentials, c["service"], c["region"], expires=c["expires"])
    captured, _ = sign_capturing(signer, request, c["time"])
    expected = {
        "canonical_request": captured["canonical_request"],
        "string_to_sign": captured["string_to_sign"],
        "signature": captured["signature"],
    }
    if c["expires"] is None:
        expected["authorization"] = request.headers["Authorization"]
        expected["headers"] = [[k, v] for k, v in request.headers.items() if k != "Authorization"]
    else:
        expected["url"] = request.url
    return expected


def main() -> None:
    ensure_botocore()
    rng = random.Random(SEED)
    cases = [make_case(rng, i) for i in range(CASES)]
    for c in cases:
        c["expected"] = sign(c)
    out = {
        "generated_by": "python3 scripts/botocore_sigv4_random.py",
        "botocore_version": VERSION,
        "seed": SEED,
        "cases": cases,
    }
    OUTPUT.parent.mkdir(parents=True, exist_ok=True)
    OUTPUT.write_text(json.dumps(out, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
    kinds = {}
    for c in cases:
        kinds[c["signer"]] = kinds.get(c["signer"], 0) + 1
    print(f"{len(cases)} cases: {kinds}")


if __name__ == "__main__":
    main()
