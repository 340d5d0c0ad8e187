using System.Collections.Generic;
using System.Linq;
using Xen.Shm.Diagnostics;

namespace Xen.Shm.Topology.Rules
{
    /// <summary>
    /// Static event channels as Xen binds them at boot (xen/common/device-tree/static-evtchn.c alloc_domain_evtchn,
    /// 4.17: xen/arch/arm/domain_build.c): both ends are domains Xen builds itself, dom0 or dom0less (XSHM2061; an
    /// xl domain does not exist yet); a domU needs the event-channel interface, <c>xen,enhanced</c> (XSHM2064,
    /// booting.txt "To enable the event-channel interface for domU guests include xen,enhanced");
    /// each port is a real local port, 1 up to the domain's <c>max_evtchn_port</c> (1023 for a dom0less domU,
    /// dom0less-bindings.c; 4095 for dom0, the 2-level ABI's 4096 ports it starts with; port 0 is reserved and
    /// would make Xen pick any free port; XSHM2062), used once per domain (XSHM2063: evtchn_allocate_port's
    /// -EBUSY panics "Could not set up domains evtchn"); Xen 4.17 or later (XSHM2065).
    /// </summary>
    internal static class EventChannelRules
    {
        /// <summary>dom0less-bindings.c (4.21) / domain_build.c (4.17) create_domUs: <c>.max_evtchn_port = 1023</c>.</summary>
        public const ulong DomUMaxPort = 1023;

        /// <summary>dom0 has no max_evtchn_port limit; the 2-level ABI it boots with has 4096 ports (event_2l.c).</summary>
        public const ulong Dom0MaxPort = 4095;

        /// <summary>A domU with xenstore (<c>xen,enhanced = "enabled"</c>) gets Xen's xenstore channel first, the lowest free port.</summary>
        public const ulong XenstorePort = 1;

        public static void Check(RuleContext ctx)
        {
            var used = new Dictionary<(string, ulong), SourceSpan>();
            foreach (var ch in ctx.Board.EventChannels)
            {
                if (!ctx.Xen.Version.Value.AtLeast(4, 17))
                    ctx.Report(DiagnosticCodes.EventChannelTarget, ch.Span,
                        $"static event channels (xen,evtchn-v1) need Xen 4.17 or later (from 4.19 built with CONFIG_STATIC_EVTCHN); the target is Xen {ctx.Xen.Version.Value}", ctx.Xen.Version.Span);
                Domain? first = EndDomain(ctx, ch.First, null);
                EndDomain(ctx, ch.Second, first);
                foreach (var end in ch.Ends)
                    if (ctx.Board.FindDomain(end.Domain.Value) is { } d) Port(ctx, end, d, used);
            }
        }

        private static Domain? EndDomain(RuleContext ctx, EventChannelEnd end, Domain? other)
        {
            var d = ctx.Board.FindDomain(end.Domain.Value);
            if (d is null)
            {
                if (!ctx.Board.UnreadableDomains.Contains(end.Domain.Value))
                    ctx.Report(DiagnosticCodes.EventChannelDomain, end.Domain.Span, $"event channel end '{end.Domain.Value}' is not a declared domain");
                return null;
            }
            if (d.Kind.Value == DomainKind.Xl)
                ctx.Report(DiagnosticCodes.EventChannelDomain, end.Domain.Span,
                    $"'{d.Name.Value}' is an xl domain: Xen binds static event channels at boot, between dom0 and dom0less domains only");
            else if (other is not null && ReferenceEquals(d, other))
                ctx.Report(DiagnosticCodes.EventChannelDomain, end.Domain.Span, $"both ends of the event channel are '{d.Name.Value}': a static channel joins two domains");
            else if (d.Kind.Value == DomainKind.Dom0less && d.Enhanced is { Value: false } off)
                ctx.Report(DiagnosticCodes.EventChannelNotEnhanced, end.Domain.Span,
                    $"'{d.Name.Value}' has 'enhanced: false': without xen,enhanced a dom0less domain has no event-channel interface; remove the key (the SDK writes \"enabled\" with a dom0, \"no-xenstore\" without)", off.Span);
            return d;
        }

        private static void Port(RuleContext ctx, EventChannelEnd end, Domain d, Dictionary<(string, ulong), SourceSpan> used)
        {
            if (end.Port is not { } port) return;
            ulong max = d.Kind.Value == DomainKind.Dom0 ? Dom0MaxPort : DomUMaxPort;
            if (port.Value == 0 || port.Value > max)
            {
                ctx.Report(DiagnosticCodes.EventChannelPortRange, port.Span,
                    $"event channel port {port.Value} of '{d.Name.Value}' must be 1-{max} (port 0 is reserved; Xen's highest port for a {(d.Kind.Value == DomainKind.Dom0 ? "dom0 (2-level ABI)" : "dom0less domain")} is {max})");
                return;
            }
            if (port.Value == XenstorePort && ctx.Board.IsEnhanced(d))
            {
                ctx.Report(DiagnosticCodes.EventChannelPortClash, port.Span,
                    $"port 1 of '{d.Name.Value}' is taken by Xen's xenstore channel (xen,enhanced = \"enabled\" allocates it before the static channels); take another port");
                return;
            }
            var key = (d.Name.Value, port.Value);
            if (used.TryGetValue(key, out var first))
                ctx.Report(DiagnosticCodes.EventChannelPortClash, port.Span, $"port {port.Value} of '{d.Name.Value}' is already used by another event channel", first);
            else used[key] = port.Span;
        }
    }
}
