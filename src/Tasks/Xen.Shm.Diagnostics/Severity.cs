namespace Xen.Shm.Diagnostics
{
    /// <summary>How bad a diagnostic is; errors fail the build.</summary>
    public enum Severity
    {
        Error,
        Warning,
        Info,
    }
}
