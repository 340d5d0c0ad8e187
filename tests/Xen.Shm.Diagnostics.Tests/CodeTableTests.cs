using System.Text;
using System.Text.RegularExpressions;
using Xen.Shm.Diagnostics;

namespace Xen.Shm.Diagnostics.Tests;

[TestClass]
public sealed class CodeTableTests
{
    [TestMethod]
    public void EveryCodeHasTheXshmFormAndIsUnique()
    {
        var codes = DiagnosticCodes.All.Select(d => d.Code).ToList();
        Assert.IsNotEmpty(codes);
        foreach (var code in codes)
            Assert.IsTrue(Regex.IsMatch(code, "^XSHM[0-9]{4}$"), $"bad code '{code}'");
        var duplicates = codes.GroupBy(c => c).Where(g => g.Count() > 1).Select(g => g.Key).ToList();
        Assert.IsEmpty(duplicates, "duplicate codes: " + string.Join(", ", duplicates));
    }

    [TestMethod]
    public void SpecRuleCodesAreAllPresentWithTheSpecSeverities()
    {
        // ../shared/spec/xen-shared-memory.md §11: errors unless marked (W).
        string[] specCodes =
        {
            "XSHM2001", "XSHM2002", "XSHM2003", "XSHM2004", "XSHM2005", "XSHM2006", "XSHM2007", "XSHM2008",
            "XSHM2009", "XSHM2010", "XSHM2011", "XSHM2012", "XSHM2013", "XSHM2014", "XSHM2015", "XSHM2016",
            "XSHM2017", "XSHM2018", "XSHM2019", "XSHM2201", "XSHM2202", "XSHM2203", "XSHM2301", "XSHM2302",
            "XSHM2303", "XSHM2304", "XSHM2305", "XSHM2306", "XSHM2307", "XSHM2308", "XSHM2309", "XSHM2310",
            "XSHM2311", "XSHM2312", "XSHM2401", "XSHM2501", "XSHM2502", "XSHM2503", "XSHM2504", "XSHM2505",
            "XSHM2601", "XSHM2602", "XSHM2603",
        };
        string[] warnings = { "XSHM2014", "XSHM2019" };
        foreach (var code in specCodes)
        {
            var d = DiagnosticCodes.Find(code);
            Assert.IsNotNull(d, $"{code} missing from the code table");
            var expected = warnings.Contains(code) ? Severity.Warning : Severity.Error;
            Assert.AreEqual(expected, d.DefaultSeverity, code);
        }
    }

    [TestMethod]
    public void ReadmeListsExactlyTheCodeTable()
    {
        string readme = File.ReadAllText(Path.Combine(RepoRoot(), "README.md"));
        const string begin = "<!-- codes:begin -->", end = "<!-- codes:end -->";
        int b = readme.IndexOf(begin, StringComparison.Ordinal), e = readme.IndexOf(end, StringComparison.Ordinal);
        Assert.IsTrue(b >= 0 && e > b, "README.md lacks the generated code table markers");
        string actual = readme.Substring(b + begin.Length, e - b - begin.Length).Trim('\n');
        string expected = RenderTable();
        if (actual != expected && Environment.GetEnvironmentVariable("XSHM_UPDATE_README") == "1")
        {
            // Maintainer convenience: XSHM_UPDATE_README=1 dotnet test tests/Xen.Shm.Diagnostics.Tests
            string path = Path.Combine(RepoRoot(), "README.md");
            File.WriteAllText(path, readme.Substring(0, b + begin.Length) + "\n" + expected + "\n" + readme.Substring(e));
            return;
        }
        Assert.AreEqual(expected, actual,
            "README.md's list of diagnostic codes differs from DiagnosticCodes; paste this table between the markers:\n" + expected);
    }

    private static string RenderTable()
    {
        var sb = new StringBuilder();
        sb.Append("| code | severity | meaning |\n| --- | --- | --- |\n");
        foreach (var d in DiagnosticCodes.All)
            sb.Append($"| {d.Code} | {d.DefaultSeverity.ToString().ToLowerInvariant()} | {d.Title.Replace("|", "\\|")} |\n");
        return sb.ToString().TrimEnd('\n');
    }

    private static string RepoRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Xen.Shm.Sdk.sln")))
            dir = dir.Parent;
        return dir?.FullName ?? throw new InvalidOperationException("repository root not found");
    }
}
