using System.Diagnostics;
using Xen.Shm.TestSupport;

namespace Xen.Shm.Bench;

/// <summary>
/// Xen.Shm.Sdk packed into a local feed in a temp folder, with projects isolated beside it the way
/// the integration tests isolate theirs (local feed for our SDK only, pinned version, nothing from
/// above), and child `dotnet` runs timed as a user sees them. Shared by the build benchmarks;
/// disposing deletes the folder.
/// </summary>
internal sealed class PackedSdk : IDisposable
{
    private PackedSdk(string repository, string work)
    {
        Repository = repository;
        Work = work;
        Version = "0.0.1-bench." + Guid.NewGuid().ToString("N")[..8];
    }

    public string Repository { get; }
    public string Work { get; }
    public string Version { get; }
    private string Feed => Path.Combine(Work, "feed");
    private string Packages => Path.Combine(Work, "packages");

    /// <summary>Packs src/Xen.Shm.Sdk (Release) into a new folder named after <paramref name="benchmark"/>.</summary>
    public static PackedSdk Pack(string benchmark, params string[] packProperties)
    {
        string repo = FindRepositoryRoot();
        var sdk = new PackedSdk(repo, Path.Combine(Path.GetTempPath(), "xen-shm-sdk-bench", benchmark + "-" + Guid.NewGuid().ToString("N")[..8]));
        Console.WriteLine($"packing Xen.Shm.Sdk {sdk.Version} ...");
        string[] args = ["pack", Path.Combine(repo, "src", "Xen.Shm.Sdk", "Xen.Shm.Sdk.csproj"), "-c", "Release", "-o", sdk.Feed,
            "--artifacts-path", Path.Combine(sdk.Work, "build"), "-p:XenShmPackageVersion=" + sdk.Version, "-v:q", .. packProperties];
        sdk.Dotnet(repo, args);
        return sdk;
    }

    /// <summary>testassets/<paramref name="asset"/> copied and isolated; returns its project file.</summary>
    public string CopyBoard(string asset)
    {
        string board = Path.Combine(Work, asset);
        CopyDirectory(Path.Combine(Repository, "testassets", asset), board);
        SdkIsolation.Write(board, Feed, Version);
        return Directory.EnumerateFiles(board, "*.csproj").Single();
    }

    /// <summary>A new isolated folder holding <paramref name="files"/> (name → text).</summary>
    public string CreateFolder(string name, IReadOnlyDictionary<string, string> files)
    {
        string dir = Path.Combine(Work, name);
        Directory.CreateDirectory(dir);
        SdkIsolation.Write(dir, Feed, Version);
        foreach (var (file, text) in files) File.WriteAllText(Path.Combine(dir, file), text);
        return dir;
    }

    /// <summary>Wall time in ms of one `dotnet &lt;args&gt;` run in the project's folder.</summary>
    public double Time(string project, params string[] args)
    {
        var sw = Stopwatch.StartNew();
        Dotnet(Path.GetDirectoryName(project)!, args);
        return sw.Elapsed.TotalMilliseconds;
    }

    public static double Median(List<double> xs)
    {
        var s = xs.Order().ToList();
        return s.Count % 2 == 1 ? s[s.Count / 2] : (s[s.Count / 2 - 1] + s[s.Count / 2]) / 2;
    }

    /// <summary>Runs `dotnet &lt;args&gt;` in <paramref name="dir"/>; returns its standard output (throws on failure).</summary>
    public string Dotnet(string dir, params string[] args)
    {
        string exe = Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } h && File.Exists(h) ? h : "dotnet";
        var psi = new ProcessStartInfo(exe) { WorkingDirectory = dir, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var a in args) psi.ArgumentList.Add(a);
        foreach (var a in new[] { "-nr:false", "--disable-build-servers", "-nologo" }) psi.ArgumentList.Add(a);
        psi.Environment["NUGET_PACKAGES"] = Packages;
        psi.Environment["MSBUILDDISABLENODEREUSE"] = "1";
        psi.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        psi.Environment["DOTNET_NOLOGO"] = "1";
        using var p = Process.Start(psi)!;
        var stdout = p.StandardOutput.ReadToEndAsync();
        var stderr = p.StandardError.ReadToEndAsync();
        p.WaitForExit();
        if (p.ExitCode != 0)
        {
            throw new InvalidOperationException($"dotnet {string.Join(' ', args)} failed ({p.ExitCode}):\n{stdout.Result}{stderr.Result}");
        }

        return stdout.Result;
    }

    public void Dispose()
    {
        try { Directory.Delete(Work, recursive: true); } catch (IOException) { }
    }

    private static void CopyDirectory(string from, string to)
    {
        Directory.CreateDirectory(to);
        foreach (var f in Directory.EnumerateFiles(from)) File.Copy(f, Path.Combine(to, Path.GetFileName(f)));
        foreach (var d in Directory.EnumerateDirectories(from))
        {
            if (Path.GetFileName(d) is "bin" or "obj") continue;
            CopyDirectory(d, Path.Combine(to, Path.GetFileName(d)));
        }
    }

    internal static string FindRepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Xen.Shm.Sdk.sln"))) return dir.FullName;
        }

        throw new InvalidOperationException("run from inside the repository (Xen.Shm.Sdk.sln not found)");
    }
}
