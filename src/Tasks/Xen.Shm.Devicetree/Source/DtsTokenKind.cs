namespace Xen.Shm.Devicetree.Source
{
    /// <summary>Token kinds of dtc-lexer.l (v1.6.1); single characters are <see cref="Char"/>.</summary>
    internal enum DtsTokenKind : byte
    {
        Eof,
        V1,
        Plugin,
        MemReserve,
        Bits,
        DeleteProperty,
        DeleteNode,
        OmitIfNoRef,
        PropNodeName,
        Literal,
        CharLiteral,
        Byte,
        String,
        Label,
        LabelRef,
        PathRef,
        IncBin,
        LShift,
        RShift,
        Le,
        Ge,
        Eq,
        Ne,
        And,
        Or,
        Char,
    }
}
