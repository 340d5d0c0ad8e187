#!/bin/bash
# Cross-builds the Xilinx fork's Xen toolstack for an arm64 dom0 and packs it into a dom0 initramfs, for boots
# on the fork's hypervisor (xilinx-4.17 of ./prepare.sh): Debian's 4.17 xl cannot drive the fork (its domctl
# interface is 0x16, Debian's 0x15), and the fork's xl is the one with `static_shm` and `iomem=[...,memory]`.
# Not named prepare.sh on purpose: it must run after ./prepare.sh (same build tree), so ../qemu-xilinx-xl/prepare.sh
# (run by .ci/run) calls both in that order.
# Cache, outside the repository: ${XSHM_XEN_BUILD_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/xen-shm-sdk/xen-build}
#   builds/xilinx-4.17-tools-<key>/stage/         `make install` of the subfolders below (DESTDIR)
#   builds/xilinx-4.17-tools-<key>/dom0-tools.cpio.gz
#                                                 /usr/lib/xen-4.17/bin/{xl,xenstored,xen-init-dom0,xenconsoled,
#                                                 libxl-save-helper}, their arm64 shared libraries (the tree's
#                                                 libxen*.so and Debian's); no /init: it is
#                                                 concatenated after a board's own initramfs (the kernel
#                                                 unpacks concatenated cpio archives in order)
#   xilinx-4.17-tools.txt                         written last = "ready": tarball sha256, key, files + sha256
# key = sha256(tarball sha256 + configure options + subfolders + compiler + Debian's arm64 -dev package versions +
# this recipe's version). Environment: XSHM_XEN_SOURCES, XSHM_XEN_BUILD_CACHE, XSHM_XEN_JOBS (as ./prepare.sh).
# Recipe and pitfalls: shared/vendor/xen/README.md ("Tools ... for an arm64 dom0").
set -euo pipefail
# shellcheck source=locations.sh
source "$(dirname "$0")/locations.sh" xen-source/toolstack.sh
RECIPE=2   # bump when the steps below change the result
NAME=xilinx-4.17-tools
TAR=xen-xilinx-4.17-2023.2.tar.xz
[ -f "$SRC/$TAR" ] || { echo "xen-source/toolstack.sh: $SRC/$TAR missing (set XSHM_XEN_SOURCES)" >&2; exit 1; }

