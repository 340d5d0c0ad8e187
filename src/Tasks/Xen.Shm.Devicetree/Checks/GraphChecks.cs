using static Xen.Shm.Devicetree.Checks.CheckRunner;

namespace Xen.Shm.Devicetree.Checks
{
    /// <summary>OF graph (ports/endpoints) and /chosen checks of checks.c.</summary>
    internal static class GraphChecks
    {
        public const string Port = "graph-port", Ports = "graph-ports";

        public static void GraphNodes(CheckContext ctx, Check c, DtNode node)
        {
            foreach (var child in node.Children)
            {
                if (!(NodeFacts.BaseNameIs(child, "endpoint") || child.GetProperty("remote-endpoint") != null)) continue;
                node.Bus = Port;
                if (node.Parent != null && node.Parent.Bus == null && (node.Parent.Name == "ports" || node.GetProperty("reg") != null))
                    node.Parent.Bus = Ports;
                break;
            }
        }

        public static void GraphChildAddress(CheckContext ctx, Check c, DtNode node)
        {
            if (node.Bus != Ports && node.Bus != Port) return;
            int cnt = 0;
            DtNode? first = null;
            foreach (var child in node.Children)
            {
                var prop = child.GetProperty("reg");
                if (prop != null && NodeFacts.Cell(prop) != 0) return;
                first ??= child;
                cnt++;
            }
            if (cnt == 1 && node.AddressCells != -1)
                Fail(ctx, c, node, "graph node has single child node '" + (node.ChildList.Count > 0 ? node.ChildList[0].Name : first!.Name) + "', #address-cells/#size-cells are not necessary");
        }

        private static void GraphReg(CheckContext ctx, Check c, DtNode node)
        {
            var prop = node.GetProperty("reg");
            if (prop == null) return;
            if (prop.Value.Length != 4)
            {
                Fail(ctx, c, node, "graph node malformed 'reg' property");
                return;
            }
            string expect = Hex(prop.Value.GetCell(0));
            if (NodeFacts.UnitName(node) != expect) Fail(ctx, c, node, "graph node unit address error, expected \"" + expect + "\"");
            if (node.Parent!.AddressCells != 1)
                FailProp(ctx, c, node, node.GetProperty("#address-cells"), "graph node '#address-cells' is " + Dec(node.Parent.AddressCells) + ", must be 1");
            if (node.Parent.SizeCells != 0)
                FailProp(ctx, c, node, node.GetProperty("#size-cells"), "graph node '#size-cells' is " + Dec(node.Parent.SizeCells) + ", must be 0");
        }

        public static void GraphPort(CheckContext ctx, Check c, DtNode node)
        {
            if (node.Bus != Port) return;
            if (!NodeFacts.BaseNameIs(node, "port")) Fail(ctx, c, node, "graph port node name should be 'port'");
            GraphReg(ctx, c, node);
        }

        private static DtNode? RemoteEndpoint(CheckContext ctx, Check c, DtNode endpoint)
        {
            var prop = endpoint.GetProperty("remote-endpoint");
            if (prop == null) return null;
            uint ph = NodeFacts.Cell(prop);
            if (ph == 0 || ph == 0xffffffff) return null;
            var node = NodeFacts.ByPhandle(ctx.Root, ph);
            if (node == null) FailProp(ctx, c, endpoint, prop, "graph phandle is not valid");
            return node;
        }

        public static void GraphEndpoint(CheckContext ctx, Check c, DtNode node)
        {
            if (node.Parent == null || node.Parent.Bus != Port) return;
            if (!NodeFacts.BaseNameIs(node, "endpoint")) Fail(ctx, c, node, "graph endpoint node name should be 'endpoint'");
            GraphReg(ctx, c, node);
            var remote = RemoteEndpoint(ctx, c, node);
            if (remote == null) return;
            if (RemoteEndpoint(ctx, c, remote) != node)
                Fail(ctx, c, node, "graph connection to node '" + remote.Path + "' is not bidirectional");
        }

        public static void ObsoleteChosenInterruptController(CheckContext ctx, Check c, DtNode node)
        {
            if (node != ctx.Root) return;
            var chosen = ctx.Root.FindNode("/chosen");
            if (chosen == null) return;
            var prop = chosen.GetProperty("interrupt-controller");
            if (prop != null) FailProp(ctx, c, node, prop, "/chosen has obsolete \"interrupt-controller\" property");
        }

        public static void ChosenNodeIsRoot(CheckContext ctx, Check c, DtNode node)
        {
            if (node.Name != "chosen") return;
            if (node.Parent != ctx.Root) Fail(ctx, c, node, "chosen node must be at root node");
        }

        public static void ChosenNodeBootargs(CheckContext ctx, Check c, DtNode node)
        {
            if (node.Name != "chosen") return;
            var prop = node.GetProperty("bootargs");
            if (prop == null) return;
            ValueChecks.IsStringNamed(ctx, c, node, prop.Name);
        }

        public static void ChosenNodeStdoutPath(CheckContext ctx, Check c, DtNode node)
        {
            if (node.Name != "chosen") return;
            var prop = node.GetProperty("stdout-path");
            if (prop == null)
            {
                prop = node.GetProperty("linux,stdout-path");
                if (prop == null) return;
                FailProp(ctx, c, node, prop, "Use 'stdout-path' instead");
            }
            ValueChecks.IsStringNamed(ctx, c, node, prop.Name);
        }
    }
}
