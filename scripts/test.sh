#!/usr/bin/env bash
# Runs every check and test of the workspace; this is the README's test
# command, and what CI runs.
set -euo pipefail
cd "$(dirname "$0")/.."

echo "== moto server for the end-to-end tests (pinned)"
MOTO_VERSION=5.2.1
if ! python3 -c "import moto, flask, flask_cors, sys; sys.exit(moto.__version__ != '$MOTO_VERSION')" 2>/dev/null; then
  python3 -m pip install --quiet --disable-pip-version-check "moto[server]==$MOTO_VERSION"
fi

echo "== cryptography for the CloudFront signer's independent verification (pinned)"
CRYPTOGRAPHY_VERSION=$(python3 -c "import sys; sys.path.insert(0, 'scripts'); import pinned_botocore; print(pinned_botocore.CRYPTOGRAPHY_VERSION)")
if ! python3 -c "import cryptography, sys; sys.exit(cryptography.__version__ != '$CRYPTOGRAPHY_VERSION')" 2>/dev/null; then
  python3 -m pip install --quiet --disable-pip-version-check "cryptography==$CRYPTOGRAPHY_VERSION"
fi
python3 scripts/cloudfront_signer_keys.py >/dev/null

echo "== format (hand-written crates; generated/ is formatted by prettyplease)"
cargo fmt -p restxml-codegen -p restxml-runtime -p cloudfront-signer -p integration-tests -p cloudfront-examples --check

echo "== generated/ is what the models generate today (every service in model/services.json)"
cargo run --quiet -p restxml-codegen -- --check

echo "== clippy, warnings denied"
cargo clippy --workspace --all-targets --all-features -- -D warnings

echo "== per-operation features: one operation alone, two together, none"
cargo clippy --quiet -p cloudfront-sdk --no-default-features --features update-streaming-distribution -- -D warnings
cargo clippy --quiet -p cloudfront-sdk --no-default-features --features get-function,list-distributions,serde -- -D warnings
cargo clippy --quiet -p cloudfront-sdk --no-default-features --features update-streaming-distribution,client -- -D warnings
cargo clippy --quiet -p cloudfront-sdk --no-default-features --features update-streaming-distribution,reqwest -- -D warnings
cargo clippy --quiet -p cloudfront-sdk --no-default-features --features get-streaming-distribution-config,update-streaming-distribution,https -- -D warnings
cargo clippy --quiet -p cloudfront-sdk --no-default-features -- -D warnings
cargo clippy --quiet -p route53-sdk --no-default-features --features change-resource-record-sets,get-change,client -- -D warnings
cargo clippy --quiet -p route53-sdk --no-default-features -- -D warnings
cargo clippy --quiet -p s3-sdk --no-default-features --features get-object,put-object,head-object,client -- -D warnings
cargo clippy --quiet -p s3-sdk --no-default-features -- -D warnings
cargo clippy --quiet -p s3control-sdk --no-default-features --features get-access-point,list-access-points,client -- -D warnings

echo "== older models for the model-update report (model/history/), checked against their sha256s"
python3 scripts/model_history.py --check

echo "== docs, warnings denied"
RUSTDOCFLAGS="-D warnings" cargo doc --workspace --no-deps --all-features --quiet

echo "== tests"
log=$(mktemp)
trap 'rm -f "$log"' EXIT
cargo test --workspace --all-features 2>&1 | tee "$log"
# One closing line over every test binary: "tests: N passed, N failed".
awk '/^test result:/ { passed += $4; failed += $6 } END { printf "tests: %d passed, %d failed\n", passed, failed }' "$log"
