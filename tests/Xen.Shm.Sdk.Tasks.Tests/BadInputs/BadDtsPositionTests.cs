using System.Diagnostics;
using System.Text.RegularExpressions;
using Xen.Shm.Sdk.Tasks.Tests.Infrastructure;

namespace Xen.Shm.Sdk.Tasks.Tests.BadInputs;

/// <summary>
/// The positions the dts table expects for syntax errors are dtc 1.6.1's: each such row's broken
/// source is given to the installed dtc, whose first "Error: file:line.col" must be the row's.
/// (dtc is installed by .ci/install-packages.sh; without it the test is inconclusive, and fails under CI.)
/// </summary>
[TestClass]
public sealed partial class BadDtsPositionTests
{
    [GeneratedRegex(@"^Error: [^:]+:(\d+)\.(\d+)")]
    private static partial Regex DtcError();

    public static IEnumerable<object[]> SyntaxRows => BadInputCase.Read(Path.Combine(BadInputWorkspace.Assets, "dts.cases"))
        // Rows that /include/ or /incbin/ a device are ours alone: dtc reads /dev/zero (XSHM3006 here).
        .Where(c => c.Code is "XSHM1023" or "XSHM3001" && c.Setup.Count == 0 && !c.Name.Contains("include", StringComparison.Ordinal)
                    && !c.Name.Contains("incbin", StringComparison.Ordinal))
        .Select(c => new object[] { c });

    public static string CaseName(System.Reflection.MethodInfo _, object[] data) => data[0].ToString()!;

    [TestMethod]
    [DynamicData(nameof(SyntaxRows), DynamicDataDisplayName = nameof(CaseName))]
    public void SyntaxErrorRow_IsWhereDtcPutsIt(BadInputCase c)
    {
        string dtc = Prerequisite.RequireTool("dtc", "apt-get install device-tree-compiler");
        string folder = Path.Combine(Path.GetTempPath(), "xen-shm-bad-dts", Guid.NewGuid().ToString("N"));
        try
        {
            BadInputWorkspace.CopyTree(Path.Combine(BadInputWorkspace.Assets, "base"), folder);
            var (file, line, column) = c.ApplyTo(folder, Path.Combine(folder, "outside"));
            var run = ToolProcess.Run(dtc, ["-O", "dtb", "-o", "/dev/null", file], folder);
            string stderr = run.Stderr;
            Assert.AreNotEqual(0, run.ExitCode, $"{c}: dtc accepts it\n{stderr}");
            var first = stderr.Split('\n').Select(l => DtcError().Match(l)).FirstOrDefault(m => m.Success);
            Assert.IsNotNull(first, $"{c}: no positioned error from dtc\n{stderr}");
            Assert.AreEqual((line, column), (int.Parse(first.Groups[1].Value), int.Parse(first.Groups[2].Value)), $"{c}\n{stderr}");
        }
        finally
        {
            try { Directory.Delete(folder, true); } catch (IOException) { }
        }
    }
}
