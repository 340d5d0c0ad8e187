#!/bin/sh
# guest1's first program on testassets/qemu-xl-passthrough (rdinit=/xshm-passthrough.sh; appended by the boot
# tests to ../qemu-virt's initramfs): shows what the guest got of the PL031 RTC passed through to it, then runs the
# handshake program (/init, ../qemu-virt/initramfs/init) with the same environment. Lines (the guest's console is
# hvc0; dom0 copies it to the serial line as "guest1.log: ..."):
#   XSHM: guest1 amba devices: <names under /sys/bus/amba/devices>|none
#   XSHM: guest1 rtc0: <name> since_epoch <seconds>   or   XSHM: guest1 rtc0: none
#   XSHM: guest1 pl031 interrupts before <n> after <m>      (an alarm 2 s ahead, through /sys/class/rtc/rtc0/wakealarm)
export PATH=/bin
mount -t proc proc /proc; mount -t sysfs sysfs /sys
say() { echo "XSHM: guest1 $*"; }
devs=$(ls /sys/bus/amba/devices 2>/dev/null | tr '\n' ' '); devs=${devs% }
say "amba devices: ${devs:-none}"
r=/sys/class/rtc/rtc0
if [ -f $r/since_epoch ]; then
  say "rtc0: $(cat $r/name) since_epoch $(cat $r/since_epoch)"
  # the count of the pl031's line in /proc/interrupts (one vCPU: the second field)
  count() { set -- $(grep pl031 /proc/interrupts); echo "${2:-none}"; }
  before=$(count)
  echo +2 > $r/wakealarm 2>/dev/null || say "wakealarm: cannot set"
  sleep 4
  say "pl031 interrupts before $before after $(count)"
else
  say "rtc0: none"
fi
busybox umount /sys; busybox umount /proc
exec /init
