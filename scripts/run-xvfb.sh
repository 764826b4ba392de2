#!/usr/bin/env bash
# Opens the kiosk in a virtual display for machines without one, and saves
# what the screen shows every few seconds to .tmp/screen.png. Ctrl-C stops it.
# SIZE=1920x1080 for a landscape screen.
set -euo pipefail
cd "$(dirname "$0")/.."
size=${SIZE:-1080x1920}
mkdir -p .tmp
echo "run-xvfb: kiosk in a ${size} virtual display; screen saved to .tmp/screen.png" >&2
exec xvfb-run --auto-servernum --server-args="-screen 0 ${size}x24 -nolisten tcp" bash -c '
  matchbox-window-manager -use_titlebar no & wm=$!
  target/debug/pavilion-kiosk & kiosk=$!
  trap "kill $kiosk $wm 2>/dev/null" EXIT
  while kill -0 $kiosk 2>/dev/null; do
    sleep 5
    import -window root .tmp/screen.png 2>/dev/null || true
  done'
