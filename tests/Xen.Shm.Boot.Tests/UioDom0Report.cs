using System.Text.RegularExpressions;

namespace Xen.Shm.Boot.Tests;

/// <summary>One root node of dom0's device tree that dom0-init found with the of_id compatible.</summary>
public sealed record UioNode(string Path, string Compatible, string RegHex);

/// <summary>
/// What dom0 itself reported on the qemu-uio board (testassets/qemu-uio/dom0-init, run before the handshake):
/// its /proc/cmdline, the UIO nodes of its device tree, the UIO driver, and the sha256 of each /etc/xen/*.cfg.
/// </summary>
public sealed record UioDom0Report(string? Cmdline, IReadOnlyList<UioNode> Nodes, string? Driver, IReadOnlyDictionary<string, string> XlFiles)
{
    // Serial log lines end in "\r\r\n" (the console adds a CR to the tty's CRLF).
    private static readonly Regex CmdlineLine = new(@"XSHM: dom0 cmdline: (.*)$", RegexOptions.Multiline | RegexOptions.CultureInvariant);
    private static readonly Regex NodeLine = new(@"XSHM: dom0 uio node (\S+) compatible ""([^""]*)"" reg ([0-9a-f]*)\r*$", RegexOptions.Multiline | RegexOptions.CultureInvariant);
    private static readonly Regex DriverLine = new(@"XSHM: dom0 uio_pdrv_genirq driver (.*?)\r*$", RegexOptions.Multiline | RegexOptions.CultureInvariant);
    private static readonly Regex XlFileLine = new(@"XSHM: dom0 xl file (\S+) sha256 ([0-9a-f]{64})", RegexOptions.CultureInvariant);

    public static UioDom0Report Parse(string serialLog) => new(
        CmdlineLine.Match(serialLog) is { Success: true } c ? c.Groups[1].Value.TrimEnd('\r') : null,
        NodeLine.Matches(serialLog).Select(m => new UioNode(m.Groups[1].Value, m.Groups[2].Value, m.Groups[3].Value)).ToList(),
        DriverLine.Match(serialLog) is { Success: true } d ? d.Groups[1].Value : null,
        XlFileLine.Matches(serialLog).GroupBy(m => m.Groups[1].Value).ToDictionary(g => g.Key, g => g.Last().Groups[2].Value, StringComparer.Ordinal));

    /// <summary>The kernel arguments of /proc/cmdline, split on blanks as the kernel does.</summary>
    public IReadOnlyList<string> Arguments => (Cmdline ?? "").Split(' ', StringSplitOptions.RemoveEmptyEntries);

    /// <summary>A 64-bit value as the 8 big-endian bytes of a 2-cell property, lowercase hex (od -tx1).</summary>
    public static string Cells64(ulong v) => v.ToString("x16", System.Globalization.CultureInfo.InvariantCulture);
}
