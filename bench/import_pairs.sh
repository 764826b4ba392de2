#!/usr/bin/env bash
# Imports one pack with several builds of `pavilion` in turn, ROUNDS times,
# and prints each build's minimum and median wall and CPU time and its peak
# RSS. On a host whose speed drifts from minute to minute, builds compared
# in turn are compared at the same speed.
#
#   bench/import_pairs.sh ROUNDS PACK LABEL=PAVILION [LABEL=PAVILION ...]
#
# Needs /usr/bin/time and perf (for CPU time; `perf stat -e task-clock`).
# Each import goes to a new data folder under $BENCH_WORK.
set -euo pipefail

rounds=$1 pack=$2
shift 2
WORK="${BENCH_WORK:-/tmp/pavilion-bench}/pairs"
mkdir -p "$WORK"
RT=()
if chrt -f 10 true 2>/dev/null; then RT=(chrt -f 10); fi
results="$WORK/results"
: >"$results"
for _ in $(seq "$rounds"); do
    for build in "$@"; do
        label=${build%%=*} binary=${build#*=}
        rm -rf "$WORK/data"
        perf stat -x, -e task-clock -o "$WORK/cpu" \
            "${RT[@]}" /usr/bin/time -f "%e %M" -o "$WORK/time" \
            "$binary" --data-dir "$WORK/data" pack import "$pack" >/dev/null
        cpu=$(awk -F, '/task-clock/ {printf "%.2f", $1 / 1000}' "$WORK/cpu")
        echo "$label $(cat "$WORK/time") $cpu" >>"$results"
    done
done
for build in "$@"; do
    label=${build%%=*}
    # Sorted wall and CPU times of this build; the median is the middle one
    # (of an even number, the lower).
    wall=$(awk -v l="$label" '$1 == l {print $2}' "$results" | sort -n)
    cpu=$(awk -v l="$label" '$1 == l {print $4}' "$results" | sort -n)
    rss=$(awk -v l="$label" '$1 == l {print $3}' "$results" | sort -n | tail -1)
    middle=$(((rounds + 1) / 2))
    printf '%s: wall min %s median %s s, CPU min %s median %s s, peak RSS %s MiB\n' "$label" \
        "$(echo "$wall" | head -1)" "$(echo "$wall" | sed -n "${middle}p")" \
        "$(echo "$cpu" | head -1)" "$(echo "$cpu" | sed -n "${middle}p")" "$((rss / 1024))"
done
