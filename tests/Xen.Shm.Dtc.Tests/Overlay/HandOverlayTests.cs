using Xen.Shm.Dtc.Tests.Infrastructure;

namespace Xen.Shm.Dtc.Tests.Overlay;

/// <summary>
/// Hand-written base/overlay pairs, each aimed at one rule of libfdt's fdt_overlay.c; compiled by real
/// dtc (-@), applied by fdtoverlay and by us: same bytes, or the same FDT_ERR_ from the same overlay.
/// </summary>
[TestClass]
public sealed class HandOverlayTests
{
    private const string Base = """
        /dts-v1/;
        /memreserve/ 0x1000 0x2000;
        / {
            #address-cells = <1>; #size-cells = <1>;
            model = "base";
            aliases { serial0 = "/soc/uart@1000"; };
            soc: soc {
                #address-cells = <1>; #size-cells = <1>;
                uart0: uart@1000 { reg = <0x1000 0x100>; status = "disabled"; clocks = <&clk>; };
                clk: clock { #clock-cells = <0>; };
                gpio: gpio@2000 { reg = <0x2000 0x100>; gpio-controller; #gpio-cells = <2>; };
            };
            chosen { bootargs = "console=ttyAMA0"; };
        };
        """;

    public static IEnumerable<object[]> Cases() => new[]
    {
        Case("property replaced in place, grown and shrunk", """&uart0 { status = "okay-and-longer"; reg = <0x1000>; };"""),
        Case("new properties go first, reversed", """&uart0 { a = <1>; b = "two"; c; };"""),
        Case("new subnodes go first, reversed; unit-less name merges into name@unit", """&soc { n1 { x = <1>; }; n2 { y = <2>; }; uart { merged = <3>; }; };"""),
        Case("target-path, alias target-path, root target", """
            / { fragment@0 { target-path = "/chosen"; __overlay__ { extra = "1"; }; };
                fragment@1 { target-path = "serial0"; __overlay__ { via-alias; }; };
                fragment@2 { target-path = "/"; __overlay__ { root-prop = <7>; newnode { }; }; }; };
            """),
        Case("local phandles renumbered, local fix-ups, references to base labels", """
            &soc { mine: thing { #thing-cells = <0>; }; user { things = <&mine &mine &gpio 1 2>; clocks = <&clk>; }; };
            &uart0 { thing = <&mine>; };
            """),
        Case("labels added to /__symbols__ under the target's path", """
            &gpio { hog: hog { gpio-hog; }; };
            / { fragment@9 { target-path = "/soc"; __overlay__ { deep: a { b: b { }; }; }; }; };
            """),
        Case("string table: names ending like existing ones share them", """&uart0 { cells = <1>; tatus = "x"; new-unique-name = <2>; };"""),
        Case("missing target label", """&nosuch { x = <1>; };"""),
        Case("missing target path", """/ { fragment@0 { target-path = "/nope"; __overlay__ { x; }; }; };"""),
        Case("fragment without target", """/ { fragment@0 { __overlay__ { x; }; }; };"""),
        Case("bad target cell", """/ { fragment@0 { target = <1 2>; __overlay__ { x; }; }; };"""),
        Case("unknown alias in target-path", """/ { fragment@0 { target-path = "nosuch/x"; __overlay__ { x; }; }; };"""),
        Case("bad __fixups__ entry", """/ { fragment@0 { target-path = "/"; __overlay__ { x; }; }; __fixups__ { soc = "/fragment@0/__overlay__:x"; }; };"""),
        Case("__fixups__ offset past the property", """/ { fragment@0 { target-path = "/"; __overlay__ { x = <0>; }; }; __fixups__ { soc = "/fragment@0/__overlay__:x:4"; }; };"""),
        Case("__local_fixups__ naming a missing node", """/ { fragment@0 { target-path = "/"; __overlay__ { x = <0>; }; }; __local_fixups__ { nosuch { x = <0>; }; }; };"""),
        Case("bad /__symbols__ value", """/ { fragment@0 { target-path = "/"; __overlay__ { x = <0>; }; }; __symbols__ { bad = "relative"; }; };"""),
        Case("two overlays: the second uses the first's label", """&soc { added: added { }; };""", """&added { p = <&added>; };"""),
        Case("two overlays: the second replaces the first's property", """&uart0 { extra = "first"; };""", """&uart0 { extra = "second, longer"; };"""),
    };

    private static object[] Case(string name, params string[] overlays) => new object[] { name, overlays };

    [TestMethod]
    [DynamicData(nameof(Cases))]
    public void SameAsFdtoverlay(string name, string[] overlays)
    {
        byte[] baseBlob = RealDtc.Compile(Base, "-@");
        var blobs = overlays.Select(o => RealDtc.Compile(Plugin(o), "-@")).ToList();
        var real = RealFdtoverlay.Run(baseBlob, blobs);
        var ours = RealFdtoverlay.Ours(baseBlob, blobs);
        Assert.IsTrue(RealFdtoverlay.SameFailure(real, ours), $"{name}: fdtoverlay {RealFdtoverlay.Describe(real)}, ours {RealFdtoverlay.Describe(ours)}");
        if (real.Blob != null)
            Assert.IsTrue(real.Blob.AsSpan().SequenceEqual(ours.Blob), $"{name}: {real.Blob.Length} B vs {ours.Blob!.Length} B, first difference at 0x{RealFdtoverlay.FirstDifference(real.Blob, ours.Blob!):x}");
    }

    /// <summary>The same base without -@: a reference to a base label cannot resolve (no /__symbols__).</summary>
    [TestMethod]
    public void BaseWithoutSymbolsRefusesLabelReferencesLikeFdtoverlay()
    {
        byte[] baseBlob = RealDtc.Compile(Base);
        var blobs = new[] { RealDtc.Compile(Plugin("&uart0 { x; };"), "-@") };
        var real = RealFdtoverlay.Run(baseBlob, blobs);
        var ours = RealFdtoverlay.Ours(baseBlob, blobs);
        Assert.IsNull(real.Blob);
        Assert.IsTrue(RealFdtoverlay.SameFailure(real, ours), $"fdtoverlay {RealFdtoverlay.Describe(real)}, ours {RealFdtoverlay.Describe(ours)}");
    }

    private static string Plugin(string body) => "/dts-v1/;\n/plugin/;\n" + body + "\n";
}
