#!/bin/bash
# Stretch board (mechanism 2, spec section 5): dom0 and an xl domU that dom0 creates with `xl create`, sharing
# one page given to the domU by xl `iomem`. Builds, in the qemu-virt cache (run ../qemu-virt/prepare.sh first):
#   uio/initramfs-dom0-xl.cpio.gz   busybox + the test program (/init) + dom0-init (/dom0-init) + Debian's arm64
#                                   Xen toolstack (xl, oxenstored, xen-init-dom0 and their libraries) + the Xen
#                                   kernel modules. The boot folder's etc/xen/** (our xl file, the xl domU's
#                                   kernel and ramdisk, the creation-order script) is appended at test time.
# Debian's arm64 kernel has no uio_pdrv_genirq (CONFIG_UIO_PDRV_GENIRQ is not set), so dom0 reaches the
# page through /dev/mem like the other boards, not through /dev/uio0.
set -euo pipefail
HERE=$(cd "$(dirname "$0")" && pwd)
C=${XSHM_QEMU_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/xen-shm-sdk/qemu}
[ -f "$C/prepared.txt" ] || bash "$HERE/../qemu-virt/prepare.sh"
U="$C/uio"; mkdir -p "$U/debs"
rm -f "$U/prepared.txt"
# xl's run-time closure on Debian 12 (readelf NEEDED of xl, oxenstored, xen-init-dom0 and the libraries)
PKGS="xen-utils-4.17 xen-utils-common libxenmisc4.17 libxencall1 libxenevtchn1 libxenforeignmemory1 libxengnttab1
      libxenstore4 libxentoollog1 libxendevicemodel1 libxenhypfs1 libxentoolcore1 libyajl2 libc6 libext2fs2
      libcom-err2 libfdt1 libuuid1 zlib1g libncurses6 libtinfo6 libgcc-s1"   # libgcc_s: xl's pthread_cancel
missing=()
for p in $PKGS; do compgen -G "$U/debs/${p}_*_arm64.deb" >/dev/null || missing+=("$p:arm64"); done
if [ ${#missing[@]} -gt 0 ]; then
  (cd "$U/debs" && apt-get download -q "${missing[@]}" 2>&1) || { apt-get update -qq; (cd "$U/debs" && apt-get download -q "${missing[@]}"); }
fi
X="$U/x.tmp"; rm -rf "$X"; mkdir -p "$X"
for d in "$U"/debs/*.deb; do dpkg -x "$d" "$X"; done
K_DEB=$(ls "$C"/debs/linux-image-6.1.0-*-arm64-unsigned_*_arm64.deb | sort -V | tail -1)
mkdir -p "$X/k"; dpkg-deb --fsys-tarfile "$K_DEB" | tar -x -C "$X/k" --wildcards './lib/modules/*/kernel/drivers/xen/*'

R="$U/root"; rm -rf "$R"; mkdir -p "$R"/{bin,dev,proc,sys,tmp,run,etc,lib/modules,usr/lib}
install -m 0755 "$C/busybox" "$R/bin/busybox"
for a in sh mount echo cat sleep devmem poweroff grep ls uname head sed tr insmod mkdir ln; do ln -s busybox "$R/bin/$a"; done
install -m 0755 "$HERE/../qemu-virt/initramfs/init" "$R/init"
install -m 0755 "$HERE/dom0-init" "$R/dom0-init"
cp -a "$X/lib/." "$R/lib/"
cp -a "$X/usr/lib/aarch64-linux-gnu" "$R/usr/lib/"
mkdir -p "$R/usr/lib/xen-4.17/bin"
for b in xl oxenstored xen-init-dom0 xenconsoled libxl-save-helper; do cp -a "$X/usr/lib/xen-4.17/bin/$b" "$R/usr/lib/xen-4.17/bin/"; done
cp -a "$X/usr/lib/xen-4.17/lib" "$R/usr/lib/xen-4.17/" 2>/dev/null || true
mkdir -p "$R/etc/xen"; cp "$X/etc/xen/oxenstored.conf" "$X/etc/xen/xl.conf" "$R/etc/xen/"
for m in xen-evtchn xen-gntdev xen-privcmd xenfs/xenfs; do cp "$X"/k/lib/modules/*/kernel/drivers/xen/$m.ko "$R/lib/modules/"; done
rm -rf "$X"
find "$R" -exec touch -h -d @0 {} +
(cd "$R" && find . -mindepth 1 | LC_ALL=C sort | cpio -o -H newc -R 0:0 --reproducible --quiet) | gzip -6 -n > "$U/initramfs-dom0-xl.cpio.gz.tmp"
mv "$U/initramfs-dom0-xl.cpio.gz.tmp" "$U/initramfs-dom0-xl.cpio.gz"; rm -rf "$R"
{ echo "format=1"; for p in $PKGS; do f=$(ls "$U"/debs/${p}_*_arm64.deb | head -1); echo "package=$p $(dpkg-deb -f "$f" Version)"; done
  echo "file=initramfs-dom0-xl.cpio.gz $(stat -c %s "$U/initramfs-dom0-xl.cpio.gz") $(sha256sum "$U/initramfs-dom0-xl.cpio.gz" | cut -d' ' -f1)"
} > "$U/prepared.txt"
echo "prepare.sh (uio): $U"; sed 's/^/  /' "$U/prepared.txt" | tail -1
