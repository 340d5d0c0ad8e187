using Microsoft.Build.Utilities;
using Xen.Shm.Diagnostics;
using Xen.Shm.Sdk.Tasks.Logging;
using Xen.Shm.Sdk.Tasks.Tests.Infrastructure;

namespace Xen.Shm.Sdk.Tasks.Tests.Logging;

[TestClass]
public sealed class DiagnosticLogTests
{
    private static (FakeBuildEngine Engine, TaskLoggingHelper Log) NewLog()
    {
        var engine = new FakeBuildEngine();
        var log = new TaskLoggingHelper(engine, "LoadTopology");
        return (engine, log);
    }

    [TestMethod]
    public void Error_KeepsCodeFileAndFullSpan()
    {
        var (engine, log) = NewLog();
        var d = DiagnosticCodes.NotPageAligned.Create(new SourceSpan("/b/board.yaml", 12, 9, 12, 19), "size 0x1001 is not a multiple of 4 KiB");

        DiagnosticLog.Report(log, new[] { d });

        Assert.HasCount(1, engine.Errors);
        var e = engine.Errors[0];
        Assert.AreEqual("XSHM2001", e.Code);
        Assert.AreEqual("/b/board.yaml", e.File);
        Assert.AreEqual(12, e.LineNumber);
        Assert.AreEqual(9, e.ColumnNumber);
        Assert.AreEqual(12, e.EndLineNumber);
        Assert.AreEqual(19, e.EndColumnNumber);
        Assert.AreEqual("size 0x1001 is not a multiple of 4 KiB", e.Message);
        Assert.IsNull(e.Subcategory);
        Assert.IsTrue(log.HasLoggedErrors);
    }

    [TestMethod]
    public void Warning_IsAWarningWithItsCode()
    {
        var (engine, log) = NewLog();
        var d = DiagnosticCodes.GuestWindowInExtendedRegion.Create(new SourceSpan("board.yaml", 3, 5), "window inside an extended region");

        DiagnosticLog.Report(log, d);

        Assert.IsEmpty(engine.Errors);
        Assert.HasCount(1, engine.Warnings);
        Assert.AreEqual("XSHM2014", engine.Warnings[0].Code);
        Assert.AreEqual(3, engine.Warnings[0].LineNumber);
        Assert.AreEqual(5, engine.Warnings[0].ColumnNumber);
        Assert.IsFalse(log.HasLoggedErrors);
    }

    [TestMethod]
    public void Info_IsAMessage()
    {
        var (engine, log) = NewLog();
        var d = new Diagnostic(DiagnosticCodes.ZeroSize, Severity.Info, "just saying", new SourceSpan("board.yaml", 1, 1));

        DiagnosticLog.Report(log, d);

        Assert.IsEmpty(engine.Errors);
        Assert.IsEmpty(engine.Warnings);
        var m = engine.Messages.Single(x => x.Code == "XSHM2002");
        Assert.AreEqual("just saying", m.Message);
        Assert.AreEqual(1, m.LineNumber);
    }

    [TestMethod]
    public void WholeBoardProblem_IsReportedAgainstTheProject()
    {
        var (engine, log) = NewLog();
        DiagnosticLog.Report(log, DiagnosticCodes.NothingToBoot.Create(SourceSpan.None, "nothing to boot"));

        var e = engine.Errors.Single();
        // No position in a file: MSBuild's TaskLoggingHelper names the project instead.
        Assert.AreEqual("board.csproj", e.File);
        Assert.AreEqual(0, e.LineNumber);
        Assert.AreEqual("XSHM2602", e.Code);
    }

    [TestMethod]
    public void RelatedSpans_AreNamedInTheMessage()
    {
        var (engine, log) = NewLog();
        var d = DiagnosticCodes.HostRangesOverlap.Create(new SourceSpan("board.yaml", 20, 7), "host ranges overlap",
            new SourceSpan("board.yaml", 14, 7));

        DiagnosticLog.Report(log, d);

        Assert.AreEqual("host ranges overlap (see board.yaml(14,7))", engine.Errors.Single().Message);
        Assert.AreEqual(20, engine.Errors.Single().LineNumber);
    }

    [TestMethod]
    public void SeveralDiagnostics_KeepTheirOrder()
    {
        var (engine, log) = NewLog();
        DiagnosticLog.Report(log, new[]
        {
            DiagnosticCodes.ZeroSize.Create(new SourceSpan("a.yaml", 2, 3), "first"),
            DiagnosticCodes.NotPageAligned.Create(new SourceSpan("a.yaml", 9, 1), "second"),
        });

        CollectionAssert.AreEqual(new[] { "XSHM2002 a.yaml(2,3,0,0)", "XSHM2001 a.yaml(9,1,0,0)" }, engine.ErrorLines().ToArray());
    }

    [TestMethod]
    public void MessageWithNewlinesAndControls_StaysOneCanonicalLine()
    {
        // Issue 17: "xlDir: /etc/xen\nreboot" once split the error line, and MSBuild read "reboot…" as a second message.
        var (engine, log) = NewLog();
        var d = DiagnosticCodes.UnknownKey.Create(new SourceSpan("/b/board.yaml", 3, 1), "unknown key 'a\nb: error XSHM0000: forged\r\t\0\u0085'");

        DiagnosticLog.Report(log, new[] { d });

        Assert.AreEqual("unknown key 'a\\nb: error XSHM0000: forged\\r\\t\\u0000\\u0085'", engine.Errors.Single().Message);
    }
}
