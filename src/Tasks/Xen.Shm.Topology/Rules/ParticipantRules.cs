using System;
using System.Collections.Generic;
using System.Linq;
using Xen.Shm.Diagnostics;

namespace Xen.Shm.Topology.Rules
{
    /// <summary>
    /// Who may take part (spec §9): known domain of an allowed kind (XSHM2009), each domain once
    /// per region (2018), and the warning for lonely regions or mixed cacheability (2019).
    /// </summary>
    internal static class ParticipantRules
    {
        public static void Check(RuleContext ctx)
        {
            var dom0 = ctx.Board.Dom0;
            foreach (var region in ctx.Board.Regions)
            {
                var m = region.Mechanism.Value;
                var seen = new Dictionary<string, SourceSpan>(StringComparer.Ordinal);
                var participants = new HashSet<string>(StringComparer.Ordinal);
                foreach (var peer in region.Peers)
                {
                    string name = peer.Domain.Value;
                    if (seen.TryGetValue(name, out var first))
                    {
                        ctx.Report(DiagnosticCodes.DomainListedTwice, peer.Domain.Span,
                            $"domain '{name}' is listed twice in region '{region.Id.Value}'", first);
                        continue;
                    }
                    seen[name] = peer.Domain.Span;
                    var d = ctx.DomainOf(peer);
                    if (d is null)
                    {
                        if (!ctx.Board.UnreadableDomains.Contains(name))
                            ctx.Report(DiagnosticCodes.ParticipantNotAllowed, peer.Domain.Span,
                                $"region '{region.Id.Value}' names domain '{name}', which is not declared{Yaml.KeySuggestion.Hint(name, ctx.Board.Domains.Select(x => x.Name.Value))}");
                        continue;
                    }
                    if (!Allowed(m, d.Kind.Value))
                    {
                        ctx.Report(DiagnosticCodes.ParticipantNotAllowed, peer.Domain.Span,
                            $"a {Yaml.Keys.Name(m)} region cannot include {Yaml.Keys.Name(d.Kind.Value)} domain '{name}' ({AllowedText(m)})", d.Kind.Span);
                        continue;
                    }
                    participants.Add(name);
                }

                if (m == Mechanism.Uio && dom0 is null)
                    ctx.Report(DiagnosticCodes.ParticipantNotAllowed, region.Mechanism.Span,
                        $"uio region '{region.Id.Value}' needs a dom0 (its UIO driver maps the page), but the board has none");

                // Implicit dom0: mechanisms 1 and 2 through the host node, 4 unless dom0Access is false.
                bool implicitDom0 = dom0 is not null && (m == Mechanism.IomemCacheable || m == Mechanism.Uio ||
                    (region is MmioSramRegion sram && sram.HasDom0Access));
                if (implicitDom0) participants.Add(dom0!.Name.Value);
                if (participants.Count < 2)
                    ctx.Report(DiagnosticCodes.FewParticipantsOrMixedCacheability, region.Id.Span,
                        $"region '{region.Id.Value}' has {participants.Count} participant(s); nothing is shared with fewer than two");

                if (region is MmioSramRegion cached && cached.IsCacheable && cached.HasDom0Access && dom0 is not null)
                    ctx.Report(DiagnosticCodes.FewParticipantsOrMixedCacheability, cached.Cacheable!.Value.Span,
                        $"region '{region.Id.Value}' is mapped cacheable (xen,reg-cacheable) in the domUs but dom0 keeps device (uncached) access; set dom0Access: false or cacheable: false",
                        cached.Dom0Access?.Span ?? region.Id.Span);
            }
        }

        /// <summary>spec §9 XSHM2009: 1, 2: dom0 + xl; 3: xl only; 4, 5: dom0 + dom0less.</summary>
        private static bool Allowed(Mechanism m, DomainKind k) => m switch
        {
            Mechanism.IomemCacheable or Mechanism.Uio => k != DomainKind.Dom0less,
            Mechanism.StaticShm => k == DomainKind.Xl,
            _ => k != DomainKind.Xl,
        };

        private static string AllowedText(Mechanism m) => m switch
        {
            Mechanism.IomemCacheable => "it takes dom0 and xl domains; use mmio-sram for dom0less domains",
            Mechanism.Uio => "it takes dom0 and xl domains; use mmio-sram for dom0less domains",
            Mechanism.StaticShm => "it takes xl domains only: dom0 and dom0less domains are not created by libxl",
            Mechanism.MmioSram => "it takes dom0 and dom0less domains; use uio or iomem-cacheable for xl domains",
            _ => "it takes dom0 and dom0less domains; xl has no support for xen,domain-shared-memory-v1",
        };
    }
}
