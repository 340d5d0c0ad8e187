using System;
using System.Collections;
using System.Collections.Generic;

namespace Xen.Shm.Devicetree
{
    /// <summary>
    /// Labels of a node or property. Like dtc's singly linked <c>struct label</c> list, a new label
    /// goes in front, and a deleted label keeps its place (livetree.c add_label/delete_labels).
    /// Enumeration yields the live labels in dtc's list order (last attached first).
    /// </summary>
    public sealed class LabelList : IReadOnlyList<string>
    {
        private struct Entry
        {
            public string Name;
            public bool Deleted;
        }

        // Stored in attachment order; dtc's list order is the reverse. Allocated on first label.
        private Entry[]? _items;
        private int _count;
        private int _live;

        // Node holding the list: changes keep the tree's label index exact.
        internal DtNode? OwnerNode;

        public int Count => _live;

        /// <summary>True if any label, live or deleted, was ever attached (dtc tests <c>node-&gt;labels != NULL</c>).</summary>
        public bool AnyIncludingDeleted => _count > 0;

        public string this[int index]
        {
            get
            {
                int seen = 0;
                for (int i = _count - 1; i >= 0; i--)
                {
                    if (_items![i].Deleted) continue;
                    if (seen++ == index) return _items[i].Name;
                }
                throw new ArgumentOutOfRangeException(nameof(index));
            }
        }

        /// <summary>Attach a label: revives it if present (in place), else puts it in front.</summary>
        public void Add(string label)
        {
            for (int i = 0; i < _count; i++)
            {
                if (string.Equals(_items![i].Name, label, StringComparison.Ordinal))
                {
                    if (_items[i].Deleted)
                    {
                        _items[i].Deleted = false;
                        _live++;
                        OwnerNode?.RootNode.Index?.LabelAdded(OwnerNode, label);
                    }
                    return;
                }
            }
            if (_items == null) _items = new Entry[1];
            else if (_count == _items.Length) Array.Resize(ref _items, _count * 2);
            _items[_count++] = new Entry { Name = label };
            _live++;
            OwnerNode?.RootNode.Index?.LabelAdded(OwnerNode, label);
        }

        public bool Contains(string label)
        {
            for (int i = 0; i < _count; i++)
                if (!_items![i].Deleted && string.Equals(_items[i].Name, label, StringComparison.Ordinal)) return true;
            return false;
        }

        /// <summary>Mark every label deleted (they stop resolving).</summary>
        public void DeleteAll()
        {
            if (_live == 0) return;
            for (int i = 0; i < _count; i++) _items![i].Deleted = true;
            _live = 0;
            OwnerNode?.Touch();
        }

        /// <summary>All labels with their deleted flag, in dtc's list order.</summary>
        internal IEnumerable<KeyValuePair<string, bool>> WithDeleted()
        {
            for (int i = _count - 1; i >= 0; i--)
                yield return new KeyValuePair<string, bool>(_items![i].Name, _items[i].Deleted);
        }

        /// <summary>Live labels, last attached first; <c>foreach</c> does not allocate.</summary>
        public Enumerator GetEnumerator() => new Enumerator(this);

        IEnumerator<string> IEnumerable<string>.GetEnumerator() => GetEnumerator();
        IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

        public struct Enumerator : IEnumerator<string>
        {
            private readonly LabelList _list;
            private int _i;

            internal Enumerator(LabelList list)
            {
                _list = list;
                _i = list._count;
            }

            public string Current => _list._items![_i].Name;
            object IEnumerator.Current => Current;

            public bool MoveNext()
            {
                while (--_i >= 0) if (!_list._items![_i].Deleted) return true;
                return false;
            }

            public void Reset() => _i = _list._count;
            public void Dispose() { }
        }
    }
}
