#!/usr/bin/env python3
"""Refresh the vendored CloudFront model from a named botocore release.

Usage: python3 scripts/refresh_model.py [BOTOCORE_VERSION]

Downloads the botocore wheel of that version from the package registry with
pip (no install), extracts the CloudFront model files and botocore's
partitions.json, stores them as plain (un-gzipped) JSON under model/, and
records the version and the sha256 of each file in model/MANIFEST.json.
"""
import gzip
import hashlib
import json
import pathlib
import subprocess
import sys
import tempfile
import zipfile

DEFAULT_VERSION = "1.43.11"
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


def read_member(wheel: zipfile.ZipFile, path: str) -> bytes:
    names = set(wheel.namelist())
    if path in names:
        return wheel.read(path)
    if path + ".gz" in names:
        return gzip.decompress(wheel.read(path + ".gz"))
    raise SystemExit(f"error: {path} (or {path}.gz) is not in the botocore wheel")


def main() -> None:
    version = sys.argv[1] if len(sys.argv) > 1 else DEFAULT_VERSION
    with tempfile.TemporaryDirectory() as tmp:
        subprocess.run(
            [sys.executable, "-m", "pip", "download", "--quiet", "--no-deps",
             "--only-binary=:all:", "-d", tmp, f"botocore=={version}"],
            check=True,
        )
        wheels = list(pathlib.Path(tmp).glob("botocore-*.whl"))
        if len(wheels) != 1:
            raise SystemExit(f"error: expected one botocore wheel, found {wheels}")
        wheel_sha = hashlib.sha256(wheels[0].read_bytes()).hexdigest()
        manifest = {"botocore_version": version, "wheel_sha256": wheel_sha, "files": {}}
        with zipfile.ZipFile(wheels[0]) as wheel:
            for name, member in FILES.items():
                data = read_member(wheel, member)
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
