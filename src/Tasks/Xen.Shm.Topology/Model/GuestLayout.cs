using System;
using System.Collections.Generic;

namespace Xen.Shm.Topology
{
    /// <summary>The fixed Arm guest physical layout (spec §1.5, U xen/include/public/arch-arm.h).</summary>
    public static class GuestLayout
    {
        public const ulong PageSize = 0x1000;
        public const ulong Ram0Base = 0x40000000;
        public const ulong Ram0Size = 0xc0000000;
        public const ulong Ram1Base = 0x200000000;
        public const ulong Ram1Size = 0xfe00000000;

        /// <summary>Most RAM a guest can have: both RAM windows full.</summary>
        public const ulong MaxRam = Ram0Size + Ram1Size;

        /// <summary>End of the described guest space (1 TiB); windows end at or below it.</summary>
        public const ulong AddressSpaceEnd = 0x10000000000;

        /// <summary>Extended regions start at <c>base + align_up(RAM in window, 2 MiB)</c> (spec §9, XSHM2014).</summary>
        public const ulong ExtendedRegionAlign = 0x200000;

        public static readonly IReadOnlyList<(string Name, AddressRange Range)> FixedWindows = new[]
        {
            ("virtio-mmio", new AddressRange(0x02000000, 0x00100000)),
            ("vGIC", new AddressRange(0x03001000, 0x04020000 - 0x03001000)),
            ("vPCI ECAM", new AddressRange(0x10000000, 0x10000000)),
            ("ACPI tables", new AddressRange(0x20000000, 0x02000000)),
            ("vPL011", new AddressRange(0x22000000, 0x00001000)),
            ("vPCI MMIO", new AddressRange(0x23000000, 0x10000000)),
            ("grant table", new AddressRange(0x38000000, 0x01000000)),
            ("magic pages", new AddressRange(0x39000000, 0x01000000)),
            ("vPCI prefetchable MMIO", new AddressRange(0x100000000, 0x100000000)),
        };

        public static readonly IReadOnlyList<AddressRange> RamWindows = new[]
        {
            new AddressRange(Ram0Base, Ram0Size),
            new AddressRange(Ram1Base, Ram1Size),
        };

        /// <summary>
        /// Banks of a guest with <paramref name="memory"/> bytes: bank0 fills RAM0 first, the rest
        /// goes to RAM1 (U xg_dom_arm.c meminit, dom0less-build.c allocate_memory).
        /// </summary>
        public static IReadOnlyList<AddressRange> RamBanks(ulong memory)
        {
            if (memory == 0) return Array.Empty<AddressRange>();
            ulong bank0 = memory < Ram0Size ? memory : Ram0Size;
            if (memory <= Ram0Size) return new[] { new AddressRange(Ram0Base, bank0) };
            ulong bank1 = memory - Ram0Size;
            if (bank1 > Ram1Size) bank1 = Ram1Size;
            return new[] { new AddressRange(Ram0Base, bank0), new AddressRange(Ram1Base, bank1) };
        }

        /// <summary>The unused tail of each guest RAM window, which Xen may advertise as extended regions.</summary>
        public static IReadOnlyList<AddressRange> UnusedRamWindowTails(ulong memory)
        {
            var banks = RamBanks(memory);
            var tails = new List<AddressRange>(2);
            for (int i = 0; i < RamWindows.Count; i++)
            {
                var window = RamWindows[i];
                ulong used = i < banks.Count ? banks[i].Size : 0;
                ulong start = window.Base + AlignUp(used, ExtendedRegionAlign);
                if (start < window.End) tails.Add(new AddressRange(start, window.End - start));
            }
            return tails;
        }

        public static ulong AlignUp(ulong value, ulong alignment) => (value + alignment - 1) / alignment * alignment;
    }
}
