namespace Xen.Shm.Sdk.IntegrationTests.Infrastructure;

/// <summary>
/// A real tool the tests compare against (dtc, mkimage). Missing: on CI (CI=true) the test fails,
/// elsewhere it is inconclusive with the install command — never a silent pass (COMMON.md).
/// </summary>
public static class ExternalTool
{
    public static string Require(string tool, string install) => Prerequisite.RequireTool(tool, install);

    /// <summary>Runs to completion; stdout as bytes (DTBs), stderr as text; LC_ALL=C for stable messages.</summary>
    public static (int ExitCode, byte[] Stdout, string Stderr) Run(string file, params string[] args)
    {
        var run = ToolProcess.Run(file, args);
        return (run.ExitCode, run.Stdout, run.Stderr);
    }
}
