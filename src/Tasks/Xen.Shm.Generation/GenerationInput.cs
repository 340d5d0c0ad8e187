using System;
using System.Collections.Generic;
using Xen.Shm.Topology;

namespace Xen.Shm.Generation
{
    /// <summary>
    /// What <see cref="BoardGenerator.Generate"/> needs. Generation never touches the file system: the
    /// caller reads the board device-tree source and measures the boot files (size and, for arm64
    /// Images, the header's image_size; spec §10.3).
    /// </summary>
    public sealed class GenerationInput
    {
        public GenerationInput(Board board)
        {
            Board = board ?? throw new ArgumentNullException(nameof(board));
        }

        public Board Board { get; }

        /// <summary>
        /// The board device tree as DTS text (a .dtb board is decompiled first). Null: no host DTS or
        /// DTB is produced, only the overlay.
        /// </summary>
        public string? HostSource { get; init; }

        /// <summary>
        /// The board device tree as a DTB, used when <see cref="HostSource"/> is null: it is read with the
        /// Devicetree library's DTB reader and decompiled with its DTS writer (dtc -I dtb -O dts), and
        /// that text is patched like a source.
        /// </summary>
        public byte[]? HostBlob { get; init; }

        /// <summary>Name of the board source in messages and the anchor of its relative /include/s (its path).</summary>
        public string HostSourceName { get; init; } = "board.dts";

        /// <summary>Include directories for the board source (dtc -i).</summary>
        public IReadOnlyList<string> IncludeDirs { get; init; } = Array.Empty<string>();

        /// <summary>
        /// The users' partial device trees (a domain's <c>deviceTree</c>), keyed by <see cref="BoardFile.FullPath"/>:
        /// DTS text, or a DTB to decompile. Generated nodes are merged into them.
        /// </summary>
        public IReadOnlyDictionary<string, InputTree> UserTrees { get; init; } = new Dictionary<string, InputTree>();

        /// <summary>Boot-script settings that change the load plan (xen.uimg, fdt apply route); plain layout by default.</summary>
        public Layout.BootLayoutOptions Boot { get; init; } = Layout.BootLayoutOptions.Plain;

        /// <summary>Facts about every input file the boot loads, keyed by <see cref="BoardFile.FullPath"/>.</summary>
        public IReadOnlyDictionary<string, InputFileFacts> Files { get; init; } = new Dictionary<string, InputFileFacts>();
    }

    /// <summary>A device tree given as DTS text or as a DTB.</summary>
    public sealed class InputTree
    {
        private InputTree(string? source, byte[]? blob)
        {
            Source = source;
            Blob = blob;
        }

        public string? Source { get; }
        public byte[]? Blob { get; }

        public static InputTree FromSource(string source) => new InputTree(source ?? string.Empty, null);
        public static InputTree FromBlob(byte[] blob) => new InputTree(null, blob ?? Array.Empty<byte>());
    }

    /// <summary>Size of an input file and, for an arm64 Image, its header's image_size.</summary>
    public sealed class InputFileFacts
    {
        public InputFileFacts(ulong size, ulong? imageSize = null)
        {
            Size = size;
            ImageSize = imageSize;
        }

        public ulong Size { get; }
        public ulong? ImageSize { get; }

        /// <summary>From the file's length and its first 64 bytes (fewer: not an Image).</summary>
        public static InputFileFacts FromHeader(ulong size, byte[] header) =>
            new InputFileFacts(size, Layout.Arm64Image.ReadImageSize(header));
    }
}
