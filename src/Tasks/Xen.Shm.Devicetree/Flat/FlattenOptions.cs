namespace Xen.Shm.Devicetree
{
    /// <summary>Options of the blob writer (dtc -V, -R, -S, -p, -a; spec §11–12).</summary>
    public sealed class FlattenOptions
    {
        /// <summary>Blob version: 17 (default), 16, or the old 1/2/3 layouts.</summary>
        public int Version { get; set; } = 17;

        /// <summary>-R: extra empty reservation entries.</summary>
        public int ReserveEntries { get; set; }

        /// <summary>-S: minimum total size (0 = off). Cannot be combined with <see cref="PadSize"/>.</summary>
        public int MinimumSize { get; set; }

        /// <summary>-p: zero bytes added at the end (0 = off).</summary>
        public int PadSize { get; set; }

        /// <summary>-a: total size rounded up to a multiple of this power of two (0 = off).</summary>
        public int Align { get; set; }
    }
}
