#!/usr/bin/env bash
# Joins this machine's Syncthing to a Pavilion fleet through Syncthing's own
# REST API (docs/fleet.md). Two folders, shared with the peers named:
#   pavilion-packs   the organiser publishes packs; kiosks receive only, and
#                    watch it for packs (settings.json `watch_folders`)
#   pavilion-status  each kiosk sends its status file; the organiser
#                    receives only, and reads it with `pavilion fleet status`
# Global discovery, relays, NAT traversal, usage reports and upgrades are
# turned off: a venue LAN has no internet, and nothing should leave it.
#
# Usage:
#   scripts/setup-syncthing.sh --role kiosk|organiser --packs DIR --status DIR \
#       --peer DEVICE-ID[@tcp://HOST:PORT] [--peer ...] \
#       [--api http://127.0.0.1:8384] [--home DIR | --apikey KEY] [--no-local-discovery]
# A peer without an address is found by local discovery on the LAN.
# The API key is read from Syncthing's config.xml in --home (default: the
# user's, ~/.local/state/syncthing or ~/.config/syncthing).
set -euo pipefail

role="" packs="" status="" api="http://127.0.0.1:8384" apikey="" home="" local_discovery=true
peers=()
while [ $# -gt 0 ]; do
  case "$1" in
    --role) role="$2"; shift 2 ;;
    --packs) packs="$2"; shift 2 ;;
    --status) status="$2"; shift 2 ;;
    --peer) peers+=("$2"); shift 2 ;;
    --api) api="$2"; shift 2 ;;
    --apikey) apikey="$2"; shift 2 ;;
    --home) home="$2"; shift 2 ;;
    --no-local-discovery) local_discovery=false; shift ;;
    -h|--help) sed -n '2,19p' "$0"; exit 0 ;;
    *) echo "setup-syncthing: unknown option $1 (see --help)" >&2; exit 2 ;;
  esac
done

case "$role" in
  kiosk) packs_type=receiveonly status_type=sendonly ;;
  organiser) packs_type=sendonly status_type=receiveonly ;;
  *) echo "setup-syncthing: --role kiosk or --role organiser" >&2; exit 2 ;;
esac
[ -n "$packs" ] && [ -n "$status" ] || { echo "setup-syncthing: --packs DIR and --status DIR" >&2; exit 2; }
[ ${#peers[@]} -gt 0 ] || { echo "setup-syncthing: at least one --peer DEVICE-ID" >&2; exit 2; }

if [ -z "$apikey" ]; then
  for dir in "$home" "${XDG_STATE_HOME:-$HOME/.local/state}/syncthing" "${XDG_CONFIG_HOME:-$HOME/.config}/syncthing"; do
    if [ -n "$dir" ] && [ -f "$dir/config.xml" ]; then
      apikey="$(sed -n 's:.*<apikey>\(.*\)</apikey>.*:\1:p' "$dir/config.xml" | head -1)"
      break
    fi
  done
fi
[ -n "$apikey" ] || { echo "setup-syncthing: no API key: pass --home DIR or --apikey KEY" >&2; exit 2; }

rest() { # METHOD PATH [JSON]
  curl --silent --show-error --fail --max-time 10 -X "$1" -H "X-API-Key: $apikey" \
    ${3:+-H "Content-Type: application/json" --data "$3"} "$api$2"
}

for _ in $(seq 60); do
  rest GET /rest/system/ping >/dev/null 2>&1 && break
  sleep 0.5
done
rest GET /rest/system/ping >/dev/null

me="$(rest GET /rest/system/status | sed -n 's/.*"myID": *"\([A-Z0-9-]*\)".*/\1/p')"
[ -n "$me" ] || { echo "setup-syncthing: cannot read this device's id from $api" >&2; exit 1; }

rest PATCH /rest/config/options "{
  \"globalAnnounceEnabled\": false, \"localAnnounceEnabled\": $local_discovery,
  \"relaysEnabled\": false, \"natEnabled\": false, \"urAccepted\": -1,
  \"crashReportingEnabled\": false, \"autoUpgradeIntervalH\": 0, \"startBrowser\": false
}"

members="{\"deviceID\": \"$me\"}"
for peer in "${peers[@]}"; do
  id="${peer%%@*}"
  address="dynamic"
  [ "$peer" = "$id" ] || address="${peer#*@}"
  rest PUT "/rest/config/devices/$id" "{
    \"deviceID\": \"$id\", \"name\": \"pavilion-$id\", \"addresses\": [\"$address\"],
    \"autoAcceptFolders\": false
  }"
  members="$members, {\"deviceID\": \"$id\"}"
done

folder() { # ID PATH TYPE
  mkdir -p "$2"
  rest PUT "/rest/config/folders/$1" "{
    \"id\": \"$1\", \"label\": \"$1\", \"path\": \"$2\", \"type\": \"$3\",
    \"devices\": [$members], \"fsWatcherEnabled\": true, \"fsWatcherDelayS\": 1,
    \"rescanIntervalS\": 60
  }"
}
folder pavilion-packs "$(realpath -m "$packs")" "$packs_type"
folder pavilion-status "$(realpath -m "$status")" "$status_type"
echo "setup-syncthing: $role $me shares pavilion-packs ($packs_type) and pavilion-status ($status_type) with ${#peers[@]} peer(s)" >&2
