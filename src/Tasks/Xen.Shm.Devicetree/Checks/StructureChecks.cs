using System;
using System.Collections.Generic;
using static Xen.Shm.Devicetree.Checks.CheckRunner;

namespace Xen.Shm.Devicetree.Checks
{
    /// <summary>The error-level structural checks of checks.c: names, labels, explicit phandles.</summary>
    internal static class StructureChecks
    {
        public static readonly CharSet NodeChars = new CharSet("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789,._+-@");
        public static readonly CharSet PropChars = new CharSet("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789,._+*#?-");
        public static readonly CharSet StrictChars = new CharSet("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789,-");

        public static void DuplicateNodeNames(CheckContext ctx, Check c, DtNode node)
        {
            var list = node.ChildList;
            if (list.Count > 8 && AllDistinct(list)) return; // the common case, without dtc's O(n^2) scan
            for (int i = 0; i < list.Count; i++)
            {
                if (list[i].IsDeleted) continue;
                // dtc compares with every later sibling, deleted ones included.
                for (int j = i + 1; j < list.Count; j++)
                    if (string.Equals(list[i].Name, list[j].Name, StringComparison.Ordinal))
                        Fail(ctx, c, list[j], "Duplicate node name");
            }
        }

        // One set per thread, emptied before each use, instead of one per node with many children.
        [ThreadStatic] private static HashSet<string>? t_seen;

        private static bool AllDistinct(List<DtNode> list)
        {
            var seen = t_seen ??= new HashSet<string>(StringComparer.Ordinal);
            seen.Clear();
            bool distinct = true;
            foreach (var n in list)
            {
                if (seen.Add(n.Name)) continue;
                distinct = false;
                break;
            }
            seen.Clear(); // holds no names of this tree afterwards
            return distinct;
        }

        public static void DuplicatePropertyNames(CheckContext ctx, Check c, DtNode node)
        {
            var list = node.PropertyList;
            for (int i = 0; i < list.Count; i++)
            {
                if (list[i].IsDeleted) continue;
                for (int j = i + 1; j < list.Count; j++)
                {
                    if (list[j].IsDeleted) continue;
                    if (string.Equals(list[i].Name, list[j].Name, StringComparison.Ordinal))
                        FailProp(ctx, c, node, list[i], "Duplicate property name");
                }
            }
        }

        private static int Span(string s, object? allowed) => ((CharSet)allowed!).Span(s);

        public static void NodeNameChars(CheckContext ctx, Check c, DtNode node)
        {
            int n = Span(node.Name, c.Data);
            if (n < node.Name.Length) Fail(ctx, c, node, "Bad character '" + node.Name[n] + "' in node name");
        }

        public static void NodeNameCharsStrict(CheckContext ctx, Check c, DtNode node)
        {
            int n = Span(node.Name, c.Data);
            if (n < NodeFacts.BaseNameLength(node)) Fail(ctx, c, node, "Character '" + node.Name[n] + "' not recommended in node name");
        }

        public static void NodeNameFormat(CheckContext ctx, Check c, DtNode node)
        {
            if (NodeFacts.UnitName(node).IndexOf('@') >= 0) Fail(ctx, c, node, "multiple '@' characters in node name");
        }

        public static void NodeNameVsPropertyName(CheckContext ctx, Check c, DtNode node)
        {
            if (node.Parent == null) return;
            if (node.Parent.GetProperty(node.Name) != null) Fail(ctx, c, node, "node name and property name conflict");
        }

        public static void PropertyNameChars(CheckContext ctx, Check c, DtNode node)
        {
            foreach (var prop in node.Properties)
            {
                int n = Span(prop.Name, c.Data);
                if (n < prop.Name.Length) FailProp(ctx, c, node, prop, "Bad character '" + prop.Name[n] + "' in property name");
            }
        }

        public static void PropertyNameCharsStrict(CheckContext ctx, Check c, DtNode node)
        {
            foreach (var prop in node.Properties)
            {
                string name = prop.Name;
                int n = Span(name, c.Data);
                if (n == name.Length) continue;
                if (name == "device_type") continue;
                // '#' is only allowed at the start of the name, not counting a vendor prefix.
                if (name[n] == '#' && (n == 0 || name[n - 1] == ','))
                {
                    name = name.Substring(n + 1);
                    n = Span(name, c.Data);
                }
                if (n < name.Length) FailProp(ctx, c, node, prop, "Character '" + name[n] + "' not recommended in property name");
            }
        }

        private static string DescLabel(DtNode node, DtProperty? prop, bool mark) =>
            (mark ? "value of " : "") + (prop != null ? "'" + prop.Name + "' in " : "") + node.Path;

