using System.Diagnostics.CodeAnalysis;
using Microsoft.VisualStudio.TestTools.UnitTesting;

namespace Xen.Shm.TestSupport;

/// <summary>
/// The one rule for tests that need something outside the repository (dtc, mkimage, gcc, QEMU, a
/// cached corpus): under CI (CI=true) a missing prerequisite fails the test; elsewhere the test
/// reports itself inconclusive with the reason — never passes silently. Linked into every test project.
/// </summary>
internal static class Prerequisite
{
    public static bool IsCi =>
        string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase);

    /// <summary>Full path of <paramref name="tool"/> on PATH, or null.</summary>
    public static string? FindOnPath(string tool)
    {
        foreach (string dir in (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator))
        {
            if (dir.Length == 0) continue;
            string candidate = Path.Combine(dir, tool);
            if (File.Exists(candidate)) return candidate;
        }
        return null;
    }

    /// <summary>Full path of <paramref name="tool"/>, or <see cref="Missing"/> with the install hint.</summary>
    public static string RequireTool(string tool, string installHint) =>
        FindOnPath(tool) ?? Missing($"{tool} not installed: {installHint}");

    /// <summary>Fails (CI) or marks the test inconclusive (elsewhere); never returns.</summary>
    [DoesNotReturn]
    public static string Missing(string reason)
    {
        if (IsCi) Assert.Fail(reason);
        Assert.Inconclusive(reason);
        throw new InvalidOperationException(reason); // not reached: both asserts throw
    }
}
