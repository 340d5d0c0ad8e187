namespace Xen.Shm.Topology.Tests.Infrastructure;

/// <summary>Paths inside the repository checkout the tests run from.</summary>
internal static class Repo
{
    private static readonly Lazy<string> s_root = new(() =>
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "Xen.Shm.Sdk.sln"))) return dir.FullName;
        throw new InvalidOperationException("repository root (Xen.Shm.Sdk.sln) not found above " + AppContext.BaseDirectory);
    });

    public static string Root => s_root.Value;

    public static string TestAssets => Path.Combine(Root, "testassets");

    public static string Asset(params string[] parts) => Path.Combine(new[] { TestAssets }.Concat(parts).ToArray());

    public static string Schema => Path.Combine(Root, "src", "Tasks", "Xen.Shm.Topology", "schema", "xen-shm-topology.schema.json");
}
