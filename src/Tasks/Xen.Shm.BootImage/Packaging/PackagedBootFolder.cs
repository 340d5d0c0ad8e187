using System.Collections.Generic;

namespace Xen.Shm.BootImage.Packaging
{
    /// <summary>What packaging did: for the task's Output and its log.</summary>
    public sealed class PackagedBootFolder
    {
        internal PackagedBootFolder(IReadOnlyList<string> written, IReadOnlyList<(string Source, string Path)> copied, IReadOnlyList<string> kept)
        {
            Written = written;
            Copied = copied;
            Kept = kept;
        }

        /// <summary>Full path of every file written into the boot folder, manifest.json included, in path order.</summary>
        public IReadOnlyList<string> Written { get; }

        /// <summary>Files copied from their source (the others were unchanged: linked to the previous folder's).</summary>
        public IReadOnlyList<(string Source, string Path)> Copied { get; }

        /// <summary>Files of the previous folder the SDK did not write, carried over.</summary>
        public IReadOnlyList<string> Kept { get; }
    }
}
