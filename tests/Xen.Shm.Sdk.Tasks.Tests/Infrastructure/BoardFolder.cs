using Microsoft.Build.Utilities;

namespace Xen.Shm.Sdk.Tasks.Tests.Infrastructure;

/// <summary>A temp folder with a board.yaml and its image files; deleted on dispose.</summary>
internal sealed class BoardFolder : IDisposable
{
    /// <summary>
    /// A small valid board (explicit RAM bank, so no device tree is needed): Xen, a dom0 with
    /// kernel + ramdisk, and a dom0less domU sharing one mmio-sram region with dom0 (spec §7).
    /// </summary>
    public const string ValidYaml = """
        xen:
          flavour: upstream
          version: "4.17"
          image: images/xen
        host:
          ram:
            - { base: 0x0, size: 2G }
        domains:
          - name: dom0
            kind: dom0
            memory: 1024M
            kernel: images/Image
            ramdisk: images/rootfs.cpio.gz
          - name: domU1
            kind: dom0less
            memory: 256M
            kernel: images/domu-Image
            enhanced: false
        regions:
          - id: sram0
            mechanism: mmio-sram
            host: 0x7f000000
            size: 16M
            dom0Access: true
            peers:
              - domain: domU1
        """;

    public BoardFolder(string yaml = ValidYaml)
    {
        Root = Path.Combine(Path.GetTempPath(), "xen-shm-sdk-tasks-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(Path.Combine(Root, "images"));
        File.WriteAllText(YamlPath, yaml.Replace("\r\n", "\n"));
        WriteImage("xen", "xen stand-in\n");
        WriteImage("Image", "dom0 kernel stand-in\n");
        WriteImage("rootfs.cpio.gz", "dom0 ramdisk stand-in\n");
        WriteImage("domu-Image", "domU kernel stand-in\n");
    }

    private BoardFolder(string root, bool existing) => Root = root;

    /// <summary>A board folder that exists already (a copied test asset).</summary>
    public static BoardFolder At(string root) => new(root, existing: true);

    public string Root { get; }
    public string YamlPath => Path.Combine(Root, "board.yaml");
    public string BootDirectory => Path.Combine(Root, "bin", "boot") + Path.DirectorySeparatorChar;
    public string IntermediateDirectory => Path.Combine(Root, "obj", "xenshm");
    public string GeneratedDirectory => Path.Combine(IntermediateDirectory, "generated") + Path.DirectorySeparatorChar;

    public TaskItem TopologyItem => new(YamlPath);

    public void WriteImage(string name, string content) => File.WriteAllText(Path.Combine(Root, "images", name), content);

    public void Dispose()
    {
        try { Directory.Delete(Root, recursive: true); } catch (IOException) { }
    }
}
