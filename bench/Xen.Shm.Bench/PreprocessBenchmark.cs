using System.Diagnostics;
using System.Globalization;
using Xen.Shm.Devicetree;
using Xen.Shm.Preprocessor;

namespace Xen.Shm.Bench;

/// <summary>
/// Issue 15's speed item: RAW Linux 6.1 board sources (fetch-corpus.sh's src/) through our
/// preprocessor + compiler in this one process, vs Kbuild's two steps run once per file (`cpp
/// -nostdinc -I… -undef -D__DTS__ -x assembler-with-cpp` into a temp file, then `dtc -b 0 -i …`),
/// side by side in one run. Every DTB of ours must equal the tools' (exit 1 otherwise). Prints wall
/// and CPU totals and the ratios (target ≤ 0.5). CPU: this process's own time for ours (JIT and GC
/// threads included), the waited-for children's user+sys (/proc/self/stat) for the tools.
/// </summary>
public sealed class PreprocessBenchmark : IBenchmark
{
    public string Name => "preprocess";

    public string Description => "raw Linux 6.1 board sources: built-in preprocessor + compiler in-process vs cpp + dtc per file (Kbuild flags), bytes checked (target ratio <= 0.5)";

    public int Run(string[] args)
    {
        string dir = KernelCorpus.Directory();
        var all = KernelCorpus.RawSources(dir);
        if (all == null) return 1;
        int limit = args.Length >= 2 && args[0] == "--limit" ? int.Parse(args[1], CultureInfo.InvariantCulture) : all.Count;
        // A fixed stride over the sorted list (every vendor), as the corpus tests sample.
        int step = Math.Max(1, all.Count / Math.Max(1, limit));
        var files = all.Where((_, i) => i % step == 0).Take(limit).ToList();
        Console.WriteLine($"preprocess benchmark: {files.Count} of {all.Count} raw sources, {files.Sum(f => new FileInfo(f).Length) / 1024.0 / 1024.0:F1} MiB (before #include)");

        // Warm up the JIT on one file so the total measures the work, not loading code.
        Devicetree.Dtc.Compile(files[0], Options(dir, files[0]));

        var ourBlobs = new byte[files.Count][];
        using var self = Process.GetCurrentProcess();
        var ourCpu0 = self.TotalProcessorTime;
        var ours = Stopwatch.StartNew();
        for (int i = 0; i < files.Count; i++)
        {
            var r = Devicetree.Dtc.Compile(files[i], Options(dir, files[i]));
            ourBlobs[i] = r.ExitCode == 0 ? r.Output ?? Array.Empty<byte>() : Array.Empty<byte>();
        }
        ours.Stop();
        self.Refresh();
        double ourCpu = (self.TotalProcessorTime - ourCpu0).TotalSeconds;

        string work = Directory.CreateTempSubdirectory("xshm-preprocess-bench-").FullName;
        try
        {
            var toolBlobs = new byte[files.Count][];
            double childCpu0 = ChildrenCpuSeconds();
            var tools = new Stopwatch();
            for (int i = 0; i < files.Count; i++)
            {
                string pp = Path.Combine(work, "pp.dts"), dtb = Path.Combine(work, "out.dtb");
                File.Delete(dtb);
                tools.Start();
                bool ok = KernelCorpus.Run(Cpp(dir, files[i], pp)) == 0 && KernelCorpus.Run(KernelCorpus.KbuildCommand("dtc", dir, pp, dtb, files[i])) == 0;
                tools.Stop();
                toolBlobs[i] = ok && File.Exists(dtb) ? File.ReadAllBytes(dtb) : Array.Empty<byte>();
            }
            double toolCpu = ChildrenCpuSeconds() - childCpu0;

            var differ = Enumerable.Range(0, files.Count).Where(i => ourBlobs[i].Length == 0 || !ourBlobs[i].AsSpan().SequenceEqual(toolBlobs[i])).ToList();
            double wall = ours.Elapsed.TotalSeconds / tools.Elapsed.TotalSeconds, cpu = ourCpu / toolCpu;
            Console.WriteLine($"  ours (in-process):     {ours.Elapsed.TotalSeconds,8:F2} s wall  {ourCpu,8:F2} s CPU");
            Console.WriteLine($"  cpp + dtc (per file):  {tools.Elapsed.TotalSeconds,8:F2} s wall  {toolCpu,8:F2} s CPU");
            Console.WriteLine($"  ratio ours/tools:      {wall,8:F3} wall  {cpu,8:F3} CPU  (target <= 0.5: {(wall <= 0.5 ? "met" : "NOT met")})");
            Console.WriteLine($"  DTBs identical:        {files.Count - differ.Count}/{files.Count}");
            foreach (int i in differ.Take(10)) Console.WriteLine($"    differs: {Path.GetRelativePath(dir, files[i])} (ours {ourBlobs[i].Length} B, tools {toolBlobs[i].Length} B)");
            return differ.Count == 0 ? 0 : 1;
        }
        finally
        {
            Directory.Delete(work, recursive: true);
        }
    }

    private static DtcOptions Options(string dir, string file)
    {
        var o = new DtcOptions { BootCpu = 0, Quiet = 1 };
        o.IncludeDirs.Add(Path.GetDirectoryName(file)!);
        o.IncludeDirs.Add(Path.Combine(dir, "src", "scripts", "dtc", "include-prefixes"));
        foreach (var w in KernelCorpus.Warnings) o.Warning(w);
        var p = new PreprocessorOptions();
        p.IncludeDirs.AddRange(KernelCorpus.CppIncludeDirs(dir, file));
        o.Preprocess = p;
        return o;
    }

    /// <summary>Kbuild's cpp step: `cpp -nostdinc -I… -undef -D__DTS__ -x assembler-with-cpp -o OUT SOURCE`.</summary>
    private static ProcessStartInfo Cpp(string dir, string source, string output)
    {
        var psi = new ProcessStartInfo("cpp") { UseShellExecute = false, RedirectStandardError = true };
        psi.ArgumentList.Add("-nostdinc");
        foreach (var d in KernelCorpus.CppIncludeDirs(dir, source)) { psi.ArgumentList.Add("-I"); psi.ArgumentList.Add(d); }
        foreach (var a in new[] { "-undef", "-D__DTS__", "-x", "assembler-with-cpp", "-o", output, source }) psi.ArgumentList.Add(a);
        return psi;
    }

    /// <summary>User + system time of this process's waited-for children (fields 16-17 of /proc/self/stat, in clock ticks of 1/100 s).</summary>
    private static double ChildrenCpuSeconds()
    {
        string stat = File.ReadAllText("/proc/self/stat");
        var fields = stat.Substring(stat.LastIndexOf(')') + 2).Split(' ');
        // fields[0] is field 3 (state): cutime is field 16, cstime field 17.
        return (long.Parse(fields[13], CultureInfo.InvariantCulture) + long.Parse(fields[14], CultureInfo.InvariantCulture)) / 100.0;
    }
}
