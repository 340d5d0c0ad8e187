using System.Collections.Generic;
using System.Runtime.CompilerServices;
using Xen.Shm.Diagnostics;

[assembly: InternalsVisibleTo("Xen.Shm.Dtc.Tests")]

namespace Xen.Shm.Devicetree.Flat
{
    /// <summary>
    /// Reads a flattened device tree (DTSpec §5, versions 16 and 17; any strings order, NOPs,
    /// padding, reservation entries). A malformed blob gives one error diagnostic, never an exception.
    /// </summary>
    public static partial class DtbReader
    {
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
