#!/usr/bin/env bash
# Measures the release kiosk as a visitor meets it (bench/kiosk/measure.js)
# in a 1080×1920 Xvfb display with matchbox, on a 100,000-exhibitor
# synthetic pack (the long run is bench/soak.sh). bench/README.md records a
# run.
#
#   bench/kiosk/run.sh [start taps scroll memory record idle commands]   (default: the first five)
#   BENCH_BIN=/path/to/kept/release bench/kiosk/run.sh taps        (a kept build)
#
# Needs what `make test` installs (Xvfb, matchbox, tauri-driver,
# WebKitWebDriver). The release build takes ~17 minutes the first time.
set -euo pipefail
cd "$(dirname "$0")/../.."
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$PWD/target}"
WORK="${BENCH_WORK:-/tmp/pavilion-bench}"
MEASURES=("${@:-start taps scroll memory record}")
# shellcheck disable=SC2206
MEASURES=(${MEASURES[*]})

make --no-print-directory tests/e2e/node_modules/.package-lock.json >/dev/null
# BENCH_BIN: a folder with a kept release build (`pavilion` and
# `pavilion-kiosk`, e.g. main's before a change), measured as it is;
# otherwise this checkout's, built.
if [ -n "${BENCH_BIN:-}" ]; then
    BIN="$BENCH_BIN"
else
    make --no-print-directory ui >/dev/null
    cargo build --release -p pavilion -p pavilion-kiosk
    BIN="$CARGO_TARGET_DIR/release"
fi
export PAVILION_KIOSK_BIN="$BIN/pavilion-kiosk"
export PAVILION_CLI_BIN="$BIN/pavilion"
PAVILION="$PAVILION_CLI_BIN"

# A data folder with `pack` live, imported once and reused.
prepare() {
    local exhibitors=$1 data=$2 pack="$WORK/pack-$1"
    if [ ! -f "$pack/manifest.json" ]; then
        rm -rf "$pack"
        "$PAVILION" pack synth --exhibitors "$exhibitors" --out "$pack" >/dev/null
    fi
    if [ ! -f "$data/live" ]; then
        rm -rf "$data"
        "$PAVILION" --data-dir "$data" pack import "$pack" >/dev/null
    fi
}

mkdir -p "$WORK"
echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs), load $(cut -d' ' -f1-3 /proc/loadavg)"
data="$WORK/kiosk-100000"
prepare 100000 "$data"

for measure in "${MEASURES[@]}"; do
    echo "== $measure $PAVILION_KIOSK_BIN $(date -u +%T) (load $(cut -d' ' -f1-3 /proc/loadavg))"
    xvfb-run --auto-servernum --server-args="-screen 0 1080x1920x24 -nolisten tcp" \
        bash -c 'matchbox-window-manager -use_titlebar no & wm=$!
                 trap "kill $wm 2>/dev/null" EXIT
                 node bench/kiosk/measure.js "$0" "$1"' "$measure" "$data"
done
echo "end $(date -u +%T) (load $(cut -d' ' -f1-3 /proc/loadavg))"
