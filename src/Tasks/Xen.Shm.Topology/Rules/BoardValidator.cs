using Xen.Shm.Diagnostics;

namespace Xen.Shm.Topology.Rules
{
    /// <summary>
    /// Runs every rule family of spec §11 over a board; each XSHM code is raised by exactly one
    /// family. All families run (independent problems are all reported); the loader sorts the
    /// diagnostics into document order. XSHM2601 (boot files do not fit) needs file sizes and the
    /// load planner, so the generation layer raises it.
    /// </summary>
    internal static class BoardValidator
    {
        public static void Validate(Board board, DiagnosticBag diagnostics)
        {
            var ctx = new RuleContext(board, diagnostics);
            AddressRules.Check(ctx);          // 2001 2002 2003 2004
            HostRangeRules.Check(ctx);        // 2005 2012 2013 2017
            GuestWindowRules.Check(ctx);      // 2006 2007 2008 2014 2015
            ParticipantRules.Check(ctx);      // 2009 2018 2019
            TargetRules.Check(ctx);           // 2010
            RegionIdRules.Check(ctx);         // 2011
            IomemEntryRules.Check(ctx);       // 2016
            UioRules.Check(ctx);              // 2201 2202 2203
            StaticShmRules.Check(ctx);        // 2301–2312
            MmioSramRules.Check(ctx);         // 2401
            DomainShmRules.Check(ctx);        // 2501–2505
            BootRules.Check(ctx);             // 2602 2603
            StaticMemRules.Check(ctx);        // 2020–2023
            StaticHeapRules.Check(ctx);       // 2080–2085
            LlcColorRules.Check(ctx);         // 2086–2089
            Dom0CommandLineRules.Check(ctx);  // 2024
            OutputPathRules.Check(ctx);       // 1027 1028 1029 1032
            EventChannelRules.Check(ctx);     // 2061–2065
            CpupoolRules.Check(ctx);          // 2071–2075
        }
    }
}
