using System;

namespace Xen.Shm.BootImage.Fit
{
    /// <summary>
    /// One node under the FIT's /images (U-Boot doc/uImage.FIT/source_file_format.txt): its name,
    /// description, type (kernel, ramdisk, flat_dt, fpga, firmware), os (kernels and ramdisks only),
    /// load and entry addresses, and the file whose bytes are its data.
    /// </summary>
    public sealed class FitImageEntry
    {
        public FitImageEntry(string name, string description, string type, string? os, ulong load, ulong? entry, string boardPath, string sourcePath)
        {
            Name = name ?? throw new ArgumentNullException(nameof(name));
            Description = description ?? throw new ArgumentNullException(nameof(description));
            Type = type ?? throw new ArgumentNullException(nameof(type));
            Os = os;
            Load = load;
            Entry = entry;
            BoardPath = boardPath ?? throw new ArgumentNullException(nameof(boardPath));
            SourcePath = sourcePath ?? throw new ArgumentNullException(nameof(sourcePath));
        }

        public string Name { get; }
        public string Description { get; }
        public string Type { get; }
        public string? Os { get; }
        public ulong Load { get; }
        public ulong? Entry { get; }

        /// <summary>The boot-folder path of the same file (for messages; Xen's is its input name).</summary>
        public string BoardPath { get; }

        /// <summary>Full path of the file read for the data.</summary>
        public string SourcePath { get; }
    }
}
