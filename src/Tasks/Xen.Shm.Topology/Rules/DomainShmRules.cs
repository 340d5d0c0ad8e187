using System.Linq;
using System.Text;
using System.Text.RegularExpressions;
using Xen.Shm.Diagnostics;

namespace Xen.Shm.Topology.Rules
{
    /// <summary>
    /// Xen's dom0less static shared memory (spec §8.2): id 1–15 bytes (XSHM2501) of node-name
    /// characters (2502), at most one owner (2503), a host address whenever a participant is
    /// direct-mapped (2504), at most 32 regions (2505, U NR_SHMEM_BANKS).
    /// </summary>
    internal static class DomainShmRules
    {
        /// <summary>U bootinfo.h MAX_SHM_ID_LENGTH is 16 including the NUL.</summary>
        public const int MaxIdBytes = 15;
        public const int MaxRegions = 32;
        private static readonly Regex IdChars = new Regex(@"^[A-Za-z0-9,._+\-]+$", RegexOptions.CultureInvariant);

        public static void Check(RuleContext ctx)
        {
            int count = 0;
            foreach (var region in ctx.Board.Regions.OfType<DomainShmRegion>())
            {
                string id = region.Id.Value;
                int bytes = Encoding.UTF8.GetByteCount(id);
                if (bytes > MaxIdBytes)
                    ctx.Report(DiagnosticCodes.DomainShmIdTooLong, region.Id.Span,
                        $"dom0less-shm id '{id}' is {bytes} bytes; Xen takes at most {MaxIdBytes} (MAX_SHM_ID_LENGTH 16 with the NUL)");
                if (!IdChars.IsMatch(id))
                    ctx.Report(DiagnosticCodes.DomainShmIdChars, region.Id.Span,
                        $"dom0less-shm id '{id}' must be made of A-Z a-z 0-9 , . _ + - (it names the node shared-mem-<id>)");

                Peer? owner = null;
                foreach (var peer in region.Peers.Where(p => p.IsOwner))
                {
                    if (owner is null) owner = peer;
                    else
                        ctx.Report(DiagnosticCodes.DomainShmSeveralOwners, peer.Role!.Value.Span,
                            $"dom0less-shm region '{id}' already has owner '{owner.Domain.Value}'", owner.Role!.Value.Span);
                }

                if (region.Host is null)
                {
                    var direct = region.Peers.FirstOrDefault(p => ctx.DomainOf(p)?.IsDirectMapped == true);
                    if (direct is not null)
                        ctx.Report(DiagnosticCodes.DomainShmHostMissing, region.Id.Span,
                            $"dom0less-shm region '{id}' needs a host address because '{direct.Domain.Value}' is direct-mapped", direct.Domain.Span);
                }

                if (++count == MaxRegions + 1)
                    ctx.Report(DiagnosticCodes.DomainShmTooMany, region.Id.Span,
                        $"region '{id}' is dom0less-shm region number {count}; Xen supports at most {MaxRegions} (NR_SHMEM_BANKS)");
            }
        }
    }
}
