namespace Xen.Shm.Sdk.IntegrationTests.Infrastructure;

/// <summary>The checkout the tests run from: the folder holding Xen.Shm.Sdk.sln.</summary>
internal static class RepositoryRoot
{
    private static readonly Lazy<string> s_path = new(() =>
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(System.IO.Path.Combine(dir.FullName, "Xen.Shm.Sdk.sln"))) return dir.FullName;
        }

        throw new InvalidOperationException("Xen.Shm.Sdk.sln not found above " + AppContext.BaseDirectory);
    });

    public static string Path => s_path.Value;

    public static string Combine(params string[] parts) => System.IO.Path.Combine(new[] { Path }.Concat(parts).ToArray());
}
