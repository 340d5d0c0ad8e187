using Xen.Shm.BootImage.Script;
using Xen.Shm.Diagnostics;

namespace Xen.Shm.BootImage.Tests.Script;

/// <summary>The project's boot settings as MSBuild hands them over (LAYOUT L3): empty means the default.</summary>
[TestClass]
public sealed class BootScriptSettingsTests
{
    private static readonly SourceSpan Project = new("/boards/zcu102/zcu102.csproj", 0, 0);

    [TestMethod]
    public void EmptyValues_AreTheLayoutDefaults()
    {
        var bag = new DiagnosticBag();

        var s = BootScriptSettings.Parse("", null, "", "", null, Project, bag)!;

        Assert.IsEmpty(bag);
        Assert.AreEqual("load ${devtype} ${devnum}:${distro_bootpart}", s.LoadCommand);
        Assert.AreEqual("", s.PathPrefix);
        Assert.AreEqual(BootCommand.BootmKeepMemory, s.Boot);
        Assert.IsFalse(s.ApplyOverlay);
        Assert.IsEmpty(s.ExtraCommands);
        Assert.IsTrue(s.LayoutOptions.XenAsUImage, "bootm loads Xen as xen.uimg");
        Assert.IsFalse(s.LayoutOptions.ApplyOverlay);
    }

    [TestMethod]
    public void ScriptName_IsCheckedWithTheSettings_EveryProblemReported()
    {
        var good = BootScriptSettings.Parse(null, null, null, null, null, "u-boot.scr", Project, new DiagnosticBag())!;
        Assert.AreEqual("u-boot.scr", good.ScriptName);
        Assert.AreEqual("boot.scr", BootScriptSettings.Parse(null, null, null, null, null, "", Project, new DiagnosticBag())!.ScriptName);

        var bag = new DiagnosticBag();
        Assert.IsNull(BootScriptSettings.Parse(null, null, "bootz", null, null, "../boot.scr", Project, bag));
        CollectionAssert.AreEqual(new[] { "XSHM8006", "XSHM5060" }, bag.Select(d => d.Code).ToArray());

        bag = new DiagnosticBag();
        Assert.IsNull(BootScriptSettings.Parse(null, null, null, null, null, "manifest.json", Project, bag), "good settings, bad name");
        Assert.AreEqual("XSHM5060", bag.Single().Code);
    }

    [TestMethod]
    [DataRow("bootm", BootCommand.BootmKeepMemory, true)]
    [DataRow("booti", BootCommand.Booti, false)]
    [DataRow("bootefi", BootCommand.Bootefi, false)]
    [DataRow(" none ", BootCommand.None, false)]
    public void BootCommand_ChoosesTheRouteAndWhetherXenIsAUImage(string value, BootCommand boot, bool uimage)
    {
        var s = BootScriptSettings.Parse(null, null, value, "TRUE", ["echo a", " echo b "], Project, new DiagnosticBag())!;

        Assert.AreEqual(boot, s.Boot);
        Assert.AreEqual(uimage, s.LayoutOptions.XenAsUImage);
        Assert.IsTrue(s.ApplyOverlay, "MSBuild booleans are case-insensitive");
        CollectionAssert.AreEqual(new[] { "echo a", "echo b" }, s.ExtraCommands.ToArray());
    }

    [TestMethod]
    public void SeveralMistakes_AreAllReported_AtTheProjectFile()
    {
        var bag = new DiagnosticBag();

        Assert.IsNull(BootScriptSettings.Parse("tftpb\nreset", "a b", "BOOTI", "1", ["", "x\ny"], Project, bag));

        CollectionAssert.AreEqual(new[] { "XSHM8008", "XSHM8009", "XSHM8006", "XSHM8007", "XSHM8010", "XSHM8010" }, bag.Select(d => d.Code).ToArray());
        Assert.IsTrue(bag.All(d => d.Span.Equals(Project)));
        Assert.IsTrue(bag.All(d => !d.Message.Contains('\n')), "messages stay one line");
    }
}
