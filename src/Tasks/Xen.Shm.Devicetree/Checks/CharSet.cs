namespace Xen.Shm.Devicetree.Checks
{
    /// <summary>
    /// An accept string of checks.c (the second argument of its strspn calls) as a lookup table:
    /// one array read per character instead of a search of the whole string.
    /// </summary>
    internal sealed class CharSet
    {
        private readonly bool[] _ascii = new bool[128];

        public CharSet(string chars)
        {
            foreach (char ch in chars) _ascii[ch] = true;
        }

        /// <summary>strspn: the length of the leading run of <paramref name="s"/> made of these characters.</summary>
        public int Span(string s)
        {
            int n = 0;
            while (n < s.Length && s[n] < 128 && _ascii[s[n]]) n++;
            return n;
        }
    }
}
