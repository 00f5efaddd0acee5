#!/usr/bin/env python3
"""Generate botocore's CloudFront signed URLs for fixed cases.

Usage: python3 scripts/cloudfront_signer_expectations.py

Signs each case in CASES with botocore 1.43.11's
botocore.signers.CloudFrontSigner, key pair id K2JCJMDEHXQW5F and the
committed test key cloudfront-signer/tests/data/keys/rsa_pkcs1.pem (see
scripts/cloudfront_signer_keys.py), and writes the results to
cloudfront-signer/tests/data/botocore.json so the Rust signer can be checked
against them. botocore and cryptography are pinned (1.43.11 and 48.0.0): if
the importable version differs it is installed with pip and the script runs
again. The output is deterministic (byte-identical reruns): RSASSA-PKCS1-v1_5
signatures do not depend on randomness.

CloudFrontSigner takes the key pair id and an "rsa_signer", a callable given
the policy bytes and returning the signature; here it is
``private_key.sign(message, padding.PKCS1v15(), hashes.SHA1())`` from
cryptography. botocore itself hashes nothing and knows no key.

What botocore 1.43.11 does (read from botocore/signers.py and utils.py):

* Canned policy: ``generate_presigned_url(url, date_less_than=...)`` builds the
  policy with ``build_policy(url, date_less_than)``, so the Resource is the URL
  exactly as given, query string included. The policy is signed but not sent:
  the URL gets ``Expires=<int>&Signature=...&Key-Pair-Id=...``.
* Custom policy: ``generate_presigned_url(url, policy=...)`` signs the policy
  string (UTF-8 encoded) as given; the cases build it with
  ``build_policy(resource, date_less_than, date_greater_than, ip_address)``.
  The URL gets ``Policy=<encoded policy>&Signature=...&Key-Pair-Id=...``.
  Nothing relates the resource to the URL.
* build_policy returns ``json.dumps({"Statement": [{"Resource": ...,
  "Condition": {...}}]}, separators=(',', ':'))``: no whitespace, keys in
  insertion order, conditions in the order DateLessThan, IpAddress,
  DateGreaterThan, each as ``{"AWS:EpochTime": <int>}`` or
  ``{"AWS:SourceIp": "<ip>"}``. IpAddress is present only when ip_address is
  truthy (an empty string is dropped silently), DateGreaterThan whenever a
  datetime is given.
* json.dumps keeps its default ensure_ascii=True: every non-ASCII character is
  written ``\\uXXXX`` (lowercase hex; UTF-16 surrogate pairs above U+FFFF), so
  the signed bytes are pure ASCII. It also escapes ``"`` and ``\\`` with a
  backslash, writes \\b \\f \\n \\r \\t in short form and the other control
  characters below 0x20, and DEL (0x7f), as ``\\u00XX``; ``/`` is not
  escaped. (serde_json, by contrast, writes DEL raw.)
* IP: an address without ``/`` gets ``/32`` appended, a CIDR range is kept as
  given. There is no validation, so an IPv6 address also gets ``/32``.
* Timestamps: ``int(datetime2timestamp(dt))``. datetime2timestamp treats a
  naive datetime as UTC and returns float seconds since the epoch; int()
  truncates toward zero, so ``...600.999999`` becomes ``...600`` (not
  rounded). The canned URL's Expires is computed the same way.
* Encoding: standard base64 with padding, then ``+`` -> ``-``, ``=`` -> ``_``,
  ``/`` -> ``~``, for both the signature and the custom Policy parameter.
* URL: the parameters are appended after ``&`` when ``?`` occurs anywhere in
  the URL, after ``?`` otherwise, so a URL ending in ``?`` gives ``?&Expires=``.
  The URL is not parsed, normalized or percent-encoded (a raw ``é`` stays raw,
  ``%20``, ``+`` and ``~`` stay as given).

What botocore does NOT do: no ``Hash-Algorithm`` parameter (signatures are
whatever the rsa_signer makes; CloudFront's default is SHA-1), no signed
cookies (CloudFront-Policy / CloudFront-Signature / CloudFront-Key-Pair-Id /
CloudFront-Expires), no ECDSA support of its own (the callable is assumed to
be RSA SHA-1), and no validation of anything: not the expiry (past, or before
the start), not the IP, not the key pair id, not wildcards in a canned URL,
not non-ASCII input. Its only check is that exactly one of date_less_than and
policy is given.

Each case records its inputs (url; for custom cases resource, starts and ip,
null when not given; expires as the integer botocore used, with
``expires_input``/``starts_input`` holding botocore's float when the datetime
had microseconds), the exact policy string botocore signed, the signature as
it appears in the URL, and the signed URL. The case "canned_non_ascii" has
``"non_ascii": true``: the Rust signer refuses such URLs, the case records what
botocore does with them. Every signature is verified with rsa_public.pem and every policy and URL against the rules above before the file is written.
"""
import argparse
import base64
import datetime
import json

