#!/bin/bash
# Boots a qemu-virt boot folder as a board would: Debian's U-Boot (u-boot-qemu) as QEMU's firmware finds the
# folder's boot.scr on an ext2 partition of a virtio disk (distro boot) and runs it. Prints the handshake lines
# of the serial log and exits 0 only when dom0 printed "XSHM: SHM-OK". The same route as the UBootDisk boots of
# tests/Xen.Shm.Boot.Tests (Qemu/DiskImage.cs, Qemu/QemuMachine.cs; guide qemu-boot section 7).
#   usage: boot.sh BOOT_FOLDER [WORK_FOLDER]     (WORK_FOLDER gets disk.img and serial.log)
# Environment: XSHM_UBOOT_BIN (U-Boot), XSHM_BOOT_WALL_LIMIT_S (default 240).
set -euo pipefail
BOOT=${1:?usage: boot.sh BOOT_FOLDER [WORK_FOLDER]}
W=${2:-$(mktemp -d)}
UBOOT=${XSHM_UBOOT_BIN:-/usr/lib/u-boot/qemu_arm64/u-boot.bin}
LIMIT=${XSHM_BOOT_WALL_LIMIT_S:-240}
PATH=$PATH:/usr/sbin:/sbin
for t in qemu-system-aarch64 sfdisk mke2fs; do
  command -v $t >/dev/null || { echo "boot.sh: $t not installed: run testassets/qemu-virt/prepare.sh" >&2; exit 2; }
done
[ -f "$UBOOT" ] || { echo "boot.sh: $UBOOT missing: apt-get install u-boot-qemu" >&2; exit 2; }
[ -f "$BOOT/boot.scr" ] || { echo "boot.sh: $BOOT has no boot.scr" >&2; exit 2; }
mkdir -p "$W"
# One Linux partition at sector 2048, ext2 filled from the folder (no root, no mount); 1/8 + 16 MiB of slack.
bytes=$(du -sbL "$BOOT" | cut -f1)
mib=$(( (bytes + bytes / 8) / 1048576 + 16 ))
rm -f "$W/disk.img" "$W/serial.log"
truncate -s $(( mib + 1 ))M "$W/disk.img"
echo 'start=2048, type=83' | sfdisk -q "$W/disk.img"
mke2fs -q -t ext2 -E offset=1048576 -d "$BOOT" -F "$W/disk.img" "${mib}M"
# The machine of prepare.sh (QEMU_MACHINE/QEMU_CPU there): its virt.dtb is what board.dts includes.
start=$(date +%s)
qemu-system-aarch64 -machine virt,virtualization=on,gic-version=3,dtb-randomness=off \
  -cpu cortex-a57 -smp 2 -m 2048 -nic none -display none -monitor none -serial "file:$W/serial.log" -no-reboot \
  -bios "$UBOOT" -drive "if=none,file=$W/disk.img,format=raw,id=boot" -device virtio-blk-device,drive=boot </dev/null &
qemu=$!
# dom0 powers off after its verdict; stop QEMU ourselves on a failure marker, U-Boot giving up, or the limit.
grace=-1
while kill -0 $qemu 2>/dev/null; do
  sleep 1
  if [ $grace -lt 0 ]; then
    if grep -aq 'XSHM: SHM-OK' "$W/serial.log" 2>/dev/null; then grace=5
    elif grep -aq -e 'XSHM: SHM-FAIL' -e 'Kernel panic' -e 'Panic on CPU' -e 'SCRIPT FAILED' "$W/serial.log" 2>/dev/null; then grace=1; fi
  else
    grace=$(( grace - 1 )); [ $grace -gt 0 ] || break
  fi
  [ $(( $(date +%s) - start )) -lt "$LIMIT" ] || { echo "boot.sh: no verdict within $LIMIT s" >&2; break; }
done
kill $qemu 2>/dev/null || true; wait $qemu 2>/dev/null || true
echo "boot.sh: QEMU ran $(( $(date +%s) - start )) s; serial log: $W/serial.log"
grep -a -e 'XSHM:' -e 'extended region' "$W/serial.log" | tr -d '\r' || true
if grep -aq 'XSHM: SHM-OK' "$W/serial.log"; then echo "boot.sh: handshake passed (SHM-OK)"; else echo "boot.sh: no SHM-OK" >&2; exit 1; fi
