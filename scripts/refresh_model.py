#!/usr/bin/env python3
"""Refresh every vendored service from one named botocore release.

Usage: python3 scripts/refresh_model.py [BOTOCORE_VERSION] [--into DIR] [--no-report]

Downloads botocore's source distribution of that version (default: the
pinned one in model/MANIFEST.json) with pip (no install) and, for every
service listed in model/services.json, extracts into
model/<service>/<api-version>/:

* the model files botocore has for it: service-2.json, paginators-1.json,
  waiters-2.json, endpoint-rule-set-1.json (and service-2.sdk-extras.json
  where botocore merges one);
* endpoint-tests-1.json, botocore's endpoint-rule test cases for the
  service (tests/functional/endpoint-rules/<service>/);

and, once: model/partitions.json and the AWS rest-xml protocol suites
(model/protocol-tests/rest-xml/input.json and output.json, from
tests/unit/protocols/). Files are stored as plain (un-gzipped) JSON, and
model/MANIFEST.json records the version, the source distribution's sha256
and each file's source and sha256.

A service's API version is the newest botocore has (as botocore's loader
picks it); when that changed, model/services.json is updated and the old
version's folder removed, and the script says so.

After refreshing, the script prints the model-update report (`cargo run -p
restxml-codegen -- diff`, Markdown) of the old models against the new ones:
what changed per service, each change classified as breaking, additive or
documentation, and the semver bump each generated crate needs; it goes
into the pull request's description. --no-report skips it.

With --into DIR, model/ is left alone: the same files are extracted into
DIR/<service>/<api-version>/ (a scratch folder), so two releases can be
compared: `cargo run -p restxml-codegen -- diff /tmp/a /tmp/b`.
"""
import subprocess
import hashlib
import json
import pathlib
import shutil
import sys
import tarfile
import tempfile

import pinned_botocore
from pinned_botocore import ROOT, download_sdist, read_member, sha256

MODEL_DIR = ROOT / "model"
SERVICE_FILES = ["service-2.json", "paginators-1.json", "waiters-2.json", "endpoint-rule-set-1.json",
                 "service-2.sdk-extras.json"]
REQUIRED = {"service-2.json", "endpoint-rule-set-1.json"}
SHARED_FILES = {
    "partitions.json": "botocore/data/partitions.json",
    "protocol-tests/rest-xml/input.json": "tests/unit/protocols/input/rest-xml.json",
    "protocol-tests/rest-xml/output.json": "tests/unit/protocols/output/rest-xml.json",
}


def newest_api_version(sdist, service: str) -> str:
    """The newest API version folder that has a service-2.json, as
    botocore's loader picks it."""
    prefix = sdist.getnames()[0].split("/")[0]
    data = f"{prefix}/botocore/data/{service}/"
    versions = sorted(
        {name.split("/")[4] for name in sdist.getnames()
         if name.startswith(data) and name.split("/")[-1] in ("service-2.json", "service-2.json.gz")}
    )
    if not versions:
        raise SystemExit(f"error: botocore has no data for service {service!r} (model/services.json)")
    return versions[-1]


def store(sdist, manifest: dict, staging: pathlib.Path, relative: str, source: str, required: bool = True) -> None:
    data = read_member(sdist, source)
    if data is None:
        if required:
            raise SystemExit(f"error: {source} (or {source}.gz) is not in the botocore source distribution")
        return
    json.loads(data)  # refuse anything that is not JSON
    path = staging / relative
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)
    manifest["files"][relative] = {"source": source, "sha256": hashlib.sha256(data).hexdigest()}


def model_report(old: pathlib.Path, new: pathlib.Path, old_label: str, new_label: str) -> str | None:
    """The Markdown model-update report of `old` against `new`, with the
    folders shown as the labels; None (and a warning) if it cannot be made."""
    try:
        result = subprocess.run(
            ["cargo", "run", "--quiet", "-p", "restxml-codegen", "--", "diff", str(old), str(new)],
            cwd=ROOT, capture_output=True, text=True, check=False,
        )
    except FileNotFoundError:
        print("warning: cargo not found; no model-update report", file=sys.stderr)
        return None
    if result.returncode != 0:
        print(f"warning: no model-update report: {result.stderr.strip()}", file=sys.stderr)
        return None
    return result.stdout.replace(f"`{old}`", f"`{old_label}`").replace(f"`{new}`", f"`{new_label}`")


