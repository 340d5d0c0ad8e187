using System;
using System.Collections.Generic;
using Xen.Shm.Diagnostics;
using Xen.Shm.Generation.Layout;
using Xen.Shm.Topology;

namespace Xen.Shm.Generation.Stages
{
    /// <summary>
    /// The files the boot script loads (the planner's input), their sizes (for <c>/chosen</c>'s module
    /// <c>reg</c>) and the inputs copied into the boot folder, as stages 3 and 4 find them.
    /// </summary>
    internal sealed class BootFileSet
    {
        private readonly IReadOnlyDictionary<string, InputFileFacts> _facts;
        private readonly DiagnosticBag _diagnostics;
        private readonly Dictionary<string, ulong> _sizes = new Dictionary<string, ulong>(StringComparer.Ordinal);

        public BootFileSet(IReadOnlyDictionary<string, InputFileFacts> facts, DiagnosticBag diagnostics)
        {
            _facts = facts;
            _diagnostics = diagnostics;
        }

        /// <summary>Every loaded file but the host DTB (and the overlay), which the plan adds itself.</summary>
        public List<BootFile> Planned { get; } = new List<BootFile>();

        /// <summary>Input files copied into the boot folder, in the order they were added.</summary>
        public List<OutputFile> Copies { get; } = new List<OutputFile>();

        /// <summary>A loaded file's exact size (0 when not known).</summary>
        public ulong SizeOf(string name) => _sizes.TryGetValue(name, out var s) ? s : 0;

        /// <summary>An input file loaded as <paramref name="role"/> under <paramref name="name"/>; XSHM6003 when it was not measured.</summary>
        public void AddInput(BoardFile? file, string name, BootFileRole role, Domain? domain)
        {
            if (file == null) return;
            if (!_facts.TryGetValue(file.FullPath, out var facts))
            {
                _diagnostics.Add(DiagnosticCodes.BootFileUnmeasured, file.Span, $"the size of '{file.WrittenPath}' is not known (file missing?)");
                return;
            }
            Planned.Add(new BootFile(name, role, facts.Size, facts.ImageSize, domain?.Index ?? 0) { Span = file.Span });
            _sizes[name] = facts.Size;
            Copies.Add(new OutputFile(name, OutputKind.Copy, null, file.FullPath, null, domain?.Name.Value));
        }

        /// <summary>A generated file the boot loads (a dom0less partial DTB).</summary>
        public void AddGenerated(BootFile file, ulong size)
        {
            Planned.Add(file);
            _sizes[file.Name] = size;
        }
    }
}
