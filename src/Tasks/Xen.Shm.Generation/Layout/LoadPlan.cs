using System;
using System.Collections.Generic;
using System.Linq;
using Xen.Shm.Topology;

namespace Xen.Shm.Generation.Layout
{
    /// <summary>Where one file goes: [Address, Address + Size), Size = <see cref="BootFile.MemorySize"/>.</summary>
    public sealed class PlacedFile
    {
        internal PlacedFile(BootFile file, ulong address)
        {
            File = file;
            Address = address;
        }

        public BootFile File { get; }
        public ulong Address { get; }
        public AddressRange Range => new AddressRange(Address, File.MemorySize);
    }

    /// <summary>The result of <see cref="LoadAddressPlanner.Plan"/>.</summary>
    public sealed class LoadPlan
    {
        internal LoadPlan(ulong bootScriptAddress, IReadOnlyList<PlacedFile> files)
        {
            BootScriptAddress = bootScriptAddress;
            Files = files;
        }

        /// <summary>The 2 MiB slot of boot.scr.</summary>
        public ulong BootScriptAddress { get; }

        /// <summary>Files in placement order (§10.3), ascending addresses.</summary>
        public IReadOnlyList<PlacedFile> Files { get; }

        public PlacedFile? Find(string name) => Files.FirstOrDefault(f => string.Equals(f.File.Name, name, StringComparison.Ordinal));

        public PlacedFile? Find(BootFileRole role) => Files.FirstOrDefault(f => f.File.Role == role);

        /// <summary>
        /// A domain's kernel, ramdisk or partial DTB. Files are told apart by what they are, not by
        /// boot-folder name: one input used twice (e.g. as a domain's kernel and its ramdisk) has
        /// one name and two slots.
        /// </summary>
        public PlacedFile? Find(BootFileRole role, int domainIndex) =>
            Files.FirstOrDefault(f => f.File.Role == role && f.File.DomainIndex == domainIndex);
    }
}
