using System;
using System.Collections.Generic;
using System.Text;

namespace Xen.Shm.Devicetree
{
    /// <summary>
    /// A property value: bytes plus markers for references, labels and type hints, like dtc's
    /// <c>struct data</c> (data.c). Pieces are concatenated with no padding (spec §5).
    /// Mutable and growable so generators can build values piece by piece.
    /// </summary>
    public sealed class DtValue
    {
        private static readonly byte[] s_none = Array.Empty<byte>();
        // This value's bytes are _bytes[_start.._start+_length); it may grow in place up to _capacity.
        // A parsed value is a slice of a chunk shared with other values (ValueArena): its capacity is
        // its length, so any growth copies it out first and no value writes outside its own slice.
        private byte[] _bytes;
        private int _start;
        private int _length;
        private int _capacity;
        private DtMarker[]? _markers;
        private int _markerCount;

        public DtValue() => _bytes = s_none;

        public DtValue(byte[] bytes)
        {
            _bytes = (byte[])bytes.Clone();
            _length = bytes.Length;
            _capacity = bytes.Length;
        }

        /// <summary>An empty value (<c>prop;</c>).</summary>
        public static DtValue Empty => new DtValue();

        /// <summary>Number of bytes.</summary>
        public int Length => _length;

        public byte this[int index]
        {
            get
            {
                if ((uint)index >= (uint)_length) throw new ArgumentOutOfRangeException(nameof(index));
                return _bytes[_start + index];
            }
        }

        /// <summary>Markers in the order they were added (offsets ascending except after in-place inserts).</summary>
        public IReadOnlyList<DtMarker> Markers =>
            _markers == null ? (IReadOnlyList<DtMarker>)Array.Empty<DtMarker>() : new ArraySegment<DtMarker>(_markers, 0, _markerCount);

        internal MarkerSlice MarkerList => new MarkerSlice(_markers, _markerCount);

        /// <summary>The bytes as a new array.</summary>
        public byte[] ToArray()
        {
            var copy = new byte[_length];
            Buffer.BlockCopy(_bytes, _start, copy, 0, _length);
            return copy;
        }

        /// <summary>The array holding the bytes, from <see cref="RawStart"/> on.</summary>
        internal byte[] RawBuffer => _bytes;

        internal int RawStart => _start;

        public DtValue Clone()
        {
            var v = new DtValue { _bytes = ToArray(), _length = _length, _capacity = _length };
            if (_markers != null)
            {
                v._markers = (DtMarker[])_markers.Clone();
                v._markerCount = _markerCount;
            }
            return v;
        }

        // ---- building -------------------------------------------------------------------

        /// <summary>Strings, each with its NUL: <c>"a", "b"</c>.</summary>
        public static DtValue FromStrings(params string[] strings)
        {
            var v = new DtValue();
            foreach (var s in strings) v.AppendString(s);
            return v;
        }

        /// <summary>32-bit big-endian cells: <c>&lt;a b c&gt;</c>.</summary>
        public static DtValue FromCells(params uint[] cells)
        {
            var v = new DtValue();
            v.AddMarker(DtMarkerKind.TypeUInt32, null);
            foreach (var c in cells) v.AppendInteger(c, 32);
            return v;
        }

        /// <summary>Raw bytes: <c>[0a 0b]</c>.</summary>
        public static DtValue FromBytes(byte[] bytes)
        {
            var v = new DtValue();
            v.AddMarker(DtMarkerKind.TypeUInt8, null);
            v.AppendBytes(bytes, 0, bytes.Length);
            return v;
        }

        /// <summary>Append a string (UTF-8) and its NUL.</summary>
        public DtValue AppendString(string s)
        {
            AddMarker(DtMarkerKind.TypeString, null);
            var b = Encoding.UTF8.GetBytes(s);
            AppendBytes(b, 0, b.Length);
            AppendByte(0);
            return this;
        }

        /// <summary>Append one big-endian element of 8, 16, 32 or 64 bits (truncating <paramref name="value"/>).</summary>
        public DtValue AppendInteger(ulong value, int bits)
        {
            int n = bits / 8;
            if (n != 1 && n != 2 && n != 4 && n != 8 || bits % 8 != 0)
                throw new ArgumentOutOfRangeException(nameof(bits));
            Grow(n);
            for (int i = n - 1; i >= 0; i--)
            {
                _bytes[_start + _length + i] = (byte)value;
                value >>= 8;
            }
            _length += n;
            return this;
        }

        /// <summary>Append a 32-bit cell.</summary>
        public DtValue AppendCell(uint value) => AppendInteger(value, 32);

        /// <summary>Append a <c>&lt;&amp;label&gt;</c> cell (or <c>&lt;&amp;{/path}&gt;</c> when <paramref name="reference"/> starts with '/'), resolved when the tree is compiled.</summary>
        public DtValue AppendPhandleReference(string reference)
        {
            AddMarker(DtMarkerKind.PhandleReference, reference);
            return AppendInteger(0xffffffffUL, 32);
        }

