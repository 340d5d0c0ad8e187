# Sourced by /init of testassets/qemu-llc-colouring's initramfs: testassets/qemu-virt/initramfs/init (the
# handshake, unchanged but for the one line prepare.sh adds after "export PATH=/bin" to source this file). The init
# powers dom0 off as its last step; this shell function, which ash runs before busybox's applet of the same name,
# first presses Xen's debug keys given as xshm_keys=KEYS on dom0's command line (XEN_SYSCTL_debug_keys through
# /dev/xen/privcmd), so Xen's own dumps (m: colour info, q: each domain's colours, H: free pages per colour) are
# on the serial log before Xen halts.
poweroff() {
  if [ -n "${xshm_keys:-}" ]; then
    insmod /lib/modules/xen-privcmd.ko 2>/dev/null
    echo "XSHM: debug keys: $(xshm-evtchn keys "$xshm_keys")"
    sleep 2
  fi
  busybox poweroff "$@"
}
