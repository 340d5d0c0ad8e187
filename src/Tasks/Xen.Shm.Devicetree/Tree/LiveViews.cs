using System.Collections;
using System.Collections.Generic;

namespace Xen.Shm.Devicetree
{
    /// <summary>A node or property that deletion marks instead of removing (it keeps its slot, spec §4.4).</summary>
    public interface ILiveEntry
    {
        bool IsDeleted { get; }
    }

    /// <summary>The live (not deleted) entries of a list, in order; <c>foreach</c> over it does not allocate.</summary>
    public readonly struct LiveView<T> : IEnumerable<T> where T : class, ILiveEntry
    {
        private readonly List<T> _list;

        internal LiveView(List<T> list) => _list = list;

        public Enumerator GetEnumerator() => new Enumerator(_list);
        IEnumerator<T> IEnumerable<T>.GetEnumerator() => GetEnumerator();
        IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

        public struct Enumerator : IEnumerator<T>
        {
            private readonly List<T> _list;
            private int _i;

            internal Enumerator(List<T> list)
            {
                _list = list;
                _i = -1;
            }

            public T Current => _list[_i];
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
