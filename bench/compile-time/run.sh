#!/usr/bin/env bash
# Clean-build comparison: the same small program on the generated crate and
# on aws-sdk-cloudfront, and a DNS-01 style program (ChangeResourceRecordSets
# and GetChange with the HTTPS client) on route53-sdk and aws-sdk-route53,
# and a PutObject and GetObject program on s3-sdk and aws-sdk-s3,
# debug and release, from an empty target directory each time, in one
# sitting. Not part of the test command (it takes ~25 minutes). Writes results.md beside this script. The `floor` program is
# the client stack alone (signing and HTTPS crates, no generated code). The
# `sign-only` program signs one CloudFront URL with cloudfront-signer;
# `sign-floor` is its RustCrypto crates alone.
#
#   bash bench/compile-time/run.sh
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
# BENCH_OUT=FILE writes the table there instead (a partial run into a new
# file gets its own header).
out="${BENCH_OUT:-$here/results.md}"

(cd "$here/ours" && cargo fetch --quiet)
(cd "$here/aws" && cargo fetch --quiet)
(cd "$here/floor" && cargo fetch --quiet)
(cd "$here/floor-own-signer" && cargo fetch --quiet)
(cd "$here/route53-ours" && cargo fetch --quiet)
(cd "$here/route53-aws" && cargo fetch --quiet)
(cd "$here/sign-only" && cargo fetch --quiet)
(cd "$here/sign-floor" && cargo fetch --quiet)
(cd "$here/s3-ours" && cargo fetch --quiet)
(cd "$here/s3-aws" && cargo fetch --quiet)

# Users get the generated crate from a registry or git, which cargo builds
# without incremental compilation; path dependencies (ours here) would be
# built incrementally, which only adds work to a clean build. Turning it off
# measures both sides the way a downstream build compiles them.
export CARGO_INCREMENTAL=0
breakdown="$work/breakdown.md"

# Where a build's time went, from `cargo build --timings`: the summed
# compile time of every unit, the share of the units we write (runtime,
# generated crates, the program) and the five longest units.
summarize() { # label profile timings.html
  python3 - "$@" >> "$breakdown" <<'PY'
import json, re, sys
label, profile, html = sys.argv[1], sys.argv[2], open(sys.argv[3]).read()
units = json.loads(re.search(r"const UNIT_DATA = (\[.*?\]);\n", html, re.S).group(1))
ours = ("restxml-", "cloudfront-sdk", "route53-sdk", "s3-sdk", "cloudfront-signer", "compile-time-")
total = sum(u["duration"] for u in units)
own = sum(u["duration"] for u in units if u["name"].startswith(ours))
top = sorted(units, key=lambda u: -u["duration"])[:5]
longest = ", ".join(f"{u['name']}{' (build script)' if u['mode'] == 'run-custom-build' else ''} {u['duration']:.1f}" for u in top)
print(f"| {label} | {profile} | {total:.1f} s | {own:.1f} s | {longest} |")
PY
}

measure() { # label dir profile-flag features-flags...
  local label="$1" dir="$2" profile="$3"; shift 3
  # BENCH_ONLY='text|other' measures only the rows whose label contains
  # one of the texts (BENCH_ONLY='route53|floor': the Route 53 sitting).
  if [ -n "${BENCH_ONLY:-}" ]; then
    local part hit=""
    IFS='|' read -ra parts <<< "$BENCH_ONLY"
    for part in "${parts[@]}"; do [[ "$label" == *"$part"* ]] && hit=1; done
    [ -n "$hit" ] || return 0
  fi
  local target="$work/target"
  rm -rf "$target"
  local log="$work/time.log"
  (cd "$here/$dir" && CARGO_TARGET_DIR="$target" /usr/bin/time -v cargo build --quiet --offline --timings $profile "$@" 2> "$log") || { cat "$log"; exit 1; }
  summarize "$label" "${profile:-(debug)}" "$target/cargo-timings/cargo-timing.html"
  local wall rss
  wall=$(grep "Elapsed (wall clock)" "$log" | awk '{print $NF}')
  rss=$(grep "Maximum resident set size" "$log" | awk '{print $NF}')
  printf '| %s | %s | %s | %d MB |\n' "$label" "${profile:-(debug)}" "$wall" "$((rss / 1024))" | tee -a "$out"
}

