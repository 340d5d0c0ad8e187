using System.Diagnostics;
using System.Globalization;
using Xen.Shm.Devicetree;
using Xen.Shm.Sdk.Tasks.Tests.Infrastructure;

namespace Xen.Shm.Sdk.Tasks.Tests.BadInputs;

/// <summary>
/// A copy of testassets/bad-inputs/base below a fresh temp root (root/board/…), built once by the
/// in-process pipeline so its boot folder exists, then broken by one case. Anything written under
/// root/ but outside root/board/ is a write outside the build; $OUTSIDE in a case is root/outside.
/// </summary>
internal sealed class BadInputWorkspace : IDisposable
{
    private BadInputWorkspace(string root, BoardFolder board)
    {
        Root = root;
        Board = board;
    }

    public string Root { get; }
    public BoardFolder Board { get; }
    public string Outside => Path.Combine(Root, "outside");

    public static string Assets => Path.Combine(RepositoryRoot(), "testassets", "bad-inputs");

    private static string NewRoot() => Path.Combine(Path.GetTempPath(), "xen-shm-bad-inputs", Guid.NewGuid().ToString("N"));

    /// <summary>A fresh copy of a built workspace (sources, intermediate files and boot folder).</summary>
    public BadInputWorkspace Clone()
    {
        string root = NewRoot();
        CopyTree(Board.Root, Path.Combine(root, "board"));
        return new BadInputWorkspace(root, BoardFolder.At(Path.Combine(root, "board")));
    }

    /// <summary>A workspace whose base board has been built (its boot folder is the "previous build").</summary>
    public static BadInputWorkspace Built()
    {
        string root = NewRoot();
        string board = Path.Combine(root, "board");
        CopyTree(Path.Combine(Assets, "base"), board);
        var ws = new BadInputWorkspace(root, BoardFolder.At(board));
        var pipeline = new BoardPipeline(ws.Board);
        if (!pipeline.Run())
            throw new InvalidOperationException("the base board does not build:\n" + string.Join("\n", pipeline.Engine.ErrorLines()));
        return ws;
    }

    /// <summary>Applies the case's edit and setup steps; returns where the diagnostic must point (full path, line, column).</summary>
    public (string File, int Line, int Column) Break(BadInputCase c)
    {
        string editPath = InBoard(c.EditFile);
        byte[] original = File.Exists(editPath) ? File.ReadAllBytes(editPath) : [];
        var outside = System.Text.Encoding.UTF8.GetBytes(Outside);
        var (edited, marker) = c.Apply(original);
        edited = ReplaceToken(edited, "$OUTSIDE"u8.ToArray(), outside);
        File.WriteAllBytes(editPath, edited);
        foreach (var step in c.Setup) Run(step);
        // Written, not copied: a newer time, as an edit in an editor gives.
        if (File.Exists(editPath)) File.SetLastWriteTimeUtc(editPath, DateTime.UtcNow.AddSeconds(2));
        var pos = c.AtPosition ?? marker ?? throw new InvalidOperationException($"{c}: no marker and no position");
        return (InBoard(c.AtFile), pos.Line, pos.Column);
    }

