using System.Linq;
using Xen.Shm.Generation.Dts;

namespace Xen.Shm.Generation.Guest
{
    /// <summary>The guest partial device trees: §4.2 for xl <c>device_tree=</c>, §7.2 for a dom0less domU's module.</summary>
    public static class PartialTrees
    {
        /// <summary>Spec §4.2 (seed S0's structure, unit address = guest address, <c>memory@&lt;lowest gpa&gt;</c>); null when the domU has no mechanism-1 window and no passed-through device.</summary>
        public static string? XlSharedMemory(GuestParts parts, string? userSource = null)
        {
            if (parts.SharedMemoryWindows.Count == 0 && parts.Devices.Count == 0) return userSource;
            var root = new DtsNode(string.Empty);
            Cells(root, 2, 2);
            if (parts.Devices.Any(d => d.Interrupts != null)) Passthrough.XlPassthrough.AddGicPlaceholder(root);
            var pt = root.Child(new DtsNode("passthrough"));
            // Devices need a bus Linux probes (passthrough.txt: compatible "simple-bus" is mandatory).
            if (parts.Devices.Count > 0) pt.Property("compatible", DtsFormat.Strings("simple-bus"));
            Cells(pt, 2, 2);
            pt.Property("ranges", null);
            if (parts.SharedMemoryWindows.Count > 0) SharedMemoryNodes(pt, parts);
            foreach (var dev in parts.Devices) pt.Children.Add(Passthrough.XlPassthrough.Node(dev));
            return Compose(root, "Xen.Shm.Sdk: partial device tree of xl domain " + parts.Domain.Name.Value +
                " (xl device_tree=, spec §4.2); addresses are guest addresses", userSource);
        }

        private static void SharedMemoryNodes(DtsNode pt, GuestParts parts)
        {
            var rm = pt.Child(new DtsNode("reserved-memory"));
            Cells(rm, 2, 2);
            rm.Property("ranges", null);
            foreach (var (guest, size, id) in parts.SharedMemoryWindows)
            {
                var n = rm.Child(new DtsNode("xen-shmem@" + DtsFormat.UnitAddress(guest), id));
                n.Property("compatible", DtsFormat.Strings("xen,shared-memory-v1"));
                n.Property("reg", DtsFormat.Reg(new[] { (guest, size) }, 2, 2));
            }
            var ascending = parts.SharedMemoryWindows.OrderBy(w => w.Guest).Select(w => (w.Guest, w.Size)).ToList();
            var mem = pt.Child(new DtsNode("memory@" + DtsFormat.UnitAddress(ascending[0].Guest)));
            mem.Property("device_type", DtsFormat.Strings("memory"));
            mem.Property("reg", DtsFormat.Reg(ascending, 2, 2));
        }

        /// <summary>Spec §7.2 (seed S3 in canonical form, with <c>ranges</c>); null when the domU has no mmio-sram window.</summary>
        /// <param name="userSizeCells">The user tree's <c>/passthrough</c> <c>#size-cells</c>, kept so its own nodes stay valid.</param>
        public static string? Dom0lessPassthrough(GuestParts parts, string? userSource = null, int? userSizeCells = null)
        {
            if (parts.Passthrough.Count == 0 && parts.Devices.Count == 0) return userSource;
            // §1.4: 1 size cell when every size fits 32 bits, else 2.
            int sizeCells = userSizeCells ?? (parts.Passthrough.All(w => w.Size >> 32 == 0) && parts.Devices.All(d => d.Reg.All(r => r.Size >> 32 == 0)) ? 1 : 2);
            var root = new DtsNode(string.Empty);
            Cells(root, 2, sizeCells);
            var pt = root.Child(new DtsNode("passthrough"));
            pt.Property("compatible", DtsFormat.Strings("simple-bus"));
            pt.Property("ranges", null);
            Cells(pt, 2, sizeCells);
            foreach (var w in parts.Passthrough)
            {
                var n = pt.Child(new DtsNode("sram@" + DtsFormat.UnitAddress(w.Guest), w.Id));
                n.Property("compatible", DtsFormat.Strings("mmio-sram"));
                n.Property("reg", DtsFormat.Cells((w.Guest, 2), (w.Size, sizeCells)));
                n.Property(w.Cacheable ? "xen,reg-cacheable" : "xen,reg", DtsFormat.Cells((w.Host, 2), (w.Size, sizeCells), (w.Guest, 2)));
                n.Property("xen,force-assign-without-iommu", DtsFormat.Cells((1, 1)));
            }
            foreach (var dev in parts.Devices) pt.Children.Add(DevicePassthrough.Node(dev, sizeCells));
            return Compose(root, "Xen.Shm.Sdk: partial device tree of dom0less domain " + parts.Domain.Name.Value +
                " (multiboot,device-tree module, spec §7.2)", userSource);
        }

        /// <summary>
        /// Alone: a whole source. With the user's partial tree: the user's source followed by the
        /// generated root as a merge block, so dtc keeps the user's nodes and adds ours (as on the host).
        /// </summary>
        private static string Compose(DtsNode root, string comment, string? userSource)
        {
            if (userSource == null) return DtsText.Document(root, comment);
            var sb = new System.Text.StringBuilder(userSource.Replace("\r\n", "\n"));
            if (sb.Length > 0 && sb[sb.Length - 1] != '\n') sb.Append('\n');
            sb.Append("\n/* ---- ").Append(DtsFormat.Comment(comment)).Append(" ---- */\n\n");
            DtsText.WriteNode(sb, root, 0);
            return sb.ToString();
        }

        private static void Cells(DtsNode n, int address, int size)
        {
            n.Property("#address-cells", DtsFormat.Cells(((ulong)address, 1)));
            n.Property("#size-cells", DtsFormat.Cells(((ulong)size, 1)));
        }
    }
}
