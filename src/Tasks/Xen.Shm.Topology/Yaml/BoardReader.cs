using System.Collections.Generic;
using System.Linq;
using System.Text.RegularExpressions;
using Xen.Shm.Diagnostics;

namespace Xen.Shm.Topology.Yaml
{
    /// <summary>Positioned YAML tree → <see cref="Board"/>; every YAML-level problem becomes an XSHM1xxx diagnostic.</summary>
    internal static class BoardReader
    {
        private static readonly Regex VersionPattern = new Regex(@"^([0-9]{1,3})\.([0-9]{1,3})\z", RegexOptions.CultureInvariant);

        /// <summary>The board, or null when the document is not a mapping or lacks the <c>xen</c>/<c>host</c> sections.</summary>
        public static Board? Read(YamlNodeAt root, string yamlPath, DiagnosticBag diagnostics, IEnumerable<BuildImage>? buildImages = null)
        {
            var ctx = new ReadContext(yamlPath, diagnostics, buildImages);
            var map = MappingReader.AsMapping(root, $"the topology (keys {string.Join(", ", Keys.Top)})", ctx);
            if (map is null) return null;
            var top = new MappingReader(map, "the topology", Keys.Top, ctx);

            var xenMap = top.Mapping("xen", required: true);
            var xen = xenMap is null ? null : ReadXen(xenMap, ctx);
            var hostMap = top.Mapping("host", required: true);
            var host = hostMap is null ? null : HostReader.Read(hostMap, ctx);

            var domainsNode = top.Node("domains", required: true);
            var domains = DomainReader.ReadAll(top, ctx, out var skippedNames);
            var regions = RegionReader.ReadAll(top, ctx);
            var channels = EventChannelReader.ReadAll(top, ctx);
            var cpupools = CpupoolReader.ReadAll(top, ctx);
            ctx.Images.ReportUnused(domains.Select(d => d.Name.Value).ToList(), skippedNames, diagnostics);

            if (xen is null || host is null || domainsNode is null) return null;
            return new Board(yamlPath, xen, host, domains, regions, ctx.Files) { UnreadableDomains = skippedNames, DomainsSpan = top.KeySpan("domains"), HostSpan = top.KeySpan("host"),
                EventChannels = channels, Cpupools = cpupools };
        }

        private static XenTarget? ReadXen(YamlMappingAt map, ReadContext ctx)
        {
            var r = new MappingReader(map, "'xen'", Keys.Xen, ctx);
            var flavour = r.Choice("flavour", Keys.Flavours, required: true);
            var versionText = r.String("version", required: true);
            Spanned<XenVersion>? version = null;
            if (versionText is { } vt)
            {
                var m = VersionPattern.Match(vt.Value);
                if (m.Success)
                    version = new Spanned<XenVersion>(new XenVersion(int.Parse(m.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture),
                        int.Parse(m.Groups[2].Value, System.Globalization.CultureInfo.InvariantCulture)), vt.Span);
                else
                    ctx.Report(DiagnosticCodes.InvalidVersion, vt.Span, $"Xen version '{vt.Value}' must be MAJOR.MINOR, e.g. \"4.17\" (quote it)");
            }
            var imagePath = r.String("image", required: !ctx.Images.Has(null, BuildImageRoles.Xen));
            var image = ctx.ResolveImage(imagePath, null, BuildImageRoles.Xen, FileRole.Xen);
            var bootargs = r.String("bootargs");
            if (flavour is null || version is null) return null;
            return new XenTarget(flavour.Value, version.Value, image, bootargs, map.Span)
            {
                StaticHeap = DomainReader.Banks(r, "staticHeap", "a static heap bank", ctx),
                StaticHeapSpan = r.Has("staticHeap") ? r.KeySpan("staticHeap") : (SourceSpan?)null,
                LlcColors = r.String("llcColors"),
            };
        }
    }
}
