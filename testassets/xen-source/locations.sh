# Sourced by ./prepare.sh and ./toolstack.sh (not run on its own): where the Xen tarballs are and where builds go.
# Sets HERE, REPO, SRC (absolute; a git worktree's shared/ is beside the main checkout, the common .git folder's
# parent; XSHM_XEN_SOURCES overrides), C (the cache), JOBS and SUDO. $1 names the caller in messages.
HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
REPO=$(cd "$HERE/../.." && pwd)
main_checkout() { local g; g=$(git -C "$REPO" rev-parse --path-format=absolute --git-common-dir 2>/dev/null) && dirname "$g"; }
SRC=${XSHM_XEN_SOURCES:-$REPO/../shared/vendor/xen}
if [ -z "${XSHM_XEN_SOURCES:-}" ] && [ ! -d "$SRC" ] && m=$(main_checkout) && [ -d "$m/../shared/vendor/xen" ]; then
  SRC=$m/../shared/vendor/xen
fi
[ -d "$SRC" ] || { echo "$1: no Xen source folder $SRC (set XSHM_XEN_SOURCES)" >&2; exit 1; }
SRC=$(cd "$SRC" && pwd)
C=${XSHM_XEN_BUILD_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/xen-shm-sdk/xen-build}
JOBS=${XSHM_XEN_JOBS:-2}
SUDO=""; [ "$(id -u)" -eq 0 ] || SUDO=sudo
