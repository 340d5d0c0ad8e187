using System;
using System.IO;
using System.Text;
using Xen.Shm.BootImage.Files;
using Xen.Shm.BootImage.UImage;
using Xen.Shm.Diagnostics;

namespace Xen.Shm.BootImage.Script
{
    /// <summary>Writes boot.source and its image boot.scr into the boot folder, atomically.</summary>
    public static class BootScriptFiles
    {
        public const string SourceName = "boot.source";
        public const string ImageName = "boot.scr";

        /// <summary>False after a diagnostic; nothing is written then.</summary>
        public static bool Write(string bootFolder, string scriptText, ulong loadAddress, uint time, DiagnosticBag diagnostics, string imageName = "")
        {
            if (bootFolder is null) throw new ArgumentNullException(nameof(bootFolder));
            if (scriptText is null) throw new ArgumentNullException(nameof(scriptText));
            byte[] source = new UTF8Encoding(false).GetBytes(scriptText);
            byte[]? image = LegacyImage.Script(source, loadAddress, time, diagnostics, imageName);
            if (image is null) return false;
            AtomicFile.WriteAllBytes(Path.Combine(bootFolder, SourceName), source);
            AtomicFile.WriteAllBytes(Path.Combine(bootFolder, ImageName), image);
            return true;
        }
    }
}
