using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using Xen.Shm.Generation;
using Xen.Shm.Topology;

namespace Xen.Shm.Sdk.Tasks.BootFolder
{
    /// <summary>
    /// The file reads the pure generator leaves to its caller (Generation README "Entry point"):
    /// the board device tree (DTS text, or a DTB by its first bytes), the users' partial trees and
    /// overlays (DTS text through the preprocessor as the board's, .dtbo blobs as they are), and
    /// every boot file's size plus its first 64 bytes (arm64 Image header, spec §10.3).
    /// </summary>
    internal static class GenerationInputReader
    {
        private const uint DtbMagic = 0xd00dfeed;

        /// <summary>The input, and every file read for it (the step's dependency list).</summary>
        public static GenerationInput Read(Board board, Xen.Shm.Generation.Layout.BootLayoutOptions options, ICollection<string> read) =>
            Read(board, options, read, new Diagnostics.DiagnosticBag());

        /// <summary>The same; the preprocessor's messages on users' trees and overlays go to <paramref name="diagnostics"/> (the board's came with the topology).</summary>
        public static GenerationInput Read(Board board, Xen.Shm.Generation.Layout.BootLayoutOptions options, ICollection<string> read, Diagnostics.DiagnosticBag diagnostics)
        {
            string? hostSource = null;
            byte[]? hostBlob = null;
            string hostName = "board.dts";
            var userTrees = new Dictionary<string, InputTree>(StringComparer.Ordinal);
            var facts = new Dictionary<string, InputFileFacts>(StringComparer.Ordinal);
            foreach (var file in board.Files)
            {
                switch (file.Role)
                {
                    case FileRole.HostDeviceTree:
                        byte[] host = File.ReadAllBytes(file.FullPath);
                        read.Add(file.FullPath);
                        hostName = file.FullPath;
                        if (IsDtb(host)) hostBlob = host;
                        else hostSource = Text(Preprocessed(file, host, read, null));
                        break;
                    case FileRole.HostOverlay:
                        // By name, not by magic: a damaged .dtbo is a bad blob, not DTS text.
                        byte[] overlay = File.ReadAllBytes(file.FullPath);
                        read.Add(file.FullPath);
                        userTrees[file.FullPath] = IsBlobName(file.FullPath) ? InputTree.FromBlob(overlay) : InputTree.FromSource(Text(Preprocessed(file, overlay, read, diagnostics)));
                        break;
                    case FileRole.DomUDeviceTree:
                        byte[] user = File.ReadAllBytes(file.FullPath);
                        read.Add(file.FullPath);
                        userTrees[file.FullPath] = IsDtb(user) ? InputTree.FromBlob(user) : InputTree.FromSource(Text(Preprocessed(file, user, read, diagnostics)));
                        break;
                    default:
                        // Only files the boot loads feed the plan; xl domUs' files are just copied,
                        // so touching them must not re-run generation.
                        if (!IsBootLoaded(board, file) || facts.ContainsKey(file.FullPath)) break;
                        facts[file.FullPath] = Measure(file.FullPath);
                        read.Add(file.FullPath);
                        break;
                }
            }

            return new GenerationInput(board)
            {
                HostSource = hostSource,
                HostBlob = hostBlob,
                HostSourceName = hostName,
                UserTrees = userTrees,
                Files = facts,
                Boot = options,
            };
        }

        /// <summary>Through the built-in preprocessor when the source asks for it; every #included file becomes a dependency.</summary>
        private static byte[] Preprocessed(BoardFile file, byte[] bytes, ICollection<string> read, Diagnostics.DiagnosticBag? diagnostics)
        {
            var source = DeviceTreeSource.Read(file, bytes);
            foreach (string d in source.Dependencies) read.Add(d);
            if (diagnostics != null) diagnostics.AddRange(source.Diagnostics);
            return source.Bytes;
        }

        private static bool IsBootLoaded(Board board, BoardFile file)
        {
            if (file.Role == FileRole.Xen || file.Domain is null) return true;
            var domain = board.Domains.FirstOrDefault(d => d.Name.Value == file.Domain);
            return domain is null || domain.Kind.Value != DomainKind.Xl;
        }

        private static InputFileFacts Measure(string path)
        {
            using var stream = File.OpenRead(path);
            var header = new byte[(int)Math.Min(64, stream.Length)];
            int read = 0;
            while (read < header.Length)
            {
                int n = stream.Read(header, read, header.Length - read);
                if (n == 0) break;
                read += n;
            }

            if (read < header.Length) Array.Resize(ref header, read);
            return InputFileFacts.FromHeader((ulong)stream.Length, header);
        }

        private static bool IsBlobName(string path) =>
            path.EndsWith(".dtbo", StringComparison.OrdinalIgnoreCase) || path.EndsWith(".dtb", StringComparison.OrdinalIgnoreCase);

        // Big-endian FDT magic (devicetree spec §5.2); anything else is read as DTS text.
        private static bool IsDtb(byte[] bytes) =>
            bytes.Length >= 4 && ((uint)bytes[0] << 24 | (uint)bytes[1] << 16 | (uint)bytes[2] << 8 | bytes[3]) == DtbMagic;

        // UTF-8, a leading BOM dropped (dtc would reject it as a stray character).
        private static string Text(byte[] bytes)
        {
            int skip = bytes.Length >= 3 && bytes[0] == 0xEF && bytes[1] == 0xBB && bytes[2] == 0xBF ? 3 : 0;
            return new System.Text.UTF8Encoding(false).GetString(bytes, skip, bytes.Length - skip);
        }
    }
}
