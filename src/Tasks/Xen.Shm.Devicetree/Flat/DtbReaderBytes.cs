namespace Xen.Shm.Devicetree
{
    /// <summary>FDT integers are big-endian (DTSpec §5.1); callers have checked the bounds.</summary>
    internal static class DtbReaderBytes
    {
        public static uint U32(byte[] b, int at) =>
            (uint)(b[at] << 24 | b[at + 1] << 16 | b[at + 2] << 8 | b[at + 3]);

        /// <summary>
        /// Names are bytes to dtc; one char per byte (Latin-1) keeps any byte sequence, so a name
        /// read from a blob is written back unchanged. Real names are ASCII (DTSpec §2.2.1).
        /// </summary>
        public static string Latin1(byte[] b, int at, int count)
        {
            var chars = new char[count];
            for (int i = 0; i < count; i++) chars[i] = (char)b[at + i];
            return new string(chars);
        }

        public static ulong U64(byte[] b, int at) => (ulong)U32(b, at) << 32 | U32(b, at + 4);
    }
}
