using System.Diagnostics;
using Xen.Shm.Sdk.IntegrationTests.Infrastructure;
using Xen.Shm.TestSupport;

namespace Xen.Shm.Sdk.IntegrationTests;

/// <summary>
/// The boot folder changes all at once or not at all (README "Failure safety"): a real
/// `dotnet build` killed at random moments, a full disk and a read-only file system each leave
/// exactly the previous folder or exactly the new one, and the next build repairs.
/// </summary>
[TestClass]
public sealed class FailureSafetyTests : BoardTestBase
{
    // static-shm: Xen, dom0 and three xl domUs, each with a kernel and a ramdisk, a board.dts, a
    // boot script: ~20 files. Variant B grows every image, so every copy, the load addresses, the
    // host DTB, the script and the manifest change between A and B.
    private const string Asset = "static-shm";
    private static readonly string[] s_images = ["xen", "Image", "rootfs.cpio.gz"];

    private sealed class Variants
    {
        private readonly BoardWorkspace _board;
        private readonly Dictionary<string, byte[]> _a = new();

        public Variants(BoardWorkspace board)
        {
            _board = board;
            foreach (string image in s_images) _a[image] = File.ReadAllBytes(Path(image));
        }

        public SortedDictionary<string, byte[]> A { get; set; } = new();
        public SortedDictionary<string, byte[]> B { get; set; } = new();

        public void Use(bool b)
        {
            foreach (string image in s_images)
            {
                byte[] bytes = b ? _a[image].Concat(Enumerable.Repeat((byte)0x5a, 8192)).ToArray() : _a[image];
                File.WriteAllBytes(Path(image), bytes);
            }
        }

        private string Path(string image) => System.IO.Path.Combine(_board.Directory, "images", image);
    }

    private static bool Same(SortedDictionary<string, byte[]> a, SortedDictionary<string, byte[]> b) =>
        a.Keys.SequenceEqual(b.Keys) && a.Keys.All(k => a[k].AsSpan().SequenceEqual(b[k]));

    private static string[] Leftovers(string bootDirectory)
    {
        string boot = bootDirectory.TrimEnd(Path.DirectorySeparatorChar);
        return Directory.GetDirectories(Path.GetDirectoryName(boot)!, "." + Path.GetFileName(boot) + ".*");
    }

    /// <summary>
    /// The kill test's checker: "new", "old", "between renames" (the folder moved aside whole, the
    /// next build puts it back), or null when the folder is a mix of the two.
    /// </summary>
    private static string? Verdict(string bootDirectory, SortedDictionary<string, byte[]> oldFolder, SortedDictionary<string, byte[]> newFolder)
    {
        var now = BoardWorkspace.Snapshot(bootDirectory);
        if (Same(now, newFolder)) return "new";
        if (Same(now, oldFolder)) return "old";
        if (now.Count == 0 && Leftovers(bootDirectory).Any(d => Same(BoardWorkspace.Snapshot(d), oldFolder)))
            return "between renames (old folder waiting to be put back)";
        return null;
    }

    /// <summary>
    /// Negative control of the kill test: a folder updated the naive way (the new files copied over the
    /// old ones in place) and killed at random points, mid-file included, must be called a mix; the same
    /// copy not started or finished must be called old or new. No build: two made-up folders.
    /// </summary>
    [TestMethod]
    public void KillChecker_CallsAnInPlaceCopyKilledMidwayAMix()
    {
        int seed = Environment.TickCount;
        TestContext.WriteLine($"seed={seed}");
        var random = new Random(seed);
        string root = Path.Combine(Path.GetTempPath(), "xenshm-killcheck-" + Guid.NewGuid().ToString("N"));
        string boot = Path.Combine(root, "boot");
        try
        {
            var oldFolder = MadeUpFolder(random, "old", 20);
            var newFolder = MadeUpFolder(random, "new", 21);
            Assert.AreEqual("old", InPlaceCopyKilledAt(boot, oldFolder, newFolder, files: 0, bytes: null));
            Assert.AreEqual("new", InPlaceCopyKilledAt(boot, oldFolder, newFolder, files: newFolder.Count, bytes: null));
            for (int kill = 0; kill < 30; kill++)
            {
                int files = random.Next(0, newFolder.Count);
                int bytes = random.Next(0, newFolder.ElementAt(files).Value.Length);
                Assert.IsNull(InPlaceCopyKilledAt(boot, oldFolder, newFolder, files, bytes),
                    $"seed {seed}: killed after {files} files and {bytes} bytes of the next: not called a mix");
            }
        }
        finally
        {
            if (Directory.Exists(root)) Directory.Delete(root, recursive: true);
        }
    }

