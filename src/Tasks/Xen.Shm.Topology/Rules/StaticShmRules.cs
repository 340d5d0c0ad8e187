using System.Collections.Generic;
using System.Linq;
using System.Text.RegularExpressions;
using Xen.Shm.Diagnostics;

namespace Xen.Shm.Topology.Rules
{
    /// <summary>
    /// xl static_shm (spec §6.3; X libxlu_sshm.c, libxl_sshm.c, libxl_arm.c): id syntax and
    /// length, one owner, per-role keys, cache policy, prot, borrower inside the owner's region,
    /// owner inside its RAM, role words, the owners-before-borrowers order (§6.4), and a warning for a
    /// borrower with an offset, whose guest node xl writes at the wrong address (§6.5).
    /// </summary>
    internal static class StaticShmRules
    {
        public const int MaxIdLength = 128;
        private static readonly string[] Roles = { "owner", "borrower" };
        private static readonly Regex IdChars = new Regex(@"^[A-Za-z0-9_]+\z", RegexOptions.CultureInvariant);

        public static void Check(RuleContext ctx)
        {
            var regions = ctx.Board.Regions.OfType<StaticShmRegion>().ToList();
            foreach (var region in regions) CheckRegion(ctx, region);
            CreationCycle(ctx, regions);
        }

        private static void CheckRegion(RuleContext ctx, StaticShmRegion region)
        {
            string id = region.Id.Value;
            if (!IdChars.IsMatch(id))
                ctx.Report(DiagnosticCodes.StaticShmIdChars, region.Id.Span,
                    $"static_shm id '{id}' must be made of A-Z a-z 0-9 _ only (xl's parser and the xenstore path allow nothing else)");
            if (id.Length > MaxIdLength)
                ctx.Report(DiagnosticCodes.StaticShmIdTooLong, region.Id.Span, $"static_shm id is {id.Length} characters; the limit is {MaxIdLength}");

            Peer? owner = null;
            foreach (var peer in region.Peers)
            {
                if (peer.Role is { } role && role.Value != "owner" && role.Value != "borrower")
                    ctx.Report(DiagnosticCodes.StaticShmInvalidRole, role.Span,
                        $"role must be 'owner' or 'borrower', not '{role.Value}'{Yaml.KeySuggestion.Hint(role.Value, Roles)}");
                if (peer.Prot is { } prot && prot.Value != "rw")
                    ctx.Report(DiagnosticCodes.StaticShmProt, prot.Span, $"prot must be 'rw' (the only permission xl static_shm supports), not '{prot.Value}'");

                if (peer.IsOwner)
                {
                    if (owner is not null)
                        ctx.Report(DiagnosticCodes.StaticShmSeveralOwners, peer.Role!.Value.Span,
                            $"static_shm id '{id}' already has owner '{owner.Domain.Value}' (libxl: \"can only have one owner\")", owner.Role!.Value.Span);
                    else owner = peer;
                    if (peer.Offset is { } off)
                        ctx.Report(DiagnosticCodes.StaticShmOffsetOnOwner, off.Span, "offset is only applicable to borrower domains (libxl)");
                    if (peer.CachePolicy is { } cp && cp.Value != "ARM_normal")
                        ctx.Report(DiagnosticCodes.StaticShmCachePolicy, cp.Span,
                            $"cache_policy '{cp.Value}' is not supported on Arm; use ARM_normal (libxl_arm.c sshm_cachepolicy_setdefault)");
                }
                else if (peer.CachePolicy is { } cp)
                {
                    ctx.Report(DiagnosticCodes.StaticShmCachePolicyOnBorrower, cp.Span, "cachePolicy is only applicable to the owner (libxl)");
                }
            }

            if (owner is null)
            {
                ctx.Report(DiagnosticCodes.StaticShmNoOwner, region.Id.Span, $"static_shm id '{id}' has no peer with role: owner (libxl: \"no owner found\")");
                return;
            }

            OwnerInRam(ctx, region, owner);
            if (region.Size is not { } ownerSize) return;
            foreach (var b in region.Borrowers)
                if (BorrowerFits(ctx, b, ownerSize)) BorrowerNodeAtOffset(ctx, b);
        }

