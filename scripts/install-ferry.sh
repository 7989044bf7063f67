#!/usr/bin/env bash
# `./run install`: packs ferry-<version>.tgz and installs it with this project's Node and npm into
# PREFIX (default ~/.local), so that `ferry`, `ferryd` and `ferry-tui` land in PREFIX/bin.
# Expects ./run's environment (the project's Node on PATH; FERRY_USER_PATH = the caller's PATH).
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
prefix="${PREFIX:-$HOME/.local}"
out="$(mktemp -d)"
trap 'rm -rf "$out"' EXIT
# The relay bundle is a built file the daemon ships to the cluster: build it before packing.
(cd "$root" && pnpm --silent --filter @ferry/relay-server build >&2)
tgz="$(node "$root/apps/ferry-pkg/src/pack.ts" --out "$out" | tail -1)"
npm install --global --prefix "$prefix" --no-fund --no-audit --loglevel=error "$tgz" >&2
echo "ferry installed: $prefix/bin/ferry (with ferryd and ferry-tui beside it)"
user_path="${FERRY_USER_PATH:-$PATH}"
case ":$user_path:" in
  *":$prefix/bin:"*) ;;
  *) echo "note: $prefix/bin is not on your PATH; add it, e.g. export PATH=\"$prefix/bin:\$PATH\"" ;;
esac
# The programs run with the `node` found on PATH at run time; it must be 22.12 or newer.
if ! PATH="$user_path" node -e 'const [a,b]=process.versions.node.split(".").map(Number);process.exit(a>22||(a===22&&b>=12)?0:1)' 2>/dev/null; then
  echo "note: ferry runs with the node on PATH, which must be 22.12 or newer; this project's is in $(dirname "$(command -v node)")"
fi
