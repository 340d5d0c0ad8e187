using System.IO.Compression;
using System.Xml.Linq;
using Xen.Shm.Sdk.IntegrationTests.Infrastructure;

namespace Xen.Shm.Sdk.IntegrationTests;

/// <summary>The .nupkg has exactly the layout of guide msbuild-sdk.md §3.</summary>
[TestClass]
public sealed class PackageContentTests
{
    [TestMethod]
    public void Package_HasExactlyTheSdkLayout()
    {
        SdkFeed.EnsurePacked();
        using var zip = ZipFile.OpenRead(SdkFeed.PackagePath);
        var names = zip.Entries.Select(e => e.FullName)
            // Packaging metadata every .nupkg has (OPC parts); the .psmdcp name is random.
            .Where(n => n is not "[Content_Types].xml" and not "_rels/.rels" && !n.StartsWith("package/services/metadata/core-properties/", StringComparison.Ordinal))
            .OrderBy(n => n, StringComparer.Ordinal)
            .ToArray();

        string[] expected =
        [
            "README.md",
            "Sdk/Sdk.props",
            "Sdk/Sdk.targets",
            "Xen.Shm.Sdk.nuspec",
            "build/Xen.Shm.Sdk.props",
            "build/Xen.Shm.Sdk.targets",
            "build/XenShm.BootImage.targets",
            "build/XenShm.Disk.targets",
            "build/XenShm.Dtb.targets",
            "build/XenShm.Fit.targets",
            "build/XenShm.Images.targets",
            "build/XenShm.Project.props",
            "build/XenShm.Project.targets",
            "build/XenShm.Publish.targets",
            "build/XenShm.Schema.targets",
            "build/XenShm.Topology.targets",
            "build/XenShm.UpToDate.targets",
            "build/XenShm.Xl.targets",
            "schema/xen-shm-topology.schema.json",
            // The task closure: ReadyToRun for .NET MSBuild per RID (issue 21), then the IL-only netstandard2.0 DLLs.
            .. TaskClosure("tasks/net10.0/linux-arm64/"),
            .. TaskClosure("tasks/net10.0/linux-x64/"),
            .. TaskClosure("tasks/net10.0/win-x64/"),
            .. TaskClosure("tasks/netstandard2.0/"),
        ];
        CollectionAssert.AreEqual(expected, names, "package files:\n" + string.Join("\n", names));
    }

    private static string[] TaskClosure(string folder) =>
    [
        folder + "Xen.Shm.BootImage.dll",
        folder + "Xen.Shm.Devicetree.dll",
        folder + "Xen.Shm.Diagnostics.dll",
        folder + "Xen.Shm.Generation.dll",
        folder + "Xen.Shm.Preprocessor.dll",
        folder + "Xen.Shm.Sdk.Tasks.dll",
        folder + "Xen.Shm.Topology.dll",
        folder + "YamlDotNet.dll",
    ];

    /// <summary>
    /// The ReadyToRun DLLs hold native code for their RID and still the IL of the netstandard2.0 ones
    /// (same assembly identity and MVID, so a runtime that rejects the native code JITs the same program).
    /// </summary>
    [TestMethod]
    public void ReadyToRunTasks_AreTheSameAssembliesWithNativeCode()
    {
        SdkFeed.EnsurePacked();
        using var zip = ZipFile.OpenRead(SdkFeed.PackagePath);
        foreach (var il in zip.Entries.Where(e => e.FullName.StartsWith("tasks/netstandard2.0/", StringComparison.Ordinal)))
        {
            var (ilName, ilMvid, ilNative) = Inspect(il);
            Assert.IsFalse(ilNative, il.FullName + " is IL only");
            foreach (string rid in new[] { "linux-arm64", "linux-x64", "win-x64" })
            {
                var r2r = zip.GetEntry("tasks/net10.0/" + rid + "/" + il.Name)!;
                var (name, mvid, native) = Inspect(r2r);
                Assert.AreEqual(ilName, name, r2r.FullName);
                Assert.AreEqual(ilMvid, mvid, r2r.FullName);
                Assert.IsTrue(native, r2r.FullName + " has no ReadyToRun header");
            }
        }
    }

    private static (string Name, Guid Mvid, bool ReadyToRun) Inspect(ZipArchiveEntry entry)
    {
        using var buffer = new MemoryStream();
        using (var s = entry.Open()) s.CopyTo(buffer);
        buffer.Position = 0;
        using var pe = new System.Reflection.PortableExecutable.PEReader(buffer);
        var md = System.Reflection.Metadata.PEReaderExtensions.GetMetadataReader(pe);
        var name = md.GetString(md.GetAssemblyDefinition().Name);
        var mvid = md.GetGuid(md.GetModuleDefinition().Mvid);
        // crossgen2 sets the ManagedNativeHeader of the CLI header (the READYTORUN header); IL-only DLLs have none.
        bool r2r = pe.PEHeaders.CorHeader!.ManagedNativeHeaderDirectory.Size > 0;
        return (name, mvid, r2r);
    }

    [TestMethod]
    public void Package_IsAnMSBuildSdkWithoutDependencies()
    {
        SdkFeed.EnsurePacked();
        using var zip = ZipFile.OpenRead(SdkFeed.PackagePath);
        using var stream = zip.GetEntry("Xen.Shm.Sdk.nuspec")!.Open();
        var nuspec = XDocument.Load(stream);
        XNamespace ns = nuspec.Root!.Name.Namespace;
        var metadata = nuspec.Root.Element(ns + "metadata")!;

        Assert.AreEqual("Xen.Shm.Sdk", metadata.Element(ns + "id")!.Value);
        Assert.AreEqual(SdkFeed.Version, metadata.Element(ns + "version")!.Value);
        Assert.AreEqual("MSBuildSdk", metadata.Element(ns + "packageTypes")!.Element(ns + "packageType")!.Attribute("name")!.Value);
        Assert.IsNull(metadata.Element(ns + "dependencies"), "an SDK package must not pull dependencies into board projects");
    }

    [TestMethod]
    public void SdkProps_CarriesThePackageVersion()
    {
        SdkFeed.EnsurePacked();
        using var zip = ZipFile.OpenRead(SdkFeed.PackagePath);
        using var reader = new StreamReader(zip.GetEntry("Sdk/Sdk.props")!.Open());
        var props = XDocument.Parse(reader.ReadToEnd());

        var version = props.Descendants("XenShmSdkVersion").Single().Value;
        Assert.AreEqual(SdkFeed.Version, version);
    }
}
