using System;
using static Xen.Shm.Devicetree.Checks.CheckRunner;

namespace Xen.Shm.Devicetree.Checks
{
    /// <summary>Property type checks of checks.c: is-string, is-string-list, is-cell, *-names, aliases.</summary>
    internal static class ValueChecks
    {
        // Cached delegates so the check table and CheckContext.CannotFail agree on identity.
        public static readonly Action<CheckContext, Check, DtNode> IsCellFn = IsCell;
        public static readonly Action<CheckContext, Check, DtNode> IsStringFn = IsString;
        public static readonly Action<CheckContext, Check, DtNode> IsStringListFn = IsStringList;

        public static void IsString(CheckContext ctx, Check c, DtNode node) => IsStringNamed(ctx, c, node, (string)c.Data!);

        public static void IsStringNamed(CheckContext ctx, Check c, DtNode node, string name)
        {
            var prop = node.GetProperty(name);
            if (prop == null) return;
            if (!prop.Value.IsOneString) FailProp(ctx, c, node, prop, "property is not a string");
        }

        public static void IsStringList(CheckContext ctx, Check c, DtNode node) => IsStringListNamed(ctx, c, node, (string)c.Data!);

        private static void IsStringListNamed(CheckContext ctx, Check c, DtNode node, string name)
        {
            var prop = node.GetProperty(name);
            if (prop == null) return;
            var v = prop.Value;
            int pos = 0, rem = v.Length;
            while (rem > 0)
            {
                int l = 0;
                while (l < rem && v[pos + l] != 0) l++;
                if (l == rem)
                {
                    FailProp(ctx, c, node, prop, "property is not a string list");
                    break;
                }
                rem -= l + 1;
                pos += l + 1;
            }
        }

        public static void IsCell(CheckContext ctx, Check c, DtNode node)
        {
            var prop = node.GetProperty((string)c.Data!);
            if (prop == null) return;
            if (prop.Value.Length != 4) FailProp(ctx, c, node, prop, "property is not a single cell");
        }

        public static void NamesIsStringList(CheckContext ctx, Check c, DtNode node)
        {
            foreach (var prop in node.Properties)
            {
                if (!NodeFacts.EndsWith(prop.Name, "-names")) continue;
                IsStringListNamed(ctx, c, node, prop.Name);
            }
        }

        public static void AliasPaths(CheckContext ctx, Check c, DtNode node)
        {
            if (node.Name != "aliases") return;
            foreach (var prop in node.Properties)
            {
                if (prop.Name == "phandle" || prop.Name == "linux,phandle") continue;
                string path = prop.Value.AsCString();
                if (prop.Value.Length == 0 || ctx.Root.FindNode(path) == null)
                {
                    FailProp(ctx, c, node, prop, "aliases property is not a valid node (" + (prop.Value.Length == 0 ? "(null)" : path) + ")");
                    continue;
                }
                foreach (char ch in prop.Name)
                {
                    if (!(ch >= 'a' && ch <= 'z' || ch >= '0' && ch <= '9' || ch == '-'))
                    {
                        Fail(ctx, c, node, "aliases property name must include only lowercase and '-'");
                        break;
                    }
                }
            }
        }
    }
}
