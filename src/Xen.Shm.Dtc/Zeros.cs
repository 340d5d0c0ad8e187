namespace Xen.Shm.Dtc;

/// <summary>Streams dtc's -S/-p padding to a stream that cannot be extended (stdout, /dev/…).</summary>
public static class Zeros
{
    private static readonly byte[] Chunk = new byte[1 << 20];

    public static void Write(Stream stream, long count)
    {
        for (; count > 0; count -= Chunk.Length)
            stream.Write(Chunk, 0, (int)Math.Min(count, Chunk.Length));
    }
}
