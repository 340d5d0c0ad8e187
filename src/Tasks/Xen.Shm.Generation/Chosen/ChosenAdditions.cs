using System;
using System.Collections.Generic;
using Xen.Shm.Generation.Dts;

namespace Xen.Shm.Generation.Chosen
{
    /// <summary>
    /// What the dom0less features outside the regions add to <c>/chosen</c>: nodes directly under it (cpupools,
    /// dom0's event channels: Xen reads dom0's from <c>/chosen</c>, static-evtchn.c alloc_static_evtchn) and, per
    /// dom0less domain, properties and subnodes of its <c>xen,domain</c> node. Written by
    /// <see cref="ChosenBuilder"/> after the region-made parts, in the order added.
    /// </summary>
    internal sealed class ChosenAdditions
    {
        private readonly Dictionary<string, List<DtsProperty>> _properties = new Dictionary<string, List<DtsProperty>>(System.StringComparer.Ordinal);
        private readonly Dictionary<string, List<DtsNode>> _nodes = new Dictionary<string, List<DtsNode>>(System.StringComparer.Ordinal);

        /// <summary>Nodes directly under <c>/chosen</c> that belong to no domain (cpupools).</summary>
        public List<DtsNode> Top { get; } = new List<DtsNode>();

        /// <summary>Domains with a static event channel end.</summary>
        public HashSet<string> EventChannelDomains { get; } = new HashSet<string>(System.StringComparer.Ordinal);

        /// <summary>
        /// A domU with a channel but no <c>xen,enhanced</c> of its own (no dom0, so no xenstore): it still needs
        /// the event-channel interface, <c>"no-xenstore"</c> (booting.txt, "Static Event Channel").
        /// </summary>
        public bool NeedsEventChannelInterface(Topology.Domain domain) =>
            domain.Enhanced == null && EventChannelDomains.Contains(domain.Name.Value);

        public void AddProperty(string domain, string name, string? value, string? comment = null) =>
            Get(_properties, domain).Add(new DtsProperty(name, value, comment));

        public void AddNode(string domain, DtsNode node) => Get(_nodes, domain).Add(node);

        public IReadOnlyList<DtsProperty> PropertiesOf(string domain) =>
            _properties.TryGetValue(domain, out var l) ? l : (IReadOnlyList<DtsProperty>)Array.Empty<DtsProperty>();

        public IReadOnlyList<DtsNode> NodesOf(string domain) =>
            _nodes.TryGetValue(domain, out var l) ? l : (IReadOnlyList<DtsNode>)Array.Empty<DtsNode>();

        public bool HasProperty(string domain, string name)
        {
            foreach (var p in PropertiesOf(domain))
                if (p.Name == name) return true;
            return false;
        }

        private static List<T> Get<T>(Dictionary<string, List<T>> map, string key)
        {
            if (!map.TryGetValue(key, out var list)) map[key] = list = new List<T>();
            return list;
        }
    }
}
