using System;

namespace Xen.Shm.Devicetree.Source
{
    /// <summary>
    /// One string per distinct name, label or reference spelling, found by hashing the bytes in place
    /// (no allocation for names seen before). Kept per thread across compilations, since board sources
    /// share most names; cleared when it grows past a bound so a long-lived process cannot bloat.
    /// </summary>
    internal sealed class NameInterner
    {
        private const int MaxEntries = 1 << 16;

        [ThreadStatic] private static NameInterner? t_instance;

        private string?[] _table = new string?[1024];
        private int _count;

        public static NameInterner ForThisThread => t_instance ??= new NameInterner();

        public string Intern(byte[] s, int start, int len)
        {
            uint h = 2166136261;
            for (int i = 0; i < len; i++) h = (h ^ s[start + i]) * 16777619;
            int mask = _table.Length - 1;
            int idx = (int)(h & (uint)mask);
            while (true)
            {
                var k = _table[idx];
                if (k == null) break;
                if (k.Length == len)
                {
                    int i = 0;
                    while (i < len && k[i] == (char)s[start + i]) i++;
                    if (i == len) return k;
                }
                idx = (idx + 1) & mask;
            }
            var text = DtsLexer.Latin(s, start, len);
            if (_count >= MaxEntries)
            {
                _table = new string?[1024];
                _count = 0;
                return text;
            }
            _table[idx] = text;
            if (++_count * 2 > _table.Length) Grow();
            return text;
        }

        private void Grow()
        {
            var old = _table;
            _table = new string?[old.Length * 2];
            int mask = _table.Length - 1;
            foreach (var k in old)
            {
                if (k == null) continue;
                uint h = 2166136261;
                for (int i = 0; i < k.Length; i++) h = (h ^ (byte)k[i]) * 16777619;
                int idx = (int)(h & (uint)mask);
                while (_table[idx] != null) idx = (idx + 1) & mask;
                _table[idx] = k;
            }
        }
    }
}
