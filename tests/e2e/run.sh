#!/usr/bin/env bash
# Runs the end-to-end tests against the real kiosk binary in a private X
# display shaped like a booth screen: `run.sh portrait` (1080×1920) or
# `run.sh landscape` (1920×1080). matchbox is there because `fullscreen`
# needs a window manager to mean anything under Xvfb.
set -euo pipefail
orientation=${1:-portrait}
case "$orientation" in
  portrait) size=1080x1920 ;;
  landscape) size=1920x1080 ;;
  *) echo "usage: $0 portrait|landscape" >&2; exit 2 ;;
esac
cd "$(dirname "$0")"
export PAVILION_E2E_ORIENTATION="$orientation"
# Bounded at every level, so a hung kiosk fails the run instead of eating
# CI's time: a test may take 3 minutes, a whole run 15.
exec timeout --kill-after=30 900 \
  xvfb-run --auto-servernum --server-args="-screen 0 ${size}x24 -nolisten tcp" \
  bash -c 'matchbox-window-manager -use_titlebar no & wm=$!
           trap "kill $wm 2>/dev/null" EXIT
           node --test --test-concurrency=1 --test-timeout=180000 ${E2E_FILES:-*.test.js}'
