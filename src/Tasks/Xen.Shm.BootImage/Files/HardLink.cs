using System;
using System.Runtime.InteropServices;

namespace Xen.Shm.BootImage.Files
{
    /// <summary>
    /// A second name for an existing file (link(2), CreateHardLinkW): how an unchanged file of the
    /// previous boot folder enters the staging folder without copying its bytes. netstandard2.0 has
    /// no API for it. False when the file system cannot (FAT on an SD card, another device): the
    /// caller copies instead.
    /// </summary>
    public static class HardLink
    {
        public static bool TryCreate(string existing, string link)
        {
            try
            {
                return RuntimeInformation.IsOSPlatform(OSPlatform.Windows)
                    ? CreateHardLinkW(link, existing, IntPtr.Zero)
                    : LinkUnix(existing, link) == 0;
            }
            catch (Exception e) when (e is DllNotFoundException || e is EntryPointNotFoundException)
            {
                return false;
            }
        }

        [DllImport("libc", EntryPoint = "link", SetLastError = true)]
        private static extern int LinkUnix(string oldPath, string newPath);

        [DllImport("kernel32", CharSet = CharSet.Unicode, SetLastError = true)]
        [return: MarshalAs(UnmanagedType.Bool)]
        private static extern bool CreateHardLinkW(string newFileName, string existingFileName, IntPtr securityAttributes);
    }
}
