#!/bin/bash
# Installs the YAML language server the editor-support tests run (RepositoryUseTests.Editor.cs), the one
# VS Code's YAML extension (redhat.vscode-yaml) embeds, from npm, pinned by package.json + package-lock.json
# (exact versions and sha512 integrity), into a cache outside the repository:
#   ${XDG_CACHE_HOME:-$HOME/.cache}/xen-shm-sdk/yaml-language-server/<first 16 hex of sha256(package-lock.json)>/
# Produces node_modules/ (npm ci) and prepared.txt (written last = "cache is ready"; the tests read it).
# Node: uses the node + npm on PATH (>= 18); installs Debian's nodejs/npm only when missing, never npm over a
# node that already has one (NodeSource's). yaml-language-server 1.x: 2.x needs node >= 22.13, Debian 12 has 18.
# Idempotent; a warm run only hashes the lockfile.
set -euo pipefail
HERE=$(cd "$(dirname "$0")" && pwd)
KEY=$(sha256sum "$HERE/package-lock.json" | cut -c1-16)
C=${XDG_CACHE_HOME:-$HOME/.cache}/xen-shm-sdk/yaml-language-server/$KEY
if [ -f "$C/prepared.txt" ]; then echo "YamlLanguageServer/prepare.sh: cached ($C)"; exit 0; fi

# --- 1. node and npm (Debian 12: node 18)
need=()
command -v node >/dev/null || need+=(nodejs)
command -v npm >/dev/null || need+=(npm)
if [ ${#need[@]} -gt 0 ]; then
  SUDO=""; [ "$(id -u)" -eq 0 ] || SUDO=sudo
  $SUDO apt-get -o DPkg::Lock::Timeout=600 update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get -o DPkg::Lock::Timeout=600 install -y -qq --no-install-recommends "${need[@]}"
fi
major=$(node -p 'process.versions.node.split(".")[0]')
[ "$major" -ge 18 ] || { echo "YamlLanguageServer/prepare.sh: node $(node --version) is too old (need >= 18)" >&2; exit 1; }

# --- 2. npm ci into a fresh folder, moved into place when complete
T="$C.tmp.$$"
rm -rf "$T"; mkdir -p "$T"
trap 'rm -rf "$T"' EXIT
cp "$HERE/package.json" "$HERE/package-lock.json" "$T/"
(cd "$T" && npm ci --ignore-scripts --no-audit --no-fund --loglevel=error)
version=$(node "$T/node_modules/yaml-language-server/bin/yaml-language-server" --version)
rm -rf "$C"; mv "$T" "$C"; trap - EXIT

# --- 3. report (prepared.txt last)
{
  echo "format=1"
  echo "yaml_language_server=$version"
  echo "lockfile_sha256=$(sha256sum "$HERE/package-lock.json" | cut -d' ' -f1)"
  echo "installed_with_node=$(node --version)"
} > "$C/prepared.txt.tmp"
mv "$C/prepared.txt.tmp" "$C/prepared.txt"
echo "YamlLanguageServer/prepare.sh: cache $C"
sed 's/^/  /' "$C/prepared.txt"
