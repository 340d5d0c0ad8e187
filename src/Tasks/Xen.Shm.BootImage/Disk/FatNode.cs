using System;
using System.Collections.Generic;

namespace Xen.Shm.BootImage.Disk
{
    /// <summary>
    /// A file or folder of the FAT volume: its names, its size and, once allocated, its first cluster
    /// and cluster count (every chain is contiguous: cluster n links to n + 1).
    /// </summary>
    public sealed class FatNode
    {
        private FatNode(string name, string? sourcePath, long size, FatNode? parent)
        {
            Name = name;
            SourcePath = sourcePath;
            Size = size;
            Parent = parent;
        }

        public string Name { get; }

        /// <summary>The file copied in; null for a folder.</summary>
        public string? SourcePath { get; }

        public bool IsDirectory => SourcePath is null;

        /// <summary>A file's length in bytes; a folder's is its entries' bytes (set by FatLayout).</summary>
        public long Size { get; internal set; }

        public FatNode? Parent { get; }

        /// <summary>Children in ordinal name order (a folder's entries are written in this order).</summary>
        public SortedDictionary<string, FatNode> Children { get; } = new SortedDictionary<string, FatNode>(StringComparer.Ordinal);

        public FatName? Names { get; internal set; }

        public uint FirstCluster { get; internal set; }

        public uint ClusterCount { get; internal set; }

        public static FatNode Root() => new FatNode(string.Empty, null, 0, null);

        internal FatNode AddFolder(string name)
        {
            if (Children.TryGetValue(name, out var existing)) return existing;
            var folder = new FatNode(name, null, 0, this);
            Children.Add(name, folder);
            return folder;
        }

        internal FatNode AddFile(string name, string sourcePath, long size)
        {
            var file = new FatNode(name, sourcePath, size, this);
            Children.Add(name, file);
            return file;
        }

        /// <summary>This node and everything below it, parents before children, in name order (the write order).</summary>
        public IEnumerable<FatNode> PreOrder()
        {
            yield return this;
            foreach (var child in Children.Values)
            {
                foreach (var n in child.PreOrder()) yield return n;
            }
        }
    }
}
