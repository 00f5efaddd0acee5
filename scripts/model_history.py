#!/usr/bin/env python3
"""Older botocore models, for the model-update report's tests.

Usage: python3 scripts/model_history.py [--check]

Recreates model/history/<version>/<service>/<api-version>/ (service-2.json,
paginators-1.json, waiters-2.json, endpoint-rule-set-1.json of CloudFront
and Route 53) from botocore's source distribution of that version,
downloaded with pip (no install) into a scratch folder, as
scripts/refresh_model.py downloads the pinned one; the source
distribution's sha256 and every file's are checked against HISTORY below.
With --check, only checks the committed files' sha256s (no network).

`restxml-codegen diff model/history/<version> model` is the report of what
changed since; codegen/tests/model_diff.rs checks its counts against
scripts/model_diff_counts.py's.
"""
import hashlib
import pathlib
import sys
import tarfile
import tempfile

from pinned_botocore import ROOT, download_sdist, read_member, sha256

HISTORY_DIR = ROOT / "model" / "history"
FILES = ["service-2.json", "paginators-1.json", "waiters-2.json", "endpoint-rule-set-1.json"]
SERVICES = {"cloudfront": "2020-05-31", "route53": "2013-04-01"}
# version -> (source distribution's sha256, {relative path: sha256})
HISTORY = {
    "1.35.0": (
        "6ab2f5a5cbdaa639599e3478c65462c6d6a10173dc8b941bfc69b0c9eb548f45",
        {
            "cloudfront/2020-05-31/endpoint-rule-set-1.json": "3dacce9c176e3f6ce0b0434fb3d058b257ed3cc1d6cd87729ac2a18cb4873e1d",
            "cloudfront/2020-05-31/paginators-1.json": "17e1af5758dadc5203db628fa419ef4366bb40c1b1b4ffe421d5d17785166fbb",
            "cloudfront/2020-05-31/service-2.json": "928e173e38f39fd8470c467c4805a1a67988079e141e09c7a7322897ca42828b",
            "cloudfront/2020-05-31/waiters-2.json": "aadee806143e079dbedfded0f3cab4109a05a435ae39933b099a5a1615f5c603",
            "route53/2013-04-01/endpoint-rule-set-1.json": "bd54fcaab0a815f2c67e2a5a5732a5d2e45d99dbec3d07898130a21ac3f1ea1a",
            "route53/2013-04-01/paginators-1.json": "fa74b65a740a88e51bab24115e233109ba87c19ef12505d54bdf3ebd81238ae2",
            "route53/2013-04-01/service-2.json": "d08ad1d1f99f6c037059fc9a8487a897170f49f98143f0fc429977b16f18a60d",
            "route53/2013-04-01/waiters-2.json": "b3a0735bc010f6910ce720ac45aeb813b95f52f857e6fc4d011ba202d6708ec5",
        },
    ),
}


def check(version: str, files: dict) -> list[str]:
    bad = []
    for relative, expected in files.items():
        path = HISTORY_DIR / version / relative
        if not path.exists():
            bad.append(f"{path}: missing")
        elif sha256(path) != expected:
            bad.append(f"{path}: sha256 {sha256(path)}, expected {expected}")
    return bad


def extract(version: str, sdist_sha256: str, files: dict) -> dict:
    with tempfile.TemporaryDirectory() as tmp:
        path = download_sdist(pathlib.Path(tmp), version)
        if sha256(path) != sdist_sha256:
            raise SystemExit(f"error: {path} has sha256 {sha256(path)}, expected {sdist_sha256}")
        found = {}
        with tarfile.open(path, "r:gz") as sdist:
            for service, api_version in SERVICES.items():
                for name in FILES:
                    relative = f"{service}/{api_version}/{name}"
                    data = read_member(sdist, f"botocore/data/{relative}")
                    if data is None:
                        continue
                    out = HISTORY_DIR / version / relative
                    out.parent.mkdir(parents=True, exist_ok=True)
                    out.write_bytes(data)
                    found[relative] = hashlib.sha256(data).hexdigest()
    return found


def main() -> None:
    only_check = "--check" in sys.argv[1:]
    failed = False
    for version, (sdist_sha256, files) in HISTORY.items():
        if not only_check:
            found = extract(version, sdist_sha256, files)
            if found != files:
                print(f"botocore {version}: extracted files differ from HISTORY: {found}")
                failed = True
        bad = check(version, files)
        for line in bad:
            print(line)
        failed |= bool(bad)
        if not bad:
            print(f"model/history/{version}: {len(files)} files, sha256s match")
    sys.exit(1 if failed else 0)


if __name__ == "__main__":
    main()
