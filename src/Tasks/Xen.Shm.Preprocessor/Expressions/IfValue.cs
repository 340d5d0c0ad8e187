namespace Xen.Shm.Preprocessor.Expressions
{
    /// <summary>A #if value: intmax_t or uintmax_t (64-bit), as libcpp's cpp_num.</summary>
    internal readonly struct IfValue
    {
        public IfValue(long bits, bool unsigned)
        {
            Bits = bits;
            Unsigned = unsigned;
        }

        public long Bits { get; }
        public bool Unsigned { get; }
        public bool IsTrue => Bits != 0;

        public static IfValue Signed(long v) => new IfValue(v, false);

        public static IfValue Bool(bool v) => new IfValue(v ? 1 : 0, false);
    }
}
