using System;
using System.Linq;
using Microsoft.Build.Framework;
using Xen.Shm.BootImage.Files;
using Xen.Shm.Topology;

namespace Xen.Shm.Sdk.Tasks
{
    /// <summary>
    /// Step 1 (XenShmLoadTopology): loads and validates the board's YAML and, when it is valid,
    /// writes the list of every file it names (one full path per line, ordinal order) so later
    /// steps can list them as Inputs.
    /// </summary>
    public sealed class LoadTopology : XenShmTask
    {
        /// <summary>The XenShmTopology item (exactly one; the targets check the count).</summary>
        [Required]
        public ITaskItem Topology { get; set; } = null!;

        /// <summary>Where to write the list of input files (board.inputs).</summary>
        /// <summary>XenShmDomainImage items (Domain, Role metadata): files the build gives in place of YAML paths.</summary>
        public ITaskItem[] DomainImages { get; set; } = Array.Empty<ITaskItem>();

        [Required]
        public string BoardInputsFile { get; set; } = string.Empty;

        /// <summary>The files the topology names, with Role and Domain metadata.</summary>
        [Output]
        public ITaskItem[] BoardFiles { get; private set; } = Array.Empty<ITaskItem>();

        protected override void Run()
        {
            var result = TopologyLoader.Load(Topology.GetMetadata("FullPath"), BuildImages.BuildImageItems.From(DomainImages));
            Report(result.Diagnostics);
            if (result.HasErrors || result.Board is null) return;

            var files = result.Board.Files
                .OrderBy(f => f.FullPath, StringComparer.Ordinal)
                .ToList();
            BoardFiles = files.Select(f => (ITaskItem)new Microsoft.Build.Utilities.TaskItem(f.FullPath, new System.Collections.Generic.Dictionary<string, string>
            {
                ["Role"] = f.Role.ToString(),
                ["Domain"] = f.Domain ?? string.Empty,
            })).ToArray();

            // Always rewritten (never "only when different"): the target's Outputs must end up newer
            // than its Inputs, or the step would run on every build (guide msbuild-sdk.md §7.1 rule 6).
            AtomicFile.WriteAllText(BoardInputsFile,
                string.Concat(files.Select(f => f.FullPath).Distinct(StringComparer.Ordinal).Select(p => p + "\n")), durable: false);
            Log.LogMessage(MessageImportance.Low, "{0}: valid, names {1} file(s).", Topology.ItemSpec, files.Count);
        }
    }
}
