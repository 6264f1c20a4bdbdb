#!/usr/bin/env bash
# Every check the project has: types, lint, build, then all tests (unit,
# integration against the emulator, keychain, and Playwright end-to-end) in a
# private keyring session.
set -euo pipefail
cd "$(dirname "$0")/.."
# Node 24 (.node-version), fetched into .tools/ when the machine's is older.
PATH="$(node scripts/node-runtime.mjs):$PATH"
export PATH
node scripts/system-deps.mjs test
npm run --silent typecheck
npm run --silent lint
npm run --silent build >/dev/null
mkdir -p test-results
status=0
scripts/with-keyring.sh npx vitest run --reporter=default --reporter=json \
  --outputFile.json=test-results/vitest.json "$@" || status=$?
# One plain closing line, whatever the runner printed above it.
node -e '
  const r = JSON.parse(require("fs").readFileSync("test-results/vitest.json", "utf8"));
  console.log(`${r.numPassedTests} passed, ${r.numFailedTests} failed, ${r.numPendingTests + r.numTodoTests} skipped`);
' || true
exit "$status"
