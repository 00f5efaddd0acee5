#!/usr/bin/env python3
"""Generate botocore's other rest-xml services as a check of the generator.

Usage: python3 scripts/other_services.py OUT_DIR

botocore has four rest-xml services: CloudFront (vendored in model/) and
the three this script fetches: Route 53, S3 and S3 Control. It downloads the
botocore wheel named in model/MANIFEST.json with pip (no install; cached in
OUT_DIR), refuses it unless its sha256 is the manifest's, extracts each
service's model files with partitions.json, runs the generator on each into
OUT_DIR/<service>-sdk, and writes OUT_DIR/Cargo.toml, a workspace of the
generated crates (with the project's Cargo.lock, so dependency versions are
the project's), for `cargo clippy` to check. scripts/test.sh runs it.
"""
import gzip
import hashlib
import json
import pathlib
import shutil
import subprocess
import sys
import zipfile

ROOT = pathlib.Path(__file__).resolve().parent.parent
SERVICES = {
    "route53": "2013-04-01",
    "s3": "2006-03-01",
    "s3control": "2018-08-20",
}
FILES = ["service-2.json", "endpoint-rule-set-1.json", "paginators-1.json", "waiters-2.json"]


def read_member(wheel: zipfile.ZipFile, path: str) -> bytes | None:
    names = set(wheel.namelist())
    if path in names:
        return wheel.read(path)
    if path + ".gz" in names:
        return gzip.decompress(wheel.read(path + ".gz"))
    return None


def fetch_wheel(out: pathlib.Path, version: str, sha256: str) -> pathlib.Path:
    cache = out / "wheel"
    cache.mkdir(parents=True, exist_ok=True)
    wheels = list(cache.glob(f"botocore-{version}-*.whl"))
    if not wheels:
        subprocess.run(
            [sys.executable, "-m", "pip", "download", "--quiet", "--disable-pip-version-check",
             "--no-deps", "--only-binary=:all:", "-d", str(cache), f"botocore=={version}"],
            check=True,
        )
        wheels = list(cache.glob(f"botocore-{version}-*.whl"))
    if len(wheels) != 1:
        raise SystemExit(f"error: expected one botocore {version} wheel in {cache}, found {wheels}")
    actual = hashlib.sha256(wheels[0].read_bytes()).hexdigest()
    if actual != sha256:
        raise SystemExit(f"error: {wheels[0]} has sha256 {actual}, model/MANIFEST.json says {sha256}")
    return wheels[0]


def main() -> None:
    if len(sys.argv) != 2:
        raise SystemExit(__doc__)
    out = pathlib.Path(sys.argv[1]).resolve()
    manifest = json.loads((ROOT / "model" / "MANIFEST.json").read_text())
    wheel_path = fetch_wheel(out, manifest["botocore_version"], manifest["wheel_sha256"])
    generator = ROOT / "target" / "debug" / "restxml-codegen"
    subprocess.run(["cargo", "build", "--quiet", "-p", "restxml-codegen"], cwd=ROOT, check=True)
    members = []
    with zipfile.ZipFile(wheel_path) as wheel:
        for service, version in SERVICES.items():
            models = out / "models" / service
            models.mkdir(parents=True, exist_ok=True)
            for name in FILES:
                data = read_member(wheel, f"botocore/data/{service}/{version}/{name}")
                if data is not None:
                    (models / name).write_bytes(data)
            shutil.copy(ROOT / "model" / "partitions.json", models / "partitions.json")
            crate = f"{service}-sdk"
            subprocess.run(
                [str(generator), "--model", str(models / "service-2.json"), "--out", str(out / crate),
                 "--crate-name", crate, "--runtime-path", str(ROOT / "runtime")],
                check=True,
            )
            members += [crate, f"{crate}/types"]
    listed = ", ".join(f'"{m}"' for m in members)
    (out / "Cargo.toml").write_text(f"[workspace]\nresolver = \"3\"\nmembers = [{listed}]\n")
    shutil.copy(ROOT / "Cargo.lock", out / "Cargo.lock")


if __name__ == "__main__":
    main()
