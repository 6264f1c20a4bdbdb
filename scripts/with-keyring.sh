#!/usr/bin/env bash
# Runs a command inside a private D-Bus session with an unlocked gnome-keyring,
# so tests use the real Secret Service without touching the user's own keyring.
set -euo pipefail
if [ "${WITH_KEYRING_INNER:-}" != 1 ]; then
  export WITH_KEYRING_INNER=1
  exec dbus-run-session -- "$0" "$@"
fi
export XDG_DATA_HOME="$(mktemp -d)"
trap 'rm -rf "$XDG_DATA_HOME"; kill "${KEYRING_PID:-}" 2>/dev/null || true' EXIT
eval "$(printf 'test-password\n' | gnome-keyring-daemon --unlock --components=secrets 2>/dev/null)"
export GNOME_KEYRING_CONTROL
KEYRING_PID="$(pgrep -n -f 'gnome-keyring-daemon --unlock' || true)"
"$@"
