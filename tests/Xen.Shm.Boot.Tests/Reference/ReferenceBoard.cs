namespace Xen.Shm.Boot.Tests.Reference;

/// <summary>A region shared through an mmio-sram carve-out: host physical range.</summary>
public sealed record SharedRegion(ulong HostAddress, ulong Size)
{
    public ulong End => HostAddress + Size;
}

/// <summary>One participant: its role in the handshake program and where it sees the region.</summary>
public sealed record Peer(string Domain, string Role, ulong Address);

/// <summary>
/// The board every boot test runs (the intended testassets/qemu-virt/board.yaml, see its README.md):
/// QEMU virt with 2 GiB RAM; dom0 (512 MiB) and two dom0less domUs (256 MiB each); one 16 MiB mmio-sram
/// region carved off the top of RAM and shared by all three; domU2 maps it at a guest address different
/// from the host address (clear of every fixed guest window of the spec's section 1.5 and of its RAM).
/// </summary>
public static class ReferenceBoard
{
    public static readonly SharedRegion Region = new(0xBF00_0000, 0x100_0000);

    public static readonly Peer Dom0 = new("dom0", "dom0", 0xBF00_0000);
    public static readonly Peer DomU1 = new("domU1", "domu1", 0xBF00_0000);
    public static readonly Peer DomU2 = new("domU2", "domu2", 0x3400_0000);

    public const ulong DomUMemoryKiB = 256 * 1024;

    /// <summary>
    /// Polls of 0.2 s each for every wait of the handshake program: a bound, not a target. Generous, because on a
    /// crowded host the domains reach userspace far apart; the harness bound (RealBoot.Limit) ends the run first.
    /// </summary>
    public const int Polls = 300;

    public const string XenBootargs = "console=dtuart dom0_mem=512M dom0_max_vcpus=1 bootscrub=0 console_timestamps=boot";

    /// <summary>
    /// iomem=relaxed: the mmio-sram driver claims the region and Debian's kernel has CONFIG_IO_STRICT_DEVMEM,
    /// so /dev/mem access needs it (guide qemu-boot README section 8).
    /// </summary>
    public static string Bootargs(Peer p, string console) =>
        $"{console} rdinit=/init iomem=relaxed loglevel=4 xshm_role={p.Role} xshm_addr=0x{p.Address:x} xshm_polls={Polls}";

    public static string Dom0Bootargs => Bootargs(Dom0, "console=hvc0 earlycon=xen");

    /// <summary>dom0less domUs use the vPL011 Xen emulates at 0x22000000; Xen prints their lines as "DOMn: ".</summary>
    public static string DomUBootargs(Peer p) => Bootargs(p, "console=ttyAMA0 earlycon=pl011,0x22000000");

    /// <summary>The handshake's directions, each proven by the marker its reading side prints.</summary>
    public static readonly IReadOnlyList<string> Directions = new[] { "domU1->dom0", "dom0->domU1", "domU1->domU2" };
}
