#!/usr/bin/env python3
"""Verify the cloudfront-signer crate's signatures independently, with Python's
cryptography.

Usage: python3 scripts/verify_cloudfront_signatures.py VECTORS.json KEYS_DIR

VECTORS.json (written by the Rust tests) is
``{"vectors": [{"name", "algorithm", "hash", "public_key", "message",
"signature", "must_fail"?}, ...]}``:

* algorithm: "RSA" (RSASSA-PKCS1-v1_5) or "ECDSA" (signature DER-encoded, as
  CloudFront expects); hash: "SHA1" or "SHA256".
* public_key: a SubjectPublicKeyInfo PEM file in KEYS_DIR
  (cloudfront-signer/tests/data/keys/, see scripts/cloudfront_signer_keys.py).
* message: the signed policy; its UTF-8 bytes are what is verified.
* signature: CloudFront's base64 ('-' for '+', '_' for '=', '~' for '/').
* must_fail: true for a signature that must NOT verify (made with another
  key); default false.

For each vector the genuine message must verify (or, with must_fail, must
not), and the same signature must be rejected for two tampered messages: the
last byte changed, and one space inserted in the middle. One line is printed
per vector, then ``verified N signatures, rejected M tampered``. Exit status:
0 when every check holds, 1 when one does not, 2 when the input is unusable
(unreadable file, bad JSON, missing or unknown fields, missing or mismatched
key file). cryptography is pinned to the version the other CloudFront signer
scripts use: if the importable version differs it is installed with pip and
the script runs again.
"""
import argparse
import base64
import binascii
import json
import sys
from pathlib import Path

from pinned_botocore import CRYPTOGRAPHY_VERSION, ensure_package

ALGORITHMS = ("RSA", "ECDSA")
HASHES = ("SHA1", "SHA256")
FIELDS = {"name": str, "algorithm": str, "hash": str, "public_key": str, "message": str,
          "signature": str}
FROM_CLOUDFRONT = str.maketrans("-_~", "+=/")


class BadInput(Exception):
    """The vectors file or a key file cannot be used (exit status 2)."""


def read_vectors(path: Path) -> list:
    """The vectors of the file, with each field checked."""
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as e:
        raise BadInput(f"cannot read {path}: {e}") from e
    if not isinstance(data, dict) or not isinstance(data.get("vectors"), list):
        raise BadInput(f'{path}: expected an object with a "vectors" list')
    if not data["vectors"]:
        raise BadInput(f"{path}: no vectors")
    names = set()
    for i, vector in enumerate(data["vectors"]):
        where = f"{path}: vector {i}"
        if not isinstance(vector, dict):
            raise BadInput(f"{where}: not an object")
        for field, kind in FIELDS.items():
            if not isinstance(vector.get(field), kind):
                raise BadInput(f"{where}: {field!r} missing or not a string")
        where = f"{path}: vector {vector['name']!r}"
        if vector["name"] in names:
            raise BadInput(f"{where}: duplicate name")
        names.add(vector["name"])
        if vector["algorithm"] not in ALGORITHMS:
            raise BadInput(f"{where}: algorithm {vector['algorithm']!r} is not one of {ALGORITHMS}")
        if vector["hash"] not in HASHES:
            raise BadInput(f"{where}: hash {vector['hash']!r} is not one of {HASHES}")
        if not isinstance(vector.get("must_fail", False), bool):
            raise BadInput(f"{where}: 'must_fail' is not a boolean")
        try:
            message = vector["message"].encode("utf-8")
        except UnicodeEncodeError as e:
            raise BadInput(f"{where}: message is not valid Unicode: {e}") from e
        if not message:
            raise BadInput(f"{where}: empty message")
    return data["vectors"]


def load_public_key(keys_dir: Path, vector: dict):
    """The vector's public key, checked to be of its algorithm."""
    from cryptography.hazmat.primitives import serialization
    from cryptography.hazmat.primitives.asymmetric import ec, rsa

    path = keys_dir / vector["public_key"]
    try:
        key = serialization.load_pem_public_key(path.read_bytes())
    except (OSError, ValueError) as e:
        raise BadInput(f"vector {vector['name']!r}: cannot load public key {path}: {e}") from e
    expected = rsa.RSAPublicKey if vector["algorithm"] == "RSA" else ec.EllipticCurvePublicKey
    if not isinstance(key, expected):
        raise BadInput(f"vector {vector['name']!r}: {path} is not an {vector['algorithm']} "
                       "public key")
    return key


