using System.Globalization;

namespace Xen.Shm.Generation.Xl
{
    /// <summary>
    /// Checks a user's raw iomem entry (spec §5.2, XSHM2016). xl scans entries with
    /// <c>sscanf("%x,%x%n@%x%n")</c> and requires the whole string consumed (upstream
    /// tools/xl/xl_parse.c); Xilinx xl adds <c>,%6s</c> for the cacheability word after @GFN (§4.3).
    /// We accept a strict subset of what sscanf takes: <c>[0x]HEX,[0x]HEX[@[0x]HEX]</c> (plus
    /// <c>,memory|devmem</c> after @GFN for Xilinx), blanks only where %x/%s skip them (before a
    /// number or the word), no signs, at most 16 hex digits,
    /// so every accepted entry reads the same in xl (proven against the real scan by the tests)
    /// and can never break out of its quotes.
    /// </summary>
    public static class IomemGrammar
    {
        public static bool TryParse(string entry, XenFlavour flavour, out IomemMapping mapping)
        {
            mapping = null!;
            if (entry is null) return false;
            int pos = 0;
            if (!Hex(entry, ref pos, out ulong mfn)) return false;
            if (!Take(entry, ref pos, ',')) return false;
            if (!Hex(entry, ref pos, out ulong nr)) return false;
            ulong? gfn = null;
            IomemCacheability? word = null;
            if (Take(entry, ref pos, '@'))
            {
                if (!Hex(entry, ref pos, out ulong g)) return false;
                gfn = g;
                if (flavour == XenFlavour.Xilinx && Take(entry, ref pos, ','))
                {
                    SkipSpace(entry, ref pos);
                    string rest = entry.Substring(pos);
                    if (rest == "memory") word = IomemCacheability.Memory;
                    else if (rest == "devmem") word = IomemCacheability.Devmem;
                    else return false;
                    pos = entry.Length;
                }
            }

            if (pos != entry.Length) return false;
            mapping = new IomemMapping(mfn, nr, gfn, word);
            return true;
        }

        private static bool Take(string s, ref int pos, char c)
        {
            if (pos < s.Length && s[pos] == c)
            {
                pos++;
                return true;
            }

            return false;
        }

        // isspace() in the C locale: what %x and %s skip.
        private static void SkipSpace(string s, ref int pos)
        {
            while (pos < s.Length && (s[pos] == ' ' || (s[pos] >= '\t' && s[pos] <= '\r'))) pos++;
        }

        private static bool Hex(string s, ref int pos, out ulong value)
        {
            value = 0;
            SkipSpace(s, ref pos);
            if (pos + 1 < s.Length && s[pos] == '0' && (s[pos + 1] == 'x' || s[pos + 1] == 'X')) pos += 2;
            int start = pos;
            while (pos < s.Length && IsHex(s[pos])) pos++;
            int digits = pos - start;
            if (digits == 0 || digits > 16) return false;
            return ulong.TryParse(s.Substring(start, digits), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out value);
        }

        private static bool IsHex(char c) => (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
    }
}
