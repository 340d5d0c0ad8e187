#!/bin/bash
# Builds the Xen hypervisors the real-boot tests (tests/Xen.Shm.Boot.Tests) need and Debian does not ship,
# from the source tarballs in shared/vendor/xen/ (beside the repository: <repo>/../shared), with Debian's
# cross compiler, into a cache outside the repository:
#   ${XSHM_XEN_BUILD_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/xen-shm-sdk/xen-build}
# Each build lives in builds/<name>-<key>/ where key = sha256(tarball sha256 + config fragment + compiler
# version + this recipe's version): a changed tarball, configuration or compiler is a new folder, a warm run
# only checks hashes (seconds). Produces, per build <name> (written last = "this build is ready"):
#   <name>.txt     format, tarball, its sha256, key, config options, "xen=builds/<name>-<key>/xen" + sha256
# Builds:
#   upstream-4.17.7   xen-4.17.7.tar.xz              STATIC_MEMORY, STATIC_SHM (host address required)
#   upstream-4.21.2   xen-4.21.2.tar.xz              STATIC_MEMORY, STATIC_SHM, STATIC_EVTCHN, LLC_COLORING, BOOT_TIME_CPUPOOLS
#   xilinx-4.17       xen-xilinx-4.17-2023.2.tar.xz  STATIC_MEMORY, STATIC_SHM (the fork's hypervisor)
#   xilinx-4.17-llc   xen-xilinx-4.17-2023.2.tar.xz  also EXPERT, LLC_COLORING (the fork's colouring; a build of its
#                                                    own so the six Xilinx xl tests keep theirs)
# Environment: XSHM_XEN_SOURCES (the tarball folder; default <repo>/../shared/vendor/xen),
# XSHM_XEN_BUILD_CACHE, XSHM_XEN_BUILDS (space-separated subset of the names above), XSHM_XEN_JOBS (default 2).
# Recipe: shared/vendor/xen/README.md (make defconfig, the fragment, make olddefconfig, make).
set -euo pipefail
# shellcheck source=locations.sh
source "$(dirname "$0")/locations.sh" xen-source/prepare.sh
RECIPE=1   # bump when the build steps below change in a way that changes the image

# name  tarball  config options (each must be =y after olddefconfig, else the build is refused)
BUILDS=(
  "upstream-4.17.7|xen-4.17.7.tar.xz|UNSUPPORTED STATIC_MEMORY STATIC_SHM"
  "upstream-4.21.2|xen-4.21.2.tar.xz|UNSUPPORTED EXPERT STATIC_MEMORY STATIC_SHM STATIC_EVTCHN LLC_COLORING BOOT_TIME_CPUPOOLS"
  "xilinx-4.17|xen-xilinx-4.17-2023.2.tar.xz|UNSUPPORTED STATIC_MEMORY STATIC_SHM"
  "xilinx-4.17-llc|xen-xilinx-4.17-2023.2.tar.xz|UNSUPPORTED EXPERT STATIC_MEMORY STATIC_SHM LLC_COLORING"
)
wanted() { [ -z "${XSHM_XEN_BUILDS:-}" ] || [[ " $XSHM_XEN_BUILDS " == *" $1 "* ]]; }

# --- 1. Debian's cross compiler and the hypervisor build's host tools (installed only when missing)
need=()
for p in gcc-aarch64-linux-gnu libc6-dev-arm64-cross flex bison make python3 xz-utils; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || need+=("$p")
done
if [ ${#need[@]} -gt 0 ]; then
  $SUDO apt-get -o DPkg::Lock::Timeout=600 update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get -o DPkg::Lock::Timeout=600 install -y -qq --no-install-recommends "${need[@]}"
fi
CC_VERSION=$(aarch64-linux-gnu-gcc --version | head -1)

# --- 2. one hypervisor per entry, skipped when its keyed folder is complete
build_one() {  # build_one NAME TARBALL OPTIONS
  local name=$1 tar=$2 opts=$3
  local tarball="$SRC/$tar"
  [ -f "$tarball" ] || { echo "xen-source/prepare.sh: $tarball missing" >&2; exit 1; }
  local tsha; tsha=$(sha256sum "$tarball" | cut -d' ' -f1)
  local key; key=$(printf 'recipe=%s\ntarball=%s\noptions=%s\ncc=%s\n' "$RECIPE" "$tsha" "$opts" "$CC_VERSION" | sha256sum | cut -c1-16)
  local out="builds/$name-$key"
  if [ -f "$C/$name.txt" ] && grep -qx "xen=$out/xen $( [ -f "$C/$out/xen" ] && sha256sum "$C/$out/xen" | cut -d' ' -f1)" "$C/$name.txt"; then
    echo "xen-source/prepare.sh: $name cached ($out)"; return 0
  fi
  echo "xen-source/prepare.sh: building $name from $tar (key $key)"
  rm -f "$C/$name.txt"
  local w="$C/work/$name"; rm -rf "$w"; mkdir -p "$w"
  tar -xf "$tarball" -C "$w"
  local top; top=$(ls "$w"); local x="$w/$top/xen"
  local t0=$SECONDS
  (
    cd "$x"
    export XEN_TARGET_ARCH=arm64 CROSS_COMPILE=aarch64-linux-gnu-
    make -s defconfig >/dev/null
    for o in $opts; do echo "CONFIG_$o=y"; done >> .config
    make -s olddefconfig >/dev/null
    for o in $opts; do
      grep -qx "CONFIG_$o=y" .config || { echo "xen-source/prepare.sh: $name: CONFIG_$o not set after olddefconfig (a dependency is missing)" >&2; exit 1; }
    done
    make -s -j"$JOBS" > "$w/build.log" 2>&1 || { tail -40 "$w/build.log" >&2; exit 1; }
  )
  mkdir -p "$C/$out.tmp"
  cp "$x/xen" "$C/$out.tmp/xen"; cp "$x/.config" "$C/$out.tmp/config"
  rm -rf "$C/$out"; mv "$C/$out.tmp" "$C/$out"; rm -rf "$w"
  {
    echo "format=1"
    echo "tarball=$tar $tsha"
    echo "key=$key"
    echo "options=$opts"
    echo "compiler=$CC_VERSION"
    echo "xen=$out/xen $(sha256sum "$C/$out/xen" | cut -d' ' -f1)"
  } > "$C/$name.txt.tmp"
  mv "$C/$name.txt.tmp" "$C/$name.txt"
  echo "xen-source/prepare.sh: $name built in $((SECONDS - t0)) s"
}
mkdir -p "$C/builds"
for b in "${BUILDS[@]}"; do
  IFS='|' read -r name tar opts <<<"$b"
  wanted "$name" && build_one "$name" "$tar" "$opts"
done
rm -rf "$C/work"
echo "xen-source/prepare.sh: cache $C"
