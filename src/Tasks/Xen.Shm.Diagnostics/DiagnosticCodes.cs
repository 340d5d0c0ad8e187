using System;
using System.Collections.Generic;
using System.Linq;
using System.Reflection;

namespace Xen.Shm.Diagnostics
{
    /// <summary>
    /// The code table. Every public static <see cref="DiagnosticDescriptor"/> field of this partial
    /// class is one code; each area keeps its rows in its own file (DiagnosticCodes.&lt;Area&gt;.cs):
    /// XSHM1xxx topology/YAML, 2xxx topology rules of the spec (§11), 3xxx device tree, 6xxx generation,
    /// 4xxx xl config, 5xxx boot image, 8xxx SDK/property misuse, 9xxx internal.
    /// </summary>
    public static partial class DiagnosticCodes
    {
        private static IReadOnlyList<DiagnosticDescriptor>? s_all;

        /// <summary>All codes, sorted by code.</summary>
        public static IReadOnlyList<DiagnosticDescriptor> All => s_all ??= typeof(DiagnosticCodes)
            .GetFields(BindingFlags.Public | BindingFlags.Static)
            .Where(f => f.FieldType == typeof(DiagnosticDescriptor))
            .Select(f => (DiagnosticDescriptor)f.GetValue(null)!)
            .OrderBy(d => d.Code, StringComparer.Ordinal)
            .ToList();

        public static DiagnosticDescriptor? Find(string code) =>
            All.FirstOrDefault(d => string.Equals(d.Code, code, StringComparison.Ordinal));
    }
}
