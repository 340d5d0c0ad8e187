using System;
using System.Collections.Generic;

namespace Xen.Shm.Topology.Yaml
{
    /// <summary>"did you mean 'x'?" by Levenshtein distance, case-insensitive.</summary>
    internal static class KeySuggestion
    {
        /// <summary>The closest candidate within a third of the word's length (at least 1, at most 3 edits).</summary>
        public static string? Closest(string word, IEnumerable<string> candidates)
        {
            string? best = null;
            int bestDistance = int.MaxValue;
            int limit = Math.Min(3, Math.Max(1, word.Length / 3));
            foreach (var c in candidates)
            {
                int d = Distance(word.ToLowerInvariant(), c.ToLowerInvariant());
                if (d < bestDistance)
                {
                    bestDistance = d;
                    best = c;
                }
            }
            return bestDistance <= limit ? best : null;
        }

        /// <summary>Appends " (did you mean 'x'?)" when a candidate is close.</summary>
        public static string Hint(string word, IEnumerable<string> candidates)
        {
            var s = Closest(word, candidates);
            return s is null ? string.Empty : $" (did you mean '{s}'?)";
        }

        private static int Distance(string a, string b)
        {
            if (a.Length > 64 || b.Length > 64) return int.MaxValue; // long junk keys: no suggestion
            var prev = new int[b.Length + 1];
            var cur = new int[b.Length + 1];
            for (int j = 0; j <= b.Length; j++) prev[j] = j;
            for (int i = 1; i <= a.Length; i++)
            {
                cur[0] = i;
                for (int j = 1; j <= b.Length; j++)
                {
                    int cost = a[i - 1] == b[j - 1] ? 0 : 1;
                    cur[j] = Math.Min(Math.Min(cur[j - 1] + 1, prev[j] + 1), prev[j - 1] + cost);
                }
                var t = prev; prev = cur; cur = t;
            }
            return prev[b.Length];
        }
    }
}
