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
                AddSuffixes(at, _length);
                _bytes[_length++] = 0;
            }
            _known[name] = at;
            return at;
        }

        // A bit per hash of every suffix of the names in the block (the only places a name + NUL can
        // occur, as names hold no NUL): a clear bit proves a new name is not there, so dtc's scan of
        // the whole block runs only for the few that may be (issue 21: the scan per new name was
        // quadratic in the number of names).
        private readonly uint[] _suffixBits = new uint[SuffixBits / 32];
        private const int SuffixBits = 1 << 15;

        private int Find(byte[] name)
        {
            if (name.Length > 0 && Array.IndexOf(name, (byte)0) < 0 && !MaySuffix(SuffixHash(name, 0, name.Length))) return -1;
            return Scan(name);
        }

        // First position i where bytes[i..] == name + NUL, scanning from the start as dtc does.
        private int Scan(byte[] name)
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

        // Hashed from the last byte backwards, so one pass over a name hashes all its suffixes.
        private void AddSuffixes(int start, int end)
        {
            uint h = FnvBasis;
            for (int i = end - 1; i >= start; i--)
            {
                h = (h ^ _bytes[i]) * FnvPrime;
                _suffixBits[(h >> 5) & (SuffixBits / 32 - 1)] |= 1u << (int)(h & 31);
            }
        }

        private bool MaySuffix(uint h) => (_suffixBits[(h >> 5) & (SuffixBits / 32 - 1)] & (1u << (int)(h & 31))) != 0;

        private static uint SuffixHash(byte[] b, int start, int count)
        {
            uint h = FnvBasis;
            for (int i = start + count - 1; i >= start; i--) h = (h ^ b[i]) * FnvPrime;
            return h;
        }

        private const uint FnvBasis = 2166136261, FnvPrime = 16777619;

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