        /// <summary>Append a <c>&amp;label</c> path reference: replaced by the node's full path and NUL when compiled.</summary>
        public DtValue AppendPathReference(string reference)
        {
            AddMarker(DtMarkerKind.TypeString, reference);
            AddMarker(DtMarkerKind.PathReference, reference);
            return this;
        }

        public DtValue AppendBytes(byte[] bytes, int offset, int count)
        {
            if (count == 0) return this;
            Grow(count);
            Buffer.BlockCopy(bytes, offset, _bytes, _start + _length, count);
            _length += count;
            return this;
        }

        /// <summary>Append bytes and a NUL in one step (a string piece), growing once.</summary>
        internal DtValue AppendBytesAndNul(byte[] bytes, int offset, int count)
        {
            Grow(count + 1);
            Buffer.BlockCopy(bytes, offset, _bytes, _start + _length, count);
            _length += count;
            _bytes[_start + _length++] = 0;
            return this;
        }

        public DtValue AppendByte(byte b)
        {
            Grow(1);
            _bytes[_start + _length++] = b;
            return this;
        }

        /// <summary>Append another value's bytes and markers (dtc data_merge).</summary>
        public DtValue Append(DtValue other)
        {
            int baseOffset = _length;
            AppendBytes(other._bytes, other._start, other._length);
            for (int i = 0; i < other._markerCount; i++)
            {
                var m = other._markers![i];
                PushMarker(m.WithOffset(m.Offset + baseOffset));
            }
            return this;
        }

        /// <summary>Add a marker at the current end.</summary>
        public DtValue AddMarker(DtMarkerKind kind, string? reference)
        {
            PushMarker(new DtMarker(kind, _length, reference));
            return this;
        }

        private void PushMarker(DtMarker m)
        {
            if (_markers == null && m.Offset == 0 && m.Reference == null && (int)m.Kind < s_leading.Length)
            {
                // Most values carry one type marker at offset 0: share one array per kind. A shared
                // array is full (count 1 = length 1) and no marker count ever shrinks, so it is only
                // ever read: the next push copies it (Array.Resize) before writing.
                _markers = s_leading[(int)m.Kind];
                _markerCount = 1;
                return;
            }

            if (_markers == null) _markers = new DtMarker[1];
            else if (_markerCount == _markers.Length) Array.Resize(ref _markers, _markers.Length * 2);
            _markers[_markerCount++] = m;
        }

        private static readonly DtMarker[][] s_leading = LeadingMarkers();

        private static DtMarker[][] LeadingMarkers()
        {
            // A loop, not Enum.GetValues: that is reflection, a visible part of a native xdtc's start-up.
            var arrays = new DtMarker[(int)DtMarkerKind.TypeString + 1][];
            for (int k = 0; k < arrays.Length; k++) arrays[k] = new[] { new DtMarker((DtMarkerKind)k, 0, null) };
            return arrays;
        }

        /// <summary>
        /// Empty this value to build the next one in it (the parser's scratch value): the arrays are kept,
        /// except a shared leading-marker array, which is never written.
        /// </summary>
        internal void Clear()
        {
            if (_markers != null && _markerCount == 1 && ReferenceEquals(_markers, s_leading[(int)_markers[0].Kind])) _markers = null;
            _length = 0;
            _markerCount = 0;
        }

        /// <summary>
        /// A copy without slack (the parser builds each value in one scratch value and keeps this copy): the
        /// bytes go into <paramref name="arena"/>, a large value's array is handed over instead; markers in an
        /// array of exactly their count. This value then starts empty again.
        /// </summary>
        internal DtValue DetachExact(ValueArena arena)
        {
            var v = new DtValue();
            if (_length >= ValueArena.LargeValue)
            {
                v._bytes = _bytes;
                v._start = _start;
                v._capacity = _capacity;
                _bytes = s_none;
                _start = 0;
                _capacity = 0;
            }
            else if (_length > 0)
            {
                v._bytes = arena.Take(_length, out v._start);
                Buffer.BlockCopy(_bytes, _start, v._bytes, v._start, _length);
                v._capacity = _length;
            }
            v._length = _length;
            if (_markerCount == 1 && _markers![0].Offset == 0 && _markers[0].Reference == null && (int)_markers[0].Kind < s_leading.Length)
            {
                v._markers = s_leading[(int)_markers[0].Kind];
                v._markerCount = 1;
            }
            else if (_markerCount > 0)
            {
                v._markers = new DtMarker[_markerCount];
                Array.Copy(_markers!, v._markers, _markerCount);
                v._markerCount = _markerCount;
            }
            Clear();
            return v;
        }

        /// <summary>Overwrite 4 bytes at <paramref name="offset"/> with a big-endian cell.</summary>
        internal void SetCell(int offset, uint value)
        {
            offset += _start;
            _bytes[offset] = (byte)(value >> 24);
            _bytes[offset + 1] = (byte)(value >> 16);
            _bytes[offset + 2] = (byte)(value >> 8);
            _bytes[offset + 3] = (byte)value;
        }

