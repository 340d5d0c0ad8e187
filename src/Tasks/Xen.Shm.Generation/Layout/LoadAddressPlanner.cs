using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using Xen.Shm.Diagnostics;
using Xen.Shm.Topology;

namespace Xen.Shm.Generation.Layout
{
    /// <summary>
    /// Load addresses for the boot files, spec §10.3 (ImageBuilder uboot-script-gen, refined):
    /// 2 MiB steps from max(MEMORY_START + 2 MiB, 0xC00000) (aligned up to 2 MiB); that slot holds
    /// boot.scr, files follow in §10.3 order, each at the current address A, the next address
    /// being align_up(A + size, 2 MiB). A file touching a reserved range moves to
    /// align_up(range end, 2 MiB) and is checked again against all ranges; the boot.scr slot
    /// obeys the same rule. A file must lie inside one host RAM bank and end at or below
    /// MEMORY_END; one that would cross a bank end or sit in a gap moves to the next bank's
    /// base (aligned up). Nothing fits: XSHM2601 naming the file.
    /// </summary>
    public static class LoadAddressPlanner
    {
        public const ulong Step = 0x200000;
        public const ulong LowestBootScriptAddress = 0xC00000;
        public const string BootScriptName = "boot.scr";

        /// <summary>The plan, or null after reporting XSHM2601.</summary>
        public static LoadPlan? Plan(LoadLayout layout, IEnumerable<BootFile> files, DiagnosticBag diagnostics, SourceSpan span = default)
        {
            if (layout is null) throw new ArgumentNullException(nameof(layout));
            if (files is null) throw new ArgumentNullException(nameof(files));
            if (diagnostics is null) throw new ArgumentNullException(nameof(diagnostics));

            var banks = NonEmptyByBase(layout.RamBanks);
            if (banks.Count == 0)
            {
                diagnostics.Add(DiagnosticCodes.BootFilesDoNotFit, span, "not enough memory to place the boot files: no host RAM");
                return null;
            }

            ulong memoryStart = layout.MemoryStart ?? banks[0].Base;
            ulong memoryEnd = layout.MemoryEnd ?? banks[banks.Count - 1].End;
            var reserved = NonEmpty(layout.Reserved);

            // max(MEMORY_START + 2 MiB, 0xC00000), kept 2 MiB aligned (arm64 Images need it).
            ulong? start = memoryStart > ulong.MaxValue - Step ? null : AlignUp(Math.Max(memoryStart + Step, LowestBootScriptAddress));
            var ctx = new Context(banks, reserved, memoryEnd);

            var scriptSlot = new BootFile(BootScriptName, BootFileRole.Auxiliary, Step) { Span = span };
            ulong? scriptAt = start is ulong s0 ? ctx.Place(s0, Step) : null;
            if (scriptAt is null) return Fail(diagnostics, scriptSlot, memoryEnd);

            ulong? next = Next(scriptAt.Value, Step);
            var placed = new List<PlacedFile>();
            foreach (var file in Order(files))
            {
                ulong size = Math.Max(file.MemorySize, 1UL);
                ulong? at = next is ulong n ? ctx.Place(n, size) : null;
                if (at is null) return Fail(diagnostics, file, memoryEnd);
                placed.Add(new PlacedFile(file, at.Value));
                next = Next(at.Value, size);
            }

            return new LoadPlan(scriptAt.Value, placed);
        }

        /// <summary>
        /// The first 2 MiB-aligned address at or after <paramref name="from"/> where <paramref name="size"/> bytes
        /// fit by the same rules as the boot files (RAM banks, reserved ranges, MEMORY_END), or null: where
        /// the FIT image goes after the plan (ImageBuilder uboot-script-gen puts it after the last file too).
        /// </summary>
        public static ulong? PlaceAfter(LoadLayout layout, ulong from, ulong size)
        {
            if (layout is null) throw new ArgumentNullException(nameof(layout));
            var banks = NonEmptyByBase(layout.RamBanks);
            if (banks.Count == 0 || AlignUpChecked(from) is not ulong start) return null;
            ulong memoryEnd = layout.MemoryEnd ?? banks[banks.Count - 1].End;
            return new Context(banks, NonEmpty(layout.Reserved), memoryEnd).Place(start, Math.Max(size, 1UL));
        }

        // Loops and Sorted.By, not LINQ: LINQ over AddressRange JIT-compiles ~20 framework generics per cold build (issue 21).
        private static List<AddressRange> NonEmpty(IReadOnlyList<AddressRange> ranges)
        {
            var nonEmpty = new List<AddressRange>(ranges.Count);
            for (int i = 0; i < ranges.Count; i++)
                if (!ranges[i].IsEmpty) nonEmpty.Add(ranges[i]);
            return nonEmpty;
        }

