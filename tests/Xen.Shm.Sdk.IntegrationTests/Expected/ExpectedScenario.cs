using Xen.Shm.Sdk.IntegrationTests.Infrastructure;

namespace Xen.Shm.Sdk.IntegrationTests.Expected;

/// <summary>
/// What a default build of one scenario testasset must put in its boot folder, written by hand:
/// the copies from each board.yaml (Generation README layout: dom0 and dom0less files under
/// "&lt;domain&gt;/", xl domUs' under "etc/xen/&lt;domain&gt;/"), and the two addresses the checked-in
/// boot.source does not spell out: boot.scr's slot and Xen's run area (xen.uimg's load/entry),
/// derived in testassets/&lt;scenario&gt;/expected/README.md from spec §10.3.
/// The rest comes from testassets/&lt;scenario&gt;/expected/ (DTS sources, xl files, boot.source).
/// </summary>
internal sealed record ExpectedScenario(string Name, ulong BootScriptAddress, ulong XenRunAddress, string[] CopyFolders)
{
    /// <summary>Every scenario's boot.scr slot: max(MEMORY_START 0x0 + 2 MiB, 0xC00000) (spec §10.3).</summary>
    private const ulong LowestSlot = 0xC00000;

    public static readonly IReadOnlyDictionary<string, ExpectedScenario> All = new[]
    {
        new ExpectedScenario("mmio-sram", LowestSlot, 0x5600000, ["dom0", "domU1"]),
        new ExpectedScenario("iomem-cacheable", LowestSlot, 0x3200000, ["dom0", "etc/xen/guest1"]),
        new ExpectedScenario("uio", LowestSlot, 0x3200000, ["dom0", "etc/xen/guest1"]),
        new ExpectedScenario("static-shm", LowestSlot, 0x3200000, ["dom0", "etc/xen/vm1", "etc/xen/vm2", "etc/xen/vm3"]),
        new ExpectedScenario("domain-shm", LowestSlot, 0x7600000, ["dom0", "domU1", "domU2"]),
        new ExpectedScenario("static-mem", LowestSlot, 0x16600000, ["dom0", "domU1"]),
        new ExpectedScenario("evtchn-cpupool", LowestSlot, 0x7600000, ["dom0", "domU1", "domU2"]),
    }.ToDictionary(s => s.Name);

    public const string Readme = "README.md";

    public string Directory => RepositoryRoot.Combine("testassets", Name, "expected");

    /// <summary>Every domain of these boards boots images/Image with images/rootfs.cpio.gz.</summary>
    public IEnumerable<(string Path, string Source)> Copies =>
        CopyFolders.SelectMany(f => new[] { ($"{f}/Image", "images/Image"), ($"{f}/rootfs.cpio.gz", "images/rootfs.cpio.gz") });

    /// <summary>Checked-in expected files (relative path → bytes), without the README.</summary>
    public SortedDictionary<string, byte[]> Files()
    {
        var files = BoardWorkspace.Snapshot(Directory);
        files.Remove(Readme);
        return files;
    }

    /// <summary>Generated device-tree sources (host.dts, host-overlay.dtso, partial trees): they belong in obj/…/generated/ (src/Xen.Shm.Sdk/README.md).</summary>
    public static bool IsSource(string path) =>
        path.EndsWith(".dts", StringComparison.Ordinal) || path.EndsWith(".dtso", StringComparison.Ordinal);

    /// <summary>
    /// The boot folder's complete file set (src/Xen.Shm.Sdk/README.md, default bootm route): the copies, one
    /// DTB per expected DTS (not the overlay: shipped only with XenShmBootApplyOverlay), the xl
    /// files and boot.source as checked in, boot.scr, xen.uimg (no raw xen) and manifest.json.
    /// </summary>
    public IReadOnlyList<string> BootFiles()
    {
        var files = new SortedSet<string>(StringComparer.Ordinal) { "boot.scr", "xen.uimg", "manifest.json" };
        foreach (var (path, _) in Copies) files.Add(path);
        foreach (var path in Files().Keys)
        {
            if (path.EndsWith(".dts", StringComparison.Ordinal)) files.Add(path[..^".dts".Length] + ".dtb");
            else if (!IsSource(path)) files.Add(path);
        }

        return files.ToList();
    }

    /// <summary>"&lt;load command&gt; &lt;address&gt; &lt;file&gt;" lines of the expected boot.source: file → address.</summary>
    public IReadOnlyDictionary<string, string> LoadAddresses()
    {
        var loads = new Dictionary<string, string>(StringComparer.Ordinal);
        string text = File.ReadAllText(Path.Combine(Directory, "boot.source"));
        foreach (var line in text.Split('\n').Where(l => l.StartsWith(DefaultLoadCommand + " ", StringComparison.Ordinal)))
        {
            string[] words = line[(DefaultLoadCommand.Length + 1)..].Split(' ');
            Assert.HasCount(2, words, line);
            loads.Add(words[1], words[0]);
        }

        return loads;
    }

    /// <summary>The default load command (src/Xen.Shm.Sdk/README.md, U-Boot distro boot / bootstd variables).</summary>
    public const string DefaultLoadCommand = "load ${devtype} ${devnum}:${distro_bootpart}";

    public static string Hex(ulong value) => "0x" + value.ToString("x", System.Globalization.CultureInfo.InvariantCulture);
}
