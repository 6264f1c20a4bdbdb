#!/usr/bin/env bash
# Every check the project has: types, lint, build, then all tests (unit,
# integration against the emulator, keychain, and Playwright end-to-end) in a
# private keyring session.
set -euo pipefail
cd "$(dirname "$0")/.."
npm run --silent typecheck
npm run --silent lint
npx electron-vite build >/dev/null
node scripts/build-cli.mjs
exec scripts/with-keyring.sh npx vitest run "$@"
