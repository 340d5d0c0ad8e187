using System;
using System.Collections.Generic;
using System.Threading.Tasks;
using Xen.Shm.Devicetree;
using Xen.Shm.Diagnostics;
using Xen.Shm.Generation.Chosen;
using Xen.Shm.Generation.Dts;
using Xen.Shm.Generation.Guest;
using Xen.Shm.Generation.Layout;
using Xen.Shm.Topology;
using static Xen.Shm.Generation.Stages.TreeCompiler;

namespace Xen.Shm.Generation.Stages
{
    /// <summary>
    /// Stage 3: each guest's partial device tree (its user's tree, if any, plus the generated nodes),
    /// compiled side by side as soon as it is written (the compiler keeps no shared state). dom0less
    /// trees are loaded, so they are collected before planning (<see cref="CollectLoaded"/>); xl trees
    /// only have to exist and are collected after the host tree (<see cref="CollectXl"/>).
    /// </summary>
    internal sealed class GuestTrees
    {
        private readonly Board _board;
        private readonly List<(Domain Domain, string Dts, Task<DtcResult> Compile)> _pending = new List<(Domain, string, Task<DtcResult>)>();
        private readonly HashSet<string> _xlDomainsWithTree = new HashSet<string>(StringComparer.Ordinal);

        private GuestTrees(Board board) => _board = board;

        /// <summary>The partial trees' sources and DTBs, dom0less ones first.</summary>
        public List<OutputFile> Outputs { get; } = new List<OutputFile>();

        /// <summary>xl domains that got a partial tree (their config names it in <c>device_tree=</c>).</summary>
        public IReadOnlyCollection<string> XlDomainsWithTree => _xlDomainsWithTree;

        /// <summary>Writes every guest's tree and starts compiling it; a user's tree that is missing or broken is reported.</summary>
        public static GuestTrees Start(GenerationInput input, Regions regions, DiagnosticBag diagnostics, List<string> dependencies)
        {
            var trees = new GuestTrees(input.Board);
            foreach (var d in input.Board.Domains)
            {
                bool ownTree = d.DeviceTree != null && d.Kind.Value != DomainKind.Dom0;
                var parts = ownTree ? regions.For(d) : regions.Find(d.Name.Value);
                if (parts == null) continue;
                string? user = null;
                int? userSizeCells = null;
                if (ownTree)
                {
                    user = UserTree(input, d.DeviceTree!, diagnostics, out var userTree, dependencies);
                    if (user == null) continue;
                    var cells = userTree?.FindNode("/passthrough")?.GetProperty("#size-cells");
                    if (cells != null && cells.Value.Length == 4) userSizeCells = (int)cells.Value.GetCell(0);
                }
                string? dts = d.Kind.Value == DomainKind.Xl ? PartialTrees.XlSharedMemory(parts, user)
                    : d.Kind.Value == DomainKind.Dom0less ? PartialTrees.Dom0lessPassthrough(parts, user, userSizeCells) : null;
                if (dts == null) continue;
                trees._pending.Add((d, dts, Task.Run(() => Dtc.Compile(dts, d.Name.Value + ".dts", new DtcOptions()))));
            }
            return trees;
        }

        /// <summary>The dom0less trees: their DTBs join the boot files (their sizes feed the plan).</summary>
        public void CollectLoaded(BootFileSet files, DiagnosticBag diagnostics)
        {
            foreach (var (d, dts, task) in _pending)
                if (d.Kind.Value != DomainKind.Xl) Collect(d, dts, task, files, diagnostics);
        }

        /// <summary>The xl trees (compiled meanwhile).</summary>
        public void CollectXl(DiagnosticBag diagnostics)
        {
            foreach (var (d, dts, task) in _pending)
                if (d.Kind.Value == DomainKind.Xl) Collect(d, dts, task, null, diagnostics);
        }

        private void Collect(Domain d, string dts, Task<DtcResult> task, BootFileSet? files, DiagnosticBag diagnostics)
        {
            bool xl = d.Kind.Value == DomainKind.Xl;
            string dtsPath = xl ? BootFolder.InFolder(BootFolder.XlDts(_board, d)) : BootFolder.PartialDts(d);
            string dtbPath = xl ? BootFolder.InFolder(BootFolder.XlDtb(_board, d)) : BootFolder.PartialDtb(d);
            var dtb = Generated(task.Result, dtsPath, d.Span, diagnostics);
            if (dtb == null) return;
            TreeWarnings.Add(task.Result, d.Name.Value + ".dts", 0, dtsPath, d.Span, diagnostics);
            Outputs.Add(new OutputFile(dtsPath, OutputKind.PartialDts, Utf8(dts), null, null, d.Name.Value));
            Outputs.Add(new OutputFile(dtbPath, OutputKind.PartialDtb, dtb, null, null, d.Name.Value));
            if (xl) _xlDomainsWithTree.Add(d.Name.Value);
            else files!.AddGenerated(new BootFile(dtbPath, BootFileRole.DomUDeviceTree, (ulong)dtb.Length, null, d.Index) { Span = d.Span }, (ulong)dtb.Length);
        }

        /// <summary>The user's partial tree as DTS text (a DTB is decompiled), parsed to read its cells; null after a diagnostic.</summary>
        private static string? UserTree(GenerationInput input, BoardFile file, DiagnosticBag diagnostics, out DtTree? tree, List<string> dependencies)
        {
            tree = null;
            if (!input.UserTrees.TryGetValue(file.FullPath, out var given))
            {
                diagnostics.Add(DiagnosticCodes.UserTreeNotGiven, file.Span, $"the partial device tree '{file.WrittenPath}' was not given to the generator (file missing?)");
                return null;
            }
            string? text = given.Source;
            if (text == null)
            {
                tree = DtbReader.Read(given.Blob!, file.WrittenPath, diagnostics);
                if (tree == null) return null;
                return DtsWriter.Write(tree);
            }
            var parsed = DtsParser.Parse(text, file.FullPath, input.IncludeDirs);
            if (parsed.Tree == null)
            {
                diagnostics.Add(DiagnosticCodes.BoardTreeDoesNotCompile, file.Span,
                    $"the partial device tree '{file.WrittenPath}' does not compile: {FirstError(parsed.Messages)}");
                AtTheirPositions(parsed.Messages, diagnostics);
                return null;
            }
            tree = parsed.Tree;
            dependencies.AddRange(parsed.Dependencies);
            return text;
        }
    }
}
