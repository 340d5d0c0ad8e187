namespace Xen.Shm.Devicetree
{
    /// <summary>
    /// Seam for <c>-I dtb</c> (flattree.c dt_from_blob). The dt-io branch replaces this body with the real
    /// reader; until then every blob is reported as unsupported (no exception).
    /// </summary>
    internal static class DtbReader
    {
        /// <summary>Read a blob into a live tree (boot CPU from the header, reservations, labels none).</summary>
        public static DtbReadResult Read(byte[] blob, string fileName) =>
            DtbReadResult.Failure("Reading device tree blobs is not supported yet (" + fileName + ")\n");
    }
}