from pinned_botocore import CRYPTOGRAPHY_VERSION, ROOT, VERSION, ensure_botocore, ensure_package

KEYS = ROOT / "cloudfront-signer" / "tests" / "data" / "keys"
OUTPUT = ROOT / "cloudfront-signer" / "tests" / "data" / "botocore.json"
KEY_FILE = "rsa_pkcs1.pem"
PUBLIC_KEY_FILE = "rsa_public.pem"
KEY_PAIR_ID = "K2JCJMDEHXQW5F"

HOST = "https://d111111abcdef8.cloudfront.net"
EXPIRES = 1767225600  # 2026-01-01T00:00:00Z
STARTS = 1767139200  # 2025-12-31T00:00:00Z
UTC = datetime.timezone.utc


def canned(name, description, url, expires=EXPIRES, **extra):
    return {"name": name, "description": description, "kind": "canned", "url": url,
            "expires": expires, **extra}


def custom(name, description, url, resource, expires=EXPIRES, starts=None, ip=None):
    return {"name": name, "description": description, "kind": "custom", "url": url,
            "resource": resource, "expires": expires, "starts": starts, "ip": ip}


# expires/starts: epoch seconds, or a datetime when the case needs microseconds.
CASES = [
    canned("canned_plain", "Canned policy, URL without a query",
           f"{HOST}/images/image.jpg"),
    canned("canned_existing_query",
           "Canned policy, URL with a query: the policy's Resource keeps the query and the "
           "parameters are appended after '&'",
           f"{HOST}/images/image.jpg?size=large&color=red"),
    canned("canned_url_ending_with_question_mark",
           "URL ending in '?': botocore sees the '?' and appends '&', giving '?&Expires='",
           f"{HOST}/images/image.jpg?"),
    canned("canned_special_path_chars",
           "Path with '~', '%20' and '+': neither the Resource nor the URL is decoded or "
           "re-encoded",
           f"{HOST}/images/a~b%20c+d.jpg"),
    canned("canned_far_future", "Expiry 2100-01-01T00:00:00Z (4102444800)",
           f"{HOST}/images/image.jpg", expires=4102444800),
    canned("canned_epoch_1", "Expiry at epoch second 1 (long past; botocore does not check)",
           f"{HOST}/images/image.jpg", expires=1),
    canned("canned_fractional_expiry",
           "Expiry given as a datetime with microseconds (.999999): int() truncates, so "
           "Expires and the policy use 1767225600",
           f"{HOST}/images/image.jpg",
           expires=datetime.datetime(2026, 1, 1, 0, 0, 0, 999999, tzinfo=UTC)),
    custom("custom_wildcard", "Custom policy with a '*' wildcard resource; the URL is a "
           "concrete object under it", f"{HOST}/videos/intro.mp4", f"{HOST}/videos/*"),
    custom("custom_question_mark_wildcard", "Custom policy with a '?' wildcard (one character)",
           f"{HOST}/videos/clip-1.mp4", f"{HOST}/videos/clip-?.mp4"),
    custom("custom_bare_ip", "Bare IPv4 address: botocore appends '/32'",
           f"{HOST}/images/image.jpg", f"{HOST}/images/image.jpg", ip="192.0.2.10"),
    custom("custom_ip_range", "IPv4 CIDR range, kept as given",
           f"{HOST}/images/image.jpg", f"{HOST}/images/image.jpg", ip="198.51.100.0/24"),
    custom("custom_ipv6_bare",
           "Bare IPv6 address: botocore does not validate and appends '/32' as for IPv4",
           f"{HOST}/images/image.jpg", f"{HOST}/images/image.jpg", ip="2001:db8::1"),
    custom("custom_start_only", "Start time (DateGreaterThan) without an IP",
           f"{HOST}/images/image.jpg", f"{HOST}/images/image.jpg", starts=STARTS),
    custom("custom_ip_start_wildcard",
           "Wildcard resource, bare IP and start time together: condition order is "
           "DateLessThan, IpAddress, DateGreaterThan",
           f"{HOST}/videos/intro.mp4", f"{HOST}/videos/*", starts=STARTS, ip="192.0.2.10"),
    custom("custom_url_with_query",
           "Custom policy whose URL (and resource) already has a query: '&' separator",
           f"{HOST}/images/image.jpg?size=large&color=red",
           f"{HOST}/images/image.jpg?size=large&color=red"),
    custom("custom_json_escapes",
           "Resource with a backslash, double quotes and a tab: JSON escapes them as \\\\, "
           "\\\" and \\t ('/' is not escaped)",
           f"{HOST}/odd%5Cpath/%22quoted%22%09name.jpg",
           f"{HOST}/odd\\path/\"quoted\"\tname.jpg"),
    custom("custom_json_control_chars",
           "Resource with \\b \\f \\n \\r (short escapes), U+0001, U+001F and DEL U+007F "
           "(written \\u0001, \\u001f, \\u007f: lowercase hex, and DEL escaped too)",
           f"{HOST}/images/control.jpg",
           f"{HOST}/images/\b\f\n\r\x01\x1f\x7f.jpg"),
    custom("custom_resource_star", "Resource '*' alone (every object of the distribution)",
           f"{HOST}/images/image.jpg", "*"),
    custom("custom_fractional_times",
           "Expiry and start given with microseconds (.5 and .999999): both truncated",
           f"{HOST}/videos/intro.mp4", f"{HOST}/videos/*",
           expires=datetime.datetime(2026, 1, 1, 0, 0, 0, 500000, tzinfo=UTC),
           starts=datetime.datetime(2025, 12, 31, 0, 0, 0, 999999, tzinfo=UTC)),
    canned("canned_non_ascii",
           "URL with a non-ASCII 'é' (not refused by botocore): the policy has it as "
           "\\u00e9 (ensure_ascii), the URL keeps it raw. The Rust signer refuses this input",
           f"{HOST}/images/café.jpg", non_ascii=True),
]


