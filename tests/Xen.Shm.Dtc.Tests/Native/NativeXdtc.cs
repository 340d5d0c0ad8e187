using System.Runtime.InteropServices;
using System.Security.Cryptography;
using System.Text;
using Xen.Shm.Dtc.Tests.Infrastructure;

namespace Xen.Shm.Dtc.Tests.Native;

/// <summary>
/// xdtc published as a native executable (Native AOT, PublishAot in src/Xen.Shm.Dtc), once per set of
/// sources: cached in $XDG_CACHE_HOME/xen-shm-sdk/xdtc-native/&lt;hash of the sources&gt;/ (never in the
/// repository), built with --artifacts-path so it never races a solution build's bin/obj.
/// Needs clang and zlib1g-dev (.ci/install-packages.sh): missing, CI fails and elsewhere inconclusive.
/// </summary>
internal static class NativeXdtc
{
    private static readonly Lazy<(string? Path, string Error)> Published = new(Publish);

    /// <summary>Full path of the native xdtc; fails the test when it cannot be published.</summary>
    public static string Require()
    {
        ExternalTool.Require("clang", "apt-get install clang zlib1g-dev (Native AOT's linker)");
        var (path, error) = Published.Value;
        if (path == null) Assert.Fail(error);
        return path;
    }

    private static (string? Path, string Error) Publish()
    {
        string repo = RepositoryRoot();
        string dir = Path.Combine(CacheRoot(), SourceHash(repo));
        string exe = Path.Combine(dir, "xdtc");
        if (File.Exists(exe)) return (exe, "");
        string temp = dir + ".tmp-" + Guid.NewGuid().ToString("N");
        try
        {
            var run = ExternalTool.Run("dotnet", new[]
            {
                "publish", Path.Combine(repo, "src", "Xen.Shm.Dtc", "Xen.Shm.Dtc.csproj"), "-c", "Release",
                "-r", RuntimeInformation.RuntimeIdentifier, "-o", Path.Combine(temp, "out"),
                "--artifacts-path", Path.Combine(temp, "build"), "-nr:false", "--disable-build-servers", "-v:q", "-nologo",
            }, repo);
            if (run.ExitCode != 0 || !File.Exists(Path.Combine(temp, "out", "xdtc")))
                return (null, $"dotnet publish of native xdtc failed (exit {run.ExitCode}):\n{run.StdoutText}\n{run.Stderr}");
            Directory.CreateDirectory(Path.GetDirectoryName(dir)!);
            // Moved into place whole: a concurrent run sees all or nothing.
            try { Directory.Move(Path.Combine(temp, "out"), dir); }
            catch (IOException) when (File.Exists(exe)) { }
            return (exe, "");
        }
        finally
        {
            try { if (Directory.Exists(temp)) Directory.Delete(temp, recursive: true); } catch (IOException) { }
        }
    }

    /// <summary>SHA-256 over the relative path and bytes of every input of the publish.</summary>
    private static string SourceHash(string repo)
    {
        var roots = new[] { "src/Xen.Shm.Dtc", "src/Tasks/Xen.Shm.Devicetree", "src/Tasks/Xen.Shm.Preprocessor", "src/Tasks/Xen.Shm.Diagnostics" };
        var files = roots.SelectMany(r => Directory.EnumerateFiles(Path.Combine(repo, r), "*", SearchOption.AllDirectories))
            .Concat(new[] { "src/Tasks/Directory.Build.props", "Directory.Build.props", "Directory.Packages.props", "global.json" }
                .Select(n => Path.Combine(repo, n)).Where(File.Exists))
            .Select(f => (Relative: Path.GetRelativePath(repo, f).Replace('\\', '/'), Full: f))
            .Where(f => !f.Relative.Split('/').Any(part => part is "bin" or "obj"))
            .OrderBy(f => f.Relative, StringComparer.Ordinal);
        using var sha = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        foreach (var (relative, full) in files)
        {
            sha.AppendData(Encoding.UTF8.GetBytes(relative + "\n"));
            byte[] bytes = File.ReadAllBytes(full);
            sha.AppendData(BitConverter.GetBytes((long)bytes.Length));
            sha.AppendData(bytes);
        }
        sha.AppendData(Encoding.UTF8.GetBytes(RuntimeInformation.RuntimeIdentifier));
        return Convert.ToHexStringLower(sha.GetHashAndReset()).Substring(0, 16);
    }

    private static string CacheRoot()
    {
        string? xdg = Environment.GetEnvironmentVariable("XDG_CACHE_HOME");
        string cache = !string.IsNullOrEmpty(xdg) ? xdg : Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".cache");
        return Path.Combine(cache, "xen-shm-sdk", "xdtc-native");
    }

    private static string RepositoryRoot()
    {
        for (var d = new DirectoryInfo(AppContext.BaseDirectory); d != null; d = d.Parent)
            if (File.Exists(Path.Combine(d.FullName, "Xen.Shm.Sdk.sln"))) return d.FullName;
        throw new InvalidOperationException("Xen.Shm.Sdk.sln not found above the test assembly");
    }
}
