using Xen.Shm.Boot.Tests.Reference;
using Xen.Shm.Boot.Tests.Sdk;

namespace Xen.Shm.Boot.Tests.BootFolders;

/// <summary>What a boot must show to pass: the region Xen must keep out of RAM and the handshake directions.</summary>
/// <param name="PerRegion">the directions proven on each region, in the order of the domains' xshm_addr lists, when the
/// handshake runs on several: each marker then ends in " [region N]"; null for one region (<paramref name="Directions"/>)</param>
public sealed record BootExpectation(SharedRegion Region, IReadOnlyList<string> Directions, IReadOnlyList<IReadOnlyList<string>>? PerRegion = null);

/// <summary>A boot folder on disk (files, manifest.json, boot.scr) and what booting it must show.</summary>
public sealed record PreparedBootFolder(string Path, BootExpectation Expect);

/// <summary>
/// Where a boot folder comes from: the SDK's build of a testassets board (<see cref="QemuVirtBoard"/>) or a folder
/// written independently with dtc and mkimage (<see cref="ReferenceBootFolder"/>). The boot tests take this as
/// their one parameter.
/// </summary>
public interface IBootFolderSource
{
    string Name { get; }

    PreparedBootFolder Prepare(string workDirectory);
}
