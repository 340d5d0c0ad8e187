using System;
using System.Globalization;
using Xen.Shm.Diagnostics;

namespace Xen.Shm.Topology.Rules
{
    /// <summary>
    /// XSHM2024: dom0's <c>memory</c> and <c>vcpus</c> are what the generator writes on Xen's command
    /// line (<c>dom0_mem=</c>, <c>dom0_max_vcpus=</c>); a different value already in <c>xen.bootargs</c>
    /// would win silently (Xen reads the line left to right, the last word counts), so it is an error
    /// at the dom0 value, naming the bootargs. The same value twice is fine.
    /// </summary>
    internal static class Dom0CommandLineRules
    {
        private static readonly char[] Blanks = { ' ', '\t' };

        public static void Check(RuleContext ctx)
        {
            var dom0 = ctx.Board.Dom0;
            if (dom0 is null || ctx.Xen.Bootargs is not { } line) return;

            if (dom0.Memory is { } memory && Last(line.Value, "dom0_mem=") is string mem && ParseSize(mem) is ulong bytes && bytes != memory.Value)
                ctx.Report(DiagnosticCodes.Dom0CommandLineConflict, memory.Span,
                    $"dom0 memory {RuleContext.Hex(memory.Value)} differs from 'dom0_mem={mem}' ({RuleContext.Hex(bytes)}) in xen.bootargs; Xen would take the bootargs' value. Remove dom0_mem from bootargs (the SDK writes it from dom0's memory) or make them equal",
                    line.Span);

            if (dom0.Vcpus is { } vcpus && Last(line.Value, "dom0_max_vcpus=") is string n &&
                uint.TryParse(n, NumberStyles.None, CultureInfo.InvariantCulture, out uint max) && max != vcpus.Value)
                ctx.Report(DiagnosticCodes.Dom0CommandLineConflict, vcpus.Span,
                    $"dom0 vcpus {vcpus.Value} differs from 'dom0_max_vcpus={n}' in xen.bootargs; Xen would take the bootargs' value. Remove dom0_max_vcpus from bootargs (the SDK writes it from dom0's vcpus) or make them equal",
                    line.Span);
        }

        /// <summary>The value of the last <paramref name="prefix"/> word (Xen's later words override earlier ones).</summary>
        public static string? Last(string line, string prefix)
        {
            string? value = null;
            foreach (string w in line.Split(Blanks, StringSplitOptions.RemoveEmptyEntries))
                if (w.StartsWith(prefix, StringComparison.Ordinal)) value = w.Substring(prefix.Length);
            return value;
        }

        /// <summary>Xen's parse_size_and_unit (xen/lib/parse-size.c): a C number, then B/K/M/G/T, KiB when none; null when not that.</summary>
        public static ulong? ParseSize(string s)
        {
            int i = 0;
            bool hex = s.StartsWith("0x", StringComparison.OrdinalIgnoreCase);
            if (hex) i = 2;
            int start = i;
            while (i < s.Length && (hex ? Uri.IsHexDigit(s[i]) : char.IsDigit(s[i]))) i++;
            if (i == start) return null;
            if (!ulong.TryParse(s.Substring(start, i - start), hex ? NumberStyles.HexNumber : NumberStyles.None, CultureInfo.InvariantCulture, out ulong v))
                return null;
            int shift = 10;
            if (i < s.Length)
            {
                shift = char.ToUpperInvariant(s[i]) switch { 'T' => 40, 'G' => 30, 'M' => 20, 'K' => 10, 'B' => 0, _ => -1 };
                if (shift < 0 || i + 1 != s.Length) return null;
            }
            return v > (ulong.MaxValue >> shift) ? null : v << shift;
        }
    }
}
