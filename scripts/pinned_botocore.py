"""What the scripts share about the pinned botocore release.

The version and the wheel's sha256 are those recorded in model/MANIFEST.json
(written by refresh_model.py), so one file says which botocore the project
is pinned to.
"""
import gzip
import hashlib
import json
import os
import pathlib
import subprocess
import sys
import zipfile

ROOT = pathlib.Path(__file__).resolve().parent.parent
MANIFEST = json.loads((ROOT / "model" / "MANIFEST.json").read_text())
VERSION = MANIFEST["botocore_version"]


def ensure_botocore() -> None:
    """Makes `import botocore` give the pinned version: if it does not, pip
    installs it and the calling script runs again from the start."""
    try:
        import botocore

        if botocore.__version__ == VERSION:
            return
    except ImportError:
        pass
    if os.environ.get("RESTXML_BOTOCORE_REEXEC"):
        sys.exit(f"error: botocore=={VERSION} still not importable after pip install")
    subprocess.run([sys.executable, "-m", "pip", "install", "--quiet", f"botocore=={VERSION}"], check=True)
    os.environ["RESTXML_BOTOCORE_REEXEC"] = "1"
    os.execv(sys.executable, [sys.executable, *sys.argv])


def download_wheel(directory: pathlib.Path, version: str) -> pathlib.Path:
    """The botocore wheel of `version` in `directory`, downloaded with pip
    (no install) unless it is there already."""
    directory.mkdir(parents=True, exist_ok=True)
    wheels = list(directory.glob(f"botocore-{version}-*.whl"))
    if not wheels:
        subprocess.run(
            [sys.executable, "-m", "pip", "download", "--quiet", "--disable-pip-version-check",
             "--no-deps", "--only-binary=:all:", "-d", str(directory), f"botocore=={version}"],
            check=True,
        )
        wheels = list(directory.glob(f"botocore-{version}-*.whl"))
    if len(wheels) != 1:
        raise SystemExit(f"error: expected one botocore {version} wheel in {directory}, found {wheels}")
    return wheels[0]


def sha256(path: pathlib.Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def read_member(wheel: zipfile.ZipFile, path: str) -> bytes | None:
    """A data file of the wheel, gunzipped if botocore ships it as `.gz`;
    None if it has neither."""
    names = set(wheel.namelist())
    if path in names:
        return wheel.read(path)
    if path + ".gz" in names:
        return gzip.decompress(wheel.read(path + ".gz"))
    return None
