#!/bin/sh
# The kiosk user's X session (installed as ~/.xinitrc by install-kiosk.sh):
# no screen blanking, a window manager that keeps the one window full screen,
# and the kiosk as the systemd user service (pavilion-kiosk.service), which
# restarts it when it exits or hangs. The session lasts as long as the
# service: `start --wait` returns only once it is stopped for good.
xset s off
xset s noblank
xset -dpms
matchbox-window-manager -use_titlebar no -use_cursor no &
# The service runs under the user's systemd, outside this session: it needs
# this display.
systemctl --user import-environment DISPLAY XAUTHORITY
exec systemctl --user start --wait pavilion-kiosk.service
