#!/usr/bin/env bash
# Runs every check and test of the workspace; this is the README's test
# command, and what CI runs.
set -euo pipefail
cd "$(dirname "$0")/.."

echo "== format (hand-written crates; generated/ is formatted by prettyplease)"
cargo fmt -p restxml-codegen -p restxml-runtime -p integration-tests --check

echo "== generated/ is what the model generates today"
cargo run --quiet -p restxml-codegen -- --check

echo "== clippy, warnings denied"
cargo clippy --workspace --all-targets --all-features -- -D warnings

echo "== docs, warnings denied"
RUSTDOCFLAGS="-D warnings" cargo doc --workspace --no-deps --all-features --quiet

echo "== tests"
cargo test --workspace --all-features
