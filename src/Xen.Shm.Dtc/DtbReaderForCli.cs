using Xen.Shm.Devicetree;
using Xen.Shm.Diagnostics;

namespace Xen.Shm.Dtc;

/// <summary>Reads a blob that came on stdin (files go through <see cref="Devicetree.Dtc.Compile(string, DtcOptions)"/>).</summary>
internal static class DtbReaderForCli
{
    public static DtTree? Read(byte[] blob, string name, out string? error)
    {
        var bag = new DiagnosticBag();
        var tree = DtbReader.Read(blob, name, bag);
        var first = bag.FirstOrDefault(d => d.IsError);
        error = tree == null ? $"{name}: {first?.Message} [{first?.Code}]" : null;
        return tree;
    }
}
