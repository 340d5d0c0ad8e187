using System.Collections.Generic;

namespace Xen.Shm.Devicetree
{
    /// <summary>Outcome of <see cref="Dtc.Compile(string, DtcOptions)"/>: what dtc would write, print and exit with.</summary>
    public sealed class DtcResult
    {
        internal DtcResult(byte[]? output, int exitCode, IReadOnlyList<DtcMessage> messages, IReadOnlyList<string> dependencies, DtTree? tree, long outputPadding = 0)
        {
            OutputPadding = outputPadding;
            Output = output;
            ExitCode = exitCode;
            Messages = messages;
            Dependencies = dependencies;
            Tree = tree;
        }

        /// <summary>
        /// The output file's bytes (DTB, or DTS text as UTF-8); null when dtc writes no file. One quirk is
        /// kept: an unknown <c>-V</c> version gives an empty array with exit code 1, because dtc creates the
        /// output file before it notices. Write files only when <see cref="ExitCode"/> is 0.
        /// </summary>
        public byte[]? Output { get; }

        /// <summary>
        /// Zero bytes the output file continues with after <see cref="Output"/>: 0 unless
        /// <see cref="DtcOptions.StreamPadding"/> is set or -S/-p make the blob larger than .NET's largest
        /// array (dtc writes such files; xdtc streams the zeros).
        /// </summary>
        public long OutputPadding { get; }

        /// <summary>0 success, 1 parse/fatal error, 2 failed error-level checks (as dtc).</summary>
        public int ExitCode { get; }

        /// <summary>Everything dtc prints on stderr, in order.</summary>
        public IReadOnlyList<DtcMessage> Messages { get; }

        /// <summary>Files read, in order (dtc -d).</summary>
        public IReadOnlyList<string> Dependencies { get; }

        /// <summary>The final tree (after checks and generation), when parsing succeeded.</summary>
        public DtTree? Tree { get; }

        public bool Succeeded => ExitCode == 0;

        /// <summary>The messages as dtc's stderr text.</summary>
        public string StandardError => DtcMessage.Render(Messages);
    }
}
