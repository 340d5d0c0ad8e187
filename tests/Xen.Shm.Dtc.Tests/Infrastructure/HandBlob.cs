namespace Xen.Shm.Dtc.Tests.Infrastructure;

/// <summary>
/// Builds FDT blobs token by token straight from DTSpec §5 (header, reservation block, structure
/// block, strings block), so tests can make layouts dtc never writes: NOPs, reversed strings,
/// v16 headers, trailing padding, broken fields.
/// </summary>
public sealed class HandBlob
{
    private readonly List<byte> _struct = new();
    private readonly List<byte> _strings = new();
    private readonly List<(ulong, ulong)> _reservations = new();

    public uint Version { get; set; } = 17;
    public uint LastCompatibleVersion { get; set; } = 16;
    public uint BootCpu { get; set; }
    public int TrailingPadding { get; set; }

    public HandBlob Reserve(ulong address, ulong size) { _reservations.Add((address, size)); return this; }

    public HandBlob Begin(string name)
    {
        Word(1);
        _struct.AddRange(System.Text.Encoding.ASCII.GetBytes(name));
        _struct.Add(0);
        Pad();
        return this;
    }

    public HandBlob End() { Word(2); return this; }
    public HandBlob Nop() { Word(4); return this; }
    public HandBlob Finish() { Word(9); return this; }
    public HandBlob Word(uint w) { _struct.AddRange(Be32(w)); return this; }

    /// <summary>A property whose name is stored at a fresh strings offset (no sharing), or at <paramref name="nameOffset"/>.</summary>
    public HandBlob Prop(string name, byte[] value, int? nameOffset = null)
    {
        int off = nameOffset ?? AddString(name);
        Word(3);
        Word((uint)value.Length);
        Word((uint)off);
        _struct.AddRange(value);
        Pad();
        return this;
    }

    public int AddString(string s)
    {
        int off = _strings.Count;
        _strings.AddRange(System.Text.Encoding.ASCII.GetBytes(s));
        _strings.Add(0);
        return off;
    }

    public byte[] Build()
    {
        const int header = 40; // dtc pads a v16 header to 0x28 too (spec §11.6)
        int rsv = header;
        int rsvSize = 16 * (_reservations.Count + 1);
        int structOff = rsv + rsvSize;
        int stringsOff = structOff + _struct.Count;
        int total = stringsOff + _strings.Count + TrailingPadding;
        var b = new List<byte>();
        foreach (uint w in new uint[] { 0xd00dfeed, (uint)total, (uint)structOff, (uint)stringsOff, (uint)rsv, Version, LastCompatibleVersion, BootCpu, (uint)_strings.Count, (uint)_struct.Count })
            b.AddRange(Be32(w));
        if (Version < 17) { b.RemoveRange(36, 4); b.AddRange(new byte[4]); }
        foreach (var (a, s) in _reservations) { b.AddRange(Be64(a)); b.AddRange(Be64(s)); }
        b.AddRange(new byte[16]);
        b.AddRange(_struct);
        b.AddRange(_strings);
        b.AddRange(new byte[TrailingPadding]);
        return b.ToArray();
    }

    public static byte[] Be32(uint w) => new[] { (byte)(w >> 24), (byte)(w >> 16), (byte)(w >> 8), (byte)w };
    public static byte[] Be64(ulong w) => Be32((uint)(w >> 32)).Concat(Be32((uint)w)).ToArray();
    public static byte[] Str(string s) => System.Text.Encoding.ASCII.GetBytes(s + "\0");

    private void Pad() { while (_struct.Count % 4 != 0) _struct.Add(0); }
}
