#!/usr/bin/env bash
# Installs everything the test suite needs and runs it. This is the README's test command and what CI runs.
set -uo pipefail
cd "$(dirname "$0")/.."
export npm_config_update_notifier=false npm_config_fund=false npm_config_audit=false
npm ci --no-audit --no-fund || { echo "npm ci failed"; echo "0 passed, 1 failed"; exit 1; }
npm run build || { echo "build failed"; echo "0 passed, 1 failed"; exit 1; }
npx biome check . || { echo "lint failed"; echo "0 passed, 1 failed"; exit 1; }
mkdir -p .tributary
npx vitest run --reporter=default --reporter=json --outputFile=.tributary/vitest-report.json
status=$?
node scripts/test-summary.mjs .tributary/vitest-report.json || status=1
exit $status
