#!/usr/bin/env bash
# Runs a command inside a private D-Bus session with an unlocked gnome-keyring,
# so tests use the real Secret Service without touching the user's own keyring.
set -euo pipefail
# The CLI's "allow this terminal session" keys on the caller's session, as a terminal
# gives one. Processes in a CI container can have none (session 0: its leader is outside
# the PID namespace), so the tests get a session of their own there.
if [ -r /proc/self/stat ] && [ "$(cut -d' ' -f6 /proc/self/stat)" = 0 ]; then
  exec setsid --wait "$0" "$@"
fi
if [ "${WITH_KEYRING_INNER:-}" != 1 ]; then
  export WITH_KEYRING_INNER=1
  exec dbus-run-session -- "$0" "$@"
fi
export XDG_DATA_HOME="$(mktemp -d)"
trap 'rm -rf "$XDG_DATA_HOME"; kill "${KEYRING_PID:-}" 2>/dev/null || true' EXIT
eval "$(printf 'test-password\n' | gnome-keyring-daemon --unlock --components=secrets 2>/dev/null)"
export GNOME_KEYRING_CONTROL
# The daemon forks away; find ours by the private XDG_DATA_HOME it inherited,
# so that concurrent runs never stop each other's keyring.
KEYRING_PID=""
for pid in $(pgrep -f 'gnome-keyring-daemon --unlock' || true); do
  if tr '\0' '\n' <"/proc/$pid/environ" 2>/dev/null | grep -qxF "XDG_DATA_HOME=$XDG_DATA_HOME"; then
    KEYRING_PID="$pid"
  fi
done
"$@"
