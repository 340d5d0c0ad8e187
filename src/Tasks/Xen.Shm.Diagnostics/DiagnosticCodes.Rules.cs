namespace Xen.Shm.Diagnostics
{
    // XSHM2001–XSHM2603: the validation rules of ../shared/spec/xen-shared-memory.md §11, codes fixed by the spec.
    public static partial class DiagnosticCodes
    {
        public static readonly DiagnosticDescriptor NotPageAligned = new("XSHM2001", Severity.Error, "address, guest address, offset or size not a multiple of 4 KiB");
        public static readonly DiagnosticDescriptor ZeroSize = new("XSHM2002", Severity.Error, "size is zero");
        public static readonly DiagnosticDescriptor RangeWraps = new("XSHM2003", Severity.Error, "range wraps past 2^64");
        public static readonly DiagnosticDescriptor DoesNotFitCells = new("XSHM2004", Severity.Error, "value does not fit the device-tree cells available");
        public static readonly DiagnosticDescriptor HostRangesOverlap = new("XSHM2005", Severity.Error, "host ranges overlap (each other, board reserved-memory, boot modules)");
        public static readonly DiagnosticDescriptor GuestWindowsOverlap = new("XSHM2006", Severity.Error, "guest windows of one domain overlap");
        public static readonly DiagnosticDescriptor GuestWindowInRam = new("XSHM2007", Severity.Error, "guest window overlaps the domain's guest RAM");
        public static readonly DiagnosticDescriptor GuestWindowInFixedWindow = new("XSHM2008", Severity.Error, "guest window hits a fixed guest window or passes 1 TiB");
        public static readonly DiagnosticDescriptor ParticipantNotAllowed = new("XSHM2009", Severity.Error, "unknown participant or participant kind not allowed by the mechanism");
        public static readonly DiagnosticDescriptor NotInTargetXen = new("XSHM2010", Severity.Error, "mechanism or option not available in the target Xen (flavour, version)");
        public static readonly DiagnosticDescriptor DuplicateRegionId = new("XSHM2011", Severity.Error, "duplicate region id");
        public static readonly DiagnosticDescriptor HostRangeNotInRam = new("XSHM2012", Severity.Error, "host range not inside one host RAM bank");
        public static readonly DiagnosticDescriptor HostRangeStraddlesBank = new("XSHM2013", Severity.Error, "host range straddles a RAM bank boundary");
        public static readonly DiagnosticDescriptor GuestWindowInExtendedRegion = new("XSHM2014", Severity.Warning, "guest window inside an advertised extended region");
        public static readonly DiagnosticDescriptor DirectMapMismatch = new("XSHM2015", Severity.Error, "direct-mapped participant with guest address different from host address");
        public static readonly DiagnosticDescriptor BadIomemEntry = new("XSHM2016", Severity.Error, "user iomem entry does not follow xl's grammar");
        public static readonly DiagnosticDescriptor CarveEmptiesMemoryNode = new("XSHM2017", Severity.Error, "carve-out empties a memory node");
        public static readonly DiagnosticDescriptor DomainListedTwice = new("XSHM2018", Severity.Error, "a domain listed twice in one region");
        public static readonly DiagnosticDescriptor FewParticipantsOrMixedCacheability = new("XSHM2019", Severity.Warning, "region with fewer than 2 participants, or mixed cacheability");

        // XSHM2020–2039: static memory (xen,static-mem); not in the spec, Xen's own rules (src/Tasks/Xen.Shm.Topology/README.md).
        public static readonly DiagnosticDescriptor DirectMapWithoutStaticMem = new("XSHM2020", Severity.Error, "directMap on a dom0less domain without staticMem");
        public static readonly DiagnosticDescriptor StaticMemNotInRam = new("XSHM2021", Severity.Error, "static memory bank not inside one host RAM bank");
        public static readonly DiagnosticDescriptor StaticMemOverlap = new("XSHM2022", Severity.Error, "static memory bank overlaps another static memory bank, a region's host range or board reserved memory");
        public static readonly DiagnosticDescriptor StaticMemTotal = new("XSHM2023", Severity.Error, "static memory banks do not add up to the domain's memory");
        public static readonly DiagnosticDescriptor Dom0CommandLineConflict = new("XSHM2024", Severity.Error, "dom0 memory or vcpus differ from dom0_mem or dom0_max_vcpus in xen.bootargs");

        public static readonly DiagnosticDescriptor UioCompatibleMismatch = new("XSHM2201", Severity.Error, "UIO regions with different compatible strings");
        public static readonly DiagnosticDescriptor UioCompatibleUnsafe = new("XSHM2202", Severity.Error, "UIO compatible empty or with characters unsafe on the kernel command line");
        public static readonly DiagnosticDescriptor UioOfIdConflict = new("XSHM2203", Severity.Error, "dom0 bootargs already name a different uio_pdrv_genirq.of_id");

        public static readonly DiagnosticDescriptor StaticShmIdChars = new("XSHM2301", Severity.Error, "static_shm id not [A-Za-z0-9_]+");
        public static readonly DiagnosticDescriptor StaticShmIdTooLong = new("XSHM2302", Severity.Error, "static_shm id longer than 128 characters");
        public static readonly DiagnosticDescriptor StaticShmNoOwner = new("XSHM2303", Severity.Error, "static_shm id without owner");
        public static readonly DiagnosticDescriptor StaticShmSeveralOwners = new("XSHM2304", Severity.Error, "static_shm id with several owners");
        public static readonly DiagnosticDescriptor StaticShmOffsetOnOwner = new("XSHM2305", Severity.Error, "offset on an owner");
        public static readonly DiagnosticDescriptor StaticShmCachePolicyOnBorrower = new("XSHM2306", Severity.Error, "cache_policy on a borrower");
        public static readonly DiagnosticDescriptor StaticShmCachePolicy = new("XSHM2307", Severity.Error, "cache_policy other than ARM_normal");
        public static readonly DiagnosticDescriptor StaticShmProt = new("XSHM2308", Severity.Error, "prot other than rw");
        public static readonly DiagnosticDescriptor StaticShmBorrowerExceedsOwner = new("XSHM2309", Severity.Error, "borrower window exceeds the owner's region");
        public static readonly DiagnosticDescriptor StaticShmOwnerOutsideRam = new("XSHM2310", Severity.Error, "owner range outside the owner's guest RAM");
        public static readonly DiagnosticDescriptor StaticShmCreationCycle = new("XSHM2311", Severity.Error, "creation-order cycle");
        public static readonly DiagnosticDescriptor StaticShmInvalidRole = new("XSHM2312", Severity.Error, "invalid role");
        public static readonly DiagnosticDescriptor StaticShmBorrowerNodeAtOffset = new("XSHM2313", Severity.Warning, "static_shm borrower with an offset: xl's guest node names begin + offset, not where the pages are mapped");

        public static readonly DiagnosticDescriptor SramDom0NotAllowed = new("XSHM2401", Severity.Error, "dom0 listed as peer of a region with dom0Access false");

        public static readonly DiagnosticDescriptor DomainShmIdTooLong = new("XSHM2501", Severity.Error, "shm id longer than 15 bytes");
        public static readonly DiagnosticDescriptor DomainShmIdChars = new("XSHM2502", Severity.Error, "shm id has characters not valid in a node name");
        public static readonly DiagnosticDescriptor DomainShmSeveralOwners = new("XSHM2503", Severity.Error, "shm region with several owners");
        public static readonly DiagnosticDescriptor DomainShmHostMissing = new("XSHM2504", Severity.Error, "host address missing while a participant is direct-mapped");
        public static readonly DiagnosticDescriptor DomainShmTooMany = new("XSHM2505", Severity.Error, "more than 32 static shm regions");

        public static readonly DiagnosticDescriptor BootFilesDoNotFit = new("XSHM2601", Severity.Error, "not enough memory for the boot files");
        public static readonly DiagnosticDescriptor NothingToBoot = new("XSHM2602", Severity.Error, "neither dom0 nor dom0less domU to boot");
        public static readonly DiagnosticDescriptor DomainMemoryInvalid = new("XSHM2603", Severity.Error, "domain memory missing, zero, not MiB-granular, or above the guest RAM maximum");
    }
}
