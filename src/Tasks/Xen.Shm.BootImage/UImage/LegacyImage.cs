using System;
using System.Globalization;
using System.Text;
using Xen.Shm.Diagnostics;

namespace Xen.Shm.BootImage.UImage
{
    /// <summary>Legacy image types this SDK writes (U-Boot include/image.h IH_TYPE_*).</summary>
    public enum LegacyImageType : byte
    {
        Kernel = 2,
        Script = 6,
    }

    /// <summary>
    /// U-Boot legacy image ("uImage") writer, spec §10.4: 64-byte big-endian header (magic
    /// 0x27051956, header CRC32, time, data size, load, entry, data CRC32, OS linux = 5, arch
    /// arm64 = 22, type, compression none = 0, 32-byte name) followed by the data. A script image's
    /// data is the multi-file table (BE u32 script size, then 0) and the script; a kernel image's
    /// data is the file itself. Byte-identical to
    /// <c>mkimage -A arm64 -O linux -T script|kernel -C none -a A -e E [-n NAME] -d FILE</c> with
    /// SOURCE_DATE_EPOCH = time (the tests run mkimage to prove it).
    /// </summary>
    public static class LegacyImage
    {
        public const uint Magic = 0x27051956;
        public const int HeaderSize = 64;
        public const int NameLength = 32;
        public const byte OsLinux = 5;
        public const byte ArchArm64 = 22;
        public const byte CompressionNone = 0;

        /// <summary>A boot.scr image of <paramref name="script"/> (UTF-8 bytes), or null after XSHM5020 (address above 4 GiB).</summary>
        public static byte[]? Script(byte[] script, ulong loadAddress, uint time, DiagnosticBag diagnostics, string name = "") =>
            Create(LegacyImageType.Script, ScriptData(script), loadAddress, loadAddress, time, name, diagnostics);

        /// <summary>A kernel image wrapping <paramref name="kernel"/> (e.g. xen → xen.uimg for bootm).</summary>
        public static byte[]? Kernel(byte[] kernel, ulong loadAddress, ulong entryAddress, uint time, DiagnosticBag diagnostics, string name = "") =>
            Create(LegacyImageType.Kernel, kernel, loadAddress, entryAddress, time, name, diagnostics);

        /// <summary>Any type: header + <paramref name="data"/>. Legacy headers hold 32-bit addresses: larger ones are XSHM5020.</summary>
        public static byte[]? Create(LegacyImageType type, byte[] data, ulong loadAddress, ulong entryAddress, uint time, string name,
            DiagnosticBag diagnostics, SourceSpan span = default)
        {
            if (data is null) throw new ArgumentNullException(nameof(data));
            if (diagnostics is null) throw new ArgumentNullException(nameof(diagnostics));
            if (loadAddress > uint.MaxValue || entryAddress > uint.MaxValue)
            {
                diagnostics.Add(DiagnosticCodes.UImageAddressTooHigh, span,
                    $"a U-Boot legacy image holds 32-bit addresses; load 0x{loadAddress.ToString("x", CultureInfo.InvariantCulture)} / entry 0x{entryAddress.ToString("x", CultureInfo.InvariantCulture)} do not fit");
                return null;
            }

            var image = new byte[HeaderSize + data.Length];
            Buffer.BlockCopy(data, 0, image, HeaderSize, data.Length);
            PutBE(image, 0, Magic);
            // 4: header CRC, computed last over the header with this field zero.
            PutBE(image, 8, time);
            PutBE(image, 12, (uint)data.Length);
            PutBE(image, 16, (uint)loadAddress);
            PutBE(image, 20, (uint)entryAddress);
            PutBE(image, 24, Crc32.Compute(data));
            image[28] = OsLinux;
            image[29] = ArchArm64;
            image[30] = (byte)type;
            image[31] = CompressionNone;
            // mkimage strncpy()s the name: UTF-8 bytes, cut at 32, NUL-padded, no NUL when exactly 32.
            byte[] nameBytes = Encoding.UTF8.GetBytes(name ?? string.Empty);
            Buffer.BlockCopy(nameBytes, 0, image, 32, Math.Min(NameLength, nameBytes.Length));
            PutBE(image, 4, Crc32.Compute(image, 0, HeaderSize));
            return image;
        }

        /// <summary>Multi-file data of a one-file script image: BE u32 size, BE u32 0 (end of table), the bytes.</summary>
        public static byte[] ScriptData(byte[] script)
        {
            if (script is null) throw new ArgumentNullException(nameof(script));
            var data = new byte[8 + script.Length];
            PutBE(data, 0, (uint)script.Length);
            Buffer.BlockCopy(script, 0, data, 8, script.Length);
            return data;
        }

        /// <summary>
        /// The header time from SOURCE_DATE_EPOCH the way mkimage 2023.01 uses it: decimal seconds,
        /// cut to 32 bits; unset, empty or not a number gives 0 (the SDK's determinism rule, §10.4).
        /// </summary>
        public static uint TimeFromSourceDateEpoch(string? value)
        {
            if (string.IsNullOrWhiteSpace(value)) return 0;
            return ulong.TryParse(value!.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out ulong seconds)
                ? (uint)(seconds & 0xFFFFFFFFu)
                : 0;
        }

        private static void PutBE(byte[] b, int offset, uint v)
        {
            b[offset] = (byte)(v >> 24);
            b[offset + 1] = (byte)(v >> 16);
            b[offset + 2] = (byte)(v >> 8);
            b[offset + 3] = (byte)v;
        }
    }
}
