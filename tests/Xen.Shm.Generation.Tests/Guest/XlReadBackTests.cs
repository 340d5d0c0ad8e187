using System.Globalization;
using Xen.Shm.Generation.Tests.Infrastructure;
using Xen.Shm.Generation.Tests.Xl;
using Xen.Shm.Topology;

namespace Xen.Shm.Generation.Tests.Guest;

/// <summary>
/// Every generated xl file is read back by Xen's own parser (Debian libxlutil, through xlboot's
/// Native/xlcfg-dump.c harness) and every value is checked against the topology, not against
/// the writer: iomem entries are re-scanned with xl's sscanf grammar, static_shm items split into keys.
/// </summary>
[TestClass]
public sealed class XlReadBackTests
{
    [TestMethod]
    [DataRow("iomem-cacheable")]
    [DataRow("uio")]
    [DataRow("static-shm")]
    public void XlFiles_ReadBackByLibxlutil_MatchTheTopology(string name)
    {
        var scenario = Scenario.Load(name);
        var board = scenario.Board;
        var result = scenario.Generate();
        int checkedDomains = 0;
        foreach (var d in board.Domains.Where(d => d.Kind.Value == DomainKind.Xl))
        {
            var cfg = result.Find("etc/xen/" + d.Name.Value + ".cfg");
            Assert.IsNotNull(cfg, d.Name.Value);
            var back = XlCfgDump.Read(cfg.Text!, "s:name", "n:memory", "n:vcpus", "s:kernel", "s:ramdisk", "s:extra",
                "s:device_tree", "l:iomem", "l:static_shm", "l:irqs");
            Assert.AreEqual(d.Name.Value, back.String("name"));
            Assert.AreEqual((long)(d.Memory!.Value.Value >> 20), back.Number("memory"));
            Assert.AreEqual((long)(d.Vcpus?.Value ?? 1), back.Number("vcpus"));
            Assert.AreEqual("/etc/xen/" + d.Name.Value + "/" + Path.GetFileName(d.Kernel!.FullPath), back.String("kernel"));
            Assert.AreEqual(d.Bootargs?.Value, back.String("extra"));
            Assert.AreEqual(result.Find("etc/xen/" + d.Name.Value + ".dtb")?.Content is null ? null : "/etc/xen/" + d.Name.Value + ".dtb",
                back.String("device_tree"));
            CollectionAssert.AreEqual(ExpectedIomem(board, d), (back.List("iomem") ?? new List<string>())
                .Select(e => XlCfgDump.ScanIomem(e, board.Xen.IsXilinx)).ToList(), d.Name.Value + " iomem");
            CollectionAssert.AreEqual(d.Irqs.Select(i => i.Value.ToString(CultureInfo.InvariantCulture)).ToList(),
                (back.List("irqs") ?? new List<string>()).ToList(), d.Name.Value + " irqs");
            CollectionAssert.AreEqual(ExpectedStaticShm(board, d), (back.List("static_shm") ?? new List<string>()).Select(Keys).ToList(),
                d.Name.Value + " static_shm");
            checkedDomains++;
        }
        Assert.IsGreaterThan(0, checkedDomains);
    }

    /// <summary>(mfn, nr, gfn, word) per region the domain maps by iomem, in region order, then the raw extras.</summary>
    private static List<(ulong, ulong, ulong?, string?)?> ExpectedIomem(Board board, Domain d)
    {
        var list = new List<(ulong, ulong, ulong?, string?)?>();
        foreach (var r in board.Regions)
        {
            var peer = r.Peers.FirstOrDefault(p => p.Domain.Value == d.Name.Value);
            if (peer == null || (r is not IomemCacheableRegion && r is not UioRegion)) continue;
            ulong host = r.Host!.Value.Value, guest = peer.Guest?.Value ?? host;
            if (r is IomemCacheableRegion) list.Add((host >> 12, r.Size!.Value.Value >> 12, guest >> 12, "memory"));
            else list.Add((host >> 12, r.Size!.Value.Value >> 12, guest == host ? null : guest >> 12, null));
        }
        foreach (var extra in d.ExtraIomem)
        {
            // The topology's own model of the user's entry: MFN,NR[@GFN] (hex).
            string[] parts = extra.Value.Split(',', '@');
            list.Add((Convert.ToUInt64(parts[0], 16), Convert.ToUInt64(parts[1], 16), parts.Length > 2 ? Convert.ToUInt64(parts[2], 16) : null, null));
        }
        return list;
    }

    private static List<string> ExpectedStaticShm(Board board, Domain d)
    {
        var list = new List<string>();
        foreach (var r in board.Regions.OfType<StaticShmRegion>())
        {
            var peer = r.Peers.FirstOrDefault(p => p.Domain.Value == d.Name.Value);
            if (peer == null) continue;
            var keys = new SortedDictionary<string, string>(StringComparer.Ordinal)
            {
                ["id"] = r.Id.Value,
                ["begin"] = Hex(peer.Guest!.Value.Value),
                ["prot"] = "rw",
            };
            if (peer.IsOwner)
            {
                keys["role"] = "owner";
                keys["size"] = Hex(r.Size!.Value.Value);
                keys["cache_policy"] = "ARM_normal";
            }
            else
            {
                keys["role"] = "borrower";
                keys["offset"] = Hex(peer.Offset?.Value ?? 0);
                keys["size"] = Hex(peer.Size?.Value ?? r.Size!.Value.Value - (peer.Offset?.Value ?? 0));
            }
            list.Add(string.Join(";", keys.Select(k => k.Key + "=" + k.Value)));
        }
        return list;
    }

    /// <summary>libxlu_sshm.c's view of an item: comma-separated key=value, blanks around tokens ignored.</summary>
    private static string Keys(string item) =>
        string.Join(";", item.Split(',').Select(kv => kv.Split('=')).Select(kv => (kv[0].Trim(), kv[1].Trim()))
            .OrderBy(kv => kv.Item1, StringComparer.Ordinal).Select(kv => kv.Item1 + "=" + kv.Item2));

    private static string Hex(ulong v) => "0x" + v.ToString("x", CultureInfo.InvariantCulture);
}
