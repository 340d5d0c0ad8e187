using System;
using System.Globalization;
using System.IO;
using System.Security.Cryptography;
using Xen.Shm.BootImage.Files;

namespace Xen.Shm.BootImage.Manifest
{
    /// <summary>
    /// One file of the boot folder as manifest.json lists it (../_notes/MANIFEST.md):
    /// path relative to the boot folder with "/" separators, size in bytes, the address the boot
    /// script loads it at (null when the script does not load it) and its SHA-256 in lowercase hex.
    /// </summary>
    public sealed class ManifestEntry : IEquatable<ManifestEntry>
    {
        public ManifestEntry(string path, long size, ulong? loadAddress, string sha256)
        {
            Path = path ?? throw new ArgumentNullException(nameof(path));
            Size = size;
            LoadAddress = loadAddress;
            Sha256 = sha256 ?? throw new ArgumentNullException(nameof(sha256));
        }

        public string Path { get; }
        public long Size { get; }
        public ulong? LoadAddress { get; }
        public string Sha256 { get; }

        /// <summary>
        /// Measures <paramref name="relativePath"/> inside <paramref name="bootFolder"/> (size and SHA-256).
        /// Backslashes in the relative path become "/".
        /// </summary>
        public static ManifestEntry FromFile(string bootFolder, string relativePath, ulong? loadAddress)
        {
            if (bootFolder is null) throw new ArgumentNullException(nameof(bootFolder));
            if (relativePath is null) throw new ArgumentNullException(nameof(relativePath));
            string normalized = relativePath.Replace('\\', '/');
            string full = System.IO.Path.Combine(bootFolder, normalized.Replace('/', System.IO.Path.DirectorySeparatorChar));
            using var stream = new FileStream(full, FileMode.Open, FileAccess.Read, FileShare.Read);
            return new ManifestEntry(normalized, stream.Length, loadAddress, ComputeSha256(stream));
        }

        /// <summary>Lowercase hex SHA-256 of the rest of <paramref name="stream"/>.</summary>
        public static string ComputeSha256(Stream stream)
        {
            using var sha = SHA256.Create();
            return HexDigest.Of(sha.ComputeHash(stream));
        }

        public static string ComputeSha256(byte[] bytes)
        {
            using var sha = SHA256.Create();
            return HexDigest.Of(sha.ComputeHash(bytes));
        }

        /// <summary>"0x" + lowercase hex, the manifest's address spelling.</summary>
        public static string FormatAddress(ulong address) => "0x" + address.ToString("x", CultureInfo.InvariantCulture);

        public bool Equals(ManifestEntry? other) =>
            other is not null && string.Equals(Path, other.Path, StringComparison.Ordinal) && Size == other.Size &&
            LoadAddress == other.LoadAddress && string.Equals(Sha256, other.Sha256, StringComparison.Ordinal);

        public override bool Equals(object? obj) => Equals(obj as ManifestEntry);

        public override int GetHashCode()
        {
            unchecked
            {
                int h = StringComparer.Ordinal.GetHashCode(Path);
                h = (h * 397) ^ Size.GetHashCode();
                h = (h * 397) ^ LoadAddress.GetHashCode();
                return (h * 397) ^ StringComparer.Ordinal.GetHashCode(Sha256);
            }
        }

        public override string ToString() =>
            $"{Path} {Size.ToString(CultureInfo.InvariantCulture)} {(LoadAddress is ulong a ? FormatAddress(a) : "null")} {Sha256}";
    }
}
