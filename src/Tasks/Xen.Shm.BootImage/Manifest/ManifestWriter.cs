using System;
using System.Globalization;
using System.IO;
using System.Text;
using Xen.Shm.BootImage.Files;

namespace Xen.Shm.BootImage.Manifest
{
    /// <summary>
    /// Writes manifest.json byte for byte as ../_notes/MANIFEST.md fixes it: UTF-8 without BOM, "\n",
    /// 2-space indent, keys version/files then path/size/loadAddress/sha256, one file per line.
    /// </summary>
    public static class ManifestWriter
    {
        public static string Format(BootManifest manifest)
        {
            if (manifest is null) throw new ArgumentNullException(nameof(manifest));
            var sb = new StringBuilder();
            sb.Append("{\n");
            sb.Append("  \"version\": ").Append(manifest.Version.ToString(CultureInfo.InvariantCulture)).Append(",\n");
            if (manifest.Files.Count == 0)
            {
                sb.Append("  \"files\": []\n");
            }
            else
            {
                sb.Append("  \"files\": [\n");
                for (int i = 0; i < manifest.Files.Count; i++)
                {
                    var f = manifest.Files[i];
                    sb.Append("    { \"path\": ");
                    AppendString(sb, f.Path);
                    sb.Append(", \"size\": ").Append(f.Size.ToString(CultureInfo.InvariantCulture));
                    sb.Append(", \"loadAddress\": ");
                    if (f.LoadAddress is ulong a) AppendString(sb, ManifestEntry.FormatAddress(a));
                    else sb.Append("null");
                    sb.Append(", \"sha256\": ");
                    AppendString(sb, f.Sha256);
                    sb.Append(i + 1 < manifest.Files.Count ? " },\n" : " }\n");
                }

                sb.Append("  ]\n");
            }

            if (manifest.DiskImage is ManifestEntry disk)
            {
                sb.Length--;
                sb.Append(",\n  \"diskImage\": { \"path\": ");
                AppendString(sb, disk.Path);
                sb.Append(", \"size\": ").Append(disk.Size.ToString(CultureInfo.InvariantCulture)).Append(", \"sha256\": ");
                AppendString(sb, disk.Sha256);
                sb.Append(" }\n");
            }

            sb.Append("}\n");
            return sb.ToString();
        }

        /// <summary>Writes <c>&lt;bootFolder&gt;/manifest.json</c> atomically.</summary>
        public static void Write(string bootFolder, BootManifest manifest) =>
            AtomicFile.WriteAllText(Path.Combine(bootFolder, BootManifest.FileName), Format(manifest));

        // RFC 8259 §7: escape '"', '\\' and control characters; everything else as UTF-8.
        private static void AppendString(StringBuilder sb, string s)
        {
            sb.Append('"');
            foreach (char c in s)
            {
                switch (c)
                {
                    case '"': sb.Append("\\\""); break;
                    case '\\': sb.Append("\\\\"); break;
                    case '\n': sb.Append("\\n"); break;
                    case '\r': sb.Append("\\r"); break;
                    case '\t': sb.Append("\\t"); break;
                    default:
                        if (c < 0x20) sb.Append("\\u").Append(((int)c).ToString("x4", CultureInfo.InvariantCulture));
                        else sb.Append(c);
                        break;
                }
            }

            sb.Append('"');
        }
    }
}