        /// <summary>Insert bytes at marker <paramref name="markerIndex"/>'s offset, moving later markers (data_insert_at_marker).</summary>
        internal void InsertAtMarker(int markerIndex, byte[] data)
        {
            int at = _markers![markerIndex].Offset;
            Grow(data.Length);
            Buffer.BlockCopy(_bytes, _start + at, _bytes, _start + at + data.Length, _length - at);
            Buffer.BlockCopy(data, 0, _bytes, _start + at, data.Length);
            _length += data.Length;
            for (int i = markerIndex + 1; i < _markerCount; i++)
                _markers[i] = _markers[i].WithOffset(_markers[i].Offset + data.Length);
        }

        private void Grow(int extra)
        {
            int need = _length + extra;
            if (need <= _capacity) return;
            int size = _capacity == 0 ? Math.Max(extra, 8) : _capacity * 2;
            while (size < need) size *= 2;
            var nb = new byte[size];
            Buffer.BlockCopy(_bytes, _start, nb, 0, _length);
            _bytes = nb;
            _start = 0;
            _capacity = size;
        }

        // ---- reading --------------------------------------------------------------------

        /// <summary>Big-endian 32-bit cell at byte <paramref name="offset"/>.</summary>
        public uint GetCell(int offset)
        {
            if (offset < 0 || offset + 4 > _length) throw new ArgumentOutOfRangeException(nameof(offset));
            offset += _start;
            return (uint)(_bytes[offset] << 24 | _bytes[offset + 1] << 16 | _bytes[offset + 2] << 8 | _bytes[offset + 3]);
        }

        /// <summary>True if the value is exactly one NUL-terminated string with no inner NUL (dtc data_is_one_string).</summary>
        public bool IsOneString
        {
            get
            {
                if (_length == 0) return false;
                for (int i = 0; i < _length - 1; i++) if (_bytes[_start + i] == 0) return false;
                return _bytes[_start + _length - 1] == 0;
            }
        }

        /// <summary>The text up to the first NUL (or the end), decoded as UTF-8; like reading the value as a C string.</summary>
        public string AsCString()
        {
            int n = 0;
            while (n < _length && _bytes[_start + n] != 0) n++;
            return Encoding.UTF8.GetString(_bytes, _start, n);
        }

        /// <summary>The NUL-separated strings of the value (a last piece without NUL is included).</summary>
        public IReadOnlyList<string> AsStrings()
        {
            var list = new List<string>();
            int start = 0;
            for (int i = 0; i < _length; i++)
            {
                if (_bytes[_start + i] != 0) continue;
                list.Add(Encoding.UTF8.GetString(_bytes, _start + start, i - start));
                start = i + 1;
            }
            if (start < _length) list.Add(Encoding.UTF8.GetString(_bytes, _start + start, _length - start));
            return list;
        }

        /// <summary>The value as 32-bit cells (length must be a multiple of 4).</summary>
        public uint[] AsCells()
        {
            if (_length % 4 != 0) throw new InvalidOperationException("value length is not a multiple of 4");
            var cells = new uint[_length / 4];
            for (int i = 0; i < cells.Length; i++) cells[i] = GetCell(i * 4);
            return cells;
        }
    }

    /// <summary>
    /// Chunks that parsed values' bytes are packed into, so that a value costs no array of its own
    /// (most are 4 to 24 bytes, an array's header is 24). Chunks grow from 1 KiB to 16 KiB; a value of
    /// <see cref="LargeValue"/> bytes or more keeps its own array.
    /// </summary>
    internal sealed class ValueArena
    {
        public const int LargeValue = 2048;
        private const int MaxChunk = 16 * 1024;

        private byte[] _chunk = Array.Empty<byte>();
        private int _used;

        /// <summary>Room for <paramref name="length"/> bytes (less than <see cref="LargeValue"/>): the chunk and where they start.</summary>
        public byte[] Take(int length, out int start)
        {
            if (_chunk.Length - _used < length)
            {
                int size = Math.Min(MaxChunk, Math.Max(1024, _chunk.Length * 2));
                _chunk = new byte[Math.Max(size, length)];
                _used = 0;
            }
            start = _used;
            _used += length;
            return _chunk;
        }
    }

    /// <summary>A view of a value's markers without allocation (internal hot paths).</summary>
    internal readonly struct MarkerSlice
    {
        private readonly DtMarker[]? _items;

        public MarkerSlice(DtMarker[]? items, int count)
        {
            _items = items;
            Count = count;
        }

        public int Count { get; }

        public DtMarker this[int index] => _items![index];

        public Enumerator GetEnumerator() => new Enumerator(this);

        public struct Enumerator
        {
            private readonly MarkerSlice _s;
            private int _i;

            public Enumerator(MarkerSlice s)
            {
                _s = s;
                _i = -1;
            }

            public DtMarker Current => _s[_i];

            public bool MoveNext() => ++_i < _s.Count;
        }
    }
}
