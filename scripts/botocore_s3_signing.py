#!/usr/bin/env python3
"""How botocore 1.43.11 sends and signs S3 requests for awkward object keys.

Usage: python3 scripts/botocore_s3_signing.py

Writes tests/data/s3_signing.json, read by tests/tests/s3_signing.rs. For
each case (an operation, its parameters, and the addressing style) a real
botocore S3 client (region us-west-2, fixed credentials, the vendored model
first on the loader's path) makes the call; a handler on `before-send`
records the prepared request (URL, headers, body) and answers a dummy 200,
so nothing is sent. The signing clock is frozen (botocore.auth's
`get_current_datetime` patched) at TIME, and S3SigV4Auth's canonical request
and string to sign are captured as it computes them. Flexible checksums are
off unless required (`request_checksum_calculation="when_required"`), as the
generated crate has none yet.

Keys cover what S3 keys may hold and botocore sends as they are: `.` and
`..` segments, `//`, a leading `/`, `~`, spaces, `+`, `%`, unicode; both
virtual-hosted style (bucket `bkt-name`) and path style
(`addressing_style="path"`). The output is deterministic.
"""
import datetime
import json
from pathlib import Path
from unittest import mock

from pinned_botocore import VERSION, ensure_botocore

ROOT = Path(__file__).resolve().parent.parent
OUTPUT = ROOT / "tests" / "data" / "s3_signing.json"
ACCESS_KEY = "AKIDEXAMPLE"
SECRET_KEY = "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY"
TIME = "20261201T083000Z"
REGION = "us-west-2"
BUCKET = "bkt-name"

KEYS = [
    "plain.txt",
    "a/../b",
    "./x",
    "..",
    "a//b",
    "/leading",
    "~tilde~",
    "with space",
    "two  spaces",
    "plus+sign",
    "percent%20literal",
    "ünïcödé/中文/🚀",
    "semi;colon,comma=eq&amp@at$dollar'quote(paren)",
    "trailing/",
]


def cases():
    out = []
    for style in ["virtual", "path"]:
        for key in KEYS:
            out.append({"operation": "GetObject", "style": style, "params": {"Bucket": BUCKET, "Key": key}})
        out.append({"operation": "PutObject", "style": style,
                    "params": {"Bucket": BUCKET, "Key": "dir/a b+c", "Body": "hello, world",
                               "ContentType": "text/plain", "Metadata": {"author": "Jane Doe"}}})
        out.append({"operation": "HeadObject", "style": style, "params": {"Bucket": BUCKET, "Key": "a/../b"}})
        out.append({"operation": "DeleteObject", "style": style, "params": {"Bucket": BUCKET, "Key": "x y/~z"}})
        out.append({"operation": "ListObjectsV2", "style": style,
                    "params": {"Bucket": BUCKET, "Prefix": "a b/ü", "MaxKeys": 2}})
        out.append({"operation": "CopyObject", "style": style,
                    "params": {"Bucket": BUCKET, "Key": "copy", "CopySource": "src-bucket/a b+ü/../c"}})
    return out


def capture(case):
    import botocore.session
    from botocore import xform_name
    from botocore.awsrequest import AWSResponse
    from botocore.config import Config

    session = botocore.session.get_session()
    session.get_component("data_loader").search_paths.insert(0, str(ROOT / "model"))
    config = Config(
        request_checksum_calculation="when_required",
        response_checksum_validation="when_required",
        s3={"addressing_style": case["style"]},
    )
    client = session.create_client("s3", region_name=REGION, aws_access_key_id=ACCESS_KEY,
                                   aws_secret_access_key=SECRET_KEY, config=config)
    recorded = {}

    class EmptyBody:
        """What botocore reads a response body from: nothing."""

        def stream(self, *args, **kwargs):
            yield b""

        def read(self, *args, **kwargs):
            return b""

        def close(self):
            pass

    def before_send(request, **kwargs):
        recorded["request"] = request
        return AWSResponse(request.url, 200, {"content-length": "0"}, EmptyBody())

    client.meta.events.register("before-send.s3", before_send)
    from botocore import auth

    captured = {}
    original = auth.S3SigV4Auth.canonical_request

    def canonical_request(self, request):
        captured["canonical_request"] = result = original(self, request)
        return result

    now = datetime.datetime.strptime(TIME, "%Y%m%dT%H%M%SZ")
    params = dict(case["params"])
    if "Body" in params:
        params["Body"] = params["Body"].encode("utf-8")
    with mock.patch.object(auth, "get_current_datetime", return_value=now), \
            mock.patch.object(auth.S3SigV4Auth, "canonical_request", canonical_request):
        getattr(client, xform_name(case["operation"]))(**params)
    request = recorded["request"]
    headers = {k: v.decode() if isinstance(v, bytes) else v for k, v in request.headers.items()}
    body = request.body or b""
    if hasattr(body, "read"):
        body = body.read()
    return {
        "url": request.url,
        "method": request.method,
        "authorization": headers["Authorization"],
        "x_amz_date": headers["X-Amz-Date"],
        "x_amz_content_sha256": headers["X-Amz-Content-SHA256"],
        "canonical_request": captured["canonical_request"],
        "body": body.decode("utf-8") if isinstance(body, bytes) else body,
    }


def main():
    ensure_botocore()
    out = {
        "generated_by": "python3 scripts/botocore_s3_signing.py",
        "botocore_version": VERSION,
        "region": REGION,
        "access_key": ACCESS_KEY,
        "secret_key": SECRET_KEY,
        "time": TIME,
        "cases": [{**case, "expected": capture(case)} for case in cases()],
    }
    OUTPUT.write_text(json.dumps(out, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    print(f"{OUTPUT.relative_to(ROOT)}: {len(out['cases'])} cases")


if __name__ == "__main__":
    main()
