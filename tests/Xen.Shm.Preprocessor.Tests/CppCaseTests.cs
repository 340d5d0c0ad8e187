using System.Text.RegularExpressions;
using Xen.Shm.Dtc.Tests.Infrastructure;
using Xen.Shm.Preprocessor.Tests.Infrastructure;

namespace Xen.Shm.Preprocessor.Tests;

/// <summary>
/// Hand-written cases (Cases/*.dts) through Debian's cpp (-nostdinc -undef -D__DTS__ -x
/// assembler-with-cpp, as Kbuild) and through ours: the outputs must be the same tokens after
/// whitespace normalisation (line markers and blank lines out, runs of white space as one space, so
/// "1 -2" and "1-2" still differ), and every error cpp reports must be ours, at the same file and line.
/// </summary>
[TestClass]
public sealed class CppCaseTests
{
    private static readonly Regex Marker = new(@"^# \d+ "".*""( \d+)*$", RegexOptions.Multiline);
    private static readonly Regex Message = new(@"^(?<file>[^:\s][^:]*):(?<line>\d+)(:(?<col>\d+))?: (?<kind>error|fatal error|warning): (?<text>.*)$", RegexOptions.Multiline);

    public static string CasesDir => Path.Combine(AppContext.BaseDirectory, "Cases");

    public static string[] IncludeDirs => new[] { Path.Combine(CasesDir, "include"), Path.Combine(CasesDir, "include2") };

    [TestMethod]
    [DataRow("macros.dts")]
    [DataRow("conditionals.dts")]
    [DataRow("includes.dts")]
    [DataRow("err-directives.dts")]
    [DataRow("err-macros.dts")]
    [DataRow("err-include.dts")]
    [DataRow("err-comment.dts")]
    public void SameTokensAndErrorsAsCpp(string name)
    {
        string cpp = Kbuild.RequireCpp();
        string file = Path.Combine(CasesDir, name);
        var real = ExternalTool.Run(cpp, new[] { "-nostdinc" }.Concat(IncludeDirs.SelectMany(d => new[] { "-I", d }))
            .Concat(new[] { "-undef", "-D__DTS__", "-x", "assembler-with-cpp", file }).ToArray());
        var options = new PreprocessorOptions();
        options.IncludeDirs.AddRange(IncludeDirs);
        var ours = DtsPreprocessor.Run(file, options);

        var cppErrors = Errors(real.Stderr);
        var ourErrors = ours.Diagnostics.Where(d => d.IsError).Select(d => $"{Path.GetFileName(d.Span.File)}:{d.Span.Line}").ToList();
        CollectionAssert.AreEqual(cppErrors, ourErrors,
            $"errors differ.\ncpp:\n{real.Stderr}\nours:\n{string.Join("\n", ours.Diagnostics)}");
        Assert.AreEqual(real.ExitCode != 0, ours.HasErrors, "exit status");
        Assert.AreEqual(Normalise(real.StdoutText), Normalise(OurText(ours)), "tokens differ from cpp's");
    }

    /// <summary>
    /// cpp's "file:line[:col]: error: …" lines as file:line; left out: context lines, and "the conditional
    /// began here", which cpp prints as an error but is the note of the #else/#elif error before it.
    /// </summary>
    internal static List<string> Errors(string stderr) =>
        Message.Matches(stderr).Cast<Match>()
            .Where(m => m.Groups["kind"].Value != "warning" && m.Groups["text"].Value != "the conditional began here")
            .Select(m => $"{Path.GetFileName(m.Groups["file"].Value)}:{m.Groups["line"].Value}")
            .ToList();

    internal static string OurText(PreprocessResult r) => System.Text.Encoding.Latin1.GetString(r.Output);

    /// <summary>Line markers out, every run of white space (newlines too) one space.</summary>
    internal static string Normalise(string text) =>
        Regex.Replace(Marker.Replace(text, " "), @"\s+", " ").Trim();
}
