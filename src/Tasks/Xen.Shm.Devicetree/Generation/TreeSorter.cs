using System.Collections.Generic;

namespace Xen.Shm.Devicetree
{
    /// <summary>dtc -s: sort reservations, then every node's properties and children by byte-wise name (livetree.c sort_tree).</summary>
    internal static class TreeSorter
    {
        public static void Sort(DtTree tree)
        {
            StableSort(tree.MemoryReservations, (a, b) => a.Address != b.Address ? a.Address.CompareTo(b.Address) : a.Size.CompareTo(b.Size));
            SortNode(tree.Root);
        }

        private static void SortNode(DtNode node)
        {
            StableSort(node.PropertyList, (a, b) => string.CompareOrdinal(a.Name, b.Name));
            StableSort(node.ChildList, (a, b) => string.CompareOrdinal(a.Name, b.Name));
            foreach (var c in node.ChildList) SortNode(c);
        }

        private static void StableSort<T>(List<T> list, System.Comparison<T> cmp)
        {
            // Insertion sort: stable, and the lists are short.
            for (int i = 1; i < list.Count; i++)
            {
                var x = list[i];
                int j = i - 1;
                while (j >= 0 && cmp(list[j], x) > 0)
                {
                    list[j + 1] = list[j];
                    j--;
                }
                list[j + 1] = x;
            }
        }
    }
}
