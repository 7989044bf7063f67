#!/usr/bin/env bash
# Every test Ferry has: lint, typecheck, build, unit tests, the end-to-end suites that run real
# processes against tooling/kube-sim, and the README's demo command itself. Called by
# `./run test` (with the toolchain on PATH).
set -euo pipefail
cd "$(dirname "$0")/.."

bash scripts/ensure-debian-packages.sh

# Two cores: more parallel tasks only fight over them.
pnpm turbo run lint typecheck build test --concurrency=2 --continue --output-logs=errors-only
pnpm check:root
# End-to-end suites bind ports and start daemons: one package at a time keeps them honest.
pnpm turbo run test:e2e --concurrency=1 --continue --output-logs=errors-only
# The demo: the README's first command with no terminal must pass its four checks, and the
# demo's own tests cover the TUI in tmux, Ctrl-C clean-up and a fake HOME left untouched.
./run demo </dev/null
pnpm test:demo
