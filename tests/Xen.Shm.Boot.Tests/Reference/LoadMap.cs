using System.Buffers.Binary;

namespace Xen.Shm.Boot.Tests.Reference;

/// <summary>
/// Load addresses as the spec's section 10.3 places them (ImageBuilder's rule, refined): 2 MiB slots from
/// RAM base + 2 MiB (that first slot holds boot.scr), each file at the current slot, the next slot at
/// align_up(address + size, 2 MiB), skipping reserved ranges (the shared regions). The size of an arm64
/// Image is the larger of its file size and its header's image_size (which includes the BSS).
/// </summary>
public sealed class LoadMap
{
    public const ulong Slot = 0x20_0000;
    private readonly List<(ulong Base, ulong End)> _reserved;
    private readonly ulong _end;
    private ulong _next;

    public LoadMap(ulong ramBase, ulong ramEnd, IEnumerable<(ulong Base, ulong Size)> reserved)
    {
        _reserved = reserved.Select(r => (r.Base, r.Base + r.Size)).ToList();
        _end = ramEnd;
        _next = ramBase + Slot;
    }

    /// <summary>Places <paramref name="size"/> bytes; returns the address.</summary>
    public ulong Place(ulong size)
    {
        var a = _next;
        bool moved;
        do
        {
            moved = false;
            foreach (var (b, e) in _reserved)
            {
                if (a < e && b < a + size) { a = AlignUp(e); moved = true; }
            }
        } while (moved);
        if (a + size > _end) throw new InvalidOperationException("reference board: not enough memory to place the boot files");
        _next = AlignUp(a + size);
        return a;
    }

    public static ulong AlignUp(ulong v) => (v + Slot - 1) & ~(Slot - 1);

    /// <summary>Bytes a file occupies once booted: arm64 Image header image_size (offset 16) when larger.</summary>
    public static ulong Footprint(string file)
    {
        var length = (ulong)new FileInfo(file).Length;
        using var s = File.OpenRead(file);
        var header = new byte[64];
        if (s.Read(header, 0, 64) != 64) return length;
        // arm64 Image: magic "ARM\x64" at offset 56 (Linux Documentation/arch/arm64/booting.rst)
        if (BinaryPrimitives.ReadUInt32LittleEndian(header.AsSpan(56)) != 0x644D_5241) return length;
        return Math.Max(length, BinaryPrimitives.ReadUInt64LittleEndian(header.AsSpan(16)));
    }
}
