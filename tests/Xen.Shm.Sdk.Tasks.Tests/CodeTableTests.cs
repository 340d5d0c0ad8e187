using System.Text.RegularExpressions;
using Xen.Shm.Diagnostics;

namespace Xen.Shm.Sdk.Tasks.Tests;

/// <summary>The SDK's codes (XSHM8xxx/9xxx) exist in the code table and are raised in exactly one place.</summary>
[TestClass]
public sealed partial class CodeTableTests
{
    [GeneratedRegex(@"Code=""(XSHM\d{4})""")]
    private static partial Regex TargetsCode();

    [GeneratedRegex(@"DiagnosticCodes\.(\w+)")]
    private static partial Regex CodeReference();

    [TestMethod]
    public void EveryCodeRaisedByTheTargets_IsInTheTable()
    {
        string root = Infrastructure.RepositoryRoot.Path;
        var codes = Directory.GetFiles(Path.Combine(root, "src", "Xen.Shm.Sdk", "build"), "*.targets")
            .SelectMany(f => TargetsCode().Matches(File.ReadAllText(f)).Select(m => m.Groups[1].Value))
            .ToList();

        CollectionAssert.AreEquivalent(new[] { "XSHM8001", "XSHM8002", "XSHM8003", "XSHM8030", "XSHM8032", "XSHM5040" }, codes);
        foreach (var code in codes)
        {
            var d = DiagnosticCodes.Find(code);
            Assert.IsNotNull(d, code);
            Assert.AreEqual(Severity.Error, d.DefaultSeverity, code);
        }
    }

    [TestMethod]
    public void EverySdkCode_IsRaisedInExactlyOnePlace()
    {
        string root = Infrastructure.RepositoryRoot.Path;
        var fieldByCode = typeof(DiagnosticCodes).GetFields()
            .Where(f => f.FieldType == typeof(DiagnosticDescriptor))
            .ToDictionary(f => ((DiagnosticDescriptor)f.GetValue(null)!).Code, f => f.Name);
        // The boot-setting codes (XSHM8006–8010) are raised where the settings are parsed: BootImage's BootScriptSettings.
        // XenShmDomainImage items (XSHM8040–8043) are checked where the topology resolves its files.
        var uses = new[] { "Xen.Shm.Sdk.Tasks", "Xen.Shm.BootImage", "Xen.Shm.Topology" }
            .SelectMany(p => Directory.GetFiles(Path.Combine(root, "src", "Tasks", p), "*.cs", SearchOption.AllDirectories))
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal))
            .SelectMany(f => CodeReference().Matches(File.ReadAllText(f)).Select(m => m.Groups[1].Value))
            .Concat(Directory.GetFiles(Path.Combine(root, "src", "Xen.Shm.Sdk", "build"), "*.targets")
                .SelectMany(f => TargetsCode().Matches(File.ReadAllText(f)).Select(m => fieldByCode[m.Groups[1].Value])))
            .ToList();

        var sdkCodes = DiagnosticCodes.All.Where(d => d.Code.StartsWith("XSHM8", StringComparison.Ordinal) || d.Code.StartsWith("XSHM9", StringComparison.Ordinal)).ToList();
        Assert.IsNotEmpty(sdkCodes);
        foreach (var d in sdkCodes)
        {
            Assert.AreEqual(1, uses.Count(u => u == fieldByCode[d.Code]), $"{d.Code} ({fieldByCode[d.Code]}) must be raised in exactly one place");
        }
    }
}
