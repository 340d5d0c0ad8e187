using System.Text;
using Xen.Shm.Sdk.IntegrationTests.Infrastructure;

namespace Xen.Shm.Sdk.IntegrationTests;

/// <summary>
/// Images from the build graph (issue 14): testassets/image-from-project gives domU1's kernel with a
/// XenShmDomainImage item pointing at what its ProjectReference (kernel/kernel.proj) builds for
/// $(Configuration); board.yaml names no kernel for domU1.
/// </summary>
[TestClass]
public sealed class DomainImageTests : BoardTestBase
{
    private const string Asset = "image-from-project";

    [TestMethod]
    public void KernelFromProjectReference_BuildsInDebugAndRelease_AndFollowsTheReferencedProject()
    {
        var board = BoardWorkspace.Create(TestContext, Asset);

        board.Build().AssertSucceeded();
        AssertBootKernelIsTheReferencedBuild(board, "Debug", "kernel source v1");

        board.Build("-c", "Release").AssertSucceeded();
        AssertBootKernelIsTheReferencedBuild(board, "Release", "kernel source v1");

        // The referenced project's source changes: one build rebuilds the kernel and the boot folder.
        board.Touch("kernel/version.txt");
        File.WriteAllText(Path.Combine(board.Directory, "kernel", "version.txt"), "kernel source v2\n");
        board.Build("-c", "Release").AssertSucceeded();
        AssertBootKernelIsTheReferencedBuild(board, "Release", "kernel source v2");
    }

    [TestMethod]
    public void WithoutTheItem_TheKernelIsMissing()
    {
        // Negative control: the item is what names domU1's kernel.
        var board = BoardWorkspace.Create(TestContext, Asset);
        WriteProject(board, "<ProjectReference Include=\"kernel/kernel.proj\" />");

        var run = board.Build();

        run.AssertFailed();
        var lines = run.DiagnosticLines("XSHM1007");
        Assert.HasCount(1, lines, run.ToString());
        StringAssert.Contains(lines[0], "needs 'kernel'");
    }

    [TestMethod]
    public void ItemMistakes_FailAtTheItemsLineWithTheirCodes()
    {
        var board = BoardWorkspace.Create(TestContext, Asset);
        WriteProject(board,
            "<XenShmDomainImage Include=\"images/Image\" Domain=\"domU1\" Role=\"kernel\" />",         // line 3: fine
            "<XenShmDomainImage Include=\"images/Image\" Domain=\"domU9\" Role=\"kernel\" />",         // 4: unknown domain
            "<XenShmDomainImage Include=\"images/Image\" Domain=\"dom0\" Role=\"krenel\" />",          // 5: unknown role
            "<XenShmDomainImage Include=\"images/Image\" Domain=\"dom0\" Role=\"deviceTree\" />",      // 6: dom0 has none
            "<XenShmDomainImage Include=\"images/xen\" Domain=\"domU1\" Role=\"xen\" />",              // 7: board file with a Domain
            "<XenShmDomainImage Include=\"images/Image\" Domain=\"domU1\" Role=\"kernel\" />",         // 8: twice
            "<XenShmDomainImage Include=\"images/missing\" Role=\"hostDeviceTree\" />");                // 9: not found

        var run = board.Build();

        run.AssertFailed();
        AssertAt(run, "XSHM8041", 4, "domain 'domU9'");
        AssertAt(run, "XSHM8040", 5, "Role 'krenel'");
        AssertAt(run, "XSHM8042", 6, "domain 'dom0' takes no 'deviceTree'");
        AssertAt(run, "XSHM8042", 7, "Role 'xen' is a board file");
        AssertAt(run, "XSHM8043", 8, "given twice");
        AssertAt(run, "XSHM1010", 9, "images/missing");
        Assert.IsFalse(Directory.Exists(board.BootDirectory), "nothing may be written for a broken project");
    }

    private static void AssertAt(BuildRun run, string code, int line, string messagePart)
    {
        var lines = run.DiagnosticLines(code).Where(l => l.Contains(messagePart, StringComparison.Ordinal)).ToList();
        Assert.HasCount(1, lines, run.ToString());
        StringAssert.Contains(lines[0], $".csproj({line},5): error {code}: ", run.ToString());
    }

    private static void WriteProject(BoardWorkspace board, params string[] items) =>
        File.WriteAllText(board.ProjectPath,
            "<Project Sdk=\"Xen.Shm.Sdk\">\n  <ItemGroup>\n" + string.Concat(items.Select(i => "    " + i + "\n")) + "  </ItemGroup>\n</Project>\n");

    private static void AssertBootKernelIsTheReferencedBuild(BoardWorkspace board, string configuration, string source)
    {
        byte[] built = File.ReadAllBytes(Path.Combine(board.Directory, "kernel", "bin", configuration, "Image"));
        string text = Encoding.ASCII.GetString(built, 64, built.Length - 64);
        StringAssert.Contains(text, $"configuration={configuration}\n{source}\n");
        string boot = Path.Combine(board.Directory, "bin", configuration, "boot");
        CollectionAssert.AreEqual(built, File.ReadAllBytes(Path.Combine(boot, "domU1", "Image")), configuration);
        var entry = ManifestJson.AssertDescribesFolder(boot).Single(e => e.Path == "domU1/Image");
        Assert.AreEqual(built.Length, entry.Size);
    }
}
