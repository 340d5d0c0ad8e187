using System;
using System.Collections.Generic;
using System.IO;
using Xen.Shm.Diagnostics;

namespace Xen.Shm.Topology.Yaml
{
    /// <summary>What every part of the reader shares: the file, the diagnostics, the files named so far.</summary>
    internal sealed class ReadContext
    {
        public ReadContext(string yamlPath, DiagnosticBag diagnostics)
        {
            YamlPath = yamlPath;
            Diagnostics = diagnostics;
            BaseDirectory = BaseOf(yamlPath);
        }

        public string YamlPath { get; }
        public DiagnosticBag Diagnostics { get; }

        /// <summary>Relative paths in the YAML resolve against the YAML file's folder.</summary>
        public string BaseDirectory { get; }

        public List<BoardFile> Files { get; } = new List<BoardFile>();

        public void Report(DiagnosticDescriptor descriptor, SourceSpan span, string message, params SourceSpan[] related) =>
            Diagnostics.Add(descriptor, span, message, related);

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
            if (!File.Exists(full))
            {
                Report(DiagnosticCodes.FileNotFound, written.Span,
                    $"file '{written.Value}' not found (looked for '{full}'; relative paths start at the YAML file's folder)");
            }
            Files.Add(file);
            return file;
        }
    }
}
