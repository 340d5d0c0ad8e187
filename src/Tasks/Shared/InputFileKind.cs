using System;
using System.IO;
using System.Runtime.InteropServices;

// Linked into every library (like Polyfills.cs): the Topology loader and the device-tree source
// opener both have to know what a named input is before they open it, since opening a FIFO
// blocks until a writer comes and reading /dev/zero never ends (issue 17).
namespace Xen.Shm.Inputs
{
    /// <summary>What a path names, following symbolic links as open(2) does.</summary>
    internal enum InputFileKind
    {
        Missing,
        Regular,
        Directory,

        /// <summary>A FIFO, character or block device, or socket.</summary>
        Special,
    }

    internal static class InputFile
    {
        /// <summary>
        /// The kind of <paramref name="path"/> and, for a regular file, its size. On Unix the type
        /// comes from stat(2) through the .NET runtime's own System.Native shim (the one FileInfo
        /// uses), whose FileStatus starts { int Flags; int Mode; uint Uid; uint Gid; long Size }
        /// (dotnet/runtime src/native/libs/System.Native/pal_io.h). Elsewhere (Windows, where FIFOs
        /// and devices are not in the file system) the managed view is all there is.
        /// </summary>
        public static InputFileKind KindOf(string path, out long size)
        {
            size = 0;
            try
            {
                if (Directory.Exists(path)) return InputFileKind.Directory;
                if (!File.Exists(path)) return InputFileKind.Missing;
                // A dangling symbolic link "exists" for File.Exists (lstat) but stat(2) fails: nothing to read.
                if (Environment.OSVersion.Platform == PlatformID.Unix && StatMode(path, out int mode, out size) is bool found)
                    return !found ? InputFileKind.Missing : (mode & 0xF000) == 0x8000 ? InputFileKind.Regular : InputFileKind.Special;
                size = new FileInfo(path).Length;
                return InputFileKind.Regular;
            }
            catch (Exception e) when (e is IOException || e is UnauthorizedAccessException || e is ArgumentException || e is NotSupportedException)
            {
                return InputFileKind.Missing;
            }
        }

        /// <summary>"a directory", "a FIFO or device" — for messages.</summary>
        public static string Describe(InputFileKind kind) => kind switch
        {
            InputFileKind.Directory => "a directory",
            InputFileKind.Special => "a FIFO, device or socket",
            InputFileKind.Missing => "missing",
            _ => "a regular file",
        };

        private static bool? StatMode(string path, out int mode, out long size)
        {
            mode = 0;
            size = 0;
            var buffer = Marshal.AllocHGlobal(512);
            try
            {
                // The shim takes a NUL-terminated UTF-8 path (netstandard2.0 has no LPUTF8Str marshalling).
                var utf8 = System.Text.Encoding.UTF8.GetBytes(path + "\0");
                if (SystemNativeStat(utf8, buffer) != 0) return false;
                mode = Marshal.ReadInt32(buffer, 4);
                size = Marshal.ReadInt64(buffer, 16);
                return true;
            }
            catch (Exception e) when (e is DllNotFoundException || e is EntryPointNotFoundException)
            {
                return null;
            }
            finally
            {
                Marshal.FreeHGlobal(buffer);
            }
        }

        [DllImport("libSystem.Native", EntryPoint = "SystemNative_Stat")]
        private static extern int SystemNativeStat(byte[] path, IntPtr output);
    }
}
