#!/usr/bin/env bash
# The long run of issue 12: the release kiosk through a compressed fair day
# (bench/kiosk/soak.js: a visit every ~20 s, the attract loop after each,
# three pack switches through a watched folder standing for the synced
# one), sampling the memory, open descriptors and threads of the shell and
# WebKit's processes every minute into a CSV, and saying at the end
# whether they stayed flat (first hour against last). bench/README.md,
# "Soak", records a run.
#
#   bench/soak.sh [OUT]       default OUT: /tmp/pavilion-soak
#   SOAK_SECONDS=300 bench/soak.sh /tmp/try    a five-minute try
#   SOAK_BIN=target/debug bench/soak.sh /tmp/try   binaries built before
#   node bench/kiosk/soak.js summary OUT/soak.csv   figures of a run so far
#
# OUT gets bin/ (copies of the binaries, so a rebuild during the run
# changes nothing), packs/, data/, synced/, status/ and soak.csv; progress
# and the kiosk's own messages go to stderr. Needs what `make test` installs (Xvfb,
# matchbox, tauri-driver, WebKitWebDriver); builds the release kiosk.
set -euo pipefail

# All in a function that runs once read whole: editing this file while a
# two-hour run reads it cannot change what the run does.
main() {
    cd "$(dirname "$0")/.."
    export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$PWD/target}"
    local out="${1:-/tmp/pavilion-soak}"
    mkdir -p "$out"
    out=$(cd "$out" && pwd)
    if [ -e "$out/soak.csv" ]; then
        echo "bench/soak.sh: $out holds a run already (soak.csv); give another folder" >&2
        exit 2
    fi

    make --no-print-directory ui tests/e2e/node_modules/.package-lock.json >/dev/null
    local bin="${SOAK_BIN:-}"
    if [ -z "$bin" ]; then
        cargo build --release -p pavilion -p pavilion-kiosk
        bin="$CARGO_TARGET_DIR/release"
    fi
    mkdir -p "$out/bin"
    cp "$bin/pavilion" "$bin/pavilion-kiosk" "$out/bin/"
    export PAVILION_KIOSK_BIN="$out/bin/pavilion-kiosk"
    export PAVILION_CLI_BIN="$out/bin/pavilion"
    local pavilion="$PAVILION_CLI_BIN"

    # Versions 1 to 4 of one 1,000-exhibitor pack, told apart on screen by
    # their event name; slides of three seconds so the loop turns over.
    rm -rf "$out/packs"
    "$pavilion" pack synth --exhibitors 1000 --out "$out/packs/base" >/dev/null
    local version
    for version in 1 2 3 4; do
        cp -r "$out/packs/base" "$out/packs/v$version"
        node -e '
          const fs = require("fs");
          const [dir, version] = [process.argv[1], Number(process.argv[2])];
          const edit = (file, change) => fs.writeFileSync(`${dir}/${file}`, JSON.stringify(change(JSON.parse(fs.readFileSync(`${dir}/${file}`, "utf8"))), null, 2));
          edit("manifest.json", (manifest) => ({ ...manifest, version }));
          edit("content/event.json", (event) => ({
            ...event,
            name: Object.fromEntries(Object.entries(event.name).map(([lang, name]) => [lang, `${name} v${version}`])),
          }));
          edit("content/slides.json", (slides) => slides.map((slide) => ({ ...slide, seconds: 3 })));
        ' "$out/packs/v$version" "$version"
        "$pavilion" pack manifest "$out/packs/v$version" >/dev/null
    done

    rm -rf "$out/data" "$out/synced" "$out/status"
    mkdir -p "$out/data" "$out/synced" "$out/status"
    "$pavilion" --data-dir "$out/data" pack import "$out/packs/v1" >/dev/null
    cat >"$out/data/settings.json" <<JSON
{
  "idle_seconds": 10,
  "kiosk_name": "soak",
  "watch_folders": ["$out/synced"],
  "status_folder": "$out/status"
}
JSON

    echo "soak: ${SOAK_SECONDS:-7200} s from $(date -u +%FT%TZ), load $(cut -d' ' -f1-3 /proc/loadavg), writing $out/soak.csv"
    xvfb-run --auto-servernum --server-args="-screen 0 1080x1920x24 -nolisten tcp" \
        bash -c 'matchbox-window-manager -use_titlebar no & wm=$!
                 trap "kill $wm 2>/dev/null" EXIT
                 node bench/kiosk/soak.js run "$@"' soak \
        "$out/data" "$out/synced" "$out/status" "$out/soak.csv" \
        "$out/packs/v2" "$out/packs/v3" "$out/packs/v4"
}

main "$@"
exit
