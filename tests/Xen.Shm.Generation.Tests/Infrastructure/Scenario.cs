using Xen.Shm.Topology;

namespace Xen.Shm.Generation.Tests.Infrastructure;

/// <summary>A testassets/&lt;name&gt; board: its topology loaded and its files measured, ready to generate.</summary>
internal sealed class Scenario
{
    public static readonly string[] Seeds = { "iomem-cacheable", "uio", "static-shm", "mmio-sram", "domain-shm", "static-mem", "evtchn-cpupool" };

    private Scenario(string name, string folder, Board board, string? hostSource, string hostPath, byte[]? hostBlob = null)
    {
        HostBlob = hostBlob;
        Name = name;
        Folder = folder;
        Board = board;
        HostSource = hostSource;
        HostPath = hostPath;
    }

    public string Name { get; }
    public string Folder { get; }
    public Board Board { get; }
    public string? HostSource { get; }

    /// <summary>The board DTB when the topology names a .dtb.</summary>
    public byte[]? HostBlob { get; }
    public string HostPath { get; }
    public string ExpectedFolder => Path.Combine(Folder, "expected");

    public static Scenario Load(string name) => LoadFolder(Path.Combine(Repo.Root, "testassets", name));

    public static Scenario LoadFolder(string folder)
    {
        var result = TopologyLoader.Load(Path.Combine(folder, "board.yaml"));
        Assert.IsFalse(result.HasErrors, string.Join("\n", result.Diagnostics));
        var board = result.Board!;
        string hostPath = board.Host.DeviceTree?.FullPath ?? Path.Combine(folder, "board.dts");
        bool given = board.Host.DeviceTree != null;
        bool blob = hostPath.EndsWith(".dtb", StringComparison.OrdinalIgnoreCase);
        string? source = given && !blob && File.Exists(hostPath) ? File.ReadAllText(hostPath) : null;
        return new Scenario(Path.GetFileName(folder), folder, board, source, hostPath, given && blob ? File.ReadAllBytes(hostPath) : null);
    }

    public GenerationInput Input() => new(Board)
    {
        HostSource = HostSource,
        HostBlob = HostBlob,
        HostSourceName = HostPath,
        Files = Measure(Board),
        UserTrees = Board.Domains.Where(d => d.DeviceTree != null).Select(d => d.DeviceTree!).Concat(Board.Host.Overlays)
            .Where(f => File.Exists(f.FullPath))
            .ToDictionary(f => f.FullPath, f => f.FullPath.EndsWith(".dtb", StringComparison.OrdinalIgnoreCase) || f.FullPath.EndsWith(".dtbo", StringComparison.OrdinalIgnoreCase)
                ? InputTree.FromBlob(File.ReadAllBytes(f.FullPath))
                : InputTree.FromSource(File.ReadAllText(f.FullPath))),
    };

    public GenerationResult Generate()
    {
        var r = BoardGenerator.Generate(Input());
        Assert.IsFalse(r.HasErrors, string.Join("\n", r.Diagnostics));
        return r;
    }

    public static Dictionary<string, InputFileFacts> Measure(Board board)
    {
        var facts = new Dictionary<string, InputFileFacts>();
        foreach (var f in board.Files)
        {
            if (!File.Exists(f.FullPath) || facts.ContainsKey(f.FullPath)) continue;
            byte[] bytes = File.ReadAllBytes(f.FullPath);
            facts[f.FullPath] = InputFileFacts.FromHeader((ulong)bytes.Length, bytes.Take(64).ToArray());
        }
        return facts;
    }
}
