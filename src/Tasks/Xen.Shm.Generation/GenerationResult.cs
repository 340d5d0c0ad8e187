using System.Collections.Generic;
using System.Linq;
using Xen.Shm.Diagnostics;
using Xen.Shm.Generation.Layout;

namespace Xen.Shm.Generation
{
    /// <summary>What a generated or copied file is.</summary>
    public enum OutputKind
    {
        /// <summary>Xen, a kernel or a ramdisk, copied from <see cref="OutputFile.SourcePath"/>.</summary>
        Copy,
        HostDts,
        HostDtb,
        HostOverlaySource,
        HostOverlay,
        PartialDts,
        PartialDtb,
        XlConfig,
        CreationOrder,
        StartScript,

        /// <summary>Xen wrapped as a legacy uImage when written; <see cref="OutputFile.SourcePath"/> is the raw Xen.</summary>
        XenUImage,

        /// <summary>The unmodified board device tree compiled (fdt apply route; LAYOUT L1).</summary>
        BoardDtb,
    }

    /// <summary>
    /// One file of the boot folder: its path there ("/" separators), and either its bytes or the
    /// input file to copy; <see cref="LoadAddress"/> when the boot script loads it.
    /// </summary>
    public sealed class OutputFile
    {
        public OutputFile(string path, OutputKind kind, byte[]? content, string? sourcePath, ulong? loadAddress, string? domain)
        {
            Path = path;
            Kind = kind;
            Content = content;
            SourcePath = sourcePath;
            LoadAddress = loadAddress;
            Domain = domain;
        }

        public string Path { get; }
        public OutputKind Kind { get; }
        public byte[]? Content { get; }
        public string? SourcePath { get; }
        public ulong? LoadAddress { get; }
        public string? Domain { get; }

        /// <summary>
        /// Goes on the boot medium (LAYOUT L1). Generated sources never do; the host DTB or the
        /// board DTB + overlay, depending on the fdt apply route.
        /// </summary>
        public bool OnBootMedium { get; init; } = true;

        /// <summary>A generated device tree or its DTB: kept in the intermediate generated/ folder.</summary>
        public bool IsGeneratedTree =>
            Kind == OutputKind.HostDts || Kind == OutputKind.HostDtb || Kind == OutputKind.HostOverlaySource ||
            Kind == OutputKind.HostOverlay || Kind == OutputKind.PartialDts || Kind == OutputKind.PartialDtb || Kind == OutputKind.BoardDtb;

        /// <summary>The content as UTF-8 text (DTS, xl, lists).</summary>
        public string? Text => Content is null ? null : System.Text.Encoding.UTF8.GetString(Content);

        public override string ToString() => Path;
    }

    /// <summary>The outcome of <see cref="BoardGenerator.Generate"/>.</summary>
    public sealed class GenerationResult
    {
        internal GenerationResult(IReadOnlyList<OutputFile> files, LoadPlan? plan, IReadOnlyList<string> creationOrder, IReadOnlyList<Diagnostic> diagnostics,
            BootLayout? bootLayout = null)
        {
            Files = files;
            LoadPlan = plan;
            CreationOrder = creationOrder;
            Diagnostics = diagnostics;
            BootLayout = bootLayout;
        }

        /// <summary>The board device tree as the DTS text that was patched (a DTB board decompiled); null without one.</summary>
        public string? BoardSource { get; init; }

        /// <summary>Files the device-tree sources read through /include/ and /incbin/ (dtc -d), for up-to-date checks.</summary>
        public IReadOnlyList<string> Dependencies { get; init; } = System.Array.Empty<string>();

        /// <summary>What the boot script needs: its slot, every load in order, Xen and DTB addresses (null with errors).</summary>
        public BootLayout? BootLayout { get; }

        /// <summary>Every output, in a fixed order; empty when an error was reported.</summary>
        public IReadOnlyList<OutputFile> Files { get; }

        /// <summary>Load addresses (boot.scr slot and every loaded file), null without one.</summary>
        public LoadPlan? LoadPlan { get; }

        /// <summary>xl domUs in the order dom0 creates them (owners before borrowers, §6.4).</summary>
        public IReadOnlyList<string> CreationOrder { get; }

        public IReadOnlyList<Diagnostic> Diagnostics { get; }

        public bool HasErrors => Diagnostics.Any(d => d.IsError);

        public OutputFile? Find(string path) => Files.FirstOrDefault(f => f.Path == path);

        public OutputFile? Find(OutputKind kind, string? domain = null) =>
            Files.FirstOrDefault(f => f.Kind == kind && (domain == null || f.Domain == domain));

        public string? HostDts => Find(OutputKind.HostDts)?.Text;
        public byte[]? HostDtb => Find(OutputKind.HostDtb)?.Content;
        public string? HostOverlaySource => Find(OutputKind.HostOverlaySource)?.Text;
        public byte[]? HostOverlay => Find(OutputKind.HostOverlay)?.Content;
    }
}
