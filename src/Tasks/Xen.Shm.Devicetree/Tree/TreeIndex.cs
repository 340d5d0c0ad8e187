using System;
using System.Collections.Generic;

namespace Xen.Shm.Devicetree
{
    /// <summary>
    /// Label and phandle lookups for one tree, answering exactly what dtc's pre-order walks answer
    /// (get_node_by_label, get_node_by_phandle) without walking the tree per lookup. Rebuilt lazily
    /// after any structural change (see <see cref="DtNode.Touch"/>); phandle assignments update it in place.
    /// </summary>
    internal sealed class TreeIndex
    {
        private readonly DtNode _root;
        private int _builtGeneration = -1;
        private Dictionary<string, DtNode>? _labels;
        private Dictionary<uint, DtNode>? _phandles;

        public TreeIndex(DtNode root) => _root = root;

        public int Generation;

        public static TreeIndex For(DtNode root) => root.Index ??= new TreeIndex(root);

        private void Ensure()
        {
            if (_builtGeneration == Generation && _labels != null) return;
            // Reuse the tables: rebuilding after a deletion must not churn memory.
            if (_labels == null) _labels = new Dictionary<string, DtNode>(StringComparer.Ordinal);
            else _labels.Clear();
            if (_phandles == null) _phandles = new Dictionary<uint, DtNode>();
            else _phandles.Clear();
            // Root labels count even when the root is deleted (dtc checks the root before recursing).
            foreach (var l in _root.LabelsOrEmpty) if (!_labels.ContainsKey(l)) _labels[l] = _root;
            if (_root.Phandle != 0 && !_root.IsDeleted) _phandles[_root.Phandle] = _root;
            foreach (var c in _root.ChildList) if (!c.IsDeleted) Add(c);
            _builtGeneration = Generation;
        }

        private void Add(DtNode n)
        {
            foreach (var l in n.LabelsOrEmpty) if (!_labels!.ContainsKey(l)) _labels[l] = n;
            if (n.Phandle != 0 && !_phandles!.ContainsKey(n.Phandle)) _phandles[n.Phandle] = n;
            var list = n.ChildList;
            for (int i = 0; i < list.Count; i++) if (!list[i].IsDeleted) Add(list[i]);
        }

        public DtNode? ByLabel(string label)
        {
            Ensure();
            return _labels!.TryGetValue(label, out var n) ? n : null;
        }

        public DtNode? ByPhandle(uint phandle)
        {
            if (phandle == 0 || phandle == 0xffffffff) return null;
            Ensure();
            return _phandles!.TryGetValue(phandle, out var n) ? n : null;
        }

        /// <summary>A subtree was attached under a live node: add it in place when that keeps answers exact.</summary>
        public void Attached(DtNode subtree)
        {
            if (_labels == null || _builtGeneration != Generation) return;
            if (subtree.IsDeleted || !subtree.IsLive) return;
            if (!AddIfNew(subtree)) Generation++;
        }

        /// <summary>A label became live on a node.</summary>
        public void LabelAdded(DtNode node, string label)
        {
            if (_labels == null || _builtGeneration != Generation) return;
            if (!node.IsLive) return;
            if (_labels.ContainsKey(label)) Generation++; // which one is first in pre-order: rebuild
            else _labels[label] = node;
        }

        // Adds labels and phandles of a new subtree; false if any is already known (order then matters).
        private bool AddIfNew(DtNode n)
        {
            foreach (var l in n.LabelsOrEmpty)
            {
                if (_labels!.ContainsKey(l)) return false;
                _labels[l] = n;
            }
            if (n.Phandle != 0)
            {
                if (_phandles!.ContainsKey(n.Phandle)) return false;
                _phandles[n.Phandle] = n;
            }
            var list = n.ChildList;
            for (int i = 0; i < list.Count; i++)
                if (!list[i].IsDeleted && !AddIfNew(list[i])) return false;
            return true;
        }

        public void PhandleAssigned(DtNode node, uint value)
        {
            if (_labels == null || _builtGeneration != Generation) return; // rebuilt on next use anyway
            if (value == 0 || !node.IsLive) return;
            // Keep "first in pre-order" exact: only a sole owner can be added in place.
            if (_phandles!.ContainsKey(value)) Generation++;
            else _phandles[value] = node;
        }
    }
}
