using System;
using System.Collections.Generic;
using System.Linq;

namespace Xen.Shm.BootImage.Disk
{
    /// <summary>
    /// Where everything goes on the volume: names (short ones unique per folder), folder sizes, and one
    /// contiguous cluster run per folder and file, handed out in write order (parents before children,
    /// names in ordinal order) from cluster 2, so the image is written front to back in one pass.
    /// The free clusters (room for later files) all come after the last file.
    /// </summary>
    public sealed class FatLayout
    {
        public const int EntrySize = 32;

        private FatLayout(FatNode root, FatGeometry geometry, uint usedClusters)
        {
            Root = root;
            Geometry = geometry;
            UsedClusters = usedClusters;
        }

        public FatNode Root { get; }

        public FatGeometry Geometry { get; }

        public uint UsedClusters { get; }

        public uint FreeClusters => Geometry.ClusterCount - UsedClusters;

        /// <summary>Lays out <paramref name="root"/> with at least <paramref name="extraBytes"/> free.</summary>
        public static FatLayout Plan(FatNode root, long extraBytes)
        {
            if (extraBytes < 0) throw new ArgumentOutOfRangeException(nameof(extraBytes));
            AssignNames(root);
            long content = root.PreOrder().Sum(n => n.Size);
            int spc = FatGeometry.SectorsPerClusterFor(content + extraBytes);
            long clusterSize = (long)spc * FatGeometry.SectorSize;

            uint next = 2;
            foreach (var node in root.PreOrder())
            {
                long clusters = (node.Size + clusterSize - 1) / clusterSize;
                if (node.IsDirectory) clusters = Math.Max(1, clusters);
                node.FirstCluster = clusters == 0 ? 0 : next;
                node.ClusterCount = (uint)clusters;
                if (next + clusters > FatGeometry.MaxClusters + 2) throw new ArgumentOutOfRangeException(nameof(root), "more data than one FAT32 volume holds");
                next += (uint)clusters;
            }

            long used = next - 2;
            var geometry = FatGeometry.Create(spc, used + (extraBytes + clusterSize - 1) / clusterSize);
            return new FatLayout(root, geometry, (uint)used);
        }

        // Short names are unique per folder; "." and ".." are taken in every folder but the root.
        private static void AssignNames(FatNode root)
        {
            foreach (var folder in root.PreOrder().Where(n => n.IsDirectory))
            {
                var taken = new HashSet<string>(StringComparer.Ordinal) { ".          ", "..         " };
                int entries = folder.Parent is null ? 0 : 2;
                foreach (var child in folder.Children.Values)
                {
                    child.Names = FatName.Create(child.Name, taken);
                    entries += child.Names.EntryCount;
                }

                folder.Size = (long)entries * EntrySize;
            }
        }
    }
}
