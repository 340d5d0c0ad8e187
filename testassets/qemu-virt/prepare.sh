#!/bin/bash
# Prepares everything the QEMU boot tests (tests/Xen.Shm.Boot.Tests) need, from Debian 12 packages
# only, in a cache outside the repository:
#   ${XSHM_QEMU_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/xen-shm-sdk/qemu}
# Produces (fixed names, read by the tests):
#   xen                 Xen 4.17 arm64 hypervisor image  (xen-hypervisor-4.17-arm64:arm64)
#   Image               Linux arm64 kernel, plain Image  (newest linux-image-6.1.0-N-arm64-unsigned:arm64)
#   busybox             static arm64 busybox             (busybox-static:arm64)
#   initramfs.cpio.gz   busybox + our handshake test program (initramfs/init), byte-for-byte reproducible
#   virt.dtb            QEMU's own device tree for exactly the machine the tests boot (see QEMU_MACHINE below)
#   virt.dts            virt.dtb decompiled by dtc (board.dts of testassets/qemu-virt /include/s it as images/virt.dts)
#   prepared.txt        what was produced (packages, machine flags, sha256); written last = "cache is ready"
# Idempotent: downloads only what is missing (XSHM_QEMU_REFRESH=1 to fetch the newest packages again),
# always rebuilds initramfs.cpio.gz and virt.dtb (cheap and deterministic). Needs root for apt (CI is root).
# Follows the project guide shared/guide/qemu-boot (00-packages.sh, 10-initramfs.sh, 20-dtbs.sh).
set -euo pipefail
HERE=$(cd "$(dirname "$0")" && pwd)
C=${XSHM_QEMU_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/xen-shm-sdk/qemu}
# Machine flags: must equal the ones the tests boot with (Xen.Shm.Boot.Tests QemuMachine).
# dtb-randomness=off: no rng-seed/kaslr-seed in /chosen, so every dump (and every boot) has the same DT.
# -nic none: Debian's qemu without recommends lacks the PXE ROM of the default network card.
QEMU_MACHINE="virt,virtualization=on,gic-version=3,dtb-randomness=off"
QEMU_CPU="-cpu cortex-a57 -smp 2 -m 2048 -nic none"
mkdir -p "$C/debs"
rm -f "$C/prepared.txt"
SUDO=""; [ "$(id -u)" -eq 0 ] || SUDO=sudo