    // Boot-folder-like names (nested etc/xen/…, a manifest); every file's bytes differ between the two.
    private static SortedDictionary<string, byte[]> MadeUpFolder(Random random, string tag, int count)
    {
        var folder = new SortedDictionary<string, byte[]>(StringComparer.Ordinal);
        for (int i = 0; i < count; i++)
        {
            byte[] bytes = new byte[random.Next(64, 4096)];
            random.NextBytes(bytes);
            bytes[0] = (byte)tag[0];
            folder[i == 0 ? "manifest.json" : $"etc/xen/vm{i % 4}/file{i}"] = bytes;
        }

        return folder;
    }

    /// <summary>
    /// Lays out the old folder, copies the first <paramref name="files"/> new files over it, then
    /// <paramref name="bytes"/> bytes of the next one when given (killed mid-file); the checker's verdict.
    /// </summary>
    private static string? InPlaceCopyKilledAt(string boot, SortedDictionary<string, byte[]> oldFolder, SortedDictionary<string, byte[]> newFolder, int files, int? bytes)
    {
        if (Directory.Exists(boot)) Directory.Delete(boot, recursive: true);
        Write(boot, oldFolder);
        Write(boot, new SortedDictionary<string, byte[]>(newFolder.Take(files).ToDictionary(f => f.Key, f => f.Value), StringComparer.Ordinal));
        if (bytes is int written)
        {
            var (name, content) = newFolder.ElementAt(files);
            using var stream = new FileStream(Path.Combine(boot, name), FileMode.Create);   // truncated, as the copy opens it
            stream.Write(content, 0, written);
        }

        return Verdict(boot, oldFolder, newFolder);
    }

    private static void Write(string root, SortedDictionary<string, byte[]> folder)
    {
        foreach (var (name, content) in folder)
        {
            string path = Path.Combine(root, name);
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            File.WriteAllBytes(path, content);
        }
    }

    /// <summary>Builds A then B; both snapshots, and the number of files that differ between them.</summary>
    private static Variants BuildBoth(BoardWorkspace board, string bootDirectory, params string[] args)
    {
        var variants = new Variants(board);
        variants.Use(b: false);
        board.Build(args).AssertSucceeded();
        variants.A = BoardWorkspace.Snapshot(bootDirectory);
        variants.Use(b: true);
        board.Build(args).AssertSucceeded();
        variants.B = BoardWorkspace.Snapshot(bootDirectory);
        int changed = variants.A.Keys.Count(k => !variants.B.TryGetValue(k, out var v) || !v.AsSpan().SequenceEqual(variants.A[k]));
        Assert.IsGreaterThanOrEqualTo(10, changed, "the two variants must differ in many files");
        return variants;
    }