# Escapes each of these cases' policy must contain, checked independently of
# json.dumps (which also makes expected_policy's text).
ESCAPES = {
    "custom_json_escapes": r'/odd\\path/\"quoted\"\tname.jpg"',
    "custom_json_control_chars": r'/\b\f\n\r\u0001\u001f\u007f.jpg"',
    "canned_non_ascii": r'/caf\u00e9.jpg"',
}


def moment(value) -> datetime.datetime:
    """A case's expires/starts as the datetime given to botocore."""
    if isinstance(value, datetime.datetime):
        return value
    return datetime.datetime.fromtimestamp(value, tz=UTC)


def cloudfront_b64(data: bytes) -> str:
    return base64.b64encode(data).decode("ascii").translate(str.maketrans("+=/", "-_~"))


def expected_policy(resource, expires, starts, ip) -> str:
    """The policy as the module docstring describes it, to check botocore's."""
    condition = {"DateLessThan": {"AWS:EpochTime": expires}}
    if ip:
        condition["IpAddress"] = {"AWS:SourceIp": ip if "/" in ip else ip + "/32"}
    if starts is not None:
        condition["DateGreaterThan"] = {"AWS:EpochTime": starts}
    statement = {"Statement": [{"Resource": resource, "Condition": condition}]}
    return json.dumps(statement, separators=(",", ":"))


