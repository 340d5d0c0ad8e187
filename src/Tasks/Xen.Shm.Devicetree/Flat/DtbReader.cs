using System.Collections.Generic;
using System.Runtime.CompilerServices;
using Xen.Shm.Diagnostics;

[assembly: InternalsVisibleTo("Xen.Shm.Dtc.Tests")]

namespace Xen.Shm.Devicetree
{
    /// <summary>
    /// Reads a flattened device tree (DTSpec §5, versions 16 and 17; any strings order, NOPs,
    /// padding, reservation entries) into the live tree, as dtc's flattree.c dt_from_blob does.
    /// A malformed blob gives one error diagnostic, never an exception.
    /// </summary>
    public static class DtbReader
    {
        /// <summary>
        /// The tree of <paramref name="blob"/>, or null with an error in <paramref name="diagnostics"/>.
        /// <paramref name="fileName"/> names the blob in diagnostics. The tree carries the header's
        /// boot_cpuid_phys and the reservation entries; nothing in it is marked deleted.
        /// </summary>
        public static DtTree? Read(byte[] blob, string fileName, DiagnosticBag diagnostics)
        {
            var flat = ReadFlat(blob, fileName, diagnostics);
            if (flat == null) return null;
            var tree = new DtTree(ToNode(flat.Root)) { BootCpuId = flat.Header.BootCpuIdPhys };
            foreach (var r in flat.Reservations) tree.MemoryReservations.Add(new DtReserveEntry(r.Address, r.Size));
            return tree;
        }

        /// <summary>The seam <see cref="Dtc"/> uses for <c>-I dtb</c>: a tree or the text of dtc's fatal error.</summary>
        internal static DtbReadResult Read(byte[] blob, string fileName)
        {
            var bag = new DiagnosticBag();
            var tree = Read(blob, fileName, bag);
            if (tree != null) return DtbReadResult.Success(tree);
            foreach (var d in bag)
                if (d.IsError) return DtbReadResult.Failure($"{fileName}: {d.Message} [{d.Code}]\n");
            return DtbReadResult.Failure($"{fileName}: unreadable blob\n");
        }

        /// <summary>The blob as found: header values, reservations and the node structure.</summary>
        internal static DtbFlatBlob? ReadFlat(byte[] blob, string file, DiagnosticBag diagnostics)
        {
            var errors = new DtbReaderErrors(file, diagnostics);
            var header = DtbReaderHeader.Read(blob, errors);
            if (header == null) return null;
            var reservations = header.ReadReservations(blob, errors);
            if (reservations == null) return null;
            var root = DtbReaderStructure.Read(blob, header, errors);
            if (root == null) return null;
            return new DtbFlatBlob(header, reservations, root);
        }

        /// <summary>Builds the live subtree without recursion (nesting is capped by the reader anyway).</summary>
        private static DtNode ToNode(DtbFlatNode flatRoot)
        {
            // The root's name in a blob is empty by convention; the live root is always "".
            var root = new DtNode(string.Empty);
            var work = new Stack<(DtbFlatNode Flat, DtNode Live)>();
            work.Push((flatRoot, root));
            while (work.Count > 0)
            {
                var (flat, live) = work.Pop();
                foreach (var p in flat.Properties)
                    live.AddProperty(new DtProperty(p.Name, new DtValue(p.Value)));
                var children = new DtNode[flat.Children.Count];
                for (int i = 0; i < children.Length; i++)
                    children[i] = live.AddChild(flat.Children[i].Name);
                for (int i = children.Length - 1; i >= 0; i--)
                    work.Push((flat.Children[i], children[i]));
            }
            return root;
        }
    }

    internal sealed class DtbFlatBlob
    {
        public DtbFlatBlob(DtbReaderHeader header, List<DtbReservation> reservations, DtbFlatNode root)
        {
            Header = header;
            Reservations = reservations;
            Root = root;
        }

        public DtbReaderHeader Header { get; }
        public List<DtbReservation> Reservations { get; }
        public DtbFlatNode Root { get; }
    }
}
