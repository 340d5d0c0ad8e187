using System;
using System.Collections.Generic;
using System.Text.RegularExpressions;
using Xen.Shm.Diagnostics;

namespace Xen.Shm.Topology.Yaml
{
    /// <summary>The <c>domains:</c> list.</summary>
    internal static class DomainReader
    {
        /// <summary>spec §10.2: dom0less domU node names are the topology names: 1–31 of [A-Za-z0-9,._+-].</summary>
        private static readonly Regex NodeName = new Regex(@"^[A-Za-z0-9,._+\-]{1,31}\z", RegexOptions.CultureInvariant);

        public static IReadOnlyList<Domain> ReadAll(MappingReader top, ReadContext ctx, out IReadOnlyCollection<string> unreadable)
        {
            var domains = new List<Domain>();
            var skipped = new HashSet<string>(StringComparer.Ordinal);
            var seen = new Dictionary<string, SourceSpan>(StringComparer.Ordinal);
            Domain? dom0 = null;
            foreach (var map in top.Mappings("domains", "{ name, kind, ... }"))
            {
                var d = Read(map, domains.Count, ctx, out var name);
                if (name is { } n)
                {
                    if (seen.TryGetValue(n.Value, out var first))
                    {
                        ctx.Report(DiagnosticCodes.DuplicateDomainName, n.Span, $"domain '{n.Value}' is already declared", first);
                        continue;
                    }
                    seen[n.Value] = n.Span;
                }
                if (d is null)
                {
                    if (name is { } sn) skipped.Add(sn.Value);
                    continue;
                }
                if (d.Kind.Value == DomainKind.Dom0)
                {
                    if (dom0 is not null)
                    {
                        ctx.Report(DiagnosticCodes.SeveralDom0, d.Kind.Span, $"'{d.Name.Value}' is a second dom0", dom0.Kind.Span);
                        skipped.Add(d.Name.Value);
                        continue;
                    }
                    dom0 = d;
                }
                domains.Add(d);
            }
            unreadable = skipped;
            return domains;
        }

        private static Domain? Read(YamlMappingAt map, int index, ReadContext ctx, out Spanned<string>? name)
        {
            var r = new MappingReader(map, "a domain", Keys.Domain, ctx);
            name = r.String("name", required: true);
            if (name is { } n && !NodeName.IsMatch(n.Value))
                ctx.Report(DiagnosticCodes.InvalidDomainName, n.Span,
                    $"domain name '{n.Value}' must be 1-31 characters of A-Z a-z 0-9 , . _ + - (it names a device-tree node and files)");
            var kind = r.Choice("kind", Keys.Kinds, required: true);
            if (name is null || kind is null) return null;
            string dn = name.Value.Value;

            switch (kind.Value.Value)
            {
                case DomainKind.Dom0:
                    foreach (var k in new[] { "deviceTree", "extraIomem", "irqs", "passthrough", "directMap", "staticMem", "enhanced", "vpl011" })
                        r.Forbid(k, "on dom0");
                    // Xen puts dom0 in Pool-0, the pool that holds the boot CPU (xen/common/sched/boot-cpupool.c).
                    foreach (var k in new[] { "cpupool" })
                        r.Forbid(k, "on dom0");
                    break;
                case DomainKind.Xl:
                    foreach (var k in new[] { "directMap", "staticMem", "enhanced", "vpl011", "xlDir", "cpupool", "llcColors" })
                        r.Forbid(k, "on an xl domain (it is a dom0less or dom0 setting)");
                    break;
                default:
                    foreach (var k in new[] { "extraIomem", "irqs", "xlDir" })
                        r.Forbid(k, "on a dom0less domain (it is an xl or dom0 setting)");
                    break;
            }

            var memory = r.Number("memory");
            var vcpus = r.Int("vcpus", 1, 128);
            bool isDom0 = kind.Value.Value == DomainKind.Dom0;
            // Each file may come from the build instead (XenShmDomainImage): then the YAML key is optional.
            BoardFile? kernel = ctx.ResolveImage(r.String("kernel", required: !ctx.Images.Has(dn, BuildImageRoles.Kernel)), dn,
                BuildImageRoles.Kernel, isDom0 ? FileRole.Dom0Kernel : FileRole.DomUKernel);
            BoardFile? ramdisk = ctx.ResolveImage(r.String("ramdisk"), dn, BuildImageRoles.Ramdisk, isDom0 ? FileRole.Dom0Ramdisk : FileRole.DomURamdisk);
            BoardFile? partial = isDom0 ? null : ctx.ResolveImage(r.String("deviceTree"), dn, BuildImageRoles.DeviceTree, FileRole.DomUDeviceTree);
            if (partial is not null) partial.Preprocessing = PreprocessingReader.Read(r, ctx);
            else PreprocessingReader.ForbidWithoutTree(r, ctx);
            var bootargs = r.String("bootargs");
            var extraIomem = kind.Value.Value == DomainKind.Xl ? r.Strings("extraIomem") : Array.Empty<Spanned<string>>();
            var irqs = kind.Value.Value == DomainKind.Xl ? r.UInts("irqs") : Array.Empty<Spanned<uint>>();
            var passthrough = isDom0 ? Array.Empty<Spanned<string>>() : r.Strings("passthrough");
            bool dom0less = kind.Value.Value == DomainKind.Dom0less;
            var directMap = dom0less ? r.Bool("directMap") : null;
            var staticMem = dom0less ? StaticMem(r, ctx) : null;
            var enhanced = dom0less ? r.Bool("enhanced") : null;
            var vpl011 = dom0less ? r.Bool("vpl011") : null;
            var xlDir = isDom0 ? r.String("xlDir") : null;

            var cpupool = dom0less ? r.String("cpupool") : null;

            return new Domain(index, name.Value, kind.Value, memory, vcpus, kernel, ramdisk, partial, bootargs, extraIomem, irqs, passthrough,
                directMap, enhanced, vpl011, xlDir, map.Span, staticMem, r.Has("staticMem") ? r.KeySpan("staticMem") : (SourceSpan?)null)
            { Cpupool = cpupool, LlcColors = kind.Value.Value != DomainKind.Xl ? r.String("llcColors") : null };
        }

        /// <summary><c>staticMem: [ { base, size } ]</c>; banks with a missing value are left out (XSHM1007 said why).</summary>
        private static IReadOnlyList<StaticMemBank> StaticMem(MappingReader r, ReadContext ctx) => Banks(r, "staticMem", "a static memory bank", ctx);

        /// <summary>A <c>[ { base, size } ]</c> list (staticMem, xen.staticHeap).</summary>
        internal static IReadOnlyList<StaticMemBank> Banks(MappingReader r, string key, string what, ReadContext ctx)
        {
            var banks = new List<StaticMemBank>();
            foreach (var bankMap in r.Mappings(key, "{ base, size }"))
            {
                var b = new MappingReader(bankMap, what, Keys.StaticMemBank, ctx);
                var @base = b.Number("base", required: true);
                var size = b.Number("size", required: true);
                if (@base is { } bv && size is { } sv) banks.Add(new StaticMemBank(bv, sv, bankMap.Span));
            }
            return banks;
        }
    }
}
