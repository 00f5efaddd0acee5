#!/usr/bin/env python3
"""The fixed test keys of the cloudfront-signer crate.

Usage:
    python3 scripts/cloudfront_signer_keys.py             # check the keys, print fingerprints
    python3 scripts/cloudfront_signer_keys.py --new-keys  # replace every key with a new one

The keys live in cloudfront-signer/tests/data/keys/ and are committed: the
crate's tests, scripts/cloudfront_signer_expectations.py (botocore.json is
signed with rsa_pkcs1.pem) and scripts/verify_cloudfront_signatures.py all
read them. They are test keys only, never used with a real CloudFront key
group. Generating them again (--new-keys) changes every signature, so
botocore.json must then be regenerated too.

Files (all unencrypted unless said otherwise):

* rsa_pkcs1.pem / rsa_pkcs1.der: RSA 2048, PKCS#1 ("BEGIN RSA PRIVATE KEY").
  rsa_pkcs8.pem / rsa_pkcs8.der: the same key as PKCS#8 ("BEGIN PRIVATE KEY").
  rsa_public.pem: its SubjectPublicKeyInfo ("BEGIN PUBLIC KEY").
* ec_pkcs8.pem / ec_pkcs8.der: ECDSA P-256, PKCS#8.
  ec_sec1.pem: the same key as SEC 1 ("BEGIN EC PRIVATE KEY").
  ec_public.pem: its SubjectPublicKeyInfo.
* rsa2_pkcs8.pem + rsa2_public.pem, ec2_pkcs8.pem + ec2_public.pem: a second
  RSA 2048 and P-256 key, for wrong-key tests.
* Keys the signer is expected to refuse (the Rust side decides):
  rsa_pkcs8_encrypted.pem (PKCS#8 encrypted with the password "test",
  "BEGIN ENCRYPTED PRIVATE KEY"), ec_p384_pkcs8.pem (P-384),
  ed25519_pkcs8.pem (Ed25519), rsa_1024_pkcs8.pem (RSA 1024; CloudFront
  requires 2048).

Without --new-keys the script loads every file, checks that the files said
to hold the same key do (and that each public key belongs to its private
key), and prints one line per file: name, key type and the SHA-256 of the
public key's DER SubjectPublicKeyInfo.
"""
import argparse
import hashlib
from pathlib import Path

from pinned_botocore import CRYPTOGRAPHY_VERSION, ROOT, ensure_package

KEYS = ROOT / "cloudfront-signer" / "tests" / "data" / "keys"
PASSWORD = b"test"

# (file, key it holds, encoding, format); "key" names a key made by new_keys().
FILES = [
    ("rsa_pkcs1.pem", "rsa", "PEM", "TraditionalOpenSSL"),
    ("rsa_pkcs1.der", "rsa", "DER", "TraditionalOpenSSL"),
    ("rsa_pkcs8.pem", "rsa", "PEM", "PKCS8"),
    ("rsa_pkcs8.der", "rsa", "DER", "PKCS8"),
    ("rsa_public.pem", "rsa", "PEM", "public"),
    ("ec_pkcs8.pem", "ec", "PEM", "PKCS8"),
    ("ec_sec1.pem", "ec", "PEM", "TraditionalOpenSSL"),
    ("ec_pkcs8.der", "ec", "DER", "PKCS8"),
    ("ec_public.pem", "ec", "PEM", "public"),
    ("rsa2_pkcs8.pem", "rsa2", "PEM", "PKCS8"),
    ("rsa2_public.pem", "rsa2", "PEM", "public"),
    ("ec2_pkcs8.pem", "ec2", "PEM", "PKCS8"),
    ("ec2_public.pem", "ec2", "PEM", "public"),
    ("rsa_pkcs8_encrypted.pem", "rsa_encrypted", "PEM", "PKCS8-encrypted"),
    ("ec_p384_pkcs8.pem", "ec_p384", "PEM", "PKCS8"),
    ("ed25519_pkcs8.pem", "ed25519", "PEM", "PKCS8"),
    ("rsa_1024_pkcs8.pem", "rsa_1024", "PEM", "PKCS8"),
]

# The first line of each PEM file, by format, so a format change is noticed;
# a TraditionalOpenSSL file's depends on the key type (see load()).
PEM_HEADERS = {
    "PKCS8": "-----BEGIN PRIVATE KEY-----",
    "PKCS8-encrypted": "-----BEGIN ENCRYPTED PRIVATE KEY-----",
    "public": "-----BEGIN PUBLIC KEY-----",
}


