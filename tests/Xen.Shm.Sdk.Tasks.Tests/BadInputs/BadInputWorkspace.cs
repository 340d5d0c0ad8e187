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

    public static string Assets => Path.Combine(RepositoryRoot.Path, "testassets", "bad-inputs");

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
    public (string File, int Line, int Column) Break(BadInputCase c) => c.ApplyTo(Board.Root, Outside, BlobStep);

    // The steps that make and break a host DTB.
    private void BlobStep(string[] step, string path)
    {
        switch (step[0])
        {
            case "compile":
            {
                // compile <dts> <dtb>, by this repository's dtc-exact compiler (its bytes are checked against dtc elsewhere).
                var result = Dtc.Compile(File.ReadAllBytes(path), path, new DtcOptions());
                File.WriteAllBytes(Path.Combine(Board.Root, step[2]), result.Output ?? throw new InvalidOperationException("base DTS does not compile"));
                break;
            }
            case "patch":
            {
                // patch <file> <hex offset>:<hex bytes>
                var parts = step[2].Split(':');
                var bytes = File.ReadAllBytes(path);
                Convert.FromHexString(parts[1]).CopyTo(bytes, int.Parse(parts[0], NumberStyles.HexNumber, CultureInfo.InvariantCulture));
                File.WriteAllBytes(path, bytes);
                break;
            }
            case "truncate":
                File.WriteAllBytes(path, File.ReadAllBytes(path).AsSpan(0, int.Parse(step[2], CultureInfo.InvariantCulture)).ToArray());
                break;
            default: throw new InvalidOperationException("unknown setup step " + step[0]);
        }
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

    public void Dispose()
    {
        try { Directory.Delete(Root, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
    }
}
