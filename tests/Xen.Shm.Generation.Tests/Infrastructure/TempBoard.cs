namespace Xen.Shm.Generation.Tests.Infrastructure;

/// <summary>A board folder built by a test: a board.yaml text, a board.dts (copied from a testasset or given) and the uio testasset's stand-in images.</summary>
internal sealed class TempBoard : IDisposable
{
    private readonly TempFolder _folder = new();

    public TempBoard(string yaml, string? boardDts = null, byte[]? boardDtb = null)
    {
        if (boardDtb != null) File.WriteAllBytes(Path.Combine(Folder, "board.dtb"), boardDtb);
        string images = Path.Combine(Repo.Root, "testassets", "uio", "images");
        Directory.CreateDirectory(Path.Combine(Folder, "images"));
        foreach (string f in Directory.GetFiles(images)) File.Copy(f, Path.Combine(Folder, "images", Path.GetFileName(f)));
        File.WriteAllText(Path.Combine(Folder, "board.dts"), boardDts ?? File.ReadAllText(Path.Combine(Repo.Root, "testassets", "uio", "board.dts")));
        File.WriteAllText(Path.Combine(Folder, "board.yaml"), yaml);
    }

    public string Folder => _folder.Path;

    public Scenario Load() => Scenario.LoadFolder(Folder);

    public void Dispose() => _folder.Dispose();

    /// <summary>A dom0 + one xl domU board on the uio testasset's DT (one bank [0, 2 GiB)), with extra YAML for host and regions.</summary>
    public static string Yaml(string host = "", string regions = "", string xen = "upstream", string domains = "") => $$"""
        xen: { flavour: {{xen}}, version: "4.17", image: images/xen, bootargs: "console=dtuart dom0_mem=1024M" }
        host:
          deviceTree: board.dts
        {{host}}
        domains:
          - { name: dom0, kind: dom0, memory: 1024M, kernel: images/Image, ramdisk: images/rootfs.cpio.gz, bootargs: "console=hvc0" }
          - { name: guest1, kind: xl, memory: 512M, kernel: images/Image }
        {{domains}}
        regions:{{(regions.Length == 0 ? " []" : "\n" + regions)}}
        """;
}