class RecordingSigner:
    """The rsa_signer given to CloudFrontSigner: signs with RSA PKCS#1 v1.5
    and SHA-1 and records each (message, signature) in `signed`."""

    def __init__(self, private_key):
        self.private_key = private_key
        self.signed = []

    def __call__(self, message: bytes) -> bytes:
        from cryptography.hazmat.primitives import hashes
        from cryptography.hazmat.primitives.asymmetric import padding

        signature = self.private_key.sign(message, padding.PKCS1v15(), hashes.SHA1())
        self.signed.append((message, signature))
        return signature


def sign(case, signer, recorder, public_key) -> dict:
    """The case with botocore's results added, after checking them: the
    signature with the committed public key, the policy and the URL with the
    rules of the module docstring."""
    from botocore.utils import datetime2timestamp
    from cryptography.hazmat.primitives import hashes
    from cryptography.hazmat.primitives.asymmetric import padding

    out = dict(case)
    times = {}
    for field in ("expires", "starts"):
        if case.get(field) is not None:
            given = moment(case[field])
            times[field] = given
            out[field] = int(datetime2timestamp(given))
            if given.microsecond:
                out[f"{field}_input"] = datetime2timestamp(given)
    recorder.signed.clear()
    if case["kind"] == "canned":
        signed_url = signer.generate_presigned_url(case["url"], date_less_than=times["expires"])
        resource, first = case["url"], f"Expires={out['expires']}"
    else:
        policy = signer.build_policy(case["resource"], times["expires"],
                                     date_greater_than=times.get("starts"), ip_address=case["ip"])
        signed_url = signer.generate_presigned_url(case["url"], policy=policy)
        resource, first = case["resource"], f"Policy={cloudfront_b64(policy.encode('utf-8'))}"
    [(message, raw_signature)] = recorder.signed
    public_key.verify(raw_signature, message, padding.PKCS1v15(), hashes.SHA1())
    policy = message.decode("utf-8")
    signature = cloudfront_b64(raw_signature)
    name = case["name"]
    assert policy == expected_policy(resource, out["expires"], out.get("starts"), case.get("ip")), \
        name
    assert policy.isascii(), name
    separator = "&" if "?" in case["url"] else "?"
    assert signed_url == (f"{case['url']}{separator}{first}&Signature={signature}"
                          f"&Key-Pair-Id={KEY_PAIR_ID}"), name
    assert case.get("non_ascii", False) == (not (case["url"] + case.get("resource", "")).isascii()), \
        name
    assert ESCAPES.get(name, "") in policy, name
    out.update(policy=policy, signature=signature, signed_url=signed_url)
    return out


def main():
    argparse.ArgumentParser(description=__doc__.split("\n\n")[0]).parse_args()
    ensure_botocore()
    ensure_package("cryptography", CRYPTOGRAPHY_VERSION)
    import botocore
    import cryptography
    from botocore.signers import CloudFrontSigner
    from cryptography.hazmat.primitives import serialization

    names = [c["name"] for c in CASES]
    assert len(names) == len(set(names)), "duplicate case names"
    private_key = serialization.load_pem_private_key((KEYS / KEY_FILE).read_bytes(), password=None)
    public_key = serialization.load_pem_public_key((KEYS / PUBLIC_KEY_FILE).read_bytes())
    recorder = RecordingSigner(private_key)
    signer = CloudFrontSigner(KEY_PAIR_ID, recorder)
    out = {
        "generated_by": "python3 scripts/cloudfront_signer_expectations.py",
        "botocore_version": botocore.__version__,
        "cryptography_version": cryptography.__version__,
        "signer": "botocore.signers.CloudFrontSigner, RSA PKCS#1 v1.5 SHA-1",
        "key": KEY_FILE,
        "key_pair_id": KEY_PAIR_ID,
        "cases": [sign(c, signer, recorder, public_key) for c in CASES],
    }
    assert out["botocore_version"] == VERSION
    OUTPUT.parent.mkdir(parents=True, exist_ok=True)
    OUTPUT.write_text(json.dumps(out, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    print(f"wrote {len(CASES)} cases to {OUTPUT.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
