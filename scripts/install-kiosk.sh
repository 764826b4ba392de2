#!/usr/bin/env bash
# Makes a fresh Debian 12 machine a Pavilion booth screen:
#   - a dedicated user (default `kiosk`) logged in automatically on tty1,
#   - an X session with no screen blanking and matchbox as window manager
#     (scripts/kiosk-session.sh),
#   - the kiosk as a systemd user service with Restart=always and a watchdog
#     fed by the UI's heartbeat (scripts/systemd/pavilion-kiosk.service),
#   - its data folder, a watched folder for packs and a status folder for
#     the fleet, and its settings.json (kept if already there).
# Syncthing is installed; scripts/setup-syncthing.sh then joins the kiosk to
# the organiser's folders (docs/fleet.md).
#
# Usage (as root, from a checkout with the kiosk built: `make build`, or
# `cargo build --release -p pavilion-kiosk`):
#   scripts/install-kiosk.sh --name "Hall 1 entrance" [--user kiosk] [--binary PATH]
set -euo pipefail

here="$(cd "$(dirname "$0")" && pwd)"
root="$(dirname "$here")"
user=kiosk
name=""
binary=""
for candidate in "$root/target/release/pavilion-kiosk" "$root/target/debug/pavilion-kiosk"; do
  if [ -z "$binary" ] && [ -x "$candidate" ]; then binary="$candidate"; fi
done

while [ $# -gt 0 ]; do
  case "$1" in
    --user) user="$2"; shift 2 ;;
    --name) name="$2"; shift 2 ;;
    --binary) binary="$2"; shift 2 ;;
    -h|--help) sed -n '2,18p' "$0"; exit 0 ;;
    *) echo "install-kiosk: unknown option $1 (see --help)" >&2; exit 2 ;;
  esac
done

[ "$(id -u)" -eq 0 ] || { echo "install-kiosk: run as root" >&2; exit 2; }
[ -n "$name" ] || { echo "install-kiosk: give the screen a name: --name \"Hall 1 entrance\"" >&2; exit 2; }
[ -n "$binary" ] && [ -x "$binary" ] || {
  echo "install-kiosk: no kiosk binary: build it (make build) or pass --binary PATH" >&2; exit 2; }

echo "install-kiosk: packages" >&2
apt-get update -qq
DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends \
  xserver-xorg xinit x11-xserver-utils matchbox-window-manager \
  libwebkit2gtk-4.1-0 libgtk-3-0 fonts-noto-cjk fonts-noto-core \
  syncthing dbus-user-session >/dev/null

echo "install-kiosk: the app in /opt/pavilion" >&2
# The demo pack goes beside the binary, where Tauri looks for its resources.
install -D -m 0755 "$binary" /opt/pavilion/pavilion-kiosk
mkdir -p /opt/pavilion/packs
rm -rf /opt/pavilion/packs/waic-2021
cp -r "$root/packs/waic-2021" /opt/pavilion/packs/

echo "install-kiosk: user $user" >&2
if ! id "$user" >/dev/null 2>&1; then
  useradd --create-home --shell /bin/bash "$user"
fi
# The console, input devices and the GPU.
usermod -a -G video,input,render,tty "$user" 2>/dev/null || usermod -a -G video,input,tty "$user"
home="$(getent passwd "$user" | cut -d: -f6)"

as_user() { runuser -u "$user" -- "$@"; }

data="$home/.local/share/pavilion"
packs="$home/pavilion-packs"
status="$home/pavilion-status"
as_user mkdir -p "$data" "$packs" "$status" "$home/.config/systemd/user"
if [ ! -e "$data/settings.json" ]; then
  # JSON-escape the name: backslashes, then quotes.
  escaped="${name//\\/\\\\}"
  escaped="${escaped//\"/\\\"}"
  as_user tee "$data/settings.json" >/dev/null <<JSON
{
  "kiosk_name": "$escaped",
  "watch_folders": ["$packs"],
  "status_folder": "$status"
}
JSON
fi

echo "install-kiosk: session and service" >&2
install -o "$user" -g "$user" -m 0644 "$here/systemd/pavilion-kiosk.service" \
  "$home/.config/systemd/user/pavilion-kiosk.service"
install -o "$user" -g "$user" -m 0755 "$here/kiosk-session.sh" "$home/.xinitrc"
as_user tee "$home/.bash_profile" >/dev/null <<'PROFILE'
# Pavilion: the first console starts the kiosk's X session (no cursor).
if [ -z "${DISPLAY:-}" ] && [ "$(tty)" = /dev/tty1 ]; then
  exec startx -- -nocursor -s 0 -dpms
fi
PROFILE
# Syncthing runs as the kiosk user whenever the user's systemd runs.
as_user mkdir -p "$home/.config/systemd/user/default.target.wants"
as_user ln -sf /usr/lib/systemd/user/syncthing.service \
  "$home/.config/systemd/user/default.target.wants/syncthing.service"
# The user's systemd keeps running (Syncthing, the status) across logins.
loginctl enable-linger "$user" 2>/dev/null || {
  mkdir -p /var/lib/systemd/linger
  touch "/var/lib/systemd/linger/$user"
}

echo "install-kiosk: automatic login on tty1" >&2
mkdir -p /etc/systemd/system/getty@tty1.service.d
sed "s/KIOSK_USER/$user/" "$here/systemd/pavilion-autologin.conf" \
  >/etc/systemd/system/getty@tty1.service.d/pavilion-autologin.conf
# No console blanking before X starts, nor after it stops.
if [ -f /etc/default/grub ] && ! grep -q consoleblank=0 /etc/default/grub; then
  sed -i 's/^GRUB_CMDLINE_LINUX_DEFAULT="/&consoleblank=0 /' /etc/default/grub
  update-grub >/dev/null 2>&1 || true
fi
systemctl daemon-reload 2>/dev/null || true

cat >&2 <<DONE
install-kiosk: done. Reboot: $user logs in on tty1 and the kiosk starts.
  packs dropped into  $packs  go live;
  status is written to $status  (pavilion fleet status $status);
  next: scripts/setup-syncthing.sh to join the organiser's folders (docs/fleet.md).
DONE