        /// <summary>
        /// XSHM2313 (warning): the fork's libxl_arm.c make_reserved_nodes names and places a borrower's
        /// /reserved-memory/xen-shmem node at begin + offset, while libxl__sshm_do_map maps the owner's pages at begin
        /// (spec §6.5); a guest driver that takes the node's reg reads the wrong range.
        /// </summary>
        private static void BorrowerNodeAtOffset(RuleContext ctx, Peer b)
        {
            // A misaligned offset is XSHM2001's.
            if (b.Offset is not { } off || off.Value == 0 || off.Value % 0x1000 != 0 || b.Guest is not { } begin) return;
            ctx.Report(DiagnosticCodes.StaticShmBorrowerNodeAtOffset, off.Span,
                $"borrower '{b.Domain.Value}' takes the owner's pages from offset {RuleContext.Hex(off.Value)}: xl maps them at begin {RuleContext.Hex(begin.Value)}, " +
                $"but writes its guest node as /reserved-memory/xen-shmem@{RuleContext.Hex(begin.Value + off.Value).Substring(2)} with reg at begin + offset (libxl_arm.c make_reserved_nodes); " +
                "a guest driver must take begin (reg - xen,offset), or give the borrower its own owner range so the offset is 0",
                begin.Span);
        }

        /// <summary>XSHM2310: the owner shares pages it already has (S4, S2; X maps existing owner gfns).</summary>
        private static void OwnerInRam(RuleContext ctx, StaticShmRegion region, Peer owner)
        {
            var domain = ctx.DomainOf(owner);
            if (domain is null || domain.Memory is null || owner.Guest is not { } begin || region.Size is not { } size || size.Value == 0) return;
            var range = new AddressRange(begin.Value, size.Value);
            if (range.Wraps || domain.GuestRam.Any(bank => bank.Contains(range))) return;
            ctx.Report(DiagnosticCodes.StaticShmOwnerOutsideRam, begin.Span,
                $"owner range {range} is not inside the guest RAM of '{domain.Name.Value}' ({string.Join(", ", domain.GuestRam.Select(b => b.ToString()))}); the owner shares memory it already has",
                domain.Memory.Value.Span);
        }

        /// <summary>XSHM2309: X libxl__sshm_do_map "exceeds owner's address space"; false when reported.</summary>
        private static bool BorrowerFits(RuleContext ctx, Peer b, Spanned<ulong> ownerSize)
        {
            ulong offset = b.Offset?.Value ?? 0;
            if (offset >= ownerSize.Value)
            {
                ctx.Report(DiagnosticCodes.StaticShmBorrowerExceedsOwner, b.Offset?.Span ?? b.Span,
                    $"borrower '{b.Domain.Value}' offset {RuleContext.Hex(offset)} is not inside the owner's {RuleContext.Hex(ownerSize.Value)}-byte region", ownerSize.Span);
                return false;
            }
            if (b.Size is not { } size || size.Value <= ownerSize.Value - offset) return true;
            ctx.Report(DiagnosticCodes.StaticShmBorrowerExceedsOwner, size.Span,
                $"borrower '{b.Domain.Value}' asks offset {RuleContext.Hex(offset)} + size {RuleContext.Hex(size.Value)} = {RuleContext.Hex(offset + size.Value)} of a {RuleContext.Hex(ownerSize.Value)}-byte owner region",
                ownerSize.Span);
            return false;
        }

        /// <summary>XSHM2311: owners must be created before borrowers; a cycle deadlocks (§6.4).</summary>
        private static void CreationCycle(RuleContext ctx, List<StaticShmRegion> regions)
        {
            var blocked = new HashSet<string>(ctx.Board.Creation.Blocked.Select(d => d.Name.Value));
            if (blocked.Count == 0) return;
            // Report at the first region whose own owner → borrower edge is stuck.
            foreach (var region in regions)
            {
                var owner = region.Owner;
                if (owner is null || !blocked.Contains(owner.Domain.Value)) continue;
                var stuck = region.Borrowers.FirstOrDefault(b => blocked.Contains(b.Domain.Value) && b.Domain.Value != owner.Domain.Value);
                if (stuck is null) continue;
                ctx.Report(DiagnosticCodes.StaticShmCreationCycle, region.Id.Span,
                    $"owners must be created before borrowers, but {string.Join(", ", ctx.Board.Creation.Blocked.Select(d => "'" + d.Name.Value + "'"))} wait on each other in a cycle (region '{region.Id.Value}': '{owner.Domain.Value}' → '{stuck.Domain.Value}')");
                return;
            }
        }
    }
}
