using Xen.Shm.Generation.Chosen;
using Xen.Shm.Generation.Dts;
using Xen.Shm.Topology;

namespace Xen.Shm.Generation.Evtchn
{
    /// <summary>
    /// Static event channels (Xen's booting.txt "Static Event Channel"; xen/common/device-tree/static-evtchn.c):
    /// per channel, one <c>xen,evtchn-v1</c> node on each side, dom0's directly under <c>/chosen</c>, a domU's under
    /// its <c>xen,domain</c> node, each with <c>xen,evtchn = &lt;local-port &amp;other-side&gt;</c>. The labels give
    /// both nodes phandles; Xen checks that each points back at the other ("xen,evtchn property is not setup
    /// correctly"). Nodes are named <c>evtchn-&lt;port&gt;</c> (unique in a domain; a unit address without
    /// <c>reg</c> would be a dtc warning).
    /// </summary>
    internal static class EventChannelGenerator
    {
        public static void Apply(Board board, ChosenAdditions chosen)
        {
            var ports = EventChannelPorts.Allocate(board);
            foreach (var ch in board.EventChannels)
            {
                string a = Label(ch, 0), b = Label(ch, 1);
                Add(board, chosen, ch.First, ports[ch.First], a, ports[ch.Second], b, ch.Second.Domain.Value);
                Add(board, chosen, ch.Second, ports[ch.Second], b, ports[ch.First], a, ch.First.Domain.Value);
            }
        }

        /// <summary>Labels by declaration index: valid dtc label characters whatever the domain names are.</summary>
        public static string Label(EventChannel ch, int end) => "xshm_evtchn" + ch.Index.ToString(System.Globalization.CultureInfo.InvariantCulture) + (end == 0 ? "_a" : "_b");

        private static void Add(Board board, ChosenAdditions chosen, EventChannelEnd end, ulong port, string label, ulong remotePort, string remoteLabel, string remote)
        {
            var domain = board.FindDomain(end.Domain.Value);
            if (domain is null) return;
            var node = new DtsNode("evtchn-" + port.ToString(System.Globalization.CultureInfo.InvariantCulture),
                $"static event channel: {domain.Name.Value} port {port} <-> {remote} port {remotePort}") { Label = label };
            node.Property("compatible", DtsFormat.Strings("xen,evtchn-v1"));
            node.Property("xen,evtchn", "<" + DtsFormat.Hex(port) + " &" + remoteLabel + ">");
            chosen.AddNode(domain.Name.Value, node);
            chosen.EventChannelDomains.Add(domain.Name.Value);
        }
    }
}
