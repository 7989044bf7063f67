#!/usr/bin/env bash
# Installs the Debian packages the end-to-end tests drive (tmux for the TUI, chromium for the
# tray renderer, dnsutils for `dig`, and the other real clients the suites point at a forward),
# only when missing, and only when we may (root).
set -euo pipefail
need=()
command -v tmux >/dev/null 2>&1 || need+=(tmux)
command -v chromium >/dev/null 2>&1 || need+=(chromium)
command -v dig >/dev/null 2>&1 || need+=(dnsutils)
command -v ss >/dev/null 2>&1 || need+=(iproute2)
command -v strace >/dev/null 2>&1 || need+=(strace)
/usr/bin/python3 -c "import kubernetes" >/dev/null 2>&1 || need+=(python3-kubernetes)
command -v systemd-analyze >/dev/null 2>&1 || need+=(systemd)
command -v fish >/dev/null 2>&1 || need+=(fish)
command -v zsh >/dev/null 2>&1 || need+=(zsh)
command -v desktop-file-validate >/dev/null 2>&1 || need+=(desktop-file-utils)
command -v nc >/dev/null 2>&1 || need+=(netcat-openbsd)
command -v redis-cli >/dev/null 2>&1 || need+=(redis-tools)
command -v curl >/dev/null 2>&1 || need+=(curl)
command -v sha256sum >/dev/null 2>&1 || need+=(coreutils)
{ command -v git && [ -x /usr/lib/git-core/git-http-backend ]; } >/dev/null 2>&1 || need+=(git)
[ ${#need[@]} -eq 0 ] && exit 0
if [ "$(id -u)" != "0" ]; then
  echo "ferry tests: missing ${need[*]}; install them (as root: apt-get install ${need[*]})" >&2
  exit 1
fi
echo "ferry tests: installing ${need[*]} from Debian" >&2
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq >&2
apt-get install -y -qq --no-install-recommends "${need[@]}" >&2
