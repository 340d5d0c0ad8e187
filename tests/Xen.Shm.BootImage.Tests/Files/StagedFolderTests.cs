using Xen.Shm.BootImage.Files;

namespace Xen.Shm.BootImage.Tests.Files;

/// <summary>
/// The all-or-nothing boot folder: a commit swaps the whole content, an abandoned staging leaves
/// the folder untouched, and every state a kill can leave between the steps of the swap is put
/// back to exactly the old or exactly the new folder by the next Begin.
/// </summary>
[TestClass]
public sealed class StagedFolderTests
{
    private static SortedDictionary<string, string> Content(string dir) =>
        new(Directory.GetFiles(dir, "*", SearchOption.AllDirectories)
            .ToDictionary(f => System.IO.Path.GetRelativePath(dir, f), File.ReadAllText), StringComparer.Ordinal);

    private static string MakeOld(TempFolder temp)
    {
        string boot = temp.File("boot");
        Directory.CreateDirectory(System.IO.Path.Combine(boot, "etc"));
        File.WriteAllText(System.IO.Path.Combine(boot, "host.dtb"), "old dtb");
        File.WriteAllText(System.IO.Path.Combine(boot, "etc", "a.cfg"), "old cfg");
        return boot;
    }

    private static void Fill(StagedFolder staged)
    {
        AtomicFile.WriteAllText(staged.Staging.PathOf("host.dtb"), "new dtb");
        AtomicFile.WriteAllText(staged.Staging.PathOf("xen.uimg"), "new xen");
    }

    private static readonly SortedDictionary<string, string> s_old = new(StringComparer.Ordinal) { ["etc/a.cfg"] = "old cfg", ["host.dtb"] = "old dtb" };
    private static readonly SortedDictionary<string, string> s_new = new(StringComparer.Ordinal) { ["host.dtb"] = "new dtb", ["xen.uimg"] = "new xen" };

    [TestMethod]
    public void Commit_ReplacesTheWholeFolder_AndLeavesNoSibling()
    {
        using var temp = new TempFolder();
        string boot = MakeOld(temp);

        using (var staged = StagedFolder.Begin(boot))
        {
            Fill(staged);
            staged.Commit();
        }

        CollectionAssert.AreEqual(s_new, Content(boot));
        CollectionAssert.AreEqual(new[] { "boot" }, Directory.GetFileSystemEntries(temp.Path).Select(System.IO.Path.GetFileName).ToArray());
    }

    [TestMethod]
    public void AbandonedStaging_LeavesTheFolderAsItWas()
    {
        using var temp = new TempFolder();
        string boot = MakeOld(temp);

        using (var staged = StagedFolder.Begin(boot)) Fill(staged);

        CollectionAssert.AreEqual(s_old, Content(boot));
        CollectionAssert.AreEqual(new[] { "boot" }, Directory.GetFileSystemEntries(temp.Path).Select(System.IO.Path.GetFileName).ToArray());
    }

    [TestMethod]
    public void FirstBuild_WithoutAFolder_CommitsOne()
    {
        using var temp = new TempFolder();
        string boot = temp.File("boot");

        using (var staged = StagedFolder.Begin(boot))
        {
            Fill(staged);
            staged.Commit();
        }

        CollectionAssert.AreEqual(s_new, Content(boot));
    }

    // The states a SIGKILL can leave, made by hand with the names the swap uses.
    [TestMethod]
    [DataRow("staging", DisplayName = "killed while staging: old folder kept")]
    [DataRow("between", DisplayName = "killed between the two renames: old folder back")]
    [DataRow("deleting", DisplayName = "killed while deleting the old folder: new folder kept")]
    public void InterruptedSwap_IsRepairedToTheOldOrTheNewFolder(string state)
    {
        using var temp = new TempFolder();
        string boot = MakeOld(temp);
        string staging = temp.File(".boot.staging-0123456789abcdef0123456789abcdef");
        string old = temp.File(".boot.old-0123456789abcdef0123456789abcdef");
        Directory.CreateDirectory(staging);
        File.WriteAllText(System.IO.Path.Combine(staging, "host.dtb"), "new dtb");
        File.WriteAllText(System.IO.Path.Combine(staging, "xen.uimg"), "new xen");
        if (state == "between") Directory.Move(boot, old);
        if (state == "deleting")
        {
            Directory.Move(boot, old);
            Directory.Move(staging, boot);
            File.Delete(System.IO.Path.Combine(old, "host.dtb"));   // half deleted
        }

        StagedFolder.Recover(boot);

        CollectionAssert.AreEqual(state == "deleting" ? s_new : s_old, Content(boot));
        CollectionAssert.AreEqual(new[] { "boot" }, Directory.GetFileSystemEntries(temp.Path).Select(System.IO.Path.GetFileName).ToArray(),
            "no staging or old folder is left");
    }

    [TestMethod]
    public void FailingSwap_PutsTheOldFolderBack()
    {
        using var temp = new TempFolder();
        string boot = MakeOld(temp);
        var staged = StagedFolder.Begin(boot);
        Fill(staged);
        // The staging folder vanishes (e.g. removed by hand): the second rename fails.
        Directory.Delete(staged.Staging.Root, recursive: true);

        Assert.ThrowsExactly<DirectoryNotFoundException>(staged.Commit);
        staged.Dispose();

        CollectionAssert.AreEqual(s_old, Content(boot));
    }
}