# --- 1. Debian's cross compiler, the tools' build-time programs and the arm64 libraries xl links (multiarch)
HOST_PKGS="gcc-aarch64-linux-gnu libc6-dev-arm64-cross make python3 xz-utils pkg-config acpica-tools flex bison cpio"
ARM64_PKGS="libyajl-dev zlib1g-dev uuid-dev libfdt-dev libncurses-dev libzstd-dev liblzma-dev libbz2-dev liblzo2-dev"
installed() { dpkg-query -W -f='${Status}' "$1" 2>/dev/null | grep -q "install ok installed"; }
need=()
for p in $HOST_PKGS; do installed "$p" || need+=("$p"); done
for p in $ARM64_PKGS; do installed "$p:arm64" || need+=("$p:arm64"); done
if [ ${#need[@]} -gt 0 ]; then
  dpkg --print-foreign-architectures | grep -qx arm64 || $SUDO dpkg --add-architecture arm64
  $SUDO apt-get -o DPkg::Lock::Timeout=600 update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get -o DPkg::Lock::Timeout=600 install -y -qq --no-install-recommends "${need[@]}"
fi

# configure: only what xl needs; no firmware, stubdom, docs, Go, OCaml (so C xenstored), QEMU (none is built:
# the boards' domUs are PV-only on Arm), Python tools, systemd units
CONFIGURE="--host=aarch64-linux-gnu --prefix=/usr --disable-stubdom --disable-docs --disable-golang
  --disable-ocamltools --disable-qemu-traditional --disable-rombios --disable-seabios --disable-ipxe
  --disable-xsmpolicy --disable-pygrub --disable-monitors --disable-systemd --disable-werror
  --with-system-qemu=/usr/bin/qemu-system-i386"
# tools/include first (else a build machine's /usr/include/xen headers win, README pitfall); tools/tests is
# never entered (its host vpci test does not link in a cross build)
SUBDIRS="libs xenstore xl helpers console"
CC_VERSION=$(aarch64-linux-gnu-gcc --version | head -1)
DEV_VERSIONS=$(for p in $ARM64_PKGS; do dpkg-query -W -f='${Package}=${Version} ' "$p:arm64"; done)
TSHA=$(sha256sum "$SRC/$TAR" | cut -d' ' -f1)
KEY=$(printf 'recipe=%s\ntarball=%s\nconfigure=%s\nsubdirs=%s\ncc=%s\ndev=%s\n' "$RECIPE" "$TSHA" "$CONFIGURE" \
  "$SUBDIRS" "$CC_VERSION" "$DEV_VERSIONS" | sha256sum | cut -c1-16)
OUT="builds/$NAME-$KEY"
CPIO="$OUT/dom0-tools.cpio.gz"
if [ -f "$C/$NAME.txt" ] && [ -f "$C/$CPIO" ] && grep -qx "file=$CPIO $(sha256sum "$C/$CPIO" | cut -d' ' -f1)" "$C/$NAME.txt"; then
  echo "xen-source/toolstack.sh: $NAME cached ($OUT)"; exit 0
fi

# --- 2. configure and build the subfolders, install them into a staging folder
echo "xen-source/toolstack.sh: building $NAME from $TAR (key $KEY)"
t0=$SECONDS
rm -f "$C/$NAME.txt"
W="$C/work/$NAME"; rm -rf "$W"; mkdir -p "$W"
tar -xf "$SRC/$TAR" -C "$W"
T="$W/$(ls "$W")"
S="$C/$OUT.tmp/stage"; rm -rf "$C/$OUT.tmp"; mkdir -p "$S"
(
  cd "$T"
  export XEN_TARGET_ARCH=arm64 CROSS_COMPILE=aarch64-linux-gnu- PKG_CONFIG_LIBDIR=/usr/lib/aarch64-linux-gnu/pkgconfig
  # shellcheck disable=SC2086
  ./configure $CONFIGURE > "$W/configure.log" 2>&1 || { tail -20 "$W/configure.log" >&2; exit 1; }
  make -s -C tools/include > "$W/build.log" 2>&1 || { tail -40 "$W/build.log" >&2; exit 1; }
  for d in $SUBDIRS; do
    make -s -j"$JOBS" -C "tools/$d" >> "$W/build.log" 2>&1 || { tail -40 "$W/build.log" >&2; exit 1; }
    make -s -C "tools/$d" install DESTDIR="$S" >> "$W/build.log" 2>&1 || { tail -40 "$W/build.log" >&2; exit 1; }
  done
)

# --- 3. dom0's part of the initramfs: the programs at Debian's path (the fork is 4.17 too) + their libraries
R="$W/root"; B="$R/usr/lib/xen-4.17/bin"; mkdir -p "$B" "$R/usr/lib/aarch64-linux-gnu"
for p in usr/sbin/xl usr/sbin/xenstored usr/lib/xen/bin/xen-init-dom0 usr/sbin/xenconsoled usr/lib/xen/bin/libxl-save-helper; do
  [ -f "$S/$p" ] || { echo "xen-source/toolstack.sh: $p not installed by the build" >&2; exit 1; }
  install -m 0755 "$S/$p" "$B/$(basename "$p")"
done
# the closure of NEEDED libraries: the tree's own first, then Debian's arm64 ones (multiarch, cross libc)
LIBPATH="$S/usr/lib $S/usr/lib64 /usr/lib/aarch64-linux-gnu /lib/aarch64-linux-gnu /usr/aarch64-linux-gnu/lib"
find_lib() { local d; for d in $LIBPATH; do [ -e "$d/$1" ] && { echo "$d/$1"; return; }; done; return 1; }
todo=$(find "$B" -type f); seen=" "
while [ -n "$todo" ]; do
  next=""
  for f in $todo; do
    for n in $(aarch64-linux-gnu-readelf -d "$f" | sed -n 's/.*(NEEDED).*\[\(.*\)\]/\1/p'); do
      [[ "$seen" == *" $n "* ]] && continue; seen="$seen$n "
      l=$(find_lib "$n") || { echo "xen-source/toolstack.sh: $n (NEEDED by $(basename "$f")) not found in $LIBPATH" >&2; exit 1; }
      cp -L "$l" "$R/usr/lib/aarch64-linux-gnu/$n"; next="$next $R/usr/lib/aarch64-linux-gnu/$n"
    done
  done
  todo=$next
done
# the program interpreter (where the arm64 ELF header names it) and libc.so.6 as ONE glibc build, in the folder
# the loader searches first (Debian's /lib/aarch64-linux-gnu, over the board initramfs's own pair): an ld.so of
# another build (the cross compiler's 2.36-8 beside Debian's 2.36-9+deb12uN libc) made xl create spin in
# xs_watch's pthread_create and xenconsoled in fork() (GLIBC_PRIVATE data laid out differently)
G=$(dirname "$(find_lib libc.so.6)")
glibc_build() { grep -a -o 'Debian GLIBC [^)]*' "$1" | head -1; }
[ -n "$(glibc_build "$G/libc.so.6")" ] && [ "$(glibc_build "$G/libc.so.6")" = "$(glibc_build "$G/ld-linux-aarch64.so.1")" ] ||
  { echo "xen-source/toolstack.sh: $G/libc.so.6 and ld-linux-aarch64.so.1 are not one glibc build" >&2; exit 1; }
mkdir -p "$R/lib/aarch64-linux-gnu"
cp -L "$G/libc.so.6" "$G/ld-linux-aarch64.so.1" "$R/lib/aarch64-linux-gnu/"
ln -s aarch64-linux-gnu/ld-linux-aarch64.so.1 "$R/lib/ld-linux-aarch64.so.1"
find "$R" -exec touch -h -d @0 {} +
(cd "$R" && find . -mindepth 1 | LC_ALL=C sort | cpio -o -H newc -R 0:0 --reproducible --quiet) | gzip -6 -n > "$C/$OUT.tmp/dom0-tools.cpio.gz"
rm -rf "$C/$OUT"; mv "$C/$OUT.tmp" "$C/$OUT"; rm -rf "$W"; rmdir "$C/work" 2>/dev/null || true
{
  echo "format=1"
  echo "tarball=$TAR $TSHA"
  echo "key=$KEY"
  echo "configure=$(echo $CONFIGURE)"
  echo "subdirs=$SUBDIRS"
  echo "compiler=$CC_VERSION"
  echo "arm64-dev=$DEV_VERSIONS"
  echo "file=$CPIO $(sha256sum "$C/$CPIO" | cut -d' ' -f1)"
} > "$C/$NAME.txt.tmp"
mv "$C/$NAME.txt.tmp" "$C/$NAME.txt"
echo "xen-source/toolstack.sh: $NAME built in $((SECONDS - t0)) s: $C/$CPIO"
