using System;
using System.Collections.Generic;
using System.Globalization;
using Xen.Shm.Topology;

namespace Xen.Shm.Generation.Layout
{
    /// <summary>
    /// The boot layout's records for steps that place something after the plan (the FIT image):
    /// <c>role path role domain</c>, <c>load-end X</c>, <c>ram base size</c>, <c>reserved base size</c>,
    /// <c>memory-end X</c>. Kept apart from <see cref="BootLayout"/>'s own records so they read as one concern.
    /// </summary>
    internal sealed class BootLayoutMemory
    {
        private readonly List<AddressRange> _ram = new List<AddressRange>();
        private readonly List<AddressRange> _reserved = new List<AddressRange>();
        private ulong? _memoryEnd;

        public List<(string Path, BootFileRole Role, int Domain)> Roles { get; } = new List<(string, BootFileRole, int)>();
        public ulong? LoadEnd { get; private set; }

        public LoadLayout? Layout => _ram.Count == 0 ? null : new LoadLayout(_ram) { MemoryEnd = _memoryEnd, Reserved = _reserved };

        public static void Write(BootLayout layout, Action<string[]> line)
        {
            foreach (var (path, role, domain) in layout.Roles)
                line(new[] { "role", path, role.ToString(), domain.ToString(CultureInfo.InvariantCulture) });
            if (layout.LoadEnd != null) line(new[] { "load-end", BootLayout.Hex(layout.LoadEnd) });
            if (layout.Memory is not LoadLayout memory) return;
            foreach (var r in memory.RamBanks) line(new[] { "ram", BootLayout.Hex(r.Base), BootLayout.Hex(r.Size) });
            foreach (var r in memory.Reserved) line(new[] { "reserved", BootLayout.Hex(r.Base), BootLayout.Hex(r.Size) });
            if (memory.MemoryEnd != null) line(new[] { "memory-end", BootLayout.Hex(memory.MemoryEnd) });
        }

        /// <summary>True when <paramref name="f"/> is one of these records (read into this object).</summary>
        public bool Read(string[] f)
        {
            switch (f[0])
            {
                case "role" when f.Length == 4 && Enum.TryParse(f[2], out BootFileRole role) &&
                                 int.TryParse(f[3], NumberStyles.Integer, CultureInfo.InvariantCulture, out int domain):
                    Roles.Add((f[1], role, domain));
                    return true;
                case "load-end" when f.Length == 2: LoadEnd = BootLayout.Number(f[1]); return true;
                case "ram" when f.Length == 3 && Range(f) is AddressRange ram: _ram.Add(ram); return true;
                case "reserved" when f.Length == 3 && Range(f) is AddressRange r: _reserved.Add(r); return true;
                case "memory-end" when f.Length == 2: _memoryEnd = BootLayout.Number(f[1]); return true;
                default: return false;
            }
        }

        /// <summary>The records' values from the planner's own inputs and result.</summary>
        public static (IReadOnlyList<(string, BootFileRole, int)> Roles, ulong? LoadEnd) Of(LoadPlan plan)
        {
            // Loops, not LINQ over tuples: fewer framework generics JIT-compiled per cold build (issue 21).
            var roles = new List<(string, BootFileRole, int)>();
            ulong? end = null;
            foreach (var f in plan.Files)
            {
                if (f.File.Role != BootFileRole.XenRunArea) roles.Add((f.File.Name, f.File.Role, f.File.DomainIndex));
                // The planner gives an empty file one byte (LoadAddressPlanner), so its end is one past it too.
                ulong fileEnd = new AddressRange(f.Address, Math.Max(f.File.MemorySize, 1UL)).End;
                if (end is null || fileEnd > end) end = fileEnd;
            }

            return (roles, end);
        }

        private static AddressRange? Range(string[] f) =>
            BootLayout.Number(f[1]) is ulong b && BootLayout.Number(f[2]) is ulong s ? new AddressRange(b, s) : (AddressRange?)null;
    }
}
