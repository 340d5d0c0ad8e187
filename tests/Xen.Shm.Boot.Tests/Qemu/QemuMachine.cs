namespace Xen.Shm.Boot.Tests.Qemu;

/// <summary>
/// The emulated board: QEMU's arm64 virt machine with EL2 (so Xen runs as a hypervisor), GICv3, 2 CPUs,
/// 2 GiB RAM at 0x40000000, no random seeds in its DT (dtb-randomness=off: same DT every run), no network card (Debian's qemu-system-arm lacks the PXE ROM without
/// recommends). testassets/qemu-virt/prepare.sh dumps this machine's DT with exactly these flags.
/// </summary>
public static class QemuMachine
{
    public static readonly IReadOnlyList<string> Arguments = new[]
    {
        "-machine", "virt,virtualization=on,gic-version=3,dtb-randomness=off",
        "-cpu", "cortex-a57", "-smp", "2", "-m", "2048", "-nic", "none",
    };

    public const ulong RamBase = 0x4000_0000;
    public const ulong RamSize = 0x8000_0000;

    /// <summary>
    /// With no -kernel, QEMU still writes its own DT for firmware at the start of RAM (up to 1 MiB);
    /// loader-route extras (the trampoline) go above it.
    /// </summary>
    public const ulong FirmwareDtbEnd = RamBase + 0x10_0000;
}
