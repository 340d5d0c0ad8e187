using System.Collections.Generic;
using System.Globalization;
using System.Text;
using Xen.Shm.Devicetree.Source;

namespace Xen.Shm.Devicetree
{
    /// <summary>/__fixups__ and /__local_fixups__ for /plugin/ sources (livetree.c; spec §10.3–10.4).</summary>
    internal static class Fixups
    {
        public static void GenerateFixups(DtTree tree)
        {
            if (!Any(tree, tree.Root, local: false)) return;
            var fn = LabelTrees.RootChild(tree.Root, "__fixups__");
            WalkFixups(tree, fn, tree.Root);
        }

        public static void GenerateLocalFixups(DtTree tree)
        {
            if (!Any(tree, tree.Root, local: true)) return;
            var lfn = LabelTrees.RootChild(tree.Root, "__local_fixups__");
            WalkLocal(tree, lfn, tree.Root);
        }

        private static bool Any(DtTree tree, DtNode node, bool local)
        {
            foreach (var prop in node.Properties)
            {
                var ms = prop.Value.MarkerList;
                if (ms.Count == 0) continue;
                foreach (var m in ms)
                {
                    if (m.Kind != DtMarkerKind.PhandleReference) continue;
                    bool resolved = tree.FindNodeByReference(m.Reference!) != null;
                    if (resolved == local) return true;
                }
            }
            foreach (var c in node.Children)
                if (Any(tree, c, local)) return true;
            return false;
        }

        private static void WalkFixups(DtTree tree, DtNode fn, DtNode node)
        {
            // Snapshot: the walk reaches /__fixups__ itself, which gains properties as we go.
            foreach (var prop in new List<DtProperty>(node.Properties))
            {
                var ms = prop.Value.MarkerList;
                if (ms.Count == 0) continue;
                foreach (var m in ms)
                {
                    if (m.Kind != DtMarkerKind.PhandleReference) continue;
                    if (tree.FindNodeByReference(m.Reference!) != null) continue;
                    string path = node.Path;
                    if (path.IndexOf(':') >= 0 || prop.Name.IndexOf(':') >= 0)
                        throw new DtcFatalException("arguments should not contain ':'\n");
                    string entry = path + ":" + prop.Name + ":" + m.Offset.ToString(CultureInfo.InvariantCulture);
                    var b = Encoding.UTF8.GetBytes(entry);
                    var bytes = new byte[b.Length + 1];
                    System.Buffer.BlockCopy(b, 0, bytes, 0, b.Length);
                    Append(fn, m.Reference!, bytes, DtMarkerKind.TypeString);
                }
            }
            foreach (var c in new List<DtNode>(node.Children)) WalkFixups(tree, fn, c);
        }

        private static void WalkLocal(DtTree tree, DtNode lfn, DtNode node)
        {
            foreach (var prop in new List<DtProperty>(node.Properties))
            {
                var ms = prop.Value.MarkerList;
                if (ms.Count == 0) continue;
                foreach (var m in ms)
                {
                    if (m.Kind != DtMarkerKind.PhandleReference) continue;
                    if (tree.FindNodeByReference(m.Reference!) == null) continue;
                    // Mirror the holder's path under __local_fixups__, creating nodes in order of need.
                    var names = new List<string>();
                    for (var n = node; n.Parent != null; n = n.Parent) names.Add(n.Name);
                    var wn = lfn;
                    for (int i = names.Count - 1; i >= 0; i--)
                        wn = wn.GetChild(names[i]) ?? wn.AddChild(names[i]);
                    uint off = (uint)m.Offset;
                    Append(wn, prop.Name, new[] { (byte)(off >> 24), (byte)(off >> 16), (byte)(off >> 8), (byte)off }, DtMarkerKind.TypeUInt32);
                }
            }
            foreach (var c in new List<DtNode>(node.Children)) WalkLocal(tree, lfn, c);
        }

        // livetree.c append_to_property
        private static void Append(DtNode node, string name, byte[] data, DtMarkerKind type)
        {
            var p = node.GetProperty(name);
            if (p == null) p = node.AddProperty(new DtProperty(name, new DtValue()));
            p.Value.AddMarker(type, name);
            p.Value.AppendBytes(data, 0, data.Length);
        }
    }
}
