#!/bin/bash
# LLC colouring + static heap board (issue 20). Builds, in the qemu-virt cache (run ../qemu-virt/prepare.sh first;
# it is run here when missing):
#   llc/<key>/initramfs-llc.cpio.gz   busybox + ../qemu-virt/initramfs/init (/init, the handshake) with one line
#                                     added after "export PATH=/bin" that sources ./poweroff.sh (/lib: a shell
#                                     function poweroff that presses Xen's debug keys xshm_keys= first) +
#                                     xshm-evtchn (../qemu-evtchn-cpupool/xshm-evtchn.c, built static with Debian's
#                                     aarch64 cross compiler: its "keys" command) + Debian's xen-privcmd.ko
#   llc/prepared.txt                  written last: key, compiler, "file=<path> <size> <sha256>"
# key = sha256 of the init, poweroff.sh, xshm-evtchn.c, busybox, the kernel package and the compiler version.
# Environment: XSHM_QEMU_CACHE (the qemu-virt cache).
set -euo pipefail
HERE=$(cd "$(dirname "$0")" && pwd)
INIT="$HERE/../qemu-virt/initramfs/init"; EVTCHN_C="$HERE/../qemu-evtchn-cpupool/xshm-evtchn.c"
C=${XSHM_QEMU_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/xen-shm-sdk/qemu}
[ -f "$C/prepared.txt" ] || bash "$HERE/../qemu-virt/prepare.sh"
SUDO=""; [ "$(id -u)" -eq 0 ] || SUDO=sudo
need=()
for p in gcc-aarch64-linux-gnu libc6-dev-arm64-cross cpio; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || need+=("$p")
done
if [ ${#need[@]} -gt 0 ]; then
  $SUDO apt-get -o DPkg::Lock::Timeout=600 update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get -o DPkg::Lock::Timeout=600 install -y -qq --no-install-recommends "${need[@]}"
fi
CC_VERSION=$(aarch64-linux-gnu-gcc --version | head -1)
K_DEB=$(ls "$C"/debs/linux-image-6.1.0-*-arm64-unsigned_*_arm64.deb | sort -V | tail -1)
KEY=$({ sha256sum "$INIT" "$HERE/poweroff.sh" "$EVTCHN_C" "$C/busybox" | cut -d' ' -f1; basename "$K_DEB"; echo "$CC_VERSION"; echo recipe=2; } | sha256sum | cut -c1-16)
E="$C/llc"; OUT="$E/$KEY/initramfs-llc.cpio.gz"
if [ -f "$E/prepared.txt" ] && [ -f "$OUT" ] && grep -qx "file=$KEY/initramfs-llc.cpio.gz $(stat -c %s "$OUT") $(sha256sum "$OUT" | cut -d' ' -f1)" "$E/prepared.txt"; then
  echo "prepare.sh (llc): cached $OUT"; exit 0
fi
rm -f "$E/prepared.txt"; mkdir -p "$E/$KEY"
R="$E/root.tmp"; rm -rf "$R"; mkdir -p "$R"/{bin,dev,proc,sys,tmp,lib/modules}
install -m 0755 "$C/busybox" "$R/bin/busybox"
for a in sh mount echo cat sleep devmem poweroff grep ls uname head sed tr insmod mkdir ln; do ln -s busybox "$R/bin/$a"; done
install -m 0644 "$HERE/poweroff.sh" "$R/lib/xshm-poweroff.sh"
grep -qx 'export PATH=/bin' "$INIT" || { echo "prepare.sh (llc): no 'export PATH=/bin' line in $INIT" >&2; exit 1; }
sed '/^export PATH=\/bin$/a . /lib/xshm-poweroff.sh' "$INIT" > "$R/init"; chmod 0755 "$R/init"
aarch64-linux-gnu-gcc -static -O2 -s -Wl,--build-id=none -o "$R/bin/xshm-evtchn" "$EVTCHN_C"
X="$E/k.tmp"; rm -rf "$X"; mkdir -p "$X"
dpkg-deb --fsys-tarfile "$K_DEB" | tar -x -C "$X" --wildcards './lib/modules/*/kernel/drivers/xen/xen-privcmd.ko'
cp "$X"/lib/modules/*/kernel/drivers/xen/xen-privcmd.ko "$R/lib/modules/"; rm -rf "$X"
chmod 0755 "$R" "$R"/bin "$R"/dev "$R"/proc "$R"/sys; chmod 1777 "$R/tmp"
find "$R" -exec touch -h -d @0 {} +
(cd "$R" && find . -mindepth 1 | LC_ALL=C sort | cpio -o -H newc -R 0:0 --reproducible --quiet) | gzip -6 -n > "$OUT.tmp"
mv "$OUT.tmp" "$OUT"; rm -rf "$R"
{ echo "format=1"; echo "key=$KEY"; echo "compiler=$CC_VERSION"; echo "kernel_package=$(basename "$K_DEB")"
  echo "file=$KEY/initramfs-llc.cpio.gz $(stat -c %s "$OUT") $(sha256sum "$OUT" | cut -d' ' -f1)"; } > "$E/prepared.txt.tmp"
mv "$E/prepared.txt.tmp" "$E/prepared.txt"
echo "prepare.sh (llc): $OUT"
