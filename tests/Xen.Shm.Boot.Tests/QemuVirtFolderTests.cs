using Xen.Shm.Boot.Tests.BootFolders;
using Xen.Shm.Boot.Tests.Prerequisites;
using Xen.Shm.Boot.Tests.Reference;
using Xen.Shm.Boot.Tests.Sdk;

namespace Xen.Shm.Boot.Tests;

/// <summary>
/// The SDK's qemu-virt boot folder against the reference folder, which is written independently from the guide's
/// recipe with the real dtc and mkimage (and boots): same partial DTBs byte for byte, same carve-out, same region
/// node and board fix-up in the host DTB (read back with dtc's fdtget), same load plan. No boot: seconds once packed.
/// </summary>
[TestClass]
[DoNotParallelize]
public sealed class QemuVirtFolderTests
{
    public TestContext TestContext { get; set; } = null!;

    [TestMethod]
    [TestCategory("Boot")]
    public void SdkFolder_MatchesTheIndependentReferenceFolder()
    {
        var tools = BootPrerequisites.Require();
        var work = Path.Combine(Path.GetTempPath(), "xshm-boot", "folder-" + Guid.NewGuid().ToString("N"));
        try
        {
            var sdk = new QemuVirtBoard(tools, log: TestContext.WriteLine).Prepare(Path.Combine(work, "sdk")).Path;
            var reference = new ReferenceBootFolder(tools).Prepare(Path.Combine(work, "reference")).Path;

            foreach (var d in new[] { "domU1", "domU2" })
            {
                CollectionAssert.AreEqual(File.ReadAllBytes(Path.Combine(reference, d, "passthrough.dtb")),
                    File.ReadAllBytes(Path.Combine(sdk, d, d + ".dtb")), $"{d}: partial DTB differs from dtc's compile of the spec 7.2 fragment");
            }

            string Get(string folder, string type, string node, string property) =>
                ExternalTool.Check(tools.Fdtget, new[] { "-t", type, Path.Combine(folder, "host.dtb"), node, property }).Trim();
            foreach (var (type, node, property) in new[]
            {
                ("x", "/memory@40000000", "reg"),
                ("x", "/sram@bf000000", "reg"),
                ("s", "/sram@bf000000", "compatible"),
                ("s", "/pl061@9030000", "status"),
                ("s", "/chosen", "xen,xen-bootargs"),
                ("s", "/chosen", "xen,dom0-bootargs"),
            })
            {
                Assert.AreEqual(Get(reference, type, node, property), Get(sdk, type, node, property), $"host.dtb {node} {property}");
            }

            // Same spec 10.3 order and slot rule, so the same addresses (the partial DTBs differ only in name).
            string Canonical(string path) => path.EndsWith("/passthrough.dtb", StringComparison.Ordinal)
                ? path.Replace("passthrough.dtb", path.Split('/')[0] + ".dtb", StringComparison.Ordinal) : path;
            string Plan(string folder) => string.Join("\n", BootManifest.Read(folder).Files
                .Where(f => f.LoadAddress is not null)
                .Select(f => $"{Canonical(f.Path)} {BootManifest.Hex(f.LoadAddress!.Value)}").Order(StringComparer.Ordinal));
            Assert.AreEqual(Plan(reference), Plan(sdk));
            var payload = (string folder) => UImage.Parse(File.ReadAllBytes(Path.Combine(folder, "xen.uimg"))).LoadAddress;
            Assert.AreEqual(payload(reference), payload(sdk), "xen.uimg payload load address");
        }
        finally { PackedSdk.TryDelete(work); }
    }
}