    [TestMethod]
    public void RandomKills_LeaveExactlyTheOldOrTheNewFolder_AndTheNextBuildRepairs()
    {
        int kills = int.TryParse(Environment.GetEnvironmentVariable("XENSHM_KILLS"), out int k) ? k : 30;
        int seed = int.TryParse(Environment.GetEnvironmentVariable("XENSHM_KILL_SEED"), out int s) ? s : Environment.TickCount;
        TestContext.WriteLine($"kills={kills} seed={seed} (XENSHM_KILLS, XENSHM_KILL_SEED)");
        var random = new Random(seed);
        var board = BoardWorkspace.Create(TestContext, Asset);
        var variants = BuildBoth(board, board.BootDirectory);
        var watch = Stopwatch.StartNew();
        board.Build().AssertSucceeded();
        int buildMs = (int)watch.ElapsedMilliseconds;   // a no-op build: most of a build is MSBuild starting

        var outcomes = new Dictionary<string, int>();
        bool current = true;   // the folder holds B
        for (int i = 0; i < kills; i++)
        {
            bool target = !current;
            variants.Use(target);
            // Half the kills land anywhere in the build, half in the swap's window (the staging
            // folder exists), where a mix could happen.
            bool inSwap = i % 2 == 1;
            using var build = board.StartBuild();
            int delay = random.Next(0, buildMs + buildMs / 2);
            var clock = Stopwatch.StartNew();
            bool killed = false;
            while (!build.HasExited)
            {
                if (inSwap ? Leftovers(board.BootDirectory).Length > 0 : clock.ElapsedMilliseconds >= delay)
                {
                    if (inSwap) Thread.Sleep(random.Next(0, 20));
                    build.Kill(entireProcessTree: true);
                    killed = true;
                    break;
                }

                Thread.Sleep(inSwap ? 1 : 5);
            }

            build.WaitForExit();
            string? outcome = Verdict(board.BootDirectory, current ? variants.B : variants.A, target ? variants.B : variants.A);
            if (outcome == null)
            {
                Assert.Fail($"kill {i} (seed {seed}, {(inSwap ? "in the swap" : $"after {delay} ms")}): the boot folder is neither the old nor the new one: " +
                    string.Join(", ", BoardWorkspace.Snapshot(board.BootDirectory).Keys));
                return;
            }

            outcome = (killed ? (inSwap ? "killed in the swap window, " : "killed at a random moment, ") : "finished before the kill, ") + outcome;
            outcomes[outcome] = outcomes.GetValueOrDefault(outcome) + 1;
            if (outcome.EndsWith("new", StringComparison.Ordinal)) current = target;

            // The next build repairs: every fifth kill (and after the last), a build that runs to the end.
            if (i % 5 == 4 || i == kills - 1)
            {
                board.Build().AssertSucceeded();
                Assert.IsTrue(Same(BoardWorkspace.Snapshot(board.BootDirectory), target ? variants.B : variants.A), $"repair build after kill {i}");
                Assert.IsEmpty(Leftovers(board.BootDirectory), "no staging or old folder is left after a build");
                current = target;
            }
        }

        foreach (var (outcome, count) in outcomes.OrderBy(o => o.Key)) TestContext.WriteLine($"{count,3} × {outcome}");
        Assert.IsGreaterThanOrEqualTo(kills / 2, outcomes.Where(o => o.Key.StartsWith("killed", StringComparison.Ordinal)).Sum(o => o.Value),
            "most builds must really be killed");
    }

    // A small tmpfs of our own (root only; CI runs as root): the boot folder lives there.
    private sealed class SmallFileSystem : IDisposable
    {
        public SmallFileSystem(string path, string size)
        {
            Path = path;
            Directory.CreateDirectory(path);
            var mount = Run("mount", "-t", "tmpfs", "-o", $"size={size}", "tmpfs", path);
            if (mount.ExitCode != 0) Prerequisite.Missing($"cannot mount a tmpfs (needs root): {mount.Output}");
        }

        public string Path { get; }

        public void Remount(string mode) => Assert.AreEqual(0, Run("mount", "-o", $"remount,{mode}", Path).ExitCode);

        public void Dispose() => Run("umount", "-l", Path);

        private static (int ExitCode, string Output) Run(string tool, params string[] args)
        {
            try
            {
                var run = ToolProcess.Run(tool, args);
                return (run.ExitCode, run.StdoutText + run.Stderr);
            }
            catch (System.ComponentModel.Win32Exception e)
            {
                return (-1, e.Message);
            }
        }
    }

    private static void AssertFailedAndUntouched(BuildRun run, string bootDirectory, SortedDictionary<string, byte[]> before)
    {
        run.AssertFailed();
        Assert.IsNotEmpty(run.DiagnosticLines("XSHM8005"), run.ToString());
        Assert.IsTrue(Same(before, BoardWorkspace.Snapshot(bootDirectory)), "the boot folder is byte for byte the previous one");
        Assert.IsEmpty(Leftovers(bootDirectory), "no staging folder is left");
    }

