using System.Globalization;
using System.Text.RegularExpressions;
using Xen.Shm.Boot.Tests.BootFolders;
using Xen.Shm.Boot.Tests.Qemu;

namespace Xen.Shm.Boot.Tests.Judging;

/// <summary>A range Xen advertised to dom0 as an extended region (free for foreign/grant mappings).</summary>
public sealed record ExtendedRegion(ulong Start, ulong End);

/// <summary>
/// The judgement of one boot from its serial log. Passed only when: dom0 printed "XSHM: SHM-OK"; every
/// expected direction's marker "XSHM: &lt;a&gt;-&gt;&lt;b&gt; ok" is there; no side printed SHM-FAIL; nothing panicked;
/// and Xen kept the carve-out. The last is read from Xen's own log: dom0's extended regions are the host
/// RAM Xen knows of and did not give away, so one that reaches into the shared region means Xen took the
/// region for RAM (what QEMU's -dtb or U-Boot's booti /memory rewrite does; guide sections 2 and 7).
/// </summary>
public sealed record BootVerdict(bool Passed, IReadOnlyList<string> Failures, IReadOnlyList<ExtendedRegion> Dom0ExtendedRegions)
{
    public const string Ok = "XSHM: SHM-OK";
    public const string Fail = "XSHM: SHM-FAIL";

    // Xen 4.17 xen/arch/arm/domain_build.c: "%pd: extended region %d: %#"PRIx64"->%#"PRIx64"\n"
    private static readonly Regex ExtendedRegionLine =
        new(@"\bd0: extended region \d+: 0x([0-9a-fA-F]+)->0x([0-9a-fA-F]+)", RegexOptions.CultureInvariant);

    private static readonly string[] Crashes = { "Panic on CPU", "Kernel panic", "Unable to handle kernel" };

    public static BootVerdict Judge(string serialLog, BootExpectation expect, BootEnd end)
    {
        var failures = new List<string>();
        var lines = serialLog.Split('\n');
        foreach (var l in lines.Where(l => l.Contains(Fail, StringComparison.Ordinal)))
            failures.Add("handshake failed: " + l.Substring(l.IndexOf(Fail, StringComparison.Ordinal)).TrimEnd('\r'));
        foreach (var l in lines.Where(l => Crashes.Any(c => l.Contains(c, StringComparison.Ordinal))))
            failures.Add("crash: " + l.Trim());
        if (!lines.Any(l => l.Contains(Ok, StringComparison.Ordinal)))
            failures.Add(end == BootEnd.TimedOut ? "no SHM-OK before the time limit" : "no SHM-OK from dom0");
        foreach (var (direction, marker) in DirectionMarkers(expect))
        {
            if (!lines.Any(l => l.Contains(marker, StringComparison.Ordinal)))
                failures.Add($"direction {direction} not proven (no '{marker}')");
        }

        var regions = new List<ExtendedRegion>();
        foreach (Match m in ExtendedRegionLine.Matches(serialLog))
        {
            regions.Add(new ExtendedRegion(
                ulong.Parse(m.Groups[1].Value, NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture),
                ulong.Parse(m.Groups[2].Value, NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture)));
        }
        if (regions.Count == 0)
            failures.Add("Xen printed no extended region for dom0: cannot confirm the carve-out");
        var r = expect.Region;
        foreach (var e in regions.Where(e => e.Start < r.End && r.HostAddress < e.End))
        {
            failures.Add($"carve-out lost: Xen gave dom0 the extended region {BootManifest.Hex(e.Start)}->{BootManifest.Hex(e.End)}, " +
                $"which overlaps the shared region {BootManifest.Hex(r.HostAddress)}->{BootManifest.Hex(r.End)} (Xen took it for RAM)");
        }
        return new BootVerdict(failures.Count == 0, failures, regions);
    }

    /// <summary>"XSHM: a->b ok" per direction; with several regions, one per region ending in " [region N]" (the init's tag).</summary>
    public static IEnumerable<(string Direction, string Marker)> DirectionMarkers(BootExpectation expect) => expect.PerRegion is null
        ? expect.Directions.Select(d => (d, $"XSHM: {d} ok"))
        : expect.PerRegion.SelectMany((ds, i) => ds.Select(d => (d, $"XSHM: {d} ok [region {i + 1}]")));
}
