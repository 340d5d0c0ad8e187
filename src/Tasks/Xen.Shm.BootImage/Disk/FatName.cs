using System;
using System.Collections.Generic;
using System.Text;

namespace Xen.Shm.BootImage.Disk
{
    /// <summary>
    /// A directory entry's names: the 11-byte short (8.3) name and, when the name is not already an
    /// upper-case 8.3 name, the long (VFAT) name. Short names follow fatgen103's basis-name algorithm:
    /// upper case, spaces and leading dots dropped, characters a short name cannot hold replaced by '_',
    /// 8 + 3 characters, and a "~n" tail when anything was lost or the name is taken in the folder.
    /// </summary>
    public sealed class FatName
    {
        public const int MaxLongNameLength = 255;

        private FatName(string longName, byte[] shortName, bool needsLongName)
        {
            LongName = longName;
            ShortName = shortName;
            NeedsLongName = needsLongName;
        }

        public string LongName { get; }

        /// <summary>8 name + 3 extension bytes, space padded.</summary>
        public byte[] ShortName { get; }

        public bool NeedsLongName { get; }

        /// <summary>Directory entries taken: the long-name slots (13 UTF-16 units each) plus the short entry.</summary>
        public int EntryCount => 1 + (NeedsLongName ? (LongName.Length + 12) / 13 : 0);

        /// <summary>Null when a FAT long name can hold <paramref name="name"/>, else why not.</summary>
        public static string? Check(string name)
        {
            if (name.Length == 0) return "is empty";
            if (name.Length > MaxLongNameLength) return $"is longer than FAT's {MaxLongNameLength} characters";
            if (name.EndsWith(".", StringComparison.Ordinal) || name.EndsWith(" ", StringComparison.Ordinal))
                return "ends with '.' or a space, which FAT drops";
            foreach (char c in name)
            {
                if (c < 0x20 || "\"*/:<>?\\|".IndexOf(c) >= 0) return $"has '{c}', which a FAT file name cannot hold";
            }

            return null;
        }

        /// <summary>The names for <paramref name="name"/>, its short name unique among <paramref name="taken"/> (which it joins).</summary>
        public static FatName Create(string name, ISet<string> taken)
        {
            var (basis, ext, lossy) = Basis(name);
            string plain = Pad(basis, 8) + Pad(ext, 3);
            bool exact = !lossy && basis.Length <= 8 && ext.Length <= 3;
            if (exact && taken.Add(plain))
                return new FatName(name, Ascii(plain), !string.Equals(name, Dotted(basis, ext), StringComparison.Ordinal));

            for (int n = 1; ; n++)
            {
                string tail = "~" + n.ToString(System.Globalization.CultureInfo.InvariantCulture);
                string candidate = Pad(basis.Substring(0, Math.Min(basis.Length, 8 - tail.Length)) + tail, 8) + Pad(ext.Length > 3 ? ext.Substring(0, 3) : ext, 3);
                if (taken.Add(candidate)) return new FatName(name, Ascii(candidate), needsLongName: true);
            }
        }

        /// <summary>The checksum each long-name slot carries of its short name (fatgen103 ChkSum).</summary>
        public static byte Checksum(byte[] shortName)
        {
            byte sum = 0;
            for (int i = 0; i < 11; i++) sum = (byte)((((sum & 1) != 0) ? 0x80 : 0) + (sum >> 1) + shortName[i]);
            return sum;
        }

        private static (string Basis, string Ext, bool Lossy) Basis(string name)
        {
            int dot = name.LastIndexOf('.');
            string primary = dot > 0 ? name.Substring(0, dot) : name;
            string extension = dot > 0 ? name.Substring(dot + 1) : string.Empty;
            bool lossy = false;
            string basis = Convert(primary.TrimStart('.'), ref lossy);
            string ext = Convert(extension, ref lossy);
            if (dot == 0 || basis.Length == 0) lossy = true;
            if (basis.Length == 0) basis = "_";
            return (basis, ext, lossy);
        }

        // Upper case; '.' and ' ' dropped; anything outside A-Z, 0-9 and fatgen103's specials becomes '_'.
        private static string Convert(string part, ref bool lossy)
        {
            var sb = new StringBuilder();
            foreach (char c in part)
            {
                char u = char.ToUpperInvariant(c);
                if (c == ' ' || c == '.') { lossy = true; continue; }
                if ((u >= 'A' && u <= 'Z') || (u >= '0' && u <= '9') || "$%'-_@~`!(){}^#&".IndexOf(u) >= 0) sb.Append(u);
                else { sb.Append('_'); lossy = true; }
            }

            return sb.ToString();
        }

        private static string Dotted(string basis, string ext) => ext.Length == 0 ? basis : basis + "." + ext;

        private static string Pad(string s, int width) => s.Length >= width ? s.Substring(0, width) : s.PadRight(width);

        private static byte[] Ascii(string s) => Encoding.ASCII.GetBytes(s);
    }
}
