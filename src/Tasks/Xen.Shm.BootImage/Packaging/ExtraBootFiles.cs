using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;

namespace Xen.Shm.BootImage.Packaging
{
    /// <summary>
    /// Writes and reads a step's list of extra boot-folder files (<c>path\taddress</c> per line, <c>-</c> for no
    /// address), written by WriteFitImage as fit.files; the packaging step copies them from generated/.
    /// </summary>
    public static class ExtraBootFiles
    {
        /// <summary>Writes the list (only when it changed: the packaging step reads it as an Input).</summary>
        public static void Write(string listFile, IEnumerable<(string Path, ulong? LoadAddress)> files) =>
            Incremental.FileRefresh.Lines(listFile, files.Select(f => f.Path + "\t" + Hex(f.LoadAddress)), touchUnchanged: false);

        private static string Hex(ulong? a) => a is ulong v ? "0x" + v.ToString("x", CultureInfo.InvariantCulture) : "-";

        public static IReadOnlyList<(string Path, ulong? LoadAddress)> Read(string? listFile)
        {
            var files = new List<(string, ulong?)>();
            if (string.IsNullOrEmpty(listFile) || !File.Exists(listFile)) return files;
            foreach (string line in File.ReadAllLines(listFile))
            {
                if (line.Length == 0) continue;
                string[] f = line.Split('\t');
                if (f.Length != 2) throw new InvalidDataException($"'{listFile}': not a list of boot files ('{line}')");
                ulong? address = f[1].StartsWith("0x", StringComparison.Ordinal)
                    ? ulong.Parse(f[1].Substring(2), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture)
                    : (ulong?)null;
                files.Add((f[0], address));
            }

            return files;
        }
    }
}
