namespace Xen.Shm.BootImage.Packaging
{
    /// <summary>Where packaging reads and writes (the XenShmPackageBootImage task's parameters).</summary>
    public sealed class PackagingPaths
    {
        public PackagingPaths(string generatedDirectory, string bootImageDirectory, string writtenListFile, string inputListFile)
        {
            GeneratedDirectory = generatedDirectory;
            BootImageDirectory = bootImageDirectory;
            WrittenListFile = writtenListFile;
            InputListFile = inputListFile;
        }

        public string GeneratedDirectory { get; }

        /// <summary>Full path of the boot folder (XenShmBootImageDir).</summary>
        public string BootImageDirectory { get; }

        /// <summary>Where to write the produced files' relative paths (bootimage.files).</summary>
        public string WrittenListFile { get; }

        /// <summary>Where to write the full paths of the files copied from (package.inputs).</summary>
        public string InputListFile { get; }

        /// <summary>
        /// Optional: a list of more generated files for the boot folder, one <c>path\taddress</c> line each
        /// (address <c>-</c> when not loaded), e.g. the FIT step's fit.files; empty or missing for none.
        /// </summary>
        public string? ExtraFilesListFile { get; set; }

        /// <summary>
        /// Optional: where the SHA-256 of the copied files is remembered between builds (keyed by
        /// path, size, times and inode: ContentHashes), so an unchanged image is not hashed again.
        /// </summary>
        public string? HashCacheFile { get; set; }
    }
}
