#!/usr/bin/env python3
"""Generate botocore's rest-xml services the workspace does not vendor yet,
as a check of the generator.

Usage: python3 scripts/other_services.py OUT_DIR

botocore has four rest-xml services: CloudFront and Route 53 (vendored in
model/, listed in model/services.json) and the two this script fetches: S3
and S3 Control. It downloads botocore's source distribution named in
model/MANIFEST.json with pip (no install; cached in OUT_DIR), refuses it
unless its sha256 is the manifest's, extracts each service's model files
(and service-2.sdk-extras.json where botocore has one, which the generator
merges in) with partitions.json, runs the generator on each into
OUT_DIR/<service>-sdk, and writes OUT_DIR/Cargo.toml, a workspace of the
generated crates (with the project's Cargo.lock, so dependency versions are
the project's), for `cargo clippy` to check. scripts/test.sh runs it.
"""
import pathlib
import shutil
import subprocess
import sys

from pinned_botocore import SERVICES as VENDORED, pinned_sdist, read_member

ROOT = pathlib.Path(__file__).resolve().parent.parent
# botocore's rest-xml services that model/services.json does not list yet.
SERVICES = {
    service: version
    for service, version in {"s3": "2006-03-01", "s3control": "2018-08-20"}.items()
    if service not in {entry["service"] for entry in VENDORED}
}
# service-2.sdk-extras.json where botocore has one (S3): the generator
# merges it into the model as botocore's loader does.
FILES = ["service-2.json", "service-2.sdk-extras.json", "endpoint-rule-set-1.json", "paginators-1.json",
         "waiters-2.json"]


def main() -> None:
    if len(sys.argv) != 2:
        raise SystemExit(__doc__)
    out = pathlib.Path(sys.argv[1]).resolve()
    generator = ROOT / "target" / "debug" / "restxml-codegen"
    subprocess.run(["cargo", "build", "--quiet", "-p", "restxml-codegen"], cwd=ROOT, check=True)
    members = []
    with pinned_sdist(out / "sdist") as sdist:
        for service, version in SERVICES.items():
            models = out / "models" / service
            models.mkdir(parents=True, exist_ok=True)
            for name in FILES:
                data = read_member(sdist, f"botocore/data/{service}/{version}/{name}")
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
