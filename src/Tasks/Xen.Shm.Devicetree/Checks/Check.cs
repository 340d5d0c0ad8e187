using System;
using System.Collections.Generic;

namespace Xen.Shm.Devicetree.Checks
{
    internal enum CheckStatus { Unchecked, Prereq, Passed, Failed }

    /// <summary>One entry of dtc's check table (checks.c struct check): a per-node function, its level and prerequisites.</summary>
    internal sealed class Check
    {
        public Check(string name, Action<CheckContext, Check, DtNode>? fn, bool warn, bool error, params Check[] prereqs)
        {
            Name = name;
            Fn = fn;
            Warn = warn;
            Error = error;
            Prereqs = prereqs;
        }

        public string Name { get; }
        public Action<CheckContext, Check, DtNode>? Fn { get; }
        public bool Warn { get; set; }
        public bool Error { get; set; }
        public Check[] Prereqs { get; }
        public CheckStatus Status { get; set; }
        public bool InProgress { get; set; }

        /// <summary>Per-check data (property name for the is-string/is-cell family, …).</summary>
        public object? Data { get; set; }

        public override string ToString() => Name;
    }

    /// <summary>State shared by the checks of one run.</summary>
    internal sealed class CheckContext
    {
        public CheckContext(DtTree tree, List<DtcMessage> messages, string outName, int quiet, bool symbols, PhandleFormat phandleFormat)
        {
            PhandleFormat = phandleFormat;
            Tree = tree;
            Messages = messages;
            OutName = outName;
            Quiet = quiet;
            Symbols = symbols;
        }

        public DtTree Tree { get; }
        public DtNode Root => Tree.Root;
        public List<DtcMessage> Messages { get; }
        public string OutName { get; }
        public int Quiet { get; }
        public bool Symbols { get; }
        public bool Plugin => Tree.IsPlugin;
        public PhandleFormat PhandleFormat { get; }

        private HashSet<string>? _propertyNames;

        /// <summary>
        /// True when a check that only looks at one named property (is-cell/is-string family, providers)
        /// has nothing to look at: no live property of that name anywhere. Skipping its walk changes
        /// nothing. The name set may only grow stale towards "too many" (names are removed during
        /// checks, and the only ones added are phandle properties), so a skip is always exact.
        /// </summary>
        public bool CannotFail(Check c)
        {
            string? name = c.Data as string;
            if (c.Data is Provider p) name = p.PropName;
            if (name == null || !(ReferenceEquals(c.Fn, ValueChecks.IsCellFn) || ReferenceEquals(c.Fn, ValueChecks.IsStringFn) ||
                  ReferenceEquals(c.Fn, ValueChecks.IsStringListFn) || ReferenceEquals(c.Fn, ProviderChecks.ProviderCellsFn)))
                return false;
            if (_propertyNames == null)
            {
                // Only the names such checks ask about are collected: a small set, one walk.
                _propertyNames = new HashSet<string>(StringComparer.Ordinal);
                Collect(Root);
            }
            return !_propertyNames.Contains(name);
        }

        private static HashSet<string>? s_asked;

        private static HashSet<string> Asked()
        {
            var asked = s_asked;
            if (asked != null) return asked;
            asked = new HashSet<string>(StringComparer.Ordinal);
            foreach (var check in CheckTable.Create())
            {
                if (check.Data is string n) asked.Add(n);
                else if (check.Data is Provider pr) asked.Add(pr.PropName);
            }
            return s_asked = asked; // immutable once published; a race only builds it twice
        }

        private void Collect(DtNode n)
        {
            var asked = Asked();
            foreach (var p in n.Properties)
                if (asked.Contains(p.Name)) _propertyNames!.Add(p.Name);
            foreach (var ch in n.Children) Collect(ch);
        }
    }
}
