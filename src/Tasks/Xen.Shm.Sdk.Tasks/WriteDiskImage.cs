using System;
using System.IO;
using Microsoft.Build.Framework;
using Xen.Shm.BootImage.Disk;
using Xen.Shm.BootImage.UImage;
using Xen.Shm.Diagnostics;

namespace Xen.Shm.Sdk.Tasks
{
    /// <summary>
    /// XenShmWriteDiskImage (XenShmDiskImage=true): the boot folder on the FAT32 partition of an MBR disk
    /// image beside it, named in manifest.json (BootImage's DiskImageStep does the work). Times:
    /// SOURCE_DATE_EPOCH (as the uImage headers), else 1980-01-01.
    /// </summary>
    public sealed class WriteDiskImage : XenShmTask
    {
        /// <summary>The project file: where a bad XenShmDiskImageExtraSize is reported.</summary>
        [Required] public string ProjectFile { get; set; } = string.Empty;
        [Required] public string BootImageDirectory { get; set; } = string.Empty;
        [Required] public string ImagePath { get; set; } = string.Empty;

        /// <summary>Where the image's copy of manifest.json is written first.</summary>
        [Required] public string IntermediateDirectory { get; set; } = string.Empty;
        [Required] public string ImageName { get; set; } = string.Empty;
        public string? ExtraSize { get; set; }

        protected override void Run()
        {
            var request = new DiskImageRequest
            {
                ProjectFile = ProjectFile,
                BootImageDirectory = BootImageDirectory,
                ImagePath = ImagePath,
                IntermediateDirectory = IntermediateDirectory,
                ImageName = ImageName,
                ExtraSize = ExtraSize,
                Time = LegacyImage.TimeFromSourceDateEpoch(Environment.GetEnvironmentVariable("SOURCE_DATE_EPOCH")),
            };
            var diagnostics = new DiagnosticBag();
            bool written = DiskImageStep.Run(request, diagnostics);
            Report(diagnostics);
            if (written) Log.LogMessage(MessageImportance.High, "{0} -> {1}", ImageName, Path.GetFullPath(ImagePath));
        }
    }
}
