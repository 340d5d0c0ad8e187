using Xen.Shm.Sdk.Tasks.Tests.Infrastructure;

namespace Xen.Shm.Sdk.Tasks.Tests.BadInputs;

/// <summary>
/// Issue 17's bad-input suite, in process: every row of testassets/bad-inputs/*.cases breaks the
/// built base board (one edit, maybe a FIFO, a directory, a link…), runs the SDK's steps as the
/// targets chain them, and must fail with the row's code at the row's file(line,col) — where the
/// case's marker sits, or the position the row gives — with no internal error, the previous
/// boot folder byte for byte as it was, and nothing written outside the board folder.
/// (A subset goes through a real `dotnet build` in BadInputBuildTests of the integration tests.)
/// </summary>
[TestClass]
[DoNotParallelize]
public sealed class BadInputSuiteTests
{
    private static BadInputWorkspace? s_built;

    [ClassInitialize]
    public static void BuildBase(TestContext _) => s_built = BadInputWorkspace.Built();

    [ClassCleanup]
    public static void Clean() => s_built?.Dispose();

    public static IEnumerable<object[]> Cases => BadInputCase.All(BadInputWorkspace.Assets).Select(c => new object[] { c });

    public static string CaseName(System.Reflection.MethodInfo _, object[] data) => data[0].ToString()!;

    [TestMethod]
    public void TheTables_HoldAtLeast200DistinctCases()
    {
        var all = BadInputCase.All(BadInputWorkspace.Assets).ToList();
        Assert.IsGreaterThanOrEqualTo(200, all.Count);
        CollectionAssert.AllItemsAreUnique(all.Select(c => c.ToString()).ToList());
        CollectionAssert.AllItemsAreUnique(all.Select(c => c.EditFile + "\0" + Convert.ToHexString(c.Find) + "\0" + Convert.ToHexString(c.Replace) + "\0" +
            string.Join("|", c.Setup.Select(s => string.Join(" ", s)))).ToList(), "two rows make the same change");
    }

    [TestMethod]
    [DynamicData(nameof(Cases), DynamicDataDisplayName = nameof(CaseName))]
    public void BadInput_FailsWithItsCodeAtItsPosition_AndLeavesTheBootFolder(BadInputCase c)
    {
        using var ws = s_built!.Clone();
        var before = BadInputWorkspace.Snapshot(ws.Board.BootDirectory);
        Assert.IsNotEmpty(before);
        var (file, line, column) = ws.Break(c);

        var pipeline = new BoardPipeline(ws.Board);
        bool ok = pipeline.Run();

        var errors = pipeline.Engine.ErrorLines().ToList();
        string all = string.Join("\n", pipeline.Engine.Errors.Select(e => $"{e.Code} {e.File}({e.LineNumber},{e.ColumnNumber}): {e.Message}"));
        Assert.IsFalse(ok, $"{c}: the build succeeded");
        Assert.IsFalse(pipeline.Engine.Errors.Any(e => e.Code is null || e.Code.StartsWith("XSHM9", StringComparison.Ordinal)), $"{c}: internal error\n{all}");
        Assert.IsTrue(pipeline.Engine.Errors.Any(e => e.Code == c.Code && e.File == file && e.LineNumber == line && e.ColumnNumber == column),
            $"{c}: no {c.Code} at {Path.GetFileName(file)}({line},{column}); got:\n{all}");
        Assert.IsFalse(pipeline.Engine.Errors.Any(e => (e.Message ?? string.Empty).Contains('\n') || (e.Message ?? string.Empty).Contains('\r')), $"{c}: a message spans lines\n{all}");

        var after = BadInputWorkspace.Snapshot(ws.Board.BootDirectory);
        CollectionAssert.AreEqual(before.Keys.ToList(), after.Keys.ToList(), $"{c}: boot folder files changed");
        foreach (var key in before.Keys) CollectionAssert.AreEqual(before[key], after[key], $"{c}: {key} changed");
        CollectionAssert.AreEqual(Array.Empty<string>(), ws.Escaped().ToList(), $"{c}: written outside the board folder");
    }
}
