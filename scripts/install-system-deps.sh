#!/usr/bin/env bash
# Debian/Ubuntu packages the app and its tests need:
#   libsecret-1-dev   keytar builds from source against it
#   gnome-keyring, dbus, libsecret-tools   a real Secret Service for the keychain tests
#   chromium          the browser Playwright drives (no Playwright browser download)
#   awscli            AWS CLI v2, a client we did not write, checks the emulator's wire format
#   xvfb              a display for Electron where an Electron binary exists
#   iproute2          `ss`, which tells the CLI bridge which program is calling
#   zsh, fish         the CLI's completion scripts are loaded into each shell in the tests
#   xclip             the browser host's Copy reaches the X11 clipboard through it
set -euo pipefail
SUDO=""
[ "$(id -u)" = 0 ] || SUDO=sudo
$SUDO apt-get update
DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y --no-install-recommends \
  libsecret-1-dev libsecret-tools gnome-keyring dbus dbus-x11 \
  chromium awscli fonts-dejavu-core xvfb python3 make g++ pkg-config procps iproute2 zsh fish xclip
