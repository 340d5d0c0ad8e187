using System.Diagnostics;

namespace Xen.Shm.Preprocessor.Tests;

/// <summary>Hostile input: every limit stops with its own code, quickly, never an exception or a hang.</summary>
[TestClass]
public sealed class LimitsTests
{
    private static PreprocessResult Run(string text, PreprocessorOptions? options = null, string name = "t.dts") =>
        DtsPreprocessor.RunText(text, name, options);

    private static void AssertCode(PreprocessResult r, string code)
    {
        Assert.IsTrue(r.Diagnostics.Any(d => d.Code == code), $"{code} expected; got: {string.Join("\n", r.Diagnostics)}");
        Assert.IsTrue(r.HasErrors);
    }

    [TestMethod]
    public void MacroBomb_XSHM3613()
    {
        var text = new System.Text.StringBuilder("#define a0 x x\n");
        for (int i = 1; i <= 40; i++) text.Append($"#define a{i} a{i - 1} a{i - 1}\n");
        text.Append("a40\n");
        var watch = Stopwatch.StartNew();
        var r = Run(text.ToString(), new PreprocessorOptions { MaxExpandedTokens = 1_000_000 });
        AssertCode(r, "XSHM3613");
        Assert.IsTrue(watch.Elapsed < TimeSpan.FromSeconds(20), watch.Elapsed.ToString());
    }

    [TestMethod]
    public void OutputLimit_XSHM3613()
    {
        var r = Run("#define A xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx\n" + string.Concat(Enumerable.Repeat("A A A A A A A A\n", 2000)),
            new PreprocessorOptions { MaxOutputBytes = 100_000 });
        AssertCode(r, "XSHM3613");
    }

    [TestMethod]
    public void NestedArguments_XSHM3612()
    {
        int depth = 500;
        var r = Run("#define f(x) x\n" + string.Concat(Enumerable.Repeat("f(", depth)) + "1" + new string(')', depth) + "\n");
        AssertCode(r, "XSHM3612");
    }

    [TestMethod]
    public void SelfIncludeTwice_StopsAtTheFileBudget_XSHM3620()
    {
        using var dir = new TempFolder();
        string a = dir.Write("a.h", "#include \"a.h\"\n#include \"a.h\"\nx\n");
        var watch = Stopwatch.StartNew();
        var r = DtsPreprocessor.Run(a, new PreprocessorOptions { MaxIncludedFiles = 2000 });
        AssertCode(r, "XSHM3620");
        Assert.IsTrue(r.Diagnostics.Any(d => d.Code == "XSHM3604"), "the depth limit is met first");
        Assert.IsTrue(watch.Elapsed < TimeSpan.FromSeconds(20), watch.Elapsed.ToString());
    }

    [TestMethod]
    public void DeepParentheses_InIf_AreAnErrorNotAStackOverflow()
    {
        var r = Run("#if " + new string('(', 100_000) + "1" + new string(')', 100_000) + "\n#endif\n");
        AssertCode(r, "XSHM3607");
    }

    [TestMethod]
    public void MissingMainFile_IsADiagnostic()
    {
        var r = DtsPreprocessor.Run(Path.Combine(Path.GetTempPath(), "no-such-" + Guid.NewGuid().ToString("N") + ".dts"));
        Assert.IsTrue(r.HasErrors);
        Assert.IsEmpty(r.Dependencies);
    }

    [TestMethod]
    public void DependenciesListEveryFileRead()
    {
        using var dir = new TempFolder();
        dir.Write("inc/b.h", "#define B 1\n");
        dir.Write("c.dtsi", "c;\n");
        string main = dir.Write("a.dts", "#include <b.h>\n#include \"c.dtsi\"\n#include \"c.dtsi\"\nB\n");
        var options = new PreprocessorOptions();
        options.IncludeDirs.Add(dir.File("inc"));
        var r = DtsPreprocessor.Run(main, options);
        Assert.IsFalse(r.HasErrors, string.Join("\n", r.Diagnostics));
        CollectionAssert.AreEqual(new[] { main, dir.File("inc") + "/b.h", Path.Combine(dir.Path, "c.dtsi") }, r.Dependencies.ToArray());
    }

    /// <summary>Negative control of the cpp comparison: spacing that changes tokens is seen.</summary>
    [TestMethod]
    public void NormalisationKeepsTokenBoundaries()
    {
        Assert.AreNotEqual(CppCaseTests.Normalise("<1 -2>"), CppCaseTests.Normalise("<1-2>"));
        Assert.AreEqual(CppCaseTests.Normalise("# 1 \"a.dts\"\n\n  a   b\n# 3 \"a.dts\" 2\nc"), CppCaseTests.Normalise("a b\nc"));
    }
}
