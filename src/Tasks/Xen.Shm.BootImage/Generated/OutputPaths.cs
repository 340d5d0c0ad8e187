using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using Xen.Shm.Diagnostics;
using Xen.Shm.Generation;
using Xen.Shm.Topology;

namespace Xen.Shm.BootImage.Generated
{
    /// <summary>
    /// The generator names copies by file name only (Generation README "Boot folder layout"), so
    /// two different inputs with one name in one folder would overwrite each other: XSHM8004.
    /// The same input named twice for one path (e.g. one kernel for two roles) is written once.
    /// </summary>
    public static class OutputPaths
    {
        /// <summary>
        /// Checked before generating: the generator's load planner tells files apart by boot-folder
        /// name, so a clash would surface as a confusing XSHM6002 (two modules at one address).
        /// </summary>
        public static void CheckCopies(Board board, DiagnosticBag diagnostics)
        {
            var byPath = new Dictionary<string, BoardFile>(StringComparer.Ordinal);
            foreach (var file in board.Files)
            {
                string? path = CopyPath(board, file);
                if (path is null) continue;
                if (byPath.TryGetValue(path, out var taken))
                {
                    if (SameFile(taken.FullPath, file.FullPath)) continue;
                    diagnostics.Add(DiagnosticCodes.BootFolderPathTaken, file.Span,
                        $"'{file.WrittenPath}' would be copied to '{path}' in the boot folder, where '{taken.WrittenPath}' already goes; rename one of the files",
                        taken.Span);
                    continue;
                }

                byPath.Add(path, file);
            }
        }

        // Generation README "Boot folder layout" (Xen.Shm.Generation.Chosen.BootFolder).
        private static string? CopyPath(Board board, BoardFile file)
        {
            if (file.Role == FileRole.Xen) return Xen.Shm.Generation.Chosen.BootFolder.Xen(file);
            if (file.Role == FileRole.Bitstream || file.Role == FileRole.BootAuxFile) return Xen.Shm.Generation.Chosen.BootFolder.FileName(file.FullPath);
            if (file.Role == FileRole.HostDeviceTree || file.Role == FileRole.DomUDeviceTree || file.Role == FileRole.HostOverlay) return null;
            var domain = board.Domains.FirstOrDefault(d => d.Name.Value == file.Domain);
            if (domain is null) return null;
            return domain.Kind.Value == DomainKind.Xl
                ? Xen.Shm.Generation.Chosen.BootFolder.InFolder(Xen.Shm.Generation.Chosen.BootFolder.XlFile(board, domain, file))
                : Xen.Shm.Generation.Chosen.BootFolder.DomainFile(domain, file);
        }

        /// <summary>
        /// The generator's files in path order, a copy planned twice from one input kept once. Any
        /// other clash is ours (CheckCopies ran first): an exception, reported as XSHM9001.
        /// </summary>
        public static IReadOnlyList<OutputFile> Distinct(IEnumerable<OutputFile> files)
        {
            var byPath = new Dictionary<string, OutputFile>(StringComparer.Ordinal);
            foreach (var file in files)
            {
                if (byPath.TryGetValue(file.Path, out var taken))
                {
                    if (file.SourcePath is not null && taken.SourcePath is not null && SameFile(taken.SourcePath, file.SourcePath)) continue;
                    throw new InvalidOperationException($"the generator planned two different files at '{file.Path}'");
                }

                byPath.Add(file.Path, file);
            }

            return byPath.Values.OrderBy(f => f.Path, StringComparer.Ordinal).ToList();
        }

        private static bool SameFile(string a, string b) =>
            string.Equals(Path.GetFullPath(a), Path.GetFullPath(b),
                Path.DirectorySeparatorChar == '\\' ? StringComparison.OrdinalIgnoreCase : StringComparison.Ordinal);
    }
}
