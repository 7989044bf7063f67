#!/usr/bin/env bash
# Every test Ferry has: lint, typecheck, build, unit tests, then the end-to-end suites that run
# real processes against tooling/kube-sim. Called by `./run test` (with the toolchain on PATH).
set -euo pipefail
cd "$(dirname "$0")/.."

bash scripts/ensure-debian-packages.sh

# Two cores: more parallel tasks only fight over them.
pnpm turbo run lint typecheck build test --concurrency=2 --output-logs=errors-only
# End-to-end suites bind ports and start daemons: one package at a time keeps them honest.
pnpm turbo run test:e2e --concurrency=1 --output-logs=full