def main() -> None:
    args = sys.argv[1:]
    report = "--no-report" not in args
    args = [a for a in args if a != "--no-report"]
    into = None
    if "--into" in args:
        at = args.index("--into")
        if at + 1 >= len(args):
            sys.exit("error: --into needs a folder")
        into = pathlib.Path(args[at + 1])
        del args[at:at + 2]
    version = args[0] if args else pinned_botocore.VERSION
    services_path = MODEL_DIR / "services.json"
    services = json.loads(services_path.read_text())
    # Everything is extracted into a staging folder first; model/ changes
    # only once every file was found, so a failed refresh leaves it whole.
    with tempfile.TemporaryDirectory() as tmp:
        sdist_path = download_sdist(pathlib.Path(tmp), version)
        manifest = {"botocore_version": version, "sdist_sha256": sha256(sdist_path), "files": {}}
        pinned = (MODEL_DIR / "MANIFEST.json").exists() and pinned_botocore.MANIFEST
        if pinned and pinned["botocore_version"] == version and pinned["sdist_sha256"] != manifest["sdist_sha256"]:
            raise SystemExit(f"error: botocore {version}'s source distribution has sha256 {manifest['sdist_sha256']}, "
                             f"model/MANIFEST.json recorded {pinned['sdist_sha256']}; refusing to refresh")
        staging = pathlib.Path(tmp) / "model"
        moved = []
        with tarfile.open(sdist_path, "r:gz") as sdist:
            for relative, source in SHARED_FILES.items():
                store(sdist, manifest, staging, relative, source)
            for entry in services["services"]:
                service = entry["service"]
                api_version = newest_api_version(sdist, service)
                if api_version != entry["api_version"]:
                    moved.append((service, entry["api_version"], api_version))
                    entry["api_version"] = api_version
                for name in SERVICE_FILES:
                    store(sdist, manifest, staging, f"{service}/{api_version}/{name}",
                          f"botocore/data/{service}/{api_version}/{name}", required=name in REQUIRED)
                store(sdist, manifest, staging, f"{service}/{api_version}/endpoint-tests-1.json",
                      f"tests/functional/endpoint-rules/{service}/endpoint-tests-1.json")
        if into is not None:
            into.mkdir(parents=True, exist_ok=True)
            for entry in services["services"]:
                folder = f"{entry['service']}/{entry['api_version']}"
                shutil.rmtree(into / folder, ignore_errors=True)
                shutil.copytree(staging / folder, into / folder)
            (into / "services.json").write_text(json.dumps(services, indent=2) + "\n")
            print(f"botocore {version}'s models of {', '.join(e['service'] for e in services['services'])} "
                  f"extracted into {into}")
            return
        text = None
        if report:
            (staging / "services.json").write_text(json.dumps(services, indent=2) + "\n")
            old_version = pinned["botocore_version"] if pinned else "unknown"
            text = model_report(MODEL_DIR, staging, f"model (botocore {old_version})", f"botocore {version}")
        # Swap in: each vendored folder is replaced whole (a file botocore
        # dropped goes too), then the old API versions' folders go.
        for folder in ["protocol-tests"] + [f"{e['service']}/{e['api_version']}" for e in services["services"]]:
            shutil.rmtree(MODEL_DIR / folder, ignore_errors=True)
            shutil.copytree(staging / folder, MODEL_DIR / folder)
        shutil.copy(staging / "partitions.json", MODEL_DIR / "partitions.json")
        for service, old, new in moved:
            print(f"{service}: API version {old} -> {new}")
            shutil.rmtree(MODEL_DIR / service / old, ignore_errors=True)
    manifest["files"] = dict(sorted(manifest["files"].items()))
    (MODEL_DIR / "MANIFEST.json").write_text(json.dumps(manifest, indent=2) + "\n")
    services_path.write_text(json.dumps(services, indent=2) + "\n")
    print(f"model/ refreshed from botocore {version}: {len(manifest['files'])} files, "
          f"services {', '.join(e['service'] for e in services['services'])}")
    if text is not None:
        print()
        print(text, end="")


if __name__ == "__main__":
    main()
