using System.IO;
using Xen.Shm.Diagnostics;
using Xen.Shm.Generation;

namespace Xen.Shm.BootImage.Generated
{
    /// <summary>
    /// dtc's positions as files MSBuild can open: a generated tree's boot-folder path is its copy in
    /// generated/; another relative path is a file the board /include/s, relative to the board's folder.
    /// </summary>
    public static class GeneratedPositions
    {
        public static Diagnostic OnDisk(Diagnostic d, GenerationResult generated, string hostSourceName, string generatedDirectory)
        {
            string file = d.Span.File;
            if (string.IsNullOrEmpty(file) || Path.IsPathRooted(file)) return d;
            string onDisk = generated.Find(file) is not null
                // Where a generated tree's copy lies, for positions only: writes go through OutputFolder.
                ? GeneratedFolder.PathOf(generatedDirectory, file)
                : Path.GetFullPath(Path.Combine(Path.GetDirectoryName(Path.GetFullPath(hostSourceName)) ?? string.Empty, file));
            var s = d.Span;
            return new Diagnostic(d.Descriptor, d.Severity, d.Message, new SourceSpan(onDisk, s.Line, s.Column, s.EndLine, s.EndColumn), d.Related);
        }
    }
}
