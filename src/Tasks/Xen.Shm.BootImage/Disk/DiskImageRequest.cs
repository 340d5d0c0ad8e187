namespace Xen.Shm.BootImage.Disk
{
    /// <summary>What the disk-image step needs (the XenShmWriteDiskImage task's parameters).</summary>
    public sealed class DiskImageRequest
    {
        /// <summary>The project file: where a bad XenShmDiskImageExtraSize is reported.</summary>
        public string ProjectFile { get; set; } = string.Empty;
        public string BootImageDirectory { get; set; } = string.Empty;
        public string ImagePath { get; set; } = string.Empty;

        /// <summary>Where the image's copy of manifest.json is written first.</summary>
        public string IntermediateDirectory { get; set; } = string.Empty;
        public string ImageName { get; set; } = string.Empty;

        /// <summary>XenShmDiskImageExtraSize as given (e.g. 64M); null or empty for none.</summary>
        public string? ExtraSize { get; set; }

        /// <summary>The files' FAT time, Unix seconds: SOURCE_DATE_EPOCH as the uImage headers use it (0 gives 1980-01-01).</summary>
        public uint Time { get; set; }
    }
}