        public static void DuplicateLabel(CheckContext ctx, Check c, DtNode node)
        {
            foreach (var l in node.LabelsOrEmpty) OneLabel(ctx, c, l, node, null, -1);
            foreach (var prop in node.Properties)
            {
                if (prop.LabelsOrNull != null)
                    foreach (var l in prop.LabelsOrNull) OneLabel(ctx, c, l, node, prop, -1);
                var ms = prop.Value.MarkerList;
                if (ms.Count == 0) continue;
                for (int i = 0; i < ms.Count; i++)
                    if (ms[i].Kind == DtMarkerKind.Label) OneLabel(ctx, c, ms[i].Reference!, node, prop, i);
            }
        }

        private static void OneLabel(CheckContext ctx, Check c, string label, DtNode node, DtProperty? prop, int mark)
        {
            DtNode? other = ctx.Tree.FindNodeByLabel(label);
            DtProperty? otherProp = null;
            int otherMark = -1;
            if (other == null) otherProp = PropertyByLabel(ctx.Root, label, out other);
            if (other == null) otherMark = MarkerLabel(ctx.Root, label, out other, out otherProp);
            if (other == null) return;
            if (other != node || otherProp != prop || otherMark != mark)
                Fail(ctx, c, node, "Duplicate label '" + label + "' on " + DescLabel(node, prop, mark >= 0) + " and " + DescLabel(other, otherProp, otherMark >= 0));
        }

        private static DtProperty? PropertyByLabel(DtNode n, string label, out DtNode? node)
        {
            foreach (var p in n.Properties)
            {
                if (p.LabelsOrNull != null && p.LabelsOrNull.Contains(label)) { node = n; return p; }
            }
            foreach (var ch in n.Children)
            {
                var hit = PropertyByLabel(ch, label, out node);
                if (hit != null) return hit;
            }
            node = null;
            return null;
        }

        private static int MarkerLabel(DtNode n, string label, out DtNode? node, out DtProperty? prop)
        {
            foreach (var p in n.Properties)
            {
                var ms = p.Value.MarkerList;
                if (ms.Count == 0) continue;
                for (int i = 0; i < ms.Count; i++)
                {
                    if (ms[i].Kind == DtMarkerKind.Label && ms[i].Reference == label)
                    {
                        node = n;
                        prop = p;
                        return i;
                    }
                }
            }
            foreach (var ch in n.Children)
            {
                int hit = MarkerLabel(ch, label, out node, out prop);
                if (hit >= 0) return hit;
            }
            node = null;
            prop = null;
            return -1;
        }

        private static uint PhandleProp(CheckContext ctx, Check c, DtNode node, string propname)
        {
            var prop = node.GetProperty(propname);
            if (prop == null) return 0;
            if (prop.Value.Length != 4)
            {
                FailProp(ctx, c, node, prop, "bad length (" + Dec(prop.Value.Length) + ") " + prop.Name + " property");
                return 0;
            }
            var ms = prop.Value.MarkerList;
            if (ms.Count > 0)
            {
                foreach (var m in ms)
                {
                    if (m.Kind != DtMarkerKind.PhandleReference) continue;
                    if (node != ctx.Tree.FindNodeByReference(m.Reference!))
                        Fail(ctx, c, node, prop.Name + " is a reference to another node");
                    // <&self>: allocate later, treat as no value now.
                    return 0;
                }
            }
            uint ph = prop.Value.GetCell(0);
            if (ph == 0 || ph == 0xffffffff)
            {
                FailProp(ctx, c, node, prop, "bad value (0x" + Hex(ph) + ") in " + prop.Name + " property");
                return 0;
            }
            return ph;
        }

        public static void ExplicitPhandles(CheckContext ctx, Check c, DtNode node)
        {
            uint phandle = PhandleProp(ctx, c, node, "phandle");
            uint linux = PhandleProp(ctx, c, node, "linux,phandle");
            if (phandle == 0 && linux == 0) return;
            if (linux != 0 && phandle != 0 && phandle != linux)
                Fail(ctx, c, node, "mismatching 'phandle' and 'linux,phandle' properties");
            if (linux != 0 && phandle == 0) phandle = linux;
            var other = NodeFacts.ByPhandle(ctx.Root, phandle);
            if (other != null && other != node)
            {
                Fail(ctx, c, node, "duplicated phandle 0x" + Hex(phandle) + " (seen before at " + other.Path + ")");
                return;
            }
            node.Phandle = phandle;
        }

        public static void NameProperties(CheckContext ctx, Check c, DtNode node)
        {
            var list = node.PropertyList;
            int idx = -1;
            for (int i = 0; i < list.Count; i++)
                if (list[i].Name == "name") { idx = i; break; }
            if (idx < 0) return;
            var prop = list[idx];
            int baseLen = NodeFacts.BaseNameLength(node);
            bool same = prop.Value.Length == baseLen + 1;
            if (same)
            {
                for (int i = 0; i < baseLen; i++)
                    if (prop.Value[i] != (byte)node.Name[i]) { same = false; break; }
            }
            if (!same)
                Fail(ctx, c, node, "\"name\" property is incorrect (\"" + prop.Value.AsCString() + "\" instead of base node name)");
            else
                list.RemoveAt(idx); // correct, therefore redundant: dropped (spec §6.2)
        }
    }
}
