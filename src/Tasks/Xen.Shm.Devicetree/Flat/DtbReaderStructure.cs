using Xen.Shm.Diagnostics;
using System.Collections.Generic;

namespace Xen.Shm.Devicetree
{
    /// <summary>
    /// Walks the structure block token by token (DTSpec §5.4; dtc's flattree.c unflatten_tree).
    /// Every step advances by at least 4 bytes inside a bounded block and nesting is capped, so any
    /// input ends in a tree or one error.
    /// </summary>
    internal static class DtbReaderStructure
    {
        private const uint BeginNode = 1, EndNode = 2, Prop = 3, Nop = 4, End = 9;

        /// <summary>Deeper than any real tree; keeps recursive consumers (writers) off the stack limit.</summary>
        public const int MaxDepth = 256;

        public static DtbFlatNode? Read(byte[] blob, DtbReaderHeader h, DtbReaderErrors errors)
        {
            long pos = h.StructOffset;
            long end = (long)h.StructOffset + h.StructSize;
            var stack = new List<DtbFlatNode>();
            DtbFlatNode? root = null;

            while (true)
            {
                if (pos + 4 > end)
                {
                    errors.Fail(DiagnosticCodes.DtbTruncated, pos,
                        root == null ? "structure block ends before the root node" : "structure block ends before FDT_END");
                    return null;
                }
                uint token = DtbReaderBytes.U32(blob, (int)pos);
                long tokenAt = pos;
                pos += 4;
                switch (token)
                {
                    case Nop:
                        // dtc itself never writes NOPs; libfdt skips them anywhere (fdt_next_tag).
                        continue;

                    case BeginNode:
                    {
                        if (root != null && stack.Count == 0)
                        {
                            errors.Fail(DiagnosticCodes.DtbBadNesting, tokenAt, "second top-level node after the root");
                            return null;
                        }
                        if (stack.Count >= MaxDepth)
                        {
                            errors.Fail(DiagnosticCodes.DtbBadNesting, tokenAt, $"nodes nested deeper than {MaxDepth}");
                            return null;
                        }
                        string? name = ReadName(blob, pos, end, out long nameEnd);
                        if (name == null)
                        {
                            errors.Fail(DiagnosticCodes.DtbUnterminatedName, pos, "node name has no NUL before the end of the structure block");
                            return null;
                        }
                        pos = Align4(nameEnd + 1);
                        var node = new DtbFlatNode(name, tokenAt);
                        if (stack.Count == 0) root = node;
                        else stack[stack.Count - 1].Children.Add(node);
                        stack.Add(node);
                        continue;
                    }

                    case Prop:
                    {
                        if (stack.Count == 0)
                        {
                            errors.Fail(DiagnosticCodes.DtbBadToken, tokenAt, "FDT_PROP outside any node");
                            return null;
                        }
                        if (pos + 8 > end)
                        {
                            errors.Fail(DiagnosticCodes.DtbTruncated, pos, "structure block ends inside a property header");
                            return null;
                        }
                        uint length = DtbReaderBytes.U32(blob, (int)pos);
                        uint nameOffset = DtbReaderBytes.U32(blob, (int)pos + 4);
                        pos += 8;
                        if (length > end - pos)
                        {
                            errors.Fail(DiagnosticCodes.DtbPropertyTooLong, tokenAt, $"property value of {length} bytes runs past the structure block");
                            return null;
                        }
                        if (nameOffset >= h.StringsSize)
                        {
                            errors.Fail(DiagnosticCodes.DtbBadNameOffset, tokenAt + 8, $"name offset {nameOffset} is outside the {h.StringsSize}-byte strings block");
                            return null;
                        }
                        string? propName = ReadName(blob, (long)h.StringsOffset + nameOffset, (long)h.StringsOffset + h.StringsSize, out _);
                        if (propName == null)
                        {
                            errors.Fail(DiagnosticCodes.DtbUnterminatedName, (long)h.StringsOffset + nameOffset, "property name has no NUL before the end of the strings block");
                            return null;
                        }
                        var value = new byte[length];
                        System.Array.Copy(blob, pos, value, 0, length);
                        pos = Align4(pos + length);
                        var owner = stack[stack.Count - 1];
                        if (owner.Children.Count > 0)
                            errors.Warn(DiagnosticCodes.DtbPropertyAfterSubnode, tokenAt, $"property '{propName}' follows a subnode of '{owner.Name}'");
                        owner.Properties.Add(new DtbFlatProperty(propName, value, tokenAt));
                        continue;
                    }

                    case EndNode:
                        if (stack.Count == 0)
                        {
                            errors.Fail(DiagnosticCodes.DtbBadNesting, tokenAt, "FDT_END_NODE without an open node");
                            return null;
                        }
                        stack.RemoveAt(stack.Count - 1);
                        continue;

                    case End:
                        if (root == null || stack.Count != 0)
                        {
                            errors.Fail(DiagnosticCodes.DtbBadNesting, tokenAt,
                                root == null ? "FDT_END before the root node" : $"FDT_END with {stack.Count} node(s) still open");
                            return null;
                        }
                        return root;

                    default:
                        errors.Fail(DiagnosticCodes.DtbBadToken, tokenAt, $"unknown token 0x{token:x8}");
                        return null;
                }
            }
        }

        /// <summary>Bytes from <paramref name="at"/> to the next NUL before <paramref name="limit"/>, or null.</summary>
        private static string? ReadName(byte[] blob, long at, long limit, out long nul)
        {
            nul = at >= limit ? -1 : System.Array.IndexOf(blob, (byte)0, (int)at, (int)(limit - at));
            return nul < 0 ? null : DtbReaderBytes.Latin1(blob, (int)at, (int)(nul - at));
        }

        private static long Align4(long x) => (x + 3) & ~3L;
    }

    /// <summary>A node as found in the blob, before it becomes part of the live tree.</summary>
    internal sealed class DtbFlatNode
    {
        public DtbFlatNode(string name, long offset)
        {
            Name = name;
            Offset = offset;
        }

        public string Name { get; }
        public long Offset { get; }
        public List<DtbFlatProperty> Properties { get; } = new List<DtbFlatProperty>();
        public List<DtbFlatNode> Children { get; } = new List<DtbFlatNode>();
    }

    internal sealed class DtbFlatProperty
    {
        public DtbFlatProperty(string name, byte[] value, long offset)
        {
            Name = name;
            Value = value;
            Offset = offset;
        }

        public string Name { get; }
        public byte[] Value { get; }
        public long Offset { get; }
    }
}
