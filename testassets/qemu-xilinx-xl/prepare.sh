#!/bin/bash
# dom0's initramfs for the xl boards on the Xilinx 4.17 fork (mechanisms 1 and 3): qemu-uio's toolstack
# initramfs (busybox, the handshake program /init, Debian's Xen kernel modules and libraries), then the fork's
# own toolstack (../xen-source/toolstack.sh: xl, libxl, C xenstored, xen-init-dom0, xenconsoled; Debian's 4.17 xl
# cannot drive the fork), then this folder's dom0-init. Concatenated compressed cpios, unpacked in order by Linux.
# Writes, in the qemu-virt cache: xilinx-xl/initramfs-dom0.cpio.gz and xilinx-xl/prepared.txt (last).
# Key = sha256 of the three parts: rebuilt only when one of them changed.
set -euo pipefail
HERE=$(cd "$(dirname "$0")" && pwd)
C=${XSHM_QEMU_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/xen-shm-sdk/qemu}
[ -f "$C/uio/prepared.txt" ] || bash "$HERE/../qemu-uio/prepare.sh"
# the hypervisor first, then the toolstack: both use the same build tree and must not run at the same time
bash "$HERE/../xen-source/prepare.sh"
bash "$HERE/../xen-source/toolstack.sh"
B=${XSHM_XEN_BUILD_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/xen-shm-sdk/xen-build}
TOOLS=$B/$(sed -n 's/^file=\([^ ]*\) .*/\1/p' "$B/xilinx-4.17-tools.txt")
[ -f "$TOOLS" ] || { echo "prepare.sh (xilinx-xl): no toolstack cpio $TOOLS" >&2; exit 1; }
O="$C/xilinx-xl"; mkdir -p "$O"
W=$(mktemp -d); trap 'rm -rf "$W"' EXIT
install -m 0755 "$HERE/dom0-init" "$W/dom0-init"; touch -h -d @0 "$W/dom0-init"
(cd "$W" && echo dom0-init | cpio -o -H newc -R 0:0 --reproducible --quiet) | gzip -6 -n > "$W/init.cpio.gz"
KEY=$(sha256sum "$C/uio/initramfs-dom0-xl.cpio.gz" "$TOOLS" "$W/init.cpio.gz" | cut -d' ' -f1 | sha256sum | cut -c1-16)
if ! grep -qx "key=$KEY" "$O/prepared.txt" 2>/dev/null; then
  rm -f "$O/prepared.txt"
  cat "$C/uio/initramfs-dom0-xl.cpio.gz" "$TOOLS" "$W/init.cpio.gz" > "$O/initramfs-dom0.cpio.gz.tmp"
  mv "$O/initramfs-dom0.cpio.gz.tmp" "$O/initramfs-dom0.cpio.gz"
  { echo "format=1"; echo "key=$KEY"; echo "tools=${TOOLS#$B/}"
    echo "file=initramfs-dom0.cpio.gz $(stat -c %s "$O/initramfs-dom0.cpio.gz") $(sha256sum "$O/initramfs-dom0.cpio.gz" | cut -d' ' -f1)"
  } > "$O/prepared.txt"
fi
echo "prepare.sh (xilinx-xl): $O"; sed 's/^/  /' "$O/prepared.txt" | tail -1
