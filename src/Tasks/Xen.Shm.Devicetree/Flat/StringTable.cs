using System;
using System.Collections.Generic;

namespace Xen.Shm.Devicetree
{
    /// <summary>
    /// The strings block: names in first-use order, and a name that already occurs anywhere in the
    /// block followed by NUL (an earlier name or a suffix of one) reuses that offset (flattree.c
    /// stringtable_insert; spec §11.4).
    /// </summary>
    internal sealed class StringTable
    {
        private byte[] _bytes = new byte[256];
        private int _length;
        private readonly Dictionary<string, int> _known = new Dictionary<string, int>(StringComparer.Ordinal);

        public int Length => _length;

        public int Insert(string name)
        {
            if (_known.TryGetValue(name, out int at)) return at;
            var b = NameBytes.Of(name);
            at = Find(b);
            if (at < 0)
            {
                at = _length;
                Ensure(b.Length + 1);
                Buffer.BlockCopy(b, 0, _bytes, _length, b.Length);
                _length += b.Length;
                _bytes[_length++] = 0;
            }
            _known[name] = at;
            return at;
        }

        // First position i where bytes[i..] == name + NUL, scanning from the start as dtc does.
        private int Find(byte[] name)
        {
            int n = name.Length;
            for (int i = 0; i + n < _length; i++)
            {
                if (_bytes[i + n] != 0) continue;
                bool eq = true;
                for (int k = 0; k < n; k++)
                {
                    if (_bytes[i + k] != name[k]) { eq = false; break; }
                }
                if (eq) return i;
            }
            return -1;
        }

        private void Ensure(int extra)
        {
            if (_length + extra <= _bytes.Length) return;
            int size = _bytes.Length * 2;
            while (size < _length + extra) size *= 2;
            Array.Resize(ref _bytes, size);
        }

        public void CopyTo(byte[] dest, int offset) => Buffer.BlockCopy(_bytes, 0, dest, offset, _length);
    }
}
