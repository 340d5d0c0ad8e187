namespace Xen.Shm.Sdk.Tasks.Tests.Infrastructure;

/// <summary>The repository's root folder (where Xen.Shm.Sdk.sln is), found upwards from the test binaries.</summary>
internal static class RepositoryRoot
{
    private static readonly Lazy<string> s_path = new(() =>
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(System.IO.Path.Combine(dir.FullName, "Xen.Shm.Sdk.sln"))) return dir.FullName;
        throw new InvalidOperationException("Xen.Shm.Sdk.sln not found");
    });

    public static string Path => s_path.Value;
}
