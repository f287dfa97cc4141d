#!/usr/bin/env bash
# Builds the fuzz targets and runs each for a short bounded time on the
# stable toolchain (cargo-fuzz's -Z flags through RUSTC_BOOTSTRAP=1).
# Exits non-zero on any crash, timeout or out-of-memory (libFuzzer's exit
# code, and a leftover artifact as a second check), or on a build failure.
# Usage: fuzz/ci.sh [seconds per target, default 20]
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
secs="${1:-20}"
export RUSTC_BOOTSTRAP=1

if ! cargo fuzz --version >/dev/null 2>&1; then
    cargo install cargo-fuzz --locked
fi

cd "$here"
./seed_corpus.sh
# No -O: release build with debug assertions and overflow checks, so an
# unchecked overflow is a crash. One build for all targets.
cargo fuzz build
targets=(import_keras3 import_keras2 keras_archive builder hdf5 saved_model summary_text)
status=0
for t in "${targets[@]}"; do
    rm -rf "artifacts/$t"
    echo "== fuzz $t for ${secs}s"
    if ! cargo fuzz run "$t" -- -max_total_time="$secs" -timeout=10 -rss_limit_mb=2048 \
        -print_final_stats=1 2>&1 | tail -n 40; then
        echo "FUZZ FAILURE: $t (see fuzz/artifacts/$t)"
        status=1
    fi
    if [ -n "$(ls -A "artifacts/$t" 2>/dev/null)" ]; then
        echo "FUZZ FAILURE: $t left artifacts:"; ls -l "artifacts/$t"
        status=1
    fi
done
[ "$status" -eq 0 ] && echo "fuzz: ${#targets[@]} targets ran ${secs}s each, no crash"
exit "$status"
