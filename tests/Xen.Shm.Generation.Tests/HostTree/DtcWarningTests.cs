using Xen.Shm.Diagnostics;
using Xen.Shm.Generation.Tests.Infrastructure;

namespace Xen.Shm.Generation.Tests.HostTree;

/// <summary>
/// Issue 19 item 3: dtc's warnings on the board reach the caller as XSHM3003 warnings with dtc's
/// check name, at the board.dts line and column real dtc 1.6.1 prints, once each.
/// </summary>
[TestClass]
public sealed class DtcWarningTests
{
    /// <summary>A board on which dtc 1.6.1 prints two warnings: simple_bus_reg and interrupt_provider.</summary>
    public const string WarningBoard = """
        /dts-v1/;

        / {
        	#address-cells = <0x2>;
        	#size-cells = <0x2>;

        	memory@0 {
        		device_type = "memory";
        		reg = <0x0 0x0 0x0 0x80000000>;
        	};

        	bus {
        		compatible = "simple-bus";
        		#address-cells = <0x2>;
        		#size-cells = <0x2>;
        		ranges;

        		dev@1000 {
        			reg = <0x0 0x2000 0x0 0x100>;
        		};

        		intc@3000 {
        			reg = <0x0 0x3000 0x0 0x100>;
        			interrupt-controller;
        			#interrupt-cells = <0x3>;
        		};
        	};
        };

        """;

    [TestMethod]
    public void BoardWarnings_AreReportedAtTheLinesRealDtcNames()
    {
        using var b = new TempBoard(TempBoard.Yaml(), WarningBoard);
        string boardDts = Path.Combine(b.Folder, "board.dts");
        var (code, _, stderr) = RealTools.Run(RealTools.Dtc, "-I", "dts", "-O", "dtb", "-o", "/dev/null", boardDts);
        Assert.AreEqual(0, code, stderr);
        // dtc: "<file>:19.4-33: Warning (simple_bus_reg): ..." → (check, line, column)
        var expected = stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Select(l => System.Text.RegularExpressions.Regex.Match(l, @":(\d+)\.(\d+)-[\d.]+: Warning \(([a-z_]+)\)"))
            .Where(m => m.Success).Select(m => $"{m.Groups[3].Value} {m.Groups[1].Value},{m.Groups[2].Value}").ToList();
        Assert.HasCount(2, expected, stderr);

        var r = b.Load().Generate();

        var warnings = r.Diagnostics.Where(d => d.Code == "XSHM3003").ToList();
        Assert.IsTrue(warnings.All(w => w.Severity == Severity.Warning && w.Span.File == boardDts), string.Join("\n", warnings));
        var got = warnings.Select(w => $"{Check(w.Message)} {w.Span.Line},{w.Span.Column}").ToList();
        CollectionAssert.AreEquivalent(expected, got, string.Join("\n", warnings));
    }

    [TestMethod]
    public void CleanBoard_HasNoWarnings()
    {
        var r = Scenario.Load("mmio-sram").Generate();
        Assert.IsEmpty(r.Diagnostics, string.Join("\n", r.Diagnostics));
    }

    private static string Check(string message) =>
        System.Text.RegularExpressions.Regex.Match(message, @"^dtc warning \(([a-z_]+)\)").Groups[1].Value;
}
