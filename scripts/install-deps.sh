#!/usr/bin/env bash
# Installs what building, running and testing Pavilion needs on a fresh
# Debian/Ubuntu machine, and nothing that is already there. Safe to run again.
set -euo pipefail

packages=(
  # Tauri 2 on Linux: WebKitGTK 4.1 and friends.
  build-essential pkg-config libwebkit2gtk-4.1-dev libgtk-3-dev
  libayatana-appindicator3-dev librsvg2-dev libssl-dev libxdo-dev file
  # A display for machines without one, and a window manager so that
  # `fullscreen` means something under Xvfb.
  xvfb xauth matchbox-window-manager x11-utils imagemagick
  # End-to-end: WebKit's WebDriver; fast UI tests: Debian's Chromium.
  webkit2gtk-driver chromium
  # Chinese text on screen.
  fonts-noto-cjk fonts-noto-core
  # The reference signing tool: tests check that packs it signs are accepted
  # and that it verifies what `pavilion pack sign` writes.
  minisign
  # The kiosk's unit files are checked with systemd-analyze (tests/core/fleet.rs);
  # the fleet's sync engine runs in a test (two instances on loopback).
  systemd syncthing
)

missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing+=("$p")
done

if [ ${#missing[@]} -gt 0 ]; then
  echo "install-deps: installing ${missing[*]}" >&2
  sudo=""
  [ "$(id -u)" -eq 0 ] || sudo="sudo"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

# tauri-driver bridges WebDriver clients to WebKitWebDriver (end-to-end tests).
if ! command -v tauri-driver >/dev/null 2>&1; then
  echo "install-deps: cargo install tauri-driver" >&2
  cargo install --locked tauri-driver --version "^2"
fi
