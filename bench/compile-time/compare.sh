#!/usr/bin/env bash
# Before and after: the bench programs built clean on the generated crates of
# a git revision and of the working tree, alternately (one row's two builds
# back to back, so a machine that slows down mid-sitting slows both), in one
# sitting, with incremental compilation off. Each tree builds its own copy
# of the programs, so a program written against an older API compares with
# its rewrite against the new one. Prints a Markdown table; not part of the
# test command (about 30 minutes for every row).
#
#   bash bench/compile-time/compare.sh REV              # every row
#   ONLY='route53|one operation' bash bench/compile-time/compare.sh REV
set -euo pipefail
rev="${1:?usage: compare.sh REV}"
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"
work="$(mktemp -d)"
git -C "$root" worktree add --quiet --detach "$work/before" "$rev"
trap 'git -C "$root" worktree remove --force "$work/before"; rm -rf "$work"' EXIT
export CARGO_INCREMENTAL=0

for tree in "$work/before" "$root"; do
  for dir in ours route53-ours; do (cd "$tree/bench/compile-time/$dir" && cargo fetch --quiet); done
done

# Wall seconds of a clean build: tree, program folder, cargo flags...
build() {
  local tree="$1" dir="$2"; shift 2
  rm -rf "$work/target"
  (cd "$tree/bench/compile-time/$dir" &&
    CARGO_TARGET_DIR="$work/target" /usr/bin/time -f '%e' -o "$work/wall" cargo build --quiet --offline "$@")
  cat "$work/wall"
}

row() { # label, program folder, cargo flags...
  local label="$1" dir="$2"; shift 2
  if [ -n "${ONLY:-}" ] && ! [[ "$label" =~ $ONLY ]]; then return 0; fi
  local before after
  before=$(build "$work/before" "$dir" "$@")
  after=$(build "$root" "$dir" "$@")
  python3 -c 'import sys; l, b, a = sys.argv[1], float(sys.argv[2]), float(sys.argv[3]); print(f"| {l} | {b:.1f} s | {a:.1f} s | {(a - b) / b * 100:+.1f}% |")' \
    "$label" "$before" "$after"
}

echo "Before: $(git -C "$root" rev-parse --short "$rev"); after: the working tree at $(git -C "$root" rev-parse --short HEAD)$(git -C "$root" diff --quiet || echo ' (with changes)'); $(date -u +%Y-%m-%d), $(nproc) cores, $(rustc --version)."
echo
echo "| program | before | after | change |"
echo "|---|---|---|---|"
row "cloudfront-sdk, all operations, debug" ours
row "cloudfront-sdk, all operations, release" ours --release
row "cloudfront-sdk, one operation, debug" ours --no-default-features --features one-operation
row "cloudfront-sdk, one operation, release" ours --release --no-default-features --features one-operation
row "cloudfront-sdk, all operations, client with HTTPS, debug" ours --features https
row "cloudfront-sdk, all operations, client with HTTPS, release" ours --release --features https
row "cloudfront-sdk, one operation, client with HTTPS, debug" ours --no-default-features --features one-operation,https
row "cloudfront-sdk, one operation, client with HTTPS, release" ours --release --no-default-features --features one-operation,https
row "route53-sdk, DNS-01 calls with HTTPS, debug" route53-ours
row "route53-sdk, DNS-01 calls with HTTPS, release" route53-ours --release
