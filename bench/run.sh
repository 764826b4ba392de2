#!/usr/bin/env bash
# Measures import, verification, memory and search on this machine in the
# release profile, and sqlite-utils inserting the same exhibitors as the
# peer; at 100k, `pack build` of the same content as a workbook. Prints key=value lines per size; bench/README.md records a run.
#
#   bench/run.sh [SIZES...]        default: 10000 100000 1000000
#   BENCH_BIN=DIR bench/run.sh …   with `pavilion` and `measure` built before
#
# Needs /usr/bin/time (GNU time) and sqlite-utils (pip install sqlite-utils).
# Work files go to $BENCH_WORK (default /tmp/pavilion-bench), which is
# recreated per size; packs are kept so a rerun skips synthesis.
set -euo pipefail

cd "$(dirname "$0")/.."
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$PWD/target}"
WORK="${BENCH_WORK:-/tmp/pavilion-bench}"
SIZES=("${@:-10000 100000 1000000}")
# shellcheck disable=SC2206
SIZES=(${SIZES[*]})

mkdir -p "$WORK/bin"
if [ -n "${BENCH_BIN:-}" ]; then
    # Binaries built before (`pavilion` and `measure` in BENCH_BIN), e.g. an
    # older commit's, so that old and new can be run in turn at one load.
    cp "$BENCH_BIN/pavilion" "$WORK/bin/pavilion"
    cp "$BENCH_BIN/measure" "$WORK/bin/measure"
else
    cargo build --release -p pavilion --bin pavilion
    measure_bin=$(cargo bench -p pavilion --bench measure --no-run 2>&1 | grep -o '[^ (]*/measure-[0-9a-f]*' | tail -1)
    # Copies, so rebuilding while a long run is under way changes nothing.
    cp "$CARGO_TARGET_DIR/release/pavilion" "$WORK/bin/pavilion"
    cp "$measure_bin" "$WORK/bin/measure"
fi
PAVILION="$WORK/bin/pavilion"
# Real-time priority when allowed: the numbers are then the code's on a
# dedicated kiosk, not the share of a busy build machine it happened to get.
RT=()
if chrt -f 10 true 2>/dev/null; then RT=(chrt -f 10); fi
measure() { "${RT[@]}" "$WORK/bin/measure" "$@"; }

echo "priority: ${RT[*]:-normal}"
echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs), load $(cut -d' ' -f1-3 /proc/loadavg)"
mkdir -p "$WORK"
for n in "${SIZES[@]}"; do
    echo "== $n exhibitors"
    pack="$WORK/pack-$n"
    if [ ! -f "$pack/manifest.json" ]; then
        rm -rf "$pack"
        start=$(date +%s.%N)
        "$PAVILION" pack synth --exhibitors "$n" --out "$pack" >/dev/null
        echo "synth_s=$(echo "$(date +%s.%N) - $start" | bc)"
    fi
    echo "exhibitors_json_mib=$(echo "scale=1; $(stat -c %s "$pack/content/exhibitors.json") / 1048576" | bc)"
    json_bytes=$(cat "$pack"/content/*.json | wc -c)
    echo "content_json_mib=$(echo "scale=1; $json_bytes / 1048576" | bc)"

    # Phases, in-process (hot page cache: the pack was just written or read).
    rm -rf "$WORK/data-$n"
    measure phases "$pack" "$WORK/data-$n"

    # The CLI import as an operator runs it: wall time and peak memory.
    rm -rf "$WORK/data-cli-$n"
    "${RT[@]}" /usr/bin/time -v -o "$WORK/time-$n.txt" "$PAVILION" --data-dir "$WORK/data-cli-$n" pack import "$pack" >/dev/null
    wall=$(grep 'Elapsed (wall clock)' "$WORK/time-$n.txt" | awk '{print $NF}')
    rss_kib=$(grep 'Maximum resident set size' "$WORK/time-$n.txt" | awk '{print $NF}')
    echo "cli_import_wall=$wall"
    echo "cli_import_max_rss_mib=$((rss_kib / 1024))"
    echo "rss_over_json=$(echo "scale=2; $rss_kib * 1024 / $json_bytes" | bc)"

    # The peer: sqlite-utils inserting the same exhibitors.json.
    if command -v sqlite-utils >/dev/null; then
        rm -f "$WORK/peer-$n.db"
        start=$(date +%s.%N)
        "${RT[@]}" sqlite-utils insert "$WORK/peer-$n.db" exhibitors "$pack/content/exhibitors.json" --pk id
        echo "sqlite_utils_insert_s=$(echo "$(date +%s.%N) - $start" | bc)"
    fi

    if [ "$n" = 100000 ]; then
        measure search "$WORK/data-$n"
    fi

    # `pack build` of the same content as a workbook (event, categories,
    # parks, halls, stands, exhibitors), against importing what it builds.
    if [ "$n" = 100000 ]; then
        book="$WORK/book-$n"
        rm -rf "$book" "$WORK/data-built-$n"
        mkdir -p "$book"
        measure workbook "$pack" "$book/fair.xlsx" >/dev/null
        echo "workbook_mib=$(echo "scale=1; $(stat -c %s "$book/fair.xlsx") / 1048576" | bc)"
        "${RT[@]}" /usr/bin/time -v -o "$WORK/time-build-$n.txt" "$PAVILION" pack build "$book/fair.xlsx" --out "$book/built" >/dev/null
        echo "build_wall=$(grep 'Elapsed (wall clock)' "$WORK/time-build-$n.txt" | awk '{print $NF}')"
        echo "build_max_rss_mib=$(($(grep 'Maximum resident set size' "$WORK/time-build-$n.txt" | awk '{print $NF}') / 1024))"
        "${RT[@]}" /usr/bin/time -v -o "$WORK/time-built-import-$n.txt" "$PAVILION" --data-dir "$WORK/data-built-$n" pack import "$book/built" >/dev/null
        echo "built_import_wall=$(grep 'Elapsed (wall clock)' "$WORK/time-built-import-$n.txt" | awk '{print $NF}')"
        echo "built_import_max_rss_mib=$(($(grep 'Maximum resident set size' "$WORK/time-built-import-$n.txt" | awk '{print $NF}') / 1024))"
    fi
done
