namespace Xen.Shm.Dtc.Tests.Infrastructure;

/// <summary>
/// A real tool the tests compare against. Missing tool: on CI (CI=true) the test fails, elsewhere it
/// is inconclusive with the install command — never a silent pass (COMMON.md).
/// </summary>
internal static class ExternalTool
{
    public static string Require(string tool, string install) => Prerequisite.RequireTool(tool, install);

    public static string RequireDtc() => Require("dtc", "apt-get install device-tree-compiler (dtc 1.6.1)");

    public static bool IsCi => Prerequisite.IsCi;

    /// <summary>Runs a process to completion; stdout is kept as bytes (DTBs), stderr as text.</summary>
    public static ToolRun Run(string file, IEnumerable<string> args, string? workingDirectory = null, byte[]? stdin = null) =>
        ToolProcess.Run(file, args, workingDirectory, stdin);
}
