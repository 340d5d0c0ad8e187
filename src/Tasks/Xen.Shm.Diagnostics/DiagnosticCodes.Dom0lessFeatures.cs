namespace Xen.Shm.Diagnostics
{
    // XSHM2060–XSHM2079: static event channels and boot-time cpupools; not in the spec, Xen's own rules
    // (src/Tasks/Xen.Shm.Topology/README.md, "Static event channels" and "Cpupools").
    public static partial class DiagnosticCodes
    {
        public static readonly DiagnosticDescriptor EventChannelEnds = new("XSHM2060", Severity.Error, "an event channel does not join exactly two ends");
        public static readonly DiagnosticDescriptor EventChannelDomain = new("XSHM2061", Severity.Error, "event channel end names an unknown domain, an xl domain, or both ends are one domain");
        public static readonly DiagnosticDescriptor EventChannelPortRange = new("XSHM2062", Severity.Error, "event channel port 0 or above the domain's highest port");
        public static readonly DiagnosticDescriptor EventChannelPortClash = new("XSHM2063", Severity.Error, "event channel port used twice in one domain, or taken by Xen's xenstore channel");
        public static readonly DiagnosticDescriptor EventChannelNotEnhanced = new("XSHM2064", Severity.Error, "event channel end on a dom0less domain without the event-channel interface (enhanced: false)");
        public static readonly DiagnosticDescriptor EventChannelTarget = new("XSHM2065", Severity.Error, "static event channels need Xen 4.17 or later");

        public static readonly DiagnosticDescriptor CpupoolWithoutCpus = new("XSHM2070", Severity.Error, "cpupool without CPUs");
        public static readonly DiagnosticDescriptor CpupoolDuplicateName = new("XSHM2071", Severity.Error, "two cpupools with one name");
        public static readonly DiagnosticDescriptor CpupoolUnknown = new("XSHM2072", Severity.Error, "a domain names a cpupool that is not declared");
        public static readonly DiagnosticDescriptor CpupoolCpuTwice = new("XSHM2073", Severity.Error, "a CPU in two cpupools, or twice in one");
        public static readonly DiagnosticDescriptor CpupoolScheduler = new("XSHM2074", Severity.Error, "cpupool scheduler not one Xen knows");
        public static readonly DiagnosticDescriptor CpupoolTarget = new("XSHM2075", Severity.Error, "boot-time cpupools need Xen 4.17 or later");
        public static readonly DiagnosticDescriptor CpupoolCpuNotFound = new("XSHM2076", Severity.Error, "cpupool CPU is not a CPU node with reg in the board device tree");
    }
}
