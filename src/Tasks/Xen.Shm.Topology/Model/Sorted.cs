using System;
using System.Collections.Generic;

namespace Xen.Shm.Topology
{
    /// <summary>
    /// Stable sort of the short lists the loader and the generator order (RAM banks, one bank's cuts,
    /// one domain's windows, diagnostics, boot files): an insertion sort into a new array, so equal keys keep their order as
    /// with LINQ's OrderBy/ThenBy. Why not OrderBy: each element/key type pair instantiates about 15
    /// framework generics (sorters, iterators) that ReadyToRun cannot precompile for our types, JIT-
    /// compiled on every cold build (issue 21); this method is ours, so it is precompiled.
    /// </summary>
    public static class Sorted
    {
        public static T[] By<T>(IReadOnlyList<T> items, Comparison<T> compare)
        {
            var sorted = new T[items.Count];
            for (int i = 0; i < sorted.Length; i++)
            {
                var item = items[i];
                int j = i;
                for (; j > 0 && compare(sorted[j - 1], item) > 0; j--) sorted[j] = sorted[j - 1];
                sorted[j] = item;
            }

            return sorted;
        }
    }
}