# --- 1. host tools (what the tests run on the amd64 side)
need=()
for p in qemu-system-arm u-boot-qemu u-boot-tools device-tree-compiler cpio gzip e2fsprogs fdisk; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || need+=("$p")
done
if [ ${#need[@]} -gt 0 ]; then
  $SUDO apt-get -o DPkg::Lock::Timeout=600 update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get -o DPkg::Lock::Timeout=600 install -y -qq --no-install-recommends "${need[@]}"
fi

# --- 2. arm64 guest packages: downloaded, never installed
apt_updated=0
apt_update() { [ $apt_updated = 1 ] || { $SUDO apt-get -o DPkg::Lock::Timeout=600 update -qq; apt_updated=1; }; }
if ! dpkg --print-foreign-architectures | grep -qx arm64; then
  $SUDO dpkg --add-architecture arm64; apt_update
fi
if [ "${XSHM_QEMU_REFRESH:-0}" = 1 ]; then rm -f "$C"/debs/*.deb; apt_update; fi
have() { compgen -G "$C/debs/$1" >/dev/null; }
newest_kernel() {
  # old kernel ABIs leave the archive: take the newest 6.1.0-N in the apt lists
  apt-cache search --names-only '^linux-image-6\.1\.0-[0-9]+-arm64-unsigned$' | awk '{print $1}' | sort -V | tail -1
}
fetch() {  # fetch PACKAGE...  (apt-get download into debs/, retried once after apt-get update)
  (cd "$C/debs" && apt-get download -q "$@" 2>&1) || { apt_update; (cd "$C/debs" && apt-get download -q "$@"); }
}
have 'xen-hypervisor-4.17-arm64_*_arm64.deb' || fetch xen-hypervisor-4.17-arm64:arm64
have 'busybox-static_*_arm64.deb'            || fetch busybox-static:arm64
if ! have 'linux-image-6.1.0-*-arm64-unsigned_*_arm64.deb'; then
  k=$(newest_kernel); [ -n "$k" ] || { apt_update; k=$(newest_kernel); }
  [ -n "$k" ] || { echo "prepare.sh: no linux-image-6.1.0-N-arm64-unsigned in the apt lists" >&2; exit 1; }
  fetch "$k:arm64"
fi
XEN_DEB=$(ls "$C"/debs/xen-hypervisor-4.17-arm64_*_arm64.deb | sort -V | tail -1)
BB_DEB=$(ls "$C"/debs/busybox-static_*_arm64.deb | sort -V | tail -1)
K_DEB=$(ls "$C"/debs/linux-image-6.1.0-*-arm64-unsigned_*_arm64.deb | sort -V | tail -1)

# --- 3. extract only the three files (dpkg -x, then drop the rest: lib/modules alone is ~300 MB)
extract() {  # extract DEB GLOB DEST
  local t="$C/x.tmp"; rm -rf "$t"; mkdir -p "$t"; dpkg -x "$1" "$t"
  local f; f=$(ls $t/$2 | head -1); [ -f "$f" ] || { echo "prepare.sh: $2 not in $1" >&2; exit 1; }
  cp "$f" "$C/$3.tmp"; mv "$C/$3.tmp" "$C/$3"; rm -rf "$t"
}
stamp() { echo "$(basename "$1")"; }
[ -f "$C/xen" ]     && [ "$(cat "$C/xen.from" 2>/dev/null)" = "$(stamp "$XEN_DEB")" ] || { extract "$XEN_DEB" 'boot/xen-4.17-arm64' xen; stamp "$XEN_DEB" > "$C/xen.from"; }
[ -f "$C/Image" ]   && [ "$(cat "$C/Image.from" 2>/dev/null)" = "$(stamp "$K_DEB")" ] || { extract "$K_DEB" 'boot/vmlinuz-*-arm64' Image; stamp "$K_DEB" > "$C/Image.from"; }
[ -f "$C/busybox" ] && [ "$(cat "$C/busybox.from" 2>/dev/null)" = "$(stamp "$BB_DEB")" ] || { extract "$BB_DEB" 'bin/busybox' busybox; stamp "$BB_DEB" > "$C/busybox.from"; }

# --- 4. initramfs: busybox + /init (our handshake test program), reproducible:
#        fixed mtimes, sorted names, owner 0:0, cpio --reproducible (no inode/dev numbers), gzip -n
R="$C/initramfs.root"; rm -rf "$R"; mkdir -p "$R"/{bin,dev,proc,sys,tmp}
install -m 0755 "$C/busybox" "$R/bin/busybox"
# applets as hand-made symlinks: an arm64 busybox cannot run --install on this amd64 host
for a in sh mount echo cat sleep devmem poweroff grep ls uname head sed tr insmod mkdir ln; do ln -s busybox "$R/bin/$a"; done
install -m 0755 "$HERE/initramfs/init" "$R/init"
chmod 0755 "$R" "$R"/bin "$R"/dev "$R"/proc "$R"/sys; chmod 1777 "$R/tmp"
find "$R" -exec touch -h -d @0 {} +
(cd "$R" && find . -mindepth 1 | LC_ALL=C sort | cpio -o -H newc -R 0:0 --reproducible --quiet) | gzip -9 -n > "$C/initramfs.cpio.gz.tmp"
mv "$C/initramfs.cpio.gz.tmp" "$C/initramfs.cpio.gz"; rm -rf "$R"

# --- 5. QEMU's own device tree for the machine the tests boot (the host DTB is derived from it)
qemu-system-aarch64 -machine "$QEMU_MACHINE,dumpdtb=$C/virt.dtb.tmp" $QEMU_CPU -display none -monitor none -serial null >/dev/null 2>&1 || true
[ -s "$C/virt.dtb.tmp" ] || { echo "prepare.sh: qemu-system-aarch64 dumpdtb failed" >&2; exit 1; }
mv "$C/virt.dtb.tmp" "$C/virt.dtb"
# The SDK reads the host tree as DTS (board.dts adds the board's fix-up to it); dtc's decompile is deterministic.
dtc -q -I dtb -O dts -o "$C/virt.dts.tmp" "$C/virt.dtb"
mv "$C/virt.dts.tmp" "$C/virt.dts"

# --- 6. report (prepared.txt last: the tests treat its presence as "cache ready")
ver() { dpkg-deb -f "$1" Package; }
{
  echo "format=1"
  echo "qemu_machine=-machine $QEMU_MACHINE $QEMU_CPU"
  echo "xen_package=$(ver "$XEN_DEB") $(dpkg-deb -f "$XEN_DEB" Version)"
  echo "kernel_package=$(ver "$K_DEB") $(dpkg-deb -f "$K_DEB" Version)"
  echo "busybox_package=$(ver "$BB_DEB") $(dpkg-deb -f "$BB_DEB" Version)"
  for f in xen Image busybox initramfs.cpio.gz virt.dtb virt.dts; do
    echo "file=$f $(stat -c %s "$C/$f") $(sha256sum "$C/$f" | cut -d' ' -f1)"
  done
} > "$C/prepared.txt.tmp"
mv "$C/prepared.txt.tmp" "$C/prepared.txt"
echo "prepare.sh: cache $C"
sed 's/^/  /' "$C/prepared.txt"
