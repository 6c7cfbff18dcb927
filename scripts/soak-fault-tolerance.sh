#!/usr/bin/env bash
# Long fault-tolerance soak: 250 rounds of injected exceptions and 250 kill -9 rounds (CI runs 20 + 20).
set -euo pipefail
cd "$(dirname "$0")/.."
npm run build
FAULT_ROUNDS=${FAULT_ROUNDS:-250} CRASH_JOBS=${CRASH_JOBS:-25} CRASH_KILLS=${CRASH_KILLS:-10} \
  npx vitest run packages/datastream/test/checkpoint/exactly-once-failover.test.ts tests/e2e/process-crash.test.ts
