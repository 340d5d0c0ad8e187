using System.Text.Json;
using Xen.Shm.Sdk.IntegrationTests.Infrastructure;

namespace Xen.Shm.Sdk.IntegrationTests;

/// <summary>Every public property's default (README table), and the extension points firmware pipelines use.</summary>
[TestClass]
public sealed class PublicSurfaceTests : BoardTestBase
{
    [TestMethod]
    public void PublicProperties_HaveTheirDocumentedDefaults()
    {
        var board = BoardWorkspace.Create(TestContext, "sdk-basic");
        string[] names =
        [
            "UsingXenShmSdk", "XenShmSdkVersion", "XenShmImageName", "EnableDefaultXenShmItems", "XenShmIntermediateDir",
            "XenShmBootImageDir", "TargetFramework", "DisableFastUpToDateCheck", "IsPackable",
            "XenShmBootCommand", "XenShmBootApplyOverlay", "XenShmBootLoadCommand", "XenShmBootPathPrefix", "XenShmFitImage",
            "XenShmDiskImage", "XenShmDiskImageExtraSize", "XenShmDiskImagePath",
        ];

        var run = DotnetCli.Run(board.Directory, new Dictionary<string, string> { ["NUGET_PACKAGES"] = SdkFeed.PackagesDirectory },
            ["msbuild", board.ProjectFile, "-nologo", .. names.Select(n => "-getProperty:" + n), "-getItem:XenShmTopology", "-getItem:EmbedInBinlog"]);

        Assert.AreEqual(0, run.ExitCode, run.ToString());
        using var json = JsonDocument.Parse(run.Output);
        var props = json.RootElement.GetProperty("Properties");
        string Get(string n) => props.GetProperty(n).GetString()!;
        Assert.AreEqual("true", Get("UsingXenShmSdk"));
        Assert.AreEqual(SdkFeed.Version, Get("XenShmSdkVersion"));
        Assert.AreEqual("sdk-basic", Get("XenShmImageName"));
        Assert.AreEqual("true", Get("EnableDefaultXenShmItems"));
        Assert.AreEqual("obj/Debug/xenshm/", Get("XenShmIntermediateDir").Replace('\\', '/'));
        Assert.AreEqual("bin/Debug/boot/", Get("XenShmBootImageDir").Replace('\\', '/'));
        Assert.AreEqual("netstandard2.0", Get("TargetFramework"));
        // Fast up-to-date check left on: XenShm.UpToDate.targets feeds it (UpToDateCheckTests).
        Assert.AreEqual("", Get("DisableFastUpToDateCheck"));
        Assert.AreEqual("false", Get("IsPackable"));
        // LAYOUT L3 defaults (README "Properties").
        Assert.AreEqual("bootm", Get("XenShmBootCommand"));
        Assert.AreEqual("false", Get("XenShmBootApplyOverlay"));
        Assert.AreEqual("load ${devtype} ${devnum}:${distro_bootpart}", Get("XenShmBootLoadCommand"));
        Assert.AreEqual("", Get("XenShmBootPathPrefix"));
        Assert.AreEqual("false", Get("XenShmFitImage"));
        // Disk image (SDK README "Disk image"): off, no extra room, beside the boot folder.
        Assert.AreEqual("false", Get("XenShmDiskImage"));
        Assert.AreEqual("0", Get("XenShmDiskImageExtraSize"));
        Assert.AreEqual("bin/Debug/sdk-basic.img", Get("XenShmDiskImagePath").Replace('\\', '/'));
        var topology = json.RootElement.GetProperty("Items").GetProperty("XenShmTopology").EnumerateArray().Single();
        Assert.AreEqual("board.yaml", topology.GetProperty("Identity").GetString());
        // The YAML travels with -bl logs.
        CollectionAssert.Contains(json.RootElement.GetProperty("Items").GetProperty("EmbedInBinlog").EnumerateArray()
            .Select(i => i.GetProperty("FullPath").GetString()).ToList(), board.YamlPath);
    }

    [TestMethod]
    public void ExtensionPoints_RunInPipelineOrder_AndOutputDirsCanMove()
    {
        var board = BoardWorkspace.Create(TestContext, "sdk-basic");
        File.WriteAllText(Path.Combine(board.Directory, "custom.targets"), """
            <Project>
              <Target Name="FirmwareStep" AfterTargets="XenShmPackageBootImage">
                <Message Importance="High" Text="HOOK custom-after-targets: after XenShmPackageBootImage" />
              </Target>
            </Project>
            """);
        File.WriteAllText(board.ProjectPath, """
            <Project Sdk="Xen.Shm.Sdk">
              <PropertyGroup>
                <XenShmImageName>firmware-demo</XenShmImageName>
                <XenShmBootImageDir>out/boot-folder/</XenShmBootImageDir>
                <CustomAfterXenShmTargets>$(MSBuildProjectDirectory)/custom.targets</CustomAfterXenShmTargets>
                <XenShmBuildDependsOn>$(XenShmBuildDependsOn);SignBootFolder</XenShmBuildDependsOn>
              </PropertyGroup>
              <Target Name="BeforeXenShmBuild">
                <Message Importance="High" Text="HOOK before" />
              </Target>
              <Target Name="AfterXenShmBuild">
                <Message Importance="High" Text="HOOK after" />
              </Target>
              <Target Name="SignBootFolder">
                <Message Importance="High" Text="HOOK depends-on: manifest exists=$([System.IO.File]::Exists('$(XenShmBootImageDir)manifest.json'))" />
              </Target>
            </Project>
            """);

        var run = board.Build();

        run.AssertSucceeded();
        var hooks = run.Cli.Lines.Select(l => l.Trim()).Where(l => l.StartsWith("HOOK ", StringComparison.Ordinal) || l.StartsWith("firmware-demo -> ", StringComparison.Ordinal)).ToList();
        string moved = Path.Combine(board.Directory, "out", "boot-folder") + Path.DirectorySeparatorChar;
        CollectionAssert.AreEqual(new[]
        {
            "HOOK before",
            "HOOK custom-after-targets: after XenShmPackageBootImage",
            "HOOK after",
            "HOOK depends-on: manifest exists=True",
            $"firmware-demo -> {moved}",
        }, hooks, string.Join("\n", hooks));
        Assert.IsTrue(File.Exists(Path.Combine(moved, "manifest.json")));
        Assert.IsFalse(Directory.Exists(board.BootDirectory), "the default boot folder is not used when XenShmBootImageDir moves it");

        // Outside bin/ and obj/, IncrementalClean cannot see the files: XenShmClean removes them.
        var clean = board.Clean();
        clean.AssertSucceeded();
        Assert.IsEmpty(BoardWorkspace.Snapshot(moved));
    }
}
