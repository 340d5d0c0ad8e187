using System;
using System.Collections.Generic;
using System.IO;
using Xen.Shm.Diagnostics;
using Xen.Shm.Inputs;

namespace Xen.Shm.Topology.Yaml
{
    /// <summary>What every part of the reader shares: the file, the diagnostics, the files named so far.</summary>
    internal sealed class ReadContext
    {
        public ReadContext(string yamlPath, DiagnosticBag diagnostics, IEnumerable<BuildImage>? buildImages = null)
        {
            YamlPath = yamlPath;
            Diagnostics = diagnostics;
            BaseDirectory = BaseOf(yamlPath);
            Images = new BuildImageSet(buildImages, diagnostics);
        }

        /// <summary>Files the build gives (XenShmDomainImage) in place of YAML paths.</summary>
        public BuildImageSet Images { get; }

        /// <summary>The file of (<paramref name="domain"/>, <paramref name="buildRole"/>): the build's image when there is one, else the YAML's path.</summary>
        public BoardFile? ResolveImage(Spanned<string>? written, string? domain, string buildRole, FileRole role) =>
            Images.Take(domain, buildRole, written) is { } path ? ResolveFile(path, role, domain) : null;

        public string YamlPath { get; }
        public DiagnosticBag Diagnostics { get; }

        /// <summary>Relative paths in the YAML resolve against the YAML file's folder.</summary>
        public string BaseDirectory { get; }

        public List<BoardFile> Files { get; } = new List<BoardFile>();

        public void Report(DiagnosticDescriptor descriptor, SourceSpan span, string message, params SourceSpan[] related) =>
            Diagnostics.Add(descriptor, span, message, related);

        /// <summary>The topology file itself cannot be read (XSHM1010; the only other place this code is raised is <see cref="ResolveFile"/>).</summary>
        public static void ReportUnreadableTopology(string yamlPath, Exception ex, DiagnosticBag diagnostics) =>
            diagnostics.Add(DiagnosticCodes.FileNotFound, new SourceSpan(yamlPath, 0, 0), $"cannot read the topology file '{yamlPath}': {ex.Message}");

        private static string BaseOf(string yamlPath)
        {
            try
            {
                string full = Path.GetFullPath(string.IsNullOrEmpty(yamlPath) ? "topology.yaml" : yamlPath);
                return Path.GetDirectoryName(full) ?? Directory.GetCurrentDirectory();
            }
            catch (Exception ex) when (ex is ArgumentException || ex is NotSupportedException || ex is PathTooLongException || ex is System.Security.SecurityException)
            {
                return Directory.GetCurrentDirectory();
            }
        }

        /// <summary>Resolves a written path and checks that the file exists (XSHM1010); null when it does not.</summary>
        public BoardFile? ResolveFile(Spanned<string> written, FileRole role, string? domain)
        {
            string full;
            try
            {
                if (written.Value.Length == 0 || written.Value.IndexOf('\0') >= 0) throw new ArgumentException("empty path");
                full = Path.GetFullPath(Path.Combine(BaseDirectory, written.Value));
            }
            catch (Exception ex) when (ex is ArgumentException || ex is NotSupportedException || ex is PathTooLongException || ex is System.Security.SecurityException)
            {
                Report(DiagnosticCodes.FileNotFound, written.Span, $"'{written.Value}' is not a valid file path");
                return null;
            }
            var file = new BoardFile(full, written.Value, role, domain, written.Span);
            var kind = InputFile.KindOf(full, out long size);
            if (kind == InputFileKind.Missing)
            {
                Report(DiagnosticCodes.FileNotFound, written.Span,
                    $"file '{written.Value}' not found (looked for '{full}'; relative paths start at the YAML file's folder)");
            }
            else if (kind != InputFileKind.Regular)
            {
                ReportNotRegular(Diagnostics, written.Span, $"'{written.Value}'", full, kind);
            }
            else if (size == 0 && (role == FileRole.Xen || role == FileRole.Dom0Kernel || role == FileRole.DomUKernel))
            {
                // Xen or a kernel of 0 bytes boots nothing: U-Boot would load nothing and jump to it.
                Report(DiagnosticCodes.InputFileEmpty, written.Span, $"'{written.Value}' is an empty file; a {RoleName(role)} cannot be empty");
            }
            else
            {
                _regular.Add(file);
            }
            Files.Add(file);
            return file;
        }

        private readonly HashSet<BoardFile> _regular = new HashSet<BoardFile>();

        /// <summary>True when <paramref name="file"/> was found to be a regular file that may be read.</summary>
        public bool CanRead(BoardFile file) => _regular.Contains(file);

        /// <summary>XSHM1030: a named input (or the topology file itself) is a directory, FIFO or device.</summary>
        public static void ReportNotRegular(DiagnosticBag diagnostics, SourceSpan span, string what, string fullPath, InputFileKind kind) =>
            diagnostics.Add(DiagnosticCodes.InputNotRegularFile, span,
                $"{what} ('{fullPath}') is {InputFile.Describe(kind)}; inputs must be regular files (a FIFO or device would block or never end)");

        private static string RoleName(FileRole role) => role == FileRole.Xen ? "Xen image" : "kernel";
    }
}
