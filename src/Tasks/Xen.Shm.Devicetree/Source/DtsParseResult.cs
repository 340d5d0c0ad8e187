using System.Collections.Generic;

namespace Xen.Shm.Devicetree
{
    /// <summary>What <see cref="DtsParser"/> produced: a tree (null when dtc would stop with exit 1) and its messages.</summary>
    public sealed class DtsParseResult
    {
        internal DtsParseResult(DtTree? tree, IReadOnlyList<DtcMessage> messages, IReadOnlyList<string> dependencies)
        {
            Tree = tree;
            Messages = messages;
            Dependencies = dependencies;
        }

        /// <summary>The parsed tree, or null on any parse error (dtc exits 1).</summary>
        public DtTree? Tree { get; }

        public IReadOnlyList<DtcMessage> Messages { get; }

        /// <summary>Files read (main file, includes, incbins) in order, as dtc's <c>-d</c> lists them.</summary>
        public IReadOnlyList<string> Dependencies { get; }

        public bool Succeeded => Tree != null;
    }
}
