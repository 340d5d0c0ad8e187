using System.Collections.Generic;
using Xen.Shm.Diagnostics;

namespace Xen.Shm.Topology.Yaml
{
    /// <summary>
    /// The <c>eventChannels:</c> list: <c>- ends: [ { domain, port? }, { domain, port? } ]</c>, one entry per
    /// channel (a pair of domains declares its channel once; both nodes are generated from it).
    /// </summary>
    internal static class EventChannelReader
    {
        public static IReadOnlyList<EventChannel> ReadAll(MappingReader top, ReadContext ctx)
        {
            var channels = new List<EventChannel>();
            foreach (var map in top.Mappings("eventChannels", "{ ends: [ { domain, port }, { domain, port } ] }"))
            {
                var r = new MappingReader(map, "an event channel", Keys.EventChannel, ctx);
                var ends = new List<EventChannelEnd>();
                foreach (var endMap in r.Mappings("ends", "{ domain, port }", required: true))
                {
                    var e = new MappingReader(endMap, "an event channel end", Keys.EventChannelEnd, ctx);
                    var domain = e.String("domain", required: true);
                    var port = e.Number("port");
                    if (domain is { } d) ends.Add(new EventChannelEnd(d, port, endMap.Span));
                }
                if (r.Has("ends") && r.Node("ends") is YamlSequenceAt seq && seq.Items.Count != 2)
                {
                    ctx.Report(DiagnosticCodes.EventChannelEnds, seq.Span,
                        $"an event channel joins exactly two ends (one per domain), not {seq.Items.Count}: declare one entry per pair");
                    continue;
                }
                if (ends.Count == 2) channels.Add(new EventChannel(channels.Count, ends[0], ends[1], map.Span));
            }
            return channels;
        }
    }
}
