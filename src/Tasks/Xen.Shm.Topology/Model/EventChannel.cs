using Xen.Shm.Diagnostics;

namespace Xen.Shm.Topology
{
    /// <summary>
    /// One static event channel (Xen's dom0less binding, docs/misc/arm/device-tree/booting.txt "Static Event
    /// Channel"): two ends, each a domain and an optional local port, declared once per pair in
    /// <c>eventChannels:</c>. Xen binds them before the domains start (xen/common/device-tree/static-evtchn.c).
    /// </summary>
    public sealed class EventChannel
    {
        public EventChannel(int index, EventChannelEnd first, EventChannelEnd second, SourceSpan span)
        {
            Index = index;
            First = first;
            Second = second;
            Span = span;
        }

        /// <summary>Declaration order (0-based): the order ports are allocated in.</summary>
        public int Index { get; }
        public EventChannelEnd First { get; }
        public EventChannelEnd Second { get; }
        public SourceSpan Span { get; }

        public EventChannelEnd[] Ends => new[] { First, Second };
    }

    /// <summary>One end of a static event channel: the domain and its local port (null = allocated by the generator).</summary>
    public sealed class EventChannelEnd
    {
        public EventChannelEnd(Spanned<string> domain, Spanned<ulong>? port, SourceSpan span)
        {
            Domain = domain;
            Port = port;
            Span = span;
        }

        public Spanned<string> Domain { get; }
        public Spanned<ulong>? Port { get; }
        public SourceSpan Span { get; }
    }
}
