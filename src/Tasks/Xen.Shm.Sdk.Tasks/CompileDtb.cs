using System;
using System.Linq;
using Microsoft.Build.Framework;
using Xen.Shm.BootImage.Generated;
using Xen.Shm.Diagnostics;

namespace Xen.Shm.Sdk.Tasks
{
    /// <summary>
    /// Step 3 (XenShmCompileDtb): each generated DTS/DTSO → its DTB/DTBO beside it (metadata
    /// <c>DtbPath</c>) with our dtc-exact compiler (BootImage's GeneratedTrees). The target passes only the
    /// sources MSBuild found out of date (partial build). A DTB whose bytes did not change is not
    /// rewritten, only touched: it is this step's Output.
    /// </summary>
    public sealed class CompileDtb : XenShmTask
    {
        [Required] public ITaskItem[] Sources { get; set; } = Array.Empty<ITaskItem>();

        /// <summary>The folder every DTB must land in (generated/): the outputs' wall.</summary>
        [Required] public string GeneratedDirectory { get; set; } = string.Empty;

        /// <summary>dtc -i folders: the board source's folder first (its relative /include/s).</summary>
        public string[] IncludeDirectories { get; set; } = Array.Empty<string>();

        protected override void Run()
        {
            var diagnostics = new DiagnosticBag();
            var trees = Sources.Select(s => (s.GetMetadata("FullPath"), s.GetMetadata("DtbPath"))).ToList();
            foreach (var (source, dtb) in GeneratedTrees.Compile(trees, GeneratedDirectory, IncludeDirectories, diagnostics))
                Log.LogMessage(MessageImportance.Low, "{0} -> {1}", source, dtb);
            Report(diagnostics);
        }
    }
}
