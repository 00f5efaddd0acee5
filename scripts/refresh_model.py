#!/usr/bin/env python3
"""Refresh the vendored CloudFront model from a named botocore release.

Usage: python3 scripts/refresh_model.py [BOTOCORE_VERSION]

Downloads the botocore wheel of that version from the package registry with
pip (no install), extracts the CloudFront model files and botocore's
partitions.json, stores them as plain (un-gzipped) JSON under model/, and
records the version and the sha256 of each file in model/MANIFEST.json.
"""
import hashlib
import json
import pathlib
import sys
import tempfile
import zipfile

from pinned_botocore import VERSION as DEFAULT_VERSION, download_wheel, read_member, sha256

SERVICE_DIR = "botocore/data/cloudfront/2020-05-31/"
FILES = {
    "service-2.json": SERVICE_DIR + "service-2.json",
    "paginators-1.json": SERVICE_DIR + "paginators-1.json",
    "waiters-2.json": SERVICE_DIR + "waiters-2.json",
    "endpoint-rule-set-1.json": SERVICE_DIR + "endpoint-rule-set-1.json",
    "partitions.json": "botocore/data/partitions.json",
}

ROOT = pathlib.Path(__file__).resolve().parent.parent
MODEL_DIR = ROOT / "model"


def main() -> None:
    version = sys.argv[1] if len(sys.argv) > 1 else DEFAULT_VERSION
    with tempfile.TemporaryDirectory() as tmp:
        wheel_path = download_wheel(pathlib.Path(tmp), version)
        manifest = {"botocore_version": version, "wheel_sha256": sha256(wheel_path), "files": {}}
        with zipfile.ZipFile(wheel_path) as wheel:
            for name, member in FILES.items():
                data = read_member(wheel, member)
                if data is None:
                    raise SystemExit(f"error: {member} (or {member}.gz) is not in the botocore wheel")
                json.loads(data)  # refuse anything that is not JSON
                (MODEL_DIR / name).write_bytes(data)
                manifest["files"][name] = {
                    "source": member,
                    "sha256": hashlib.sha256(data).hexdigest(),
                }
    (MODEL_DIR / "MANIFEST.json").write_text(json.dumps(manifest, indent=2) + "\n")
    print(f"model/ refreshed from botocore {version}")


if __name__ == "__main__":
    main()
