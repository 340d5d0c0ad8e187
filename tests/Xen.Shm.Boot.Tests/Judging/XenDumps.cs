using System.Globalization;
using System.Text.RegularExpressions;

namespace Xen.Shm.Boot.Tests.Judging;

/// <summary>One port of Xen's 'e' dump: pending and masked bits, state (ECS_*), and the remote end when interdomain.</summary>
public sealed record EvtchnPort(int Domain, int Port, bool Pending, bool Masked, int State, int? RemoteDomain, int? RemotePort)
{
    /// <summary>xen/include/xen/sched.h ECS_INTERDOMAIN.</summary>
    public const int Interdomain = 3;
}

/// <summary>
/// Reads Xen's debug-key dumps from a serial log (Xen 4.17–4.21 formats): 'e' (xen/common/event_channel.c
/// domain_dump_evtchn_info: "Event channel information for domain %d:", then "%4u [%d/%d/...]: s=%d n=%d x=%d
/// d=%d p=%d"), 'q' (xen/common/keyhandler.c: "General information for domain %u:", "VCPU%d: CPU%d") and 'r'
/// (xen/common/sched/cpupool.c dump_runq: "Cpupool %u:", "Cpus: %*pbl", then the scheduler's "Scheduler: ...").
/// </summary>
public static class XenDumps
{
    private static readonly Regex EvtchnDomain = new(@"Event channel information for domain (\d+):", RegexOptions.CultureInvariant);
    private static readonly Regex EvtchnLine = new(@"^\s*(\d+) \[(\d)/(\d)/[^\]]*\]: s=(\d+) n=\d+ x=\d+(?: d=(\d+) p=(\d+))?", RegexOptions.CultureInvariant);
    private static readonly Regex DomainInfo = new(@"General information for domain (\d+):", RegexOptions.CultureInvariant);
    private static readonly Regex Vcpu = new(@"VCPU(\d+): CPU(\d+) ", RegexOptions.CultureInvariant);

    /// <summary>Xen's "(XEN) [ timestamp] " prefix removed.</summary>
    private static string Body(string line)
    {
        int at = line.IndexOf("(XEN)", StringComparison.Ordinal);
        if (at < 0) return line;
        var rest = line[(at + 5)..].TrimStart();
        if (rest.StartsWith('[')) rest = rest[(rest.IndexOf(']') + 1)..];
        return rest;
    }

    /// <summary>Every port of the last 'e' dump in the log.</summary>
    public static IReadOnlyList<EvtchnPort> EventChannels(string log)
    {
        var lines = log.Split('\n');
        int start = Array.FindLastIndex(lines, l => l.Contains("'e' pressed -> dumping event-channel info", StringComparison.Ordinal));
        var ports = new List<EvtchnPort>();
        if (start < 0) return ports;
        int domain = -1;
        foreach (var raw in lines.Skip(start + 1))
        {
            var line = Body(raw.TrimEnd('\r'));
            if (EvtchnDomain.Match(line) is { Success: true } d) { domain = Int(d.Groups[1]); continue; }
            if (line.Contains("pressed ->", StringComparison.Ordinal)) break;
            var m = EvtchnLine.Match(line);
            if (!m.Success || domain < 0) continue;
            ports.Add(new EvtchnPort(domain, Int(m.Groups[1]), m.Groups[2].Value == "1", m.Groups[3].Value == "1", Int(m.Groups[4]),
                m.Groups[5].Success ? Int(m.Groups[5]) : null, m.Groups[6].Success ? Int(m.Groups[6]) : null));
        }
        return ports;
    }

    /// <summary>The physical CPU of each vCPU of <paramref name="domain"/> in the last 'q' dump.</summary>
    public static IReadOnlyList<int> VcpuCpus(string log, int domain)
    {
        var cpus = new List<int>();
        int current = -1;
        foreach (var raw in log.Split('\n'))
        {
            var line = Body(raw);
            if (DomainInfo.Match(line) is { Success: true } d)
            {
                current = Int(d.Groups[1]);
                if (current == domain) cpus.Clear();
                continue;
            }
            if (current == domain && Vcpu.Match(line) is { Success: true } v) cpus.Add(Int(v.Groups[2]));
        }
        return cpus;
    }

