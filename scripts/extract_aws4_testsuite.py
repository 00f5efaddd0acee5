#!/usr/bin/env python3
"""Extract the official AWS SigV4 test suite from botocore's source distribution.

Usage: python3 scripts/extract_aws4_testsuite.py

botocore's source distribution (the version pinned in model/MANIFEST.json,
downloaded with pip into target/aws4_testsuite/sdist and refused unless its
sha256 is the manifest's) carries AWS's SigV4 test suite under
tests/unit/auth/aws4_testsuite: one folder per case (nested for
normalize-path/ and post-sts-token/), each with the raw request (.req), the
canonical request (.creq), the string to sign (.sts), the Authorization
header (.authz) and the signed request (.sreq), plus the suite's LICENSE,
NOTICE and readme.txt. This script copies every one of those files
byte for byte into runtime/tests/data/aws4_testsuite/ (removing what was
there), and writes runtime/tests/data/aws4_testsuite/SOURCE.json naming the
botocore version, the sdist's sha256 and each file's sha256.
runtime/tests/aws4_testsuite.rs runs every case against the Rust signer.

The suite's requests are signed at 2015-08-30T12:36:00Z, in us-east-1,
for the service "service", with access key AKIDEXAMPLE and secret
wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY (the values botocore's own
tests/unit/auth/test_sigv4.py uses); the session token, where there is
one, is the x-amz-security-token line of the canonical request.
"""
import hashlib
import json
import shutil

from pinned_botocore import MANIFEST, ROOT, pinned_sdist

PREFIX = "tests/unit/auth/aws4_testsuite/"
OUT = ROOT / "runtime" / "tests" / "data" / "aws4_testsuite"


def main() -> None:
    files = {}
    with pinned_sdist(ROOT / "target" / "aws4_testsuite" / "sdist") as sdist:
        top = sdist.getnames()[0].split("/")[0] + "/"
        for member in sdist.getmembers():
            if not member.isfile() or not member.name.startswith(top + PREFIX):
                continue
            relative = member.name[len(top + PREFIX):]
            data = sdist.extractfile(member).read()
            files[relative] = data
    if not any(name.endswith(".req") for name in files):
        raise SystemExit(f"error: no {PREFIX}*.req in the source distribution")
    if OUT.exists():
        shutil.rmtree(OUT)
    for relative, data in sorted(files.items()):
        path = OUT / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)
    source = {
        "generated_by": "python3 scripts/extract_aws4_testsuite.py",
        "botocore_version": MANIFEST["botocore_version"],
        "sdist_sha256": MANIFEST["sdist_sha256"],
        "source": PREFIX,
        "files": {name: hashlib.sha256(data).hexdigest() for name, data in sorted(files.items())},
    }
    (OUT / "SOURCE.json").write_text(json.dumps(source, indent=2) + "\n")
    cases = sum(1 for name in files if name.endswith(".req"))
    print(f"{cases} cases, {len(files)} files in {OUT.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
