using Xen.Shm.Devicetree.Overlay;
using Xen.Shm.Dtc.Tests.Infrastructure;

namespace Xen.Shm.Dtc.Tests.Overlay;

/// <summary>
/// The reference: Debian's fdtoverlay (device-tree-compiler 1.6.1) run on files, and our applier on
/// the same bytes; the two outcomes as comparable text.
/// </summary>
public static class RealFdtoverlay
{
    public sealed record Outcome(byte[]? Blob, string Error, string Where = "");

    public static string Require() => ExternalTool.Require("fdtoverlay", "apt-get install device-tree-compiler (dtc 1.6.1)");

    /// <summary>fdtoverlay -i base -o out o1 o2 …: the output, or the FDT_ERR name it printed.</summary>
    public static Outcome Run(byte[] baseBlob, IReadOnlyList<byte[]> overlays)
    {
        string tool = Require();
        using var dir = new TempFolder();
        string input = dir.File("base.dtb"), output = dir.File("out.dtb");
        File.WriteAllBytes(input, baseBlob);
        var args = new List<string> { "-i", input, "-o", output };
        for (int i = 0; i < overlays.Count; i++)
        {
            string name = dir.File($"o{i}.dtbo");
            File.WriteAllBytes(name, overlays[i]);
            args.Add(name);
        }
        var run = ExternalTool.Run(tool, args, dir.Path);
        if (run.ExitCode == 0) return new Outcome(File.ReadAllBytes(output), string.Empty);
        int at = run.Stderr.IndexOf("FDT_ERR_", StringComparison.Ordinal);
        string error = at < 0 ? run.Stderr.Trim() : new string(run.Stderr.Substring(at).TakeWhile(c => c == '_' || char.IsLetterOrDigit(c)).ToArray());
        // "Failed to make temporary copy" (the buffer outgrew 2 GiB) names no overlay.
        string which = run.Stderr.Contains("Failed to apply", StringComparison.Ordinal) ? Overlay(run.Stderr) : "o?";
        return new Outcome(null, which + ":" + error);
    }

    /// <summary>Our applier on the same bytes, as an <see cref="Outcome"/>.</summary>
    public static Outcome Ours(byte[] baseBlob, IReadOnlyList<byte[]> overlays)
    {
        var r = OverlayApplier.Apply(baseBlob, overlays);
        if (r.Failure == null) return new Outcome(r.Blob, string.Empty);
        return new Outcome(null, $"o{r.Failure.Index}:FDT_ERR_{r.Failure.Error.ToString().ToUpperInvariant()}", r.Failure.Where);
    }

    private static string Overlay(string stderr)
    {
        int at = stderr.IndexOf("/o", StringComparison.Ordinal);
        return at < 0 ? "?" : new string(stderr.Substring(at + 1).TakeWhile(char.IsLetterOrDigit).ToArray());
    }

    /// <summary>Same outcome kind: both applied, or both failed with one FDT_ERR_ from the same overlay (when fdtoverlay names it).</summary>
    public static bool SameFailure(Outcome real, Outcome ours) =>
        real.Error == ours.Error
        || (real.Error.StartsWith("o?:", StringComparison.Ordinal) && ours.Error.EndsWith(real.Error.Substring(2), StringComparison.Ordinal));

    public static string Describe(Outcome o) => o.Blob != null ? $"{o.Blob.Length} B" : $"failed {o.Error} ({o.Where})";

    public static int FirstDifference(byte[] a, byte[] b)
    {
        int n = Math.Min(a.Length, b.Length);
        for (int i = 0; i < n; i++)
            if (a[i] != b[i]) return i;
        return n;
    }
}
