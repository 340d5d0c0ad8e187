using System.Collections;
using System.Collections.Generic;

namespace Xen.Shm.Devicetree
{
    /// <summary>The live (not deleted) properties of a node, in order; <c>foreach</c> over it does not allocate.</summary>
    public readonly struct LivePropertyView : IEnumerable<DtProperty>
    {
        private readonly List<DtProperty> _list;

        internal LivePropertyView(List<DtProperty> list) => _list = list;

        public Enumerator GetEnumerator() => new Enumerator(_list);
        IEnumerator<DtProperty> IEnumerable<DtProperty>.GetEnumerator() => GetEnumerator();
        IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

        public struct Enumerator : IEnumerator<DtProperty>
        {
            private readonly List<DtProperty> _list;
            private int _i;

            internal Enumerator(List<DtProperty> list)
            {
                _list = list;
                _i = -1;
            }

            public DtProperty Current => _list[_i];
            object IEnumerator.Current => Current;

            public bool MoveNext()
            {
                while (++_i < _list.Count) if (!_list[_i].IsDeleted) return true;
                return false;
            }

            public void Reset() => _i = -1;
            public void Dispose() { }
        }
    }

    /// <summary>The live (not deleted) children of a node, in order; <c>foreach</c> over it does not allocate.</summary>
    public readonly struct LiveNodeView : IEnumerable<DtNode>
    {
        private readonly List<DtNode> _list;

        internal LiveNodeView(List<DtNode> list) => _list = list;

        public Enumerator GetEnumerator() => new Enumerator(_list);
        IEnumerator<DtNode> IEnumerable<DtNode>.GetEnumerator() => GetEnumerator();
        IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

        public struct Enumerator : IEnumerator<DtNode>
        {
            private readonly List<DtNode> _list;
            private int _i;

            internal Enumerator(List<DtNode> list)
            {
                _list = list;
                _i = -1;
            }

            public DtNode Current => _list[_i];
            object IEnumerator.Current => Current;

            public bool MoveNext()
            {
                while (++_i < _list.Count) if (!_list[_i].IsDeleted) return true;
                return false;
            }

            public void Reset() => _i = -1;
            public void Dispose() { }
        }
    }
}
