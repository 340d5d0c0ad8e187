using System;
using System.IO;
using Microsoft.Build.Framework;
using Xen.Shm.BootImage.Files;
using Xen.Shm.Devicetree;
using Xen.Shm.Diagnostics;
using Xen.Shm.Sdk.Tasks.BootFolder;

namespace Xen.Shm.Sdk.Tasks
{
    /// <summary>
    /// Step 3 (XenShmCompileDtb): each generated DTS/DTSO → its DTB/DTBO beside it (metadata
    /// <c>DtbPath</c>) with our dtc-exact compiler (Xen.Shm.Devicetree). The target passes only the
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
            var folder = new OutputFolder(GeneratedDirectory);
            foreach (var source in Sources) folder.Contain(source.GetMetadata("DtbPath"));   // the wall, before the first write
            foreach (var source in Sources)
            {
                string path = source.GetMetadata("FullPath");
                string output = folder.Contain(source.GetMetadata("DtbPath"));
                var options = new DtcOptions();
                options.IncludeDirs.AddRange(IncludeDirectories);
                var result = Dtc.Compile(File.ReadAllText(path), path, options);
                if (!result.Succeeded || result.Output is null)
                {
                    diagnostics.Add(DiagnosticCodes.GeneratedTreeDoesNotCompile, new SourceSpan(path, 0, 0),
                        $"generated '{Path.GetFileName(path)}' does not compile: {DtcMessage.Render(result.Messages).Trim()}");
                    continue;
                }

                if (FileRefresh.Write(output, result.Output, touchUnchanged: true))
                    Log.LogMessage(MessageImportance.Low, "{0} -> {1}", path, output);
            }

            Report(diagnostics);
        }
    }
}
