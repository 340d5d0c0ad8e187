using System;
using System.Collections.Generic;
using System.Text;
using Xen.Shm.BootImage.UImage;
using Xen.Shm.Devicetree;
using Xen.Shm.Diagnostics;
using Xen.Shm.Generation.Layout;

namespace Xen.Shm.BootImage.Script
{
    /// <summary>A file the boot-script step makes: its boot-folder path, bytes and load address (null: not loaded).</summary>
    public sealed class BootScriptFile
    {
        public BootScriptFile(string path, byte[] content, ulong? loadAddress)
        {
            Path = path;
            Content = content;
            LoadAddress = loadAddress;
        }

        public string Path { get; }
        public byte[] Content { get; }
        public ulong? LoadAddress { get; }
    }

    /// <summary>
    /// The generator's final layout + the project's settings + the host DTB + Xen's bytes →
    /// boot.source, boot.scr (spec §10.4) and, on the bootm route, xen.uimg (Xen wrapped as a
    /// legacy kernel image whose load/entry address is Xen's run area, as ImageBuilder's
    /// generate_uboot_images does with mkimage -a/-e). The plan is the generator's: nothing moves here.
    /// </summary>
    public static class BootScriptPlanner
    {
        /// <summary>Why a board gets no script (said as a low-importance message, not silence).</summary>
        public const string NoDeviceTree = "the board has no device tree, so no boot.source/boot.scr is written: there is no DTB a script could boot Xen with";

        /// <summary>
        /// The files, or an empty list with <paramref name="skipped"/> set (no device tree), or
        /// null after a diagnostic. <paramref name="hostDtb"/> is the patched host DTB (its /memory
        /// nodes are restored on the bootm route); <paramref name="xen"/> the raw Xen.
        /// </summary>
        public static IReadOnlyList<BootScriptFile>? Plan(BootLayout layout, BootScriptSettings settings, byte[]? hostDtb, byte[]? xen,
            uint time, DiagnosticBag diagnostics, out string? skipped)
        {
            if (layout is null) throw new ArgumentNullException(nameof(layout));
            if (settings is null) throw new ArgumentNullException(nameof(settings));
            if (diagnostics is null) throw new ArgumentNullException(nameof(diagnostics));
            skipped = null;
            if (layout.DtbPath is null || layout.DtbAddress is null)
            {
                skipped = NoDeviceTree;
                return Array.Empty<BootScriptFile>();
            }

            // The layout was planned for these settings (the SDK re-plans when they change).
            bool uimage = layout.XenRunAddress != null;
            if (uimage != settings.LayoutOptions.XenAsUImage || (layout.OverlayPath != null) != settings.ApplyOverlay || layout.ScriptName != settings.ScriptName)
                throw new InvalidOperationException("the boot layout was planned for other boot settings");

            var files = new List<BootScriptFile>();
            if (uimage)
            {
                if (xen is null) throw new ArgumentNullException(nameof(xen), "the bootm route wraps Xen: its bytes are needed");
                byte[]? uimg = LegacyImage.Kernel(xen, layout.XenRunAddress!.Value, layout.XenRunAddress.Value, time, diagnostics);
                if (uimg is null) return null;
                files.Add(new BootScriptFile(layout.XenPath!, uimg, layout.XenAddress));
            }

            var loads = new List<ScriptLoad>();
            foreach (var (path, address) in layout.Loads) loads.Add(new ScriptLoad(path, address));
            var request = new BootScriptRequest(loads)
            {
                LoadCommand = settings.LoadCommand,
                PathPrefix = settings.PathPrefix,
                Boot = settings.Boot,
                XenAddress = layout.XenAddress,
                DtbAddress = layout.DtbAddress,
                MemoryNodes = settings.Boot == BootCommand.BootmKeepMemory && hostDtb != null ? MemoryNodes(hostDtb, diagnostics) : Array.Empty<MemoryNodeRestore>(),
                ExtraCommands = settings.ExtraCommands,
                Fpga = layout.Fpga,
                Overlay = layout.OverlayPath != null ? new FdtOverlay(layout.OverlayAddress!.Value, layout.OverlayRoom ?? 0) : null,
                Span = settings.Span,
            };
            string? script = BootScriptComposer.Compose(request, diagnostics);
            if (script is null) return null;
            byte[] source = new UTF8Encoding(false).GetBytes(script);
            byte[]? scr = LegacyImage.Script(source, layout.ScriptAddress, time, diagnostics);
            if (scr is null) return null;
            files.Add(new BootScriptFile(BootScriptNames.SourceFor(layout.ScriptName), source, null));
            files.Add(new BootScriptFile(layout.ScriptName, scr, layout.ScriptAddress));
            return files;
        }

        // Every root node with device_type = "memory" and its reg as raw cells (qemu-boot README §7's fdtget).
        internal static IReadOnlyList<MemoryNodeRestore> MemoryNodes(byte[] dtb, DiagnosticBag diagnostics)
        {
            var tree = DtbReader.Read(dtb, "host.dtb", diagnostics);
            var nodes = new List<MemoryNodeRestore>();
            if (tree is null) return nodes;
            foreach (var node in tree.Root.Children)
            {
                byte[]? type = node.GetProperty("device_type")?.Value.ToArray();
                byte[]? reg = node.GetProperty("reg")?.Value.ToArray();
                if (type is null || reg is null || Encoding.ASCII.GetString(type).TrimEnd('\0') != "memory") continue;
                var cells = new List<uint>();
                for (int i = 0; i + 4 <= reg.Length; i += 4)
                    cells.Add((uint)reg[i] << 24 | (uint)reg[i + 1] << 16 | (uint)reg[i + 2] << 8 | reg[i + 3]);
                nodes.Add(new MemoryNodeRestore(node.Path, cells));
            }

            return nodes;
        }
    }
}
