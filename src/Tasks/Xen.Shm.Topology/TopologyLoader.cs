using System;
using System.Collections.Generic;
using System.Linq;
using Xen.Shm.Diagnostics;
using Xen.Shm.Topology.Rules;
using Xen.Shm.Topology.Yaml;

namespace Xen.Shm.Topology
{
    /// <summary>Entry point: YAML board description → validated <see cref="Board"/> + diagnostics. Never throws for bad input.</summary>
    public static class TopologyLoader
    {
        /// <summary>Reads, loads and validates a topology file.</summary>
        public static TopologyResult Load(string yamlPath) => Load(yamlPath, null);

        /// <summary>Reads a topology file with the files the build gives (<see cref="BuildImage"/>) in place of YAML paths.</summary>
        public static TopologyResult Load(string yamlPath, IReadOnlyList<BuildImage>? buildImages)
        {
            var diagnostics = new DiagnosticBag();
            string? text = TopologyText.Read(yamlPath, diagnostics);
            if (text is null) return new TopologyResult(null, diagnostics.ToList());
            return Parse(text, yamlPath, buildImages);
        }

        /// <summary>
        /// Loads and validates topology text; <paramref name="yamlPath"/> names the file in
        /// diagnostics and is the base of relative paths.
        /// </summary>
        public static TopologyResult Parse(string yamlText, string yamlPath) => Parse(yamlText, yamlPath, null);

        /// <summary>As <see cref="Parse(string, string)"/>, with the build's images.</summary>
        public static TopologyResult Parse(string yamlText, string yamlPath, IReadOnlyList<BuildImage>? buildImages)
        {
            var diagnostics = new DiagnosticBag();
            Board? board = null;
            var root = YamlTreeBuilder.Build(yamlText ?? string.Empty, yamlPath ?? string.Empty, diagnostics);
            if (root is not null)
            {
                board = BoardReader.Read(root, yamlPath ?? string.Empty, diagnostics, buildImages);
                if (board is not null) BoardValidator.Validate(board, diagnostics);
            }
            return new TopologyResult(board, InDocumentOrder(diagnostics, yamlPath ?? string.Empty));
        }

        /// <summary>Stable sort by position: the YAML file first (line, column), then other files (the board DT), then position-less ones.</summary>
        private static List<Diagnostic> InDocumentOrder(IReadOnlyList<Diagnostic> diagnostics, string yamlPath)
        {
            int Place(SourceSpan s) => s.Line == 0 ? 2 : string.Equals(s.File, yamlPath, StringComparison.Ordinal) ? 0 : 1;
            int Compare(Diagnostic a, Diagnostic b)
            {
                int c = Place(a.Span).CompareTo(Place(b.Span));
                if (c == 0) c = string.CompareOrdinal(a.Span.File, b.Span.File);
                if (c == 0) c = a.Span.Line.CompareTo(b.Span.Line);
                return c != 0 ? c : a.Span.Column.CompareTo(b.Span.Column);
            }

            return new List<Diagnostic>(Sorted.By(diagnostics, Compare));
        }
    }
}
