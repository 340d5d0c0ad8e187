namespace Xen.Shm.Generation.Tests.Infrastructure;

internal static class Repo
{
    private static readonly Lazy<string> s_root = new(() =>
    {
        for (var d = new DirectoryInfo(AppContext.BaseDirectory); d != null; d = d.Parent)
            if (File.Exists(Path.Combine(d.FullName, "Xen.Shm.Sdk.sln"))) return d.FullName;
        throw new DirectoryNotFoundException("Xen.Shm.Sdk.sln not found above " + AppContext.BaseDirectory);
    });

    public static string Root => s_root.Value;
}