def decode_signature(text: str) -> bytes | None:
    """The signature bytes of CloudFront base64, or None if `text` is not
    CloudFront base64 (standard base64's '+', '/', '=' are not allowed)."""
    if any(c in "+/=" for c in text):
        return None
    try:
        return base64.b64decode(text.translate(FROM_CLOUDFRONT), validate=True)
    except binascii.Error:
        return None


def verifies(key, algorithm: str, hash_name: str, signature: bytes, message: bytes) -> bool:
    from cryptography.exceptions import InvalidSignature
    from cryptography.hazmat.primitives import hashes
    from cryptography.hazmat.primitives.asymmetric import ec, padding

    digest = getattr(hashes, hash_name)()
    try:
        if algorithm == "RSA":
            key.verify(signature, message, padding.PKCS1v15(), digest)
        else:
            key.verify(signature, message, ec.ECDSA(digest))
    except InvalidSignature:
        return False
    return True


def tampered(message: bytes) -> list[tuple[str, bytes]]:
    """Messages one byte away from `message`, each with a label."""
    middle = len(message) // 2
    return [
        ("last byte changed", message[:-1] + bytes([message[-1] ^ 0x01])),
        ("space inserted", message[:middle] + b" " + message[middle:]),
    ]


def hint(key, algorithm: str, signature: bytes) -> str:
    """A likely reason a genuine signature did not verify."""
    if algorithm == "RSA" and len(signature) != key.key_size // 8:
        return f" ({len(signature)} bytes, an RSA-{key.key_size} signature has {key.key_size // 8})"
    if algorithm == "ECDSA" and signature[:1] != b"\x30":
        return f" ({len(signature)} bytes not starting with a DER SEQUENCE: raw r||s instead of DER?)"
    return ""


def check(vector: dict, key) -> tuple[list[str], bool, int]:
    """Problems found with one vector, whether its genuine signature
    verified, and how many tampered messages were rejected."""
    algorithm, hash_name = vector["algorithm"], vector["hash"]
    message = vector["message"].encode("utf-8")
    must_fail = vector.get("must_fail", False)
    signature = decode_signature(vector["signature"])
    if signature is None:
        return [f"signature {vector['signature'][:24]!r}... is not CloudFront base64"], False, 0
    problems = []
    genuine = verifies(key, algorithm, hash_name, signature, message)
    if genuine and must_fail:
        problems.append("signature verified but must_fail is set")
    elif not genuine and not must_fail:
        problems.append("signature does not verify" + hint(key, algorithm, signature))
    rejected = 0
    for label, other in tampered(message):
        if verifies(key, algorithm, hash_name, signature, other):
            problems.append(f"signature also verifies the tampered message ({label})")
        else:
            rejected += 1
    return problems, genuine, rejected


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("vectors", type=Path, help="the vectors JSON file the Rust tests wrote")
    parser.add_argument("keys_dir", type=Path, help="directory of the public key PEM files")
    args = parser.parse_args()
    ensure_package("cryptography", CRYPTOGRAPHY_VERSION)
    try:
        if not args.keys_dir.is_dir():
            raise BadInput(f"{args.keys_dir} is not a directory")
        vectors = read_vectors(args.vectors)
        keys = [load_public_key(args.keys_dir, v) for v in vectors]
    except BadInput as e:
        print(f"error: {e}", file=sys.stderr)
        return 2
    verified = rejected = must_fail_rejected = failures = 0
    for vector, key in zip(vectors, keys):
        problems, genuine, tampered_rejected = check(vector, key)
        must_fail = vector.get("must_fail", False)
        verified += genuine and not must_fail
        rejected += tampered_rejected
        must_fail_rejected += must_fail and not genuine
        label = f"{vector['name']} ({vector['algorithm']} {vector['hash']}, {vector['public_key']})"
        if problems:
            failures += 1
            print(f"FAIL {label}: {'; '.join(problems)}")
        elif genuine:
            print(f"ok   {label}: verified, {tampered_rejected} tampered rejected")
        else:
            print(f"ok   {label}: rejected as must_fail requires, {tampered_rejected} tampered rejected")
    if must_fail_rejected:
        print(f"rejected {must_fail_rejected} must_fail signatures as expected")
    print(f"verified {verified} signatures, rejected {rejected} tampered")
    if failures:
        print(f"error: {failures} of {len(vectors)} vectors failed", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
