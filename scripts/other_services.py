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
import pathlib
import shutil
import subprocess
import sys
import zipfile

from pinned_botocore import MANIFEST, download_wheel, read_member, sha256

ROOT = pathlib.Path(__file__).resolve().parent.parent
SERVICES = {
    "route53": "2013-04-01",
    "s3": "2006-03-01",
    "s3control": "2018-08-20",
}
FILES = ["service-2.json", "endpoint-rule-set-1.json", "paginators-1.json", "waiters-2.json"]


def fetch_wheel(out: pathlib.Path) -> pathlib.Path:
    wheel = download_wheel(out / "wheel", MANIFEST["botocore_version"])
    if sha256(wheel) != MANIFEST["wheel_sha256"]:
        raise SystemExit(f"error: {wheel} has sha256 {sha256(wheel)}, model/MANIFEST.json says {MANIFEST['wheel_sha256']}")
    return wheel


def main() -> None:
    if len(sys.argv) != 2:
        raise SystemExit(__doc__)
    out = pathlib.Path(sys.argv[1]).resolve()
    wheel_path = fetch_wheel(out)
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