# A partial run (BENCH_ONLY) adds rows to the existing table.
[ -n "${BENCH_ONLY:-}" ] && [ -e "$out" ] || {
  echo "# Clean build of a small program: generated crates vs aws-sdk-cloudfront and aws-sdk-route53"
  echo
  echo "Measured $(date -u +%Y-%m-%d) on $(nproc) cores, $(rustc --version)."
  echo "Peak memory is the largest single process (rustc) of the build. Incremental"
  echo "compilation is off (CARGO_INCREMENTAL=0), as for any crate from a registry."
  echo
  echo "| program | profile | wall time (m:ss) | peak memory |"
  echo "|---|---|---|---|"
} > "$out"

measure "cloudfront-sdk, all operations" ours ""
measure "cloudfront-sdk, all operations" ours --release
measure "cloudfront-sdk, update-streaming-distribution only" ours "" --no-default-features --features one-operation
measure "cloudfront-sdk, update-streaming-distribution only" ours --release --no-default-features --features one-operation
measure "cloudfront-sdk, all operations, client with HTTPS" ours "" --features https
measure "cloudfront-sdk, all operations, client with HTTPS" ours --release --features https
measure "cloudfront-sdk, update-streaming-distribution only, client with HTTPS" ours "" --no-default-features --features one-operation,https
measure "cloudfront-sdk, update-streaming-distribution only, client with HTTPS" ours --release --no-default-features --features one-operation,https
measure "floor: aws-sigv4 + hyper, rustls, tokio only, empty program" floor ""
measure "floor: aws-sigv4 + hyper, rustls, tokio only, empty program" floor --release
measure "floor (own signer): hmac, sha2 + hyper, rustls, tokio only, empty program" floor-own-signer ""
measure "floor (own signer): hmac, sha2 + hyper, rustls, tokio only, empty program" floor-own-signer --release
measure "aws-sdk-cloudfront 1.141.0, default-features = false" aws "" --no-default-features
measure "aws-sdk-cloudfront 1.141.0, default-features = false" aws --release --no-default-features
measure "aws-sdk-cloudfront 1.141.0, default (rustls HTTPS)" aws ""
measure "aws-sdk-cloudfront 1.141.0, default (rustls HTTPS)" aws --release
measure "cloudfront-signer, a program that only signs URLs" sign-only ""
measure "cloudfront-signer, a program that only signs URLs" sign-only --release
measure "sign floor: the RustCrypto crates cloudfront-signer uses, empty program" sign-floor ""
measure "sign floor: the RustCrypto crates cloudfront-signer uses, empty program" sign-floor --release
measure "route53-sdk, change-resource-record-sets + get-change, client with HTTPS" route53-ours ""
measure "route53-sdk, change-resource-record-sets + get-change, client with HTTPS" route53-ours --release
measure "aws-sdk-route53 1.132.0, default (rustls HTTPS), same two calls" route53-aws ""
measure "aws-sdk-route53 1.132.0, default (rustls HTTPS), same two calls" route53-aws --release
measure "s3-sdk, put-object + get-object, client with HTTPS" s3-ours ""
measure "s3-sdk, put-object + get-object, client with HTTPS" s3-ours --release
measure "aws-sdk-s3 1.157.0, default (rustls HTTPS), same two calls" s3-aws ""
measure "aws-sdk-s3 1.157.0, default (rustls HTTPS), same two calls" s3-aws --release
{
  echo
  echo "## Where the time goes"
  echo
  echo "From \`cargo build --timings\`: the compile time of all units summed (more than the"
  echo "wall time, as two run at once), the part spent on our own crates (runtime,"
  echo "generated crates, the program), and the five longest units in seconds."
  echo
  echo "| program | profile | all units | our crates | longest units |"
  echo "|---|---|---|---|---|"
  cat "$breakdown"
} >> "$out"
[ -n "${BENCH_ONLY:-}" ] && exit 0
echo >> "$out"
echo "Generated crates: $(find "$here/../../generated" -name '*.rs' -not -path '*/target/*' | wc -l) files, $(find "$here/../../generated" -name '*.rs' -not -path '*/target/*' -exec cat {} + | wc -l) lines." >> "$out"
