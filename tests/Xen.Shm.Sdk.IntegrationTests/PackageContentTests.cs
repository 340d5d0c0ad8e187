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
            "tasks/netstandard2.0/Xen.Shm.BootImage.dll",
            "tasks/netstandard2.0/Xen.Shm.Devicetree.dll",
            "tasks/netstandard2.0/Xen.Shm.Diagnostics.dll",
            "tasks/netstandard2.0/Xen.Shm.Generation.dll",
            "tasks/netstandard2.0/Xen.Shm.Preprocessor.dll",
            "tasks/netstandard2.0/Xen.Shm.Sdk.Tasks.dll",
            "tasks/netstandard2.0/Xen.Shm.Topology.dll",
            "tasks/netstandard2.0/YamlDotNet.dll",
        ];
        CollectionAssert.AreEqual(expected, names, "package files:\n" + string.Join("\n", names));
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