    private void Run(string[] step)
    {
        string path = InBoard(step[1]);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        switch (step[0])
        {
            case "fifo": Delete(path); Process("mkfifo", path); break;
            case "dir": Delete(path); Directory.CreateDirectory(path); break;
            case "empty": Delete(path); File.WriteAllBytes(path, []); break;
            case "link": Delete(path); File.CreateSymbolicLink(path, step[2]); break;
            case "write": File.WriteAllBytes(path, BadInputCase.Unescape(step[2])); break;
            case "big":
                Delete(path);
                using (var f = File.Create(path)) f.SetLength(long.Parse(step[2], CultureInfo.InvariantCulture)); // sparse
                break;
            case "compile":
            {
                // step: compile <dts> <dtb>, by this repository's dtc-exact compiler (bytes checked against dtc elsewhere).
                var result = Dtc.Compile(File.ReadAllBytes(path), path, new DtcOptions());
                File.WriteAllBytes(InBoard(step[2]), result.Output ?? throw new InvalidOperationException("base DTS does not compile"));
                break;
            }
            case "patch":
            {
                // step: patch <file> <offset>:<hex bytes>
                var parts = step[2].Split(':');
                var bytes = File.ReadAllBytes(path);
                int at = int.Parse(parts[0], NumberStyles.HexNumber, CultureInfo.InvariantCulture);
                var hex = Convert.FromHexString(parts[1]);
                hex.CopyTo(bytes, at);
                File.WriteAllBytes(path, bytes);
                break;
            }
            case "truncate":
            {
                var bytes = File.ReadAllBytes(path);
                File.WriteAllBytes(path, bytes.AsSpan(0, int.Parse(step[2], CultureInfo.InvariantCulture)).ToArray());
                break;
            }
            default: throw new InvalidOperationException("unknown setup step " + step[0]);
        }
    }

    private string InBoard(string relative) => Path.Combine(Board.Root, relative);

    private static void Delete(string path)
    {
        if (Directory.Exists(path)) Directory.Delete(path, true);
        else File.Delete(path);
    }

    private static void Process(string tool, string argument)
    {
        using var p = System.Diagnostics.Process.Start(new ProcessStartInfo(tool, [argument]) { UseShellExecute = false })!;
        p.WaitForExit();
        if (p.ExitCode != 0) throw new InvalidOperationException($"{tool} {argument} failed");
    }

    private static byte[] ReplaceToken(byte[] text, byte[] token, byte[] value)
    {
        var s = System.Text.Encoding.Latin1.GetString(text);
        return System.Text.Encoding.Latin1.GetBytes(s.Replace(System.Text.Encoding.Latin1.GetString(token), System.Text.Encoding.Latin1.GetString(value), StringComparison.Ordinal));
    }

    /// <summary>Every file under <paramref name="folder"/> (relative path → bytes); symbolic links as their target text.</summary>
    public static SortedDictionary<string, byte[]> Snapshot(string folder)
    {
        var files = new SortedDictionary<string, byte[]>(StringComparer.Ordinal);
        if (!Directory.Exists(folder)) return files;
        foreach (var f in Directory.EnumerateFileSystemEntries(folder, "*", SearchOption.AllDirectories))
        {
            var info = new FileInfo(f);
            string key = Path.GetRelativePath(folder, f);
            if (info.LinkTarget is { } target) files[key] = System.Text.Encoding.UTF8.GetBytes("-> " + target);
            else if (Directory.Exists(f)) files[key + "/"] = [];
            else files[key] = File.ReadAllBytes(f);
        }
        return files;
    }

    /// <summary>Entries of the temp root other than the board folder: none, unless something escaped.</summary>
    public IReadOnlyList<string> Escaped() =>
        Directory.EnumerateFileSystemEntries(Root).Where(e => Path.GetFileName(e) != "board").Select(e => Path.GetFileName(e)).ToList();

    public static void CopyTree(string from, string to)
    {
        Directory.CreateDirectory(to);
        foreach (var dir in Directory.GetDirectories(from, "*", SearchOption.AllDirectories))
            Directory.CreateDirectory(Path.Combine(to, Path.GetRelativePath(from, dir)));
        foreach (var file in Directory.GetFiles(from, "*", SearchOption.AllDirectories))
            File.Copy(file, Path.Combine(to, Path.GetRelativePath(from, file)), overwrite: true);
    }

    private static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "Xen.Shm.Sdk.sln"))) return dir.FullName;
        throw new InvalidOperationException("Xen.Shm.Sdk.sln not found");
    }

    public void Dispose()
    {
        try { Directory.Delete(Root, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
    }
}
