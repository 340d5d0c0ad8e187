using System;
using System.Collections.Generic;
using System.Linq;
using Xen.Shm.BootImage.Script;
using Xen.Shm.BootImage.UImage;
using Xen.Shm.Devicetree;
using Xen.Shm.Diagnostics;
using Xen.Shm.Generation;
using Xen.Shm.Generation.Layout;
using Xen.Shm.Topology;

namespace Xen.Shm.Sdk.Tasks.BootFolder
{
    /// <summary>A file the boot-script step adds to the generator's output, and where the script loads it.</summary>
    internal sealed class ScriptFile
    {
        public ScriptFile(string path, byte[] content, ulong? loadAddress)
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
    /// boot.source, boot.scr and xen.uimg for BootScriptComposer's default route
    /// (<see cref="BootCommand.BootmKeepMemory"/>, qemu-boot README §7): Xen is loaded as a legacy
    /// uImage and <c>bootm loados</c> copies it to Xen's run area, so the generator's plan is
    /// redone with xen.uimg in Xen's slot plus that run area (spec §10.3 order: they come after
    /// every module /chosen names, so no module moves and host.dtb stays valid; only host.dtb's
    /// own address changes). /memory nodes' reg come from the generated host.dtb.
    /// </summary>
    internal static class BootScriptPlan
    {
        public const string XenImageName = "xen.uimg";

        /// <summary>
        /// The added files and the final address of every loaded path; null when there is no host
        /// DTB (a board without a device tree: nothing to boot) or after a diagnostic.
        /// </summary>
        public static (IReadOnlyList<ScriptFile> Files, IReadOnlyDictionary<string, ulong?> Addresses, ISet<string> Replaced)? Build(
            Board board, GenerationResult generated, Func<string, byte[]> read, uint time, DiagnosticBag diagnostics)
        {
            var plan = generated.LoadPlan;
            var hostDtb = generated.Find(OutputKind.HostDtb);
            var xen = plan?.Find(BootFileRole.Xen);
            if (plan is null || hostDtb?.Content is null || xen is null) return null;

            var xenOutput = generated.Files.First(f => f.Path == xen.File.Name);
            byte[] xenBytes = read(xenOutput.SourcePath!);

            // Re-plan: xen.uimg (64-byte header + Xen) in Xen's place, then Xen's run area.
            var files = plan.Files.Select(p => p.File).Where(f => f.Role != BootFileRole.Xen).ToList();
            files.Add(new BootFile(XenImageName, BootFileRole.Xen, (ulong)xenBytes.Length + LegacyImage.HeaderSize) { Span = xen.File.Span });
            files.Add(new BootFile(xen.File.Name, BootFileRole.XenRunArea, xen.File.FileSize, xen.File.ImageSize) { Span = xen.File.Span });
            var replanned = LoadAddressPlanner.Plan(BoardGenerator.Layout(board), files, diagnostics, board.Host.Span);
            if (replanned is null) return null;
            foreach (var p in plan.Files.Where(p => p.File.Role != BootFileRole.Xen && p.File.Role != BootFileRole.HostDtb))
            {
                // The host DTB names these addresses in /chosen: they must not move (see summary).
                if (replanned.Find(p.File.Name)?.Address != p.Address)
                    throw new InvalidOperationException($"re-planning for xen.uimg moved '{p.File.Name}'");
            }

            var runArea = replanned.Find(BootFileRole.XenRunArea)!;
            var image = replanned.Find(BootFileRole.Xen)!;
            var dtb = replanned.Find(BootFileRole.HostDtb)!;
            byte[]? uimg = LegacyImage.Kernel(xenBytes, runArea.Address, runArea.Address, time, diagnostics, "xen");
            if (uimg is null) return null;

            var request = new BootScriptRequest(ScriptLoad.FromPlan(replanned))
            {
                Boot = BootCommand.BootmKeepMemory,
                XenAddress = image.Address,
                DtbAddress = dtb.Address,
                MemoryNodes = MemoryNodes(hostDtb.Content, diagnostics),
                Span = board.Host.Span,
            };
            string? script = BootScriptComposer.Compose(request, diagnostics);
            if (script is null) return null;
            byte[] source = new System.Text.UTF8Encoding(false).GetBytes(script);
            byte[]? scr = LegacyImage.Script(source, replanned.BootScriptAddress, time, diagnostics);
            if (scr is null) return null;

            var addresses = new Dictionary<string, ulong?>(StringComparer.Ordinal);
            foreach (var p in replanned.Files.Where(p => p.File.Role != BootFileRole.XenRunArea)) addresses[p.File.Name] = p.Address;
            // Xen itself is no longer loaded by the script: the uImage carries it, the raw file is not shipped.
            addresses.Remove(xen.File.Name);
            var added = new List<ScriptFile>
            {
                new ScriptFile(BootScriptFiles.SourceName, source, null),
                new ScriptFile(BootScriptFiles.ImageName, scr, replanned.BootScriptAddress),
                new ScriptFile(XenImageName, uimg, image.Address),
            };
            return (added, addresses, new HashSet<string>(StringComparer.Ordinal) { xen.File.Name });
        }

        // Every root node with device_type = "memory" and its reg as raw cells (qemu-boot README §7's fdtget).
        private static IReadOnlyList<MemoryNodeRestore> MemoryNodes(byte[] dtb, DiagnosticBag diagnostics)
        {
            var tree = DtbReader.Read(dtb, Xen.Shm.Generation.Chosen.BootFolder.HostDtb, diagnostics);
            var nodes = new List<MemoryNodeRestore>();
            if (tree is null) return nodes;
            foreach (var node in tree.Root.Children)
            {
                byte[]? type = node.GetProperty("device_type")?.Value.ToArray();
                byte[]? reg = node.GetProperty("reg")?.Value.ToArray();
                if (type is null || reg is null || System.Text.Encoding.ASCII.GetString(type).TrimEnd('\0') != "memory") continue;
                var cells = new List<uint>();
                for (int i = 0; i + 4 <= reg.Length; i += 4)
                    cells.Add((uint)reg[i] << 24 | (uint)reg[i + 1] << 16 | (uint)reg[i + 2] << 8 | reg[i + 3]);
                nodes.Add(new MemoryNodeRestore(node.Path, cells));
            }

            return nodes;
        }
    }
}
