"""What the scripts share about the pinned botocore release.

The version and the source distribution's sha256 are those recorded in
model/MANIFEST.json (written by refresh_model.py), so one file says which
botocore the project is pinned to. The services the workspace vendors and
generates are listed in model/services.json.

Scripts that also need `cryptography` (the CloudFront signer's test keys,
botocore expectations and signature verifier) pin it to
CRYPTOGRAPHY_VERSION with ensure_package.
"""
import gzip
import hashlib
import importlib
import json
import os
import pathlib
import subprocess
import sys
import tarfile

ROOT = pathlib.Path(__file__).resolve().parent.parent

CRYPTOGRAPHY_VERSION = "48.0.0"


def _read_json(relative: str):
    path = ROOT / relative
    try:
        return json.loads(path.read_text())
    except FileNotFoundError:
        sys.exit(f"error: {path} is missing; it is written by python3 scripts/refresh_model.py "
                 "(give it a botocore version: python3 scripts/refresh_model.py 1.43.11)")


def __getattr__(name: str):
    """MANIFEST, SERVICES and VERSION, read when first used, so a script
    that does not need them (refresh_model.py given a version) runs even
    when model/MANIFEST.json is missing."""
    if name == "MANIFEST":
        return _read_json("model/MANIFEST.json")
    if name == "SERVICES":
        return _read_json("model/services.json")["services"]
    if name == "VERSION":
        return _read_json("model/MANIFEST.json")["botocore_version"]
    raise AttributeError(name)


def ensure_botocore() -> None:
    """Makes `import botocore` give the pinned version: if it does not, pip
    installs it and the calling script runs again from the start."""
    ensure_package("botocore", _read_json("model/MANIFEST.json")["botocore_version"])


def ensure_package(name: str, version: str) -> None:
    """Makes `import <name>` give `version` (its `__version__`): if it does
    not, pip installs name==version and the calling script runs again from
    the start. An environment variable per package stops a second attempt,
    so a script may call this for several packages in turn."""
    try:
        module = importlib.import_module(name)
        if getattr(module, "__version__", None) == version:
            return
    except ImportError:
        pass
    flag = f"RESTXML_{name.upper().replace('-', '_')}_REEXEC"
    if os.environ.get(flag):
        sys.exit(f"error: {name}=={version} still not importable after pip install")
    subprocess.run([sys.executable, "-m", "pip", "install", "--quiet", f"{name}=={version}"], check=True)
    os.environ[flag] = "1"
    os.execv(sys.executable, [sys.executable, *sys.argv])


def download_sdist(directory: pathlib.Path, version: str) -> pathlib.Path:
    """botocore's source distribution of `version` in `directory`, downloaded
    with pip (no install) unless it is there already. The source
    distribution, unlike the wheel, also holds botocore's test data: the
    protocol suites and each service's endpoint-rule tests."""
    directory.mkdir(parents=True, exist_ok=True)
    name = f"botocore-{version}.tar.gz"
    if not (directory / name).exists():
        subprocess.run(
            [sys.executable, "-m", "pip", "download", "--quiet", "--disable-pip-version-check",
             "--no-deps", "--no-binary=:all:", "-d", str(directory), f"botocore=={version}"],
            check=True,
        )
    if not (directory / name).exists():
        raise SystemExit(f"error: pip did not leave {name} in {directory}")
    return directory / name


def pinned_sdist(directory: pathlib.Path) -> tarfile.TarFile:
    """The pinned source distribution, opened, after checking its sha256
    against model/MANIFEST.json."""
    manifest = _read_json("model/MANIFEST.json")
    path = download_sdist(directory, manifest["botocore_version"])
    if sha256(path) != manifest["sdist_sha256"]:
        raise SystemExit(f"error: {path} has sha256 {sha256(path)}, model/MANIFEST.json says {manifest['sdist_sha256']}")
    return tarfile.open(path, "r:gz")


def sha256(path: pathlib.Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def read_member(sdist: tarfile.TarFile, path: str) -> bytes | None:
    """A file of the source distribution by its path inside the package
    (`botocore/data/...`, `tests/...`), gunzipped if botocore ships it as
    `.gz`; None if it has neither."""
    prefix = sdist.getnames()[0].split("/")[0]
    for name, unzip in ((path, False), (path + ".gz", True)):
        try:
            member = sdist.extractfile(f"{prefix}/{name}")
        except KeyError:
            continue
        if member is not None:
            data = member.read()
            return gzip.decompress(data) if unzip else data
    return None


def model_dir(service: str) -> pathlib.Path:
    """model/<service>/<api-version>/ for a service in model/services.json."""
    for entry in _read_json("model/services.json")["services"]:
        if entry["service"] == service:
            return ROOT / "model" / service / entry["api_version"]
    raise SystemExit(f"error: {service!r} is not in model/services.json")


def sign_capturing(signer, request, when: str) -> tuple[dict, int]:
    """Signs `request` with the botocore signer `signer` at `when`
    (`YYYYMMDDTHHMMSSZ`, frozen by patching botocore.auth's clock) and
    returns the canonical request, string to sign and signature it
    computed, with how many times it read the clock."""
    import datetime
    from unittest import mock

    from botocore import auth

    captured = {}

    def capture(name, fn):
        def wrapper(*args, **kwargs):
            captured[name] = result = fn(*args, **kwargs)
            return result
        return wrapper

    signer.canonical_request = capture("canonical_request", signer.canonical_request)
    signer.string_to_sign = capture("string_to_sign", signer.string_to_sign)
    signer.signature = capture("signature", signer.signature)
    now = datetime.datetime.strptime(when, "%Y%m%dT%H%M%SZ")
    with mock.patch.object(auth, "get_current_datetime", return_value=now) as frozen:
        signer.add_auth(request)
    return captured, frozen.call_count