        private static List<AddressRange> NonEmptyByBase(IReadOnlyList<AddressRange> ranges) =>
            new List<AddressRange>(Sorted.By(NonEmpty(ranges), (a, b) => a.Base.CompareTo(b.Base)));

        /// <summary>§10.3 order, stable for equal keys (e.g. several overlays keep their order).</summary>
        public static IReadOnlyList<BootFile> Order(IEnumerable<BootFile> files) =>
            Sorted.By(files.ToList(), (a, b) =>
            {
                int c = Rank(a.Role).CompareTo(Rank(b.Role));
                if (c == 0) c = (IsDomU(a.Role) ? a.DomainIndex : 0).CompareTo(IsDomU(b.Role) ? b.DomainIndex : 0);
                return c != 0 ? c : ((int)a.Role).CompareTo((int)b.Role);
            });

        private static int Rank(BootFileRole role)
        {
            switch (role)
            {
                case BootFileRole.Dom0Kernel: return 0;
                case BootFileRole.Dom0Ramdisk: return 1;
                case BootFileRole.DomUKernel:
                case BootFileRole.DomURamdisk:
                case BootFileRole.DomUDeviceTree: return 2;
                case BootFileRole.Xen: return 3;
                case BootFileRole.XenRunArea: return 4;
                case BootFileRole.HostDtbOverlay: return 5;
                case BootFileRole.HostDtb: return 6;
                case BootFileRole.Bitstream: return 7;
                default: return 8;
            }
        }

        private static bool IsDomU(BootFileRole role) =>
            role == BootFileRole.DomUKernel || role == BootFileRole.DomURamdisk || role == BootFileRole.DomUDeviceTree;

        private static LoadPlan? Fail(DiagnosticBag diagnostics, BootFile file, ulong memoryEnd)
        {
            diagnostics.Add(DiagnosticCodes.BootFilesDoNotFit, file.Span,
                $"not enough memory to place the boot files: '{file.Name}' (0x{file.MemorySize.ToString("x", CultureInfo.InvariantCulture)} bytes) " +
                $"does not fit in host RAM below MEMORY_END 0x{memoryEnd.ToString("x", CultureInfo.InvariantCulture)} after the files before it and the reserved ranges");
            return null;
        }

        private static ulong? Next(ulong at, ulong size) => at > ulong.MaxValue - size ? null : AlignUpChecked(at + size);

        private static ulong AlignUp(ulong v) => AlignUpChecked(v) ?? ulong.MaxValue;

        private static ulong? AlignUpChecked(ulong v)
        {
            ulong rem = v % Step;
            if (rem == 0) return v;
            ulong add = Step - rem;
            return v > ulong.MaxValue - add ? (ulong?)null : v + add;
        }

        private sealed class Context
        {
            private readonly List<AddressRange> _banks;
            private readonly List<AddressRange> _reserved;
            private readonly ulong _memoryEnd;

            public Context(List<AddressRange> banks, List<AddressRange> reserved, ulong memoryEnd)
            {
                _banks = banks;
                _reserved = reserved;
                _memoryEnd = memoryEnd;
            }

            /// <summary>The first address ≥ <paramref name="a"/> where <paramref name="size"/> bytes fit, or null.</summary>
            public ulong? Place(ulong a, ulong size)
            {
                while (true)
                {
                    if (a > ulong.MaxValue - size) return null;
                    ulong end = a + size; // exclusive
                    if (end > _memoryEnd) return null;
                    var want = new AddressRange(a, size);

                    // Skip a reserved range: restart after it and re-check everything (§10.3).
                    bool moved = false;
                    foreach (var r in _reserved)
                    {
                        if (!r.Overlaps(want)) continue;
                        ulong? after = r.Last == ulong.MaxValue ? null : AlignUpChecked(r.Last + 1);
                        if (after is null) return null;
                        a = after.Value;
                        moved = true;
                        break;
                    }

                    if (moved) continue;

                    if (_banks.Any(b => b.Contains(want))) return a;

                    // In a gap, or running past a bank's end: go to the next bank above a.
                    var nextBank = _banks.FirstOrDefault(b => b.Base > a);
                    if (nextBank.IsEmpty) return null;
                    ulong? aligned = AlignUpChecked(nextBank.Base);
                    if (aligned is null) return null;
                    a = aligned.Value;
                }
            }
        }
    }
}