def new_keys() -> dict:
    """A new private key for each name FILES uses."""
    from cryptography.hazmat.primitives.asymmetric import ec, ed25519, rsa

    return {
        "rsa": rsa.generate_private_key(public_exponent=65537, key_size=2048),
        "ec": ec.generate_private_key(ec.SECP256R1()),
        "rsa2": rsa.generate_private_key(public_exponent=65537, key_size=2048),
        "ec2": ec.generate_private_key(ec.SECP256R1()),
        "rsa_encrypted": rsa.generate_private_key(public_exponent=65537, key_size=2048),
        "ec_p384": ec.generate_private_key(ec.SECP384R1()),
        "ed25519": ed25519.Ed25519PrivateKey.generate(),
        "rsa_1024": rsa.generate_private_key(public_exponent=65537, key_size=1024),
    }


def serialize(key, encoding: str, fmt: str) -> bytes:
    from cryptography.hazmat.primitives import serialization as s

    enc = getattr(s.Encoding, encoding)
    if fmt == "public":
        return key.public_key().public_bytes(enc, s.PublicFormat.SubjectPublicKeyInfo)
    if fmt == "PKCS8-encrypted":
        return key.private_bytes(enc, s.PrivateFormat.PKCS8, s.BestAvailableEncryption(PASSWORD))
    return key.private_bytes(enc, getattr(s.PrivateFormat, fmt), s.NoEncryption())


def load(name: str, encoding: str, fmt: str):
    """The public key in a file of FILES, after checking a PEM file's header."""
    from cryptography.hazmat.primitives import serialization as s
    from cryptography.hazmat.primitives.asymmetric import rsa

    data = (KEYS / name).read_bytes()
    if encoding == "DER":
        return s.load_der_private_key(data, password=None).public_key()
    if fmt == "public":
        public_key = s.load_pem_public_key(data)
    else:
        password = PASSWORD if fmt == "PKCS8-encrypted" else None
        public_key = s.load_pem_private_key(data, password=password).public_key()
    if fmt == "TraditionalOpenSSL":
        kind = "RSA" if isinstance(public_key, rsa.RSAPublicKey) else "EC"
        header = f"-----BEGIN {kind} PRIVATE KEY-----"
    else:
        header = PEM_HEADERS[fmt]
    if data.decode("ascii").splitlines()[0] != header:
        raise SystemExit(f"error: {name} does not start with {header}")
    return public_key


def describe(public_key) -> str:
    from cryptography.hazmat.primitives.asymmetric import ec, ed25519, rsa

    if isinstance(public_key, rsa.RSAPublicKey):
        return f"RSA {public_key.key_size}"
    if isinstance(public_key, ec.EllipticCurvePublicKey):
        return f"EC {public_key.curve.name}"
    if isinstance(public_key, ed25519.Ed25519PublicKey):
        return "Ed25519"
    raise SystemExit(f"error: unexpected key type {type(public_key).__name__}")


def check() -> None:
    """Loads every key file and prints its fingerprint; files holding the
    same key must give the same fingerprint."""
    from cryptography.hazmat.primitives import serialization as s

    missing = [name for name, *_ in FILES if not (KEYS / name).exists()]
    if missing:
        raise SystemExit(f"error: missing in {KEYS}: {', '.join(missing)}; "
                         "create them with --new-keys (then regenerate botocore.json)")
    fingerprints = {}
    for name, key, encoding, fmt in FILES:
        public_key = load(name, encoding, fmt)
        spki = public_key.public_bytes(s.Encoding.DER, s.PublicFormat.SubjectPublicKeyInfo)
        fingerprint = hashlib.sha256(spki).hexdigest()
        if fingerprints.setdefault(key, fingerprint) != fingerprint:
            raise SystemExit(f"error: {name} does not hold the same key as the other {key} files")
        print(f"{name:24} {describe(public_key):15} sha256:{fingerprint}")
    if len(set(fingerprints.values())) != len(fingerprints):
        raise SystemExit("error: two different key names hold the same key")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--new-keys", action="store_true",
                        help="generate new keys, replacing the committed ones")
    args = parser.parse_args()
    ensure_package("cryptography", CRYPTOGRAPHY_VERSION)
    if args.new_keys:
        keys = new_keys()
        KEYS.mkdir(parents=True, exist_ok=True)
        for name, key, encoding, fmt in FILES:
            (KEYS / name).write_bytes(serialize(keys[key], encoding, fmt))
        print(f"wrote {len(FILES)} files to {KEYS.relative_to(ROOT)}; "
              "now run python3 scripts/cloudfront_signer_expectations.py")
    check()


if __name__ == "__main__":
    main()
