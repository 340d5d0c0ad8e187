#!/usr/bin/env bash
# Debian packages the tests compare against or run: dtc (byte reference), cpp (kernel DTS
# preprocessing), u-boot-tools (mkimage -l / dumpimage), libxen-dev (Xen's own xl config
# parser, libxlutil), a C compiler for the tiny libxlutil helper, what the QEMU boot
# tests need, dosfstools + mtools (the disk image checks) and clang + zlib1g-dev for Native AOT
# (the native xdtc the CLI tests also run); Debian's aarch64 cross compiler and U-Boot's build dependencies (bc bison
# flex libssl-dev patch) for testassets/u-boot-source/prepare.sh (and the Xen builds). Idempotent; skips the install when everything is already there.
set -euo pipefail
pkgs=(device-tree-compiler cpp gcc libc6-dev u-boot-tools libxen-dev pkg-config
      qemu-system-arm u-boot-qemu cpio e2fsprogs fdisk xz-utils gzip dosfstools mtools
      clang zlib1g-dev
      gcc-aarch64-linux-gnu libc6-dev-arm64-cross make bc bison flex libssl-dev patch python3)
missing=()
for p in "${pkgs[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -eq 0 ]; then exit 0; fi
SUDO=""
[ "$(id -u)" -eq 0 ] || SUDO="sudo"
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get -o DPkg::Lock::Timeout=600 update -qq
$SUDO apt-get -o DPkg::Lock::Timeout=600 install -y -qq --no-install-recommends "${missing[@]}"
