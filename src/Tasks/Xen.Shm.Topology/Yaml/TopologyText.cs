using System;
using System.IO;
using System.Text;
using Xen.Shm.Diagnostics;
using Xen.Shm.Inputs;

namespace Xen.Shm.Topology.Yaml
{
    /// <summary>
    /// Reads the topology file as what it is: a regular file (a FIFO would block the build, a
    /// device never end), not larger than the loader takes, and strictly UTF-8 — an invalid byte
    /// silently becoming U+FFFD would put a character the user never wrote into host.dtb (issue 17).
    /// A byte-order mark (UTF-8, UTF-16, UTF-32) is honoured as File.ReadAllText does.
    /// </summary>
    internal static class TopologyText
    {
        private static readonly Encoding StrictUtf8 = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

        /// <summary>The text, or null after reporting why there is none.</summary>
        public static string? Read(string yamlPath, DiagnosticBag diagnostics)
        {
            var kind = InputFile.KindOf(yamlPath, out long size);
            if (kind == InputFileKind.Directory || kind == InputFileKind.Special)
            {
                ReadContext.ReportNotRegular(diagnostics, new SourceSpan(yamlPath, 0, 0), "the topology file", yamlPath, kind);
                return null;
            }
            // Four bytes per character at most: anything larger is over the character limit too.
            if (size > 4L * YamlTreeBuilder.MaxCharacters)
            {
                YamlTreeBuilder.ReportTooLarge(yamlPath, size + " bytes", diagnostics);
                return null;
            }

            byte[] bytes;
            try
            {
                bytes = File.ReadAllBytes(yamlPath);
            }
            catch (Exception ex) when (ex is IOException || ex is UnauthorizedAccessException || ex is ArgumentException ||
                                       ex is NotSupportedException || ex is System.Security.SecurityException)
            {
                ReadContext.ReportUnreadableTopology(yamlPath ?? string.Empty, ex, diagnostics);
                return null;
            }
            return Decode(bytes, yamlPath, diagnostics);
        }

        private static string? Decode(byte[] bytes, string yamlPath, DiagnosticBag diagnostics)
        {
            try
            {
                using var reader = new StreamReader(new MemoryStream(bytes), StrictUtf8, detectEncodingFromByteOrderMarks: true);
                return reader.ReadToEnd();
            }
            catch (DecoderFallbackException)
            {
                int bad = FirstInvalidUtf8(bytes);
                diagnostics.Add(DiagnosticCodes.TopologyNotUtf8, PositionOf(bytes, bad, yamlPath),
                    $"byte 0x{bytes[bad]:X2} at offset {bad} is not UTF-8; save the file as UTF-8");
                return null;
            }
        }

        /// <summary>Offset of the first byte that does not start or continue a well-formed UTF-8 sequence (RFC 3629).</summary>
        internal static int FirstInvalidUtf8(byte[] b)
        {
            int i = b.Length >= 3 && b[0] == 0xEF && b[1] == 0xBB && b[2] == 0xBF ? 3 : 0;
            while (i < b.Length)
            {
                int n = SequenceLength(b, i);
                if (n == 0) return i;
                i += n;
            }
            return Math.Max(0, b.Length - 1);
        }

        private static int SequenceLength(byte[] b, int i)
        {
            byte c = b[i];
            if (c < 0x80) return 1;
            int n; int min; int max = 0xBF;
            if (c >= 0xC2 && c <= 0xDF) { n = 2; min = 0x80; }
            else if (c >= 0xE0 && c <= 0xEF) { n = 3; min = c == 0xE0 ? 0xA0 : 0x80; if (c == 0xED) max = 0x9F; }
            else if (c >= 0xF0 && c <= 0xF4) { n = 4; min = c == 0xF0 ? 0x90 : 0x80; if (c == 0xF4) max = 0x8F; }
            else return 0;
            if (i + n > b.Length) return 0;
            if (b[i + 1] < min || b[i + 1] > max) return 0;
            for (int k = 2; k < n; k++)
                if (b[i + k] < 0x80 || b[i + k] > 0xBF) return 0;
            return n;
        }

        // 1-based line and column (in characters, as YamlDotNet counts) of a byte offset.
        private static SourceSpan PositionOf(byte[] bytes, int offset, string file)
        {
            int line = 1, column = 1;
            for (int i = 0; i < offset; i++)
            {
                if (bytes[i] == (byte)'\n') { line++; column = 1; }
                else if ((bytes[i] & 0xC0) != 0x80) column++;
            }
            return new SourceSpan(file, line, column);
        }
    }
}