    /// <summary>The 'r' dump's pools: id → (its "Cpus:" list, its "Scheduler:" line).</summary>
    public static IReadOnlyDictionary<int, (string Cpus, string Scheduler)> Cpupools(string log)
    {
        var pools = new Dictionary<int, (string, string)>();
        int current = -1;
        string cpus = "";
        foreach (var raw in log.Split('\n'))
        {
            var line = Body(raw.TrimEnd('\r')).Trim();
            if (line.StartsWith("Cpupool ", StringComparison.Ordinal) && line.EndsWith(':'))
            {
                current = int.Parse(line["Cpupool ".Length..^1], CultureInfo.InvariantCulture);
                cpus = "";
            }
            else if (current >= 0 && line.StartsWith("Cpus: ", StringComparison.Ordinal)) cpus = line["Cpus: ".Length..];
            else if (current >= 0 && line.StartsWith("Scheduler: ", StringComparison.Ordinal))
            {
                pools[current] = (cpus, line["Scheduler: ".Length..]);
                current = -1;
            }
        }
        return pools;
    }

    private static readonly Regex LlcColours = new(@"^(\d+) LLC colors: \{ (.*) \}$", RegexOptions.CultureInvariant);
    private static readonly Regex ColourHeapLine = new(@"^Color heap\[(\d+)\]: (\d+) pages$", RegexOptions.CultureInvariant);
    private static readonly Regex HeapZone = new(@"^heap\[node=0\]\[zone=(\d+)\] -> (\d+) pages$", RegexOptions.CultureInvariant);

    /// <summary>Each domain's LLC colours in the last 'q' dump (Xen 4.20+ xen/common/llc-coloring.c
    /// domain_dump_llc_colors: "%u LLC colors: " then print_colors' "{ 1-15 }"), as domain → "1-15".</summary>
    public static IReadOnlyDictionary<int, string> DomainLlcColours(string log)
    {
        var colours = new Dictionary<int, string>();
        int current = -1;
        foreach (var raw in log.Split('\n'))
        {
            var line = Body(raw.TrimEnd('\r')).Trim();
            if (DomainInfo.Match(line) is { Success: true } d) { current = Int(d.Groups[1]); continue; }
            if (current >= 0 && LlcColours.Match(line) is { Success: true } c) colours[current] = c.Groups[2].Value.Replace(" ", "", StringComparison.Ordinal);
        }
        return colours;
    }

    /// <summary>The last 'H' dump's colour heap (xen/common/page_alloc.c dump_color_heap: "Color heap[%u]: %lu pages",
    /// colours with free pages only), as colour → free pages.</summary>
    public static IReadOnlyDictionary<int, long> ColourHeap(string log) => LastHeapDump(log, ColourHeapLine);

    /// <summary>The last 'H' dump's buddy allocator zones of node 0 ("heap[node=0][zone=%d] -> %lu pages"), as zone →
    /// free pages; zone z holds the frames whose highest set bit is bit z - 1 (page_alloc.c page_to_zone: flsl(mfn)), so
    /// zone 19 is host RAM [1 GiB, 2 GiB) and zone 20 [2 GiB, 4 GiB).</summary>
    public static IReadOnlyDictionary<int, long> BuddyZones(string log) => LastHeapDump(log, HeapZone);

    private static IReadOnlyDictionary<int, long> LastHeapDump(string log, Regex pattern)
    {
        var lines = log.Split('\n');
        int start = Array.FindLastIndex(lines, l => l.Contains("'H' pressed -> dumping heap info", StringComparison.Ordinal));
        var found = new Dictionary<int, long>();
        if (start < 0) return found;
        foreach (var raw in lines.Skip(start + 1))
        {
            var line = Body(raw.TrimEnd('\r')).Trim();
            if (line.Contains("pressed ->", StringComparison.Ordinal)) break;
            if (pattern.Match(line) is { Success: true } m)
                found[Int(m.Groups[1])] = long.Parse(m.Groups[2].Value, CultureInfo.InvariantCulture);
        }
        return found;
    }

    private static int Int(Group g) => int.Parse(g.Value, CultureInfo.InvariantCulture);
}
