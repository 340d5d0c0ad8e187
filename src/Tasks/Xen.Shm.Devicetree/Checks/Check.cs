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
    }
}