    /// <summary>The board built once (variant A) with its boot folder on a small tmpfs of its own; B is in place for the next build.</summary>
    private sealed class BoardOnMedium : IDisposable
    {
        public BoardOnMedium(TestContext context, string size)
        {
            if (!OperatingSystem.IsLinux()) Assert.Inconclusive("tmpfs: Linux only");
            Board = BoardWorkspace.Create(context, Asset);
            Disk = new SmallFileSystem(Path.Combine(Board.Directory, "medium"), size);
            Boot = Path.Combine(Disk.Path, "boot") + Path.DirectorySeparatorChar;
            var variants = new Variants(Board);
            variants.Use(b: false);
            Build().AssertSucceeded();
            Before = BoardWorkspace.Snapshot(Boot);
            variants.Use(b: true);
        }

        public BoardWorkspace Board { get; }
        public SmallFileSystem Disk { get; }
        public string Boot { get; }
        public SortedDictionary<string, byte[]> Before { get; }

        public BuildRun Build() => Board.Build($"-p:XenShmBootImageDir={Boot}");

        public void Dispose() => Disk.Dispose();
    }

    [TestMethod]
    public void FullDisk_FailsWithXSHM8005_AndLeavesTheFolderByteForByte()
    {
        using var medium = new BoardOnMedium(TestContext, "2m");
        // Fill the medium, then free less than the new folder needs.
        string filler = Path.Combine(medium.Disk.Path, "filler");
        using (var stream = File.Create(filler))
        {
            try { while (true) stream.Write(new byte[65536]); }
            catch (IOException) { }
        }

        using (var stream = new FileStream(filler, FileMode.Open)) stream.SetLength(Math.Max(0, stream.Length - 24 * 1024));

        AssertFailedAndUntouched(medium.Build(), medium.Boot, medium.Before);

        File.Delete(filler);
        medium.Build().AssertSucceeded();
        Assert.IsGreaterThan(medium.Before["etc/xen/vm1/Image"].Length, BoardWorkspace.Snapshot(medium.Boot)["etc/xen/vm1/Image"].Length, "the repair build has the new images");
        Assert.IsEmpty(Leftovers(medium.Boot));
    }

    [TestMethod]
    public void ReadOnlyMedium_FailsWithXSHM8005_AndLeavesTheFolderByteForByte()
    {
        using var medium = new BoardOnMedium(TestContext, "4m");
        medium.Disk.Remount("ro");

        AssertFailedAndUntouched(medium.Build(), medium.Boot, medium.Before);

        medium.Disk.Remount("rw");
        medium.Build().AssertSucceeded();
        Assert.IsFalse(Same(medium.Before, BoardWorkspace.Snapshot(medium.Boot)));
    }

    [TestMethod]
    public void ReadOnlyManifestAndHostDtb_AreReplacedWithTheWholeFolder()
    {
        if (OperatingSystem.IsWindows())
        {
            Assert.Inconclusive("Unix file modes");
            return;
        }

        // Before the swap, a read-only manifest.json or host.dtb failed the build after other files
        // were replaced (issue 17). Now no file is rewritten in place: the folder is replaced whole.
        var board = BoardWorkspace.Create(TestContext, Asset);
        var variants = BuildBoth(board, board.BootDirectory);
        variants.Use(b: false);
        foreach (string name in new[] { "manifest.json", "host.dtb" })
            File.SetUnixFileMode(Path.Combine(board.BootDirectory, name), UnixFileMode.UserRead | UnixFileMode.GroupRead | UnixFileMode.OtherRead);

        board.Build().AssertSucceeded();

        Assert.IsTrue(Same(variants.A, BoardWorkspace.Snapshot(board.BootDirectory)), "exactly the A folder");
    }

    [TestMethod]
    public void Clean_RemovesWhatAKilledBuildLeftBesideTheBootFolder()
    {
        var board = BoardWorkspace.Create(TestContext, "sdk-basic");
        board.Build().AssertSucceeded();
        string parent = Path.GetDirectoryName(board.BootDirectory)!;
        foreach (string leftover in new[] { ".boot.staging-0123456789abcdef0123456789abcdef", ".boot.old-fedcba9876543210fedcba9876543210" })
        {
            Directory.CreateDirectory(Path.Combine(parent, leftover, "etc"));
            File.WriteAllText(Path.Combine(parent, leftover, "etc", "a.cfg"), "half\n");
        }

        board.Clean().AssertSucceeded();

        Assert.IsEmpty(Leftovers(board.BootDirectory));
        Assert.IsFalse(File.Exists(Path.Combine(board.BootDirectory, "manifest.json")));
    }
}
