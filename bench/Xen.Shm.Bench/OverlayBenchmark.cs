using System.Diagnostics;
using System.Text.RegularExpressions;
using Xen.Shm.Devicetree.Overlay;

namespace Xen.Shm.Bench;

/// <summary>
/// Our overlay applier vs fdtoverlay on the Linux 6.1 kernel's own board + overlay combinations
/// (arm64 Makefiles' `name-dtbs := base.dtb overlay.dtbo` lines), both timed from outside by
/// farm-bench: `overlay prepare DIR` compiles the blobs with real dtc -@ and writes DIR/fdtoverlay.sh;
/// `overlay run DIR N` applies every combination N times in one process, checking each result
/// against fdtoverlay's file (written by prepare), so the figure is for correct output only.
/// </summary>
public sealed class OverlayBenchmark : IBenchmark
{
    private static readonly Regex Combination = new(@"^\s*[\w.,+-]+-dtbs\s*:=\s*(?<files>[\w.,+-]+\.dtbo?(\s+[\w.,+-]+\.dtbo?)+)\s*$", RegexOptions.Multiline);

    public string Name => "overlay";

    public string Description => "overlay prepare DIR | run DIR N: every Linux 6.1 arm64 base+overlay combination applied N times by OverlayApplier in one process vs DIR/fdtoverlay.sh N (fdtoverlay per combination), side by side under farm-bench";

    public int Run(string[] args)
    {
        if (args.Length >= 2 && args[0] == "prepare") return Prepare(args[1]);
        if (args.Length >= 3 && args[0] == "run") return Apply(args[1], int.Parse(args[2], System.Globalization.CultureInfo.InvariantCulture));
        Console.Error.WriteLine("usage: overlay prepare DIR | overlay run DIR N");
        return 1;
    }

    private static int Prepare(string dir)
    {
        string corpus = Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".cache", "xen-shm-sdk", "dt-corpus");
        string dts = Path.Combine(corpus, "src", "arch", "arm64", "boot", "dts");
        Directory.CreateDirectory(dir);
        var script = new List<string> { "#!/bin/sh", "# fdtoverlay on every combination, $1 times (written by: overlay prepare)", "d=$(dirname \"$0\")", "i=0", "while [ $i -lt $1 ]; do" };
        int n = 0;
        foreach (string makefile in Directory.GetFiles(dts, "Makefile", SearchOption.AllDirectories).OrderBy(f => f, StringComparer.Ordinal))
        {
            string pp = Path.Combine(corpus, "pp", Path.GetRelativePath(Path.Combine(corpus, "src"), Path.GetDirectoryName(makefile)!));
            foreach (Match m in Combination.Matches(File.ReadAllText(makefile)))
            {
                var files = Regex.Split(m.Groups["files"].Value.Trim(), @"\s+").Select(f => Path.Combine(pp, Path.ChangeExtension(f, ".dts"))).ToList();
                var names = new List<string>();
                for (int i = 0; i < files.Count; i++)
                {
                    string name = $"c{n:D2}-{i}.dtb";
                    Compile(corpus, files[i], Path.Combine(dir, name));
                    names.Add(name);
                }
                script.Add($"  fdtoverlay -i \"$d/{names[0]}\" -o \"$d/c{n:D2}.out\" " + string.Join(" ", names.Skip(1).Select(x => $"\"$d/{x}\"")));
                n++;
            }
        }
        script.AddRange(new[] { "  i=$((i+1))", "done" });
        File.WriteAllText(Path.Combine(dir, "fdtoverlay.sh"), string.Join("\n", script) + "\n");
        var first = Process.Start("sh", new[] { Path.Combine(dir, "fdtoverlay.sh"), "1" });
        first.WaitForExit();
        Console.WriteLine($"{n} combinations prepared in {dir} (fdtoverlay exit {first.ExitCode})");
        return first.ExitCode;
    }

    private static void Compile(string corpus, string source, string output)
    {
        var psi = new ProcessStartInfo("dtc") { RedirectStandardError = true };
        foreach (string a in new[] { "-q", "-@", "-I", "dts", "-O", "dtb", "-b", "0", "-i", Path.GetDirectoryName(source)!.Replace(Path.Combine(corpus, "pp"), Path.Combine(corpus, "src")),
                     "-i", Path.Combine(corpus, "src", "scripts", "dtc", "include-prefixes"), "-o", output, source })
            psi.ArgumentList.Add(a);
        using var p = Process.Start(psi)!;
        p.StandardError.ReadToEnd();
        p.WaitForExit();
        if (p.ExitCode != 0) throw new InvalidOperationException($"dtc failed on {source}");
    }

    private static int Apply(string dir, int rounds)
    {
        var combos = Directory.GetFiles(dir, "c*.out").OrderBy(f => f, StringComparer.Ordinal)
            .Select(o => (Expected: File.ReadAllBytes(o), Blobs: Directory.GetFiles(dir, Path.GetFileNameWithoutExtension(o) + "-*.dtb").OrderBy(f => f, StringComparer.Ordinal).Select(File.ReadAllBytes).ToList()))
            .ToList();
        for (int r = 0; r < rounds; r++)
            foreach (var (expected, blobs) in combos)
            {
                var result = OverlayApplier.Apply(blobs[0], blobs.Skip(1).ToList());
                if (result.Blob == null || !result.Blob.AsSpan().SequenceEqual(expected))
                {
                    Console.Error.WriteLine("result differs from fdtoverlay's");
                    return 1;
                }
            }
        Console.WriteLine($"{combos.Count} combinations x {rounds}: identical to fdtoverlay");
        return 0;
    }
}
