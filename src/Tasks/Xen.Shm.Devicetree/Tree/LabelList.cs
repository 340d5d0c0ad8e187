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
        // Stored in attachment order; dtc's list order is the reverse.
        private readonly List<string> _names = new List<string>(1);
        private readonly List<bool> _deleted = new List<bool>(1);
        private int _live;

        public int Count => _live;

        /// <summary>True if any label, live or deleted, was ever attached (dtc tests <c>node-&gt;labels != NULL</c>).</summary>
        public bool AnyIncludingDeleted => _names.Count > 0;

        public string this[int index]
        {
            get
            {
                int seen = 0;
                for (int i = _names.Count - 1; i >= 0; i--)
                {
                    if (_deleted[i]) continue;
                    if (seen++ == index) return _names[i];
                }
                throw new ArgumentOutOfRangeException(nameof(index));
            }
        }

        /// <summary>Attach a label: revives it if present (in place), else puts it in front.</summary>
        public void Add(string label)
        {
            for (int i = 0; i < _names.Count; i++)
            {
                if (string.Equals(_names[i], label, StringComparison.Ordinal))
                {
                    if (_deleted[i]) { _deleted[i] = false; _live++; }
                    return;
                }
            }
            _names.Add(label);
            _deleted.Add(false);
            _live++;
        }

        public bool Contains(string label)
        {
            for (int i = 0; i < _names.Count; i++)
                if (!_deleted[i] && string.Equals(_names[i], label, StringComparison.Ordinal)) return true;
            return false;
        }

        /// <summary>Mark every label deleted (they stop resolving).</summary>
        public void DeleteAll()
        {
            for (int i = 0; i < _deleted.Count; i++) _deleted[i] = true;
            _live = 0;
        }

        /// <summary>All labels with their deleted flag, in dtc's list order.</summary>
        internal IEnumerable<KeyValuePair<string, bool>> WithDeleted()
        {
            for (int i = _names.Count - 1; i >= 0; i--)
                yield return new KeyValuePair<string, bool>(_names[i], _deleted[i]);
        }

        public IEnumerator<string> GetEnumerator()
        {
            for (int i = _names.Count - 1; i >= 0; i--)
                if (!_deleted[i]) yield return _names[i];
        }

        IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
    }
}
