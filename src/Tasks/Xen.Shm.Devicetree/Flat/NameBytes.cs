using System.Text;

namespace Xen.Shm.Devicetree
{
    /// <summary>
    /// Node and property names as FDT bytes: one byte per char (Latin-1), the inverse of how the lexer
    /// and <see cref="DtbReaderBytes.Latin1"/> read them, so any name read from a source or a blob is
    /// written back byte for byte (dtc copies name bytes). A name built in code with a char above
    /// U+00FF has no such byte; it is written as UTF-8 instead.
    /// </summary>
    internal static class NameBytes
    {
        /// <summary>How many bytes <see cref="Of"/> gives, without building them.</summary>
        public static int Count(string name)
        {
            foreach (char c in name)
                if (c > '\u00ff') return Encoding.UTF8.GetByteCount(name);
            return name.Length;
        }

        /// <summary>The bytes of <see cref="Of"/> written into <paramref name="buffer"/> at <paramref name="offset"/> (room for <see cref="Count"/> bytes); returns the count.</summary>
        public static int Write(string name, byte[] buffer, int offset)
        {
            for (int i = 0; i < name.Length; i++)
            {
                char c = name[i];
                if (c > '\u00ff') return Encoding.UTF8.GetBytes(name, 0, name.Length, buffer, offset);
                buffer[offset + i] = (byte)c;
            }

            return name.Length;
        }

        public static byte[] Of(string name)
        {
            var bytes = new byte[name.Length];
            for (int i = 0; i < name.Length; i++)
            {
                char c = name[i];
                if (c > '\u00ff') return Encoding.UTF8.GetBytes(name);
                bytes[i] = (byte)c;
            }

            return bytes;
        }
    }
}
