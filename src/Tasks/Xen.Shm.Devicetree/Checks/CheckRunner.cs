using System;
using System.Collections.Generic;
using System.Globalization;
using System.Text;
using Xen.Shm.Devicetree.Source;
using Xen.Shm.Diagnostics;

namespace Xen.Shm.Devicetree.Checks
{
    /// <summary>
    /// Runs the check table in order (checks.c process_checks/run_check): prerequisites first, a
    /// pre-order walk over live nodes per check, and — like dtc — once an error-level check has failed,
    /// no further table entry runs (spec §6.3).
    /// </summary>
    internal static class CheckRunner
    {
        /// <summary>Returns true if an error-level check failed.</summary>
        public static bool Run(CheckContext ctx, IReadOnlyList<Check> table)
        {
            bool error = false;
            foreach (var c in table)
            {
                if (error) break; // `error = error || run_check(c)` short-circuits
                if (c.Warn || c.Error) error = RunCheck(ctx, c);
            }
            return error;
        }

        private static bool RunCheck(CheckContext ctx, Check c)
        {
            bool error = false;
            if (c.Status == CheckStatus.Unchecked)
            {
                c.InProgress = true;
                foreach (var prq in c.Prereqs)
                {
                    error = error || RunCheck(ctx, prq);
                    if (prq.Status != CheckStatus.Passed)
                    {
                        c.Status = CheckStatus.Prereq;
                        Message(ctx, c, null, null, "Failed prerequisite '" + prq.Name + "'");
                    }
                }
                if (c.Status == CheckStatus.Unchecked)
                {
                    if (c.Fn != null && !ctx.CannotFail(c)) Walk(ctx, c, ctx.Root);
                    if (c.Status == CheckStatus.Unchecked) c.Status = CheckStatus.Passed;
                }
                c.InProgress = false;
            }
            if (c.Status != CheckStatus.Passed && c.Error) error = true;
            return error;
        }

        private static void Walk(CheckContext ctx, Check c, DtNode node)
        {
            c.Fn!(ctx, c, node);
            var children = node.ChildList;
            for (int i = 0; i < children.Count; i++)
                if (!children[i].IsDeleted) Walk(ctx, c, children[i]);
        }

        public static void Fail(CheckContext ctx, Check c, DtNode? node, string text)
        {
            c.Status = CheckStatus.Failed;
            Message(ctx, c, node, null, text);
        }

        public static void FailProp(CheckContext ctx, Check c, DtNode node, DtProperty? prop, string text)
        {
            c.Status = CheckStatus.Failed;
            Message(ctx, c, node, prop, text);
        }

        // checks.c check_msg
        private static void Message(CheckContext ctx, Check c, DtNode? node, DtProperty? prop, string text)
        {
            if (!(c.Warn && ctx.Quiet < 1) && !(c.Error && ctx.Quiet < 2)) return;
            SourceSpan pos = default;
            bool hasPos = false;
            if (prop != null && !prop.Span.IsEmpty) { pos = prop.Span; hasPos = true; }
            else if (node != null && !node.Span.IsEmpty) { pos = node.Span; hasPos = true; }
            var sb = new StringBuilder();
            sb.Append(hasPos ? DtcMessage.FormatPosition(pos) : ctx.OutName == "-" ? "<stdout>" : ctx.OutName);
            sb.Append(": ").Append(c.Error ? "ERROR" : "Warning").Append(" (").Append(c.Name).Append("): ");
            if (node != null)
            {
                // fill_fullpaths ran over live nodes only: a node deleted while parsing has no path.
                sb.Append(node.IsLive ? node.Path : "(null)");
                if (prop != null) sb.Append(':').Append(prop.Name);
                sb.Append(": ");
            }
            sb.Append(text);
            if (prop == null && hasPos && node != null)
            {
                foreach (var more in node.AlsoDefinedAt)
                    sb.Append('\n').Append("  also defined at ").Append(DtcMessage.FormatPosition(more));
            }
            ctx.Messages.Add(DtcMessage.Check(c.Error, c.Name, hasPos ? pos : default, text, sb.ToString()));
        }

        // ---- -W / -E (checks.c parse_checks_option) -----------------------------------

        public static void ApplySwitch(IReadOnlyList<Check> table, bool warn, bool error, string arg)
        {
            string name = arg;
            bool enable = true;
            if (arg.StartsWith("no-", StringComparison.Ordinal) || arg.StartsWith("no_", StringComparison.Ordinal))
            {
                name = arg.Substring(3);
                enable = false;
            }
            foreach (var c in table)
            {
                if (c.Name != name) continue;
                if (enable) Enable(c, warn, error);
                else Disable(table, c, warn, error);
                return;
            }
            throw new DtcFatalException("Unrecognized check name \"" + name + "\"\n");
        }

        private static void Enable(Check c, bool warn, bool error)
        {
            if ((warn && !c.Warn) || (error && !c.Error))
                foreach (var p in c.Prereqs) Enable(p, warn, error);
            c.Warn = c.Warn || warn;
            c.Error = c.Error || error;
        }

        private static void Disable(IReadOnlyList<Check> table, Check c, bool warn, bool error)
        {
            if ((warn && c.Warn) || (error && c.Error))
            {
                foreach (var cc in table)
                    foreach (var p in cc.Prereqs)
                        if (p == c) Disable(table, cc, warn, error);
            }
            c.Warn = c.Warn && !warn;
            c.Error = c.Error && !error;
        }

        internal static string Hex(uint v) => v.ToString("x", CultureInfo.InvariantCulture);
        internal static string Dec(long v) => v.ToString(CultureInfo.InvariantCulture);
    }
}
