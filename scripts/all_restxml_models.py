#!/usr/bin/env python3
"""Run the generator over every rest-xml model in the pinned botocore.

Usage: python3 scripts/all_restxml_models.py [OUT_DIR]   (default target/all-restxml-models)

Opens botocore's source distribution named in model/MANIFEST.json (pip
downloads it once into OUT_DIR/sdist; its sha256 is checked), extracts every
`botocore/data/<service>/<api-version>/service-2.json` whose protocol is
rest-xml (CloudFront's older API versions, Route 53, S3, S3 Control, and
botocore's own test-protocol-list) to OUT_DIR/models/<service>/<api-version>/,
with its endpoint rule set, paginators and waiters and the workspace's
partitions.json, and for each:

1. runs the generator binary (`restxml-codegen --model ... --out ...
   --crate-name ...`) into OUT_DIR/crates/<service>-<api-version>;
2. checks every key of the model against the generator's list of what it
   reads, ignores on purpose and does not support (the ignored test
   `models_in_directory` of codegen/tests/all_models.rs, which
   `cargo test -p restxml-codegen --test all_models` runs over the
   vendored models).

It prints one line per model (`ok` or the generator's error) and the
construct check's report, and exits non-zero if any model fails either.
Not part of scripts/test.sh: botocore's other models are not vendored.
"""
import json
import os
import pathlib
import shutil
import subprocess
import sys

from pinned_botocore import ROOT, VERSION, pinned_sdist, read_member

FILES = ["service-2.json", "endpoint-rule-set-1.json", "paginators-1.json", "waiters-2.json"]


def rest_xml_models(sdist) -> list[tuple[str, str]]:
    """(service, api version) of every rest-xml model in the distribution."""
    found = set()
    for name in sdist.getnames():
        parts = name.split("/")
        # botocore-X/botocore/data/<service>/<version>/service-2.json[.gz]
        if len(parts) == 6 and parts[1:3] == ["botocore", "data"] and parts[5] in ("service-2.json", "service-2.json.gz"):
            found.add((parts[3], parts[4]))
    models = []
    for service, version in sorted(found):
        data = read_member(sdist, f"botocore/data/{service}/{version}/service-2.json")
        metadata = json.loads(data)["metadata"]
        if metadata.get("protocol") == "rest-xml" or "rest-xml" in metadata.get("protocols", []):
            models.append((service, version))
    return models


def main() -> None:
    out = pathlib.Path(sys.argv[1] if len(sys.argv) > 1 else ROOT / "target" / "all-restxml-models").resolve()
    subprocess.run(["cargo", "build", "--quiet", "-p", "restxml-codegen"], cwd=ROOT, check=True)
    generator = ROOT / "target" / "debug" / "restxml-codegen"
    models_dir = out / "models"
    if models_dir.exists():
        shutil.rmtree(models_dir)
    with pinned_sdist(out / "sdist") as sdist:
        models = rest_xml_models(sdist)
        for service, version in models:
            target = models_dir / service / version
            target.mkdir(parents=True, exist_ok=True)
            for name in FILES:
                data = read_member(sdist, f"botocore/data/{service}/{version}/{name}")
                if data is not None:
                    (target / name).write_bytes(data)
            shutil.copy(ROOT / "model" / "partitions.json", target / "partitions.json")
    print(f"botocore {VERSION}: {len(models)} rest-xml models")
    failed = []
    for service, version in models:
        crate = f"{service}-sdk"
        result = subprocess.run(
            [str(generator), "--model", str(models_dir / service / version / "service-2.json"),
             "--out", str(out / "crates" / f"{service}-{version}"), "--crate-name", crate,
             "--runtime-path", str(ROOT / "runtime")],
            capture_output=True, text=True,
        )
        if result.returncode == 0:
            print(f"generate ok      {service} {version}")
        else:
            failed.append(f"{service} {version}")
            message = (result.stderr or result.stdout).strip().replace("\n", "\n                 ")
            print(f"generate FAILED  {service} {version}: {message}")
    print("\nconstruct check (codegen/tests/all_models.rs, models_in_directory):", flush=True)
    check = subprocess.run(
        ["cargo", "test", "--quiet", "-p", "restxml-codegen", "--test", "all_models", "--",
         "--ignored", "--exact", "models_in_directory", "--nocapture"],
        cwd=ROOT, env={**os.environ, "RESTXML_MODELS_DIR": str(models_dir)},
    )
    print(f"\n{len(models)} models: {len(models) - len(failed)} generate, {len(failed)} do not"
          + ("" if check.returncode == 0 else "; some use constructs the generator does not support (above)"))
    if failed or check.returncode != 0:
        sys.exit(1)


if __name__ == "__main__":
    main()
