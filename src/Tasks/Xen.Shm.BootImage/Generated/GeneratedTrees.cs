using System.Collections.Generic;
using System.IO;
using Xen.Shm.BootImage.Files;
using Xen.Shm.BootImage.Incremental;
using Xen.Shm.Devicetree;
using Xen.Shm.Diagnostics;

namespace Xen.Shm.BootImage.Generated
{
    /// <summary>
    /// Step 3 (XenShmCompileDtb): generated DTS/DTSO sources → their DTB/DTBO in generated/ with our
    /// dtc-exact compiler. A DTB whose bytes did not change is not rewritten, only touched: it is the
    /// step's Output. A source that does not compile is XSHM6002 at the source; the others still compile.
    /// </summary>
    public static class GeneratedTrees
    {
        /// <summary>The (source, DTB) pairs whose DTB was (re)written.</summary>
        public static IReadOnlyList<(string Source, string Dtb)> Compile(IReadOnlyList<(string Source, string Dtb)> trees, string generatedDirectory,
            IEnumerable<string> includeDirectories, DiagnosticBag diagnostics)
        {
            var folder = new OutputFolder(generatedDirectory);
            foreach (var tree in trees) folder.Contain(tree.Dtb);   // the wall, before the first write
            var written = new List<(string, string)>();
            foreach (var (source, dtb) in trees)
            {
                string output = folder.Contain(dtb);
                var options = new DtcOptions();
                options.IncludeDirs.AddRange(includeDirectories);
                var result = Dtc.Compile(File.ReadAllText(source), source, options);
                if (!result.Succeeded || result.Output is null)
                {
                    diagnostics.Add(DiagnosticCodes.GeneratedTreeDoesNotCompile, new SourceSpan(source, 0, 0),
                        $"generated '{Path.GetFileName(source)}' does not compile: {DtcMessage.Render(result.Messages).Trim()}");
                    continue;
                }

                if (FileRefresh.Write(output, result.Output, touchUnchanged: true)) written.Add((source, output));
            }

            return written;
        }
    }
}
