namespace Xen.Shm.Devicetree.Overlay
{
    /// <summary>libfdt's error numbers (libfdt.h, dtc 1.6.1); the applier reports them by these names, as fdtoverlay does.</summary>
    public enum FdtError
    {
        None = 0,
        NotFound = 1,
        Exists = 2,
        NoSpace = 3,
        BadOffset = 4,
        BadPath = 5,
        BadPhandle = 6,
        BadState = 7,
        Truncated = 8,
        BadMagic = 9,
        BadVersion = 10,
        BadStructure = 11,
        BadLayout = 12,
        Internal = 13,
        BadNCells = 14,
        BadValue = 15,
        BadOverlay = 16,
        NoPhandles = 17,
        BadFlags = 18,
    }

    internal static class FdtErrorNames
    {
        /// <summary>fdt_strerror's text: "FDT_ERR_NOTFOUND" and so on.</summary>
        public static string Name(FdtError e) => "FDT_ERR_" + e.ToString().ToUpperInvariant();
    }

    /// <summary>
    /// A libfdt call failed: <see cref="Error"/> is what it returned, <see cref="Where"/> what the
    /// applier was doing (a fragment, a fix-up, a label) for the message.
    /// </summary>
    internal sealed class FdtException : System.Exception
    {
        public FdtException(FdtError error, string where)
            : base(FdtErrorNames.Name(error) + ": " + where)
        {
            Error = error;
            Where = where;
        }

        public FdtError Error { get; }
        public string Where { get; }
    }
}
