using System;

namespace Xen.Shm.Devicetree.Source
{
    /// <summary>dtc's die(): stops the run with "FATAL ERROR: …" and exit status 1. Caught by the entry points.</summary>
    internal sealed class DtcFatalException : Exception
    {
        public DtcFatalException(string message) : base(message) { }
    }
}
