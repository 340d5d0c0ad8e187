namespace Xen.Shm.Topology.Tests.Infrastructure;

/// <summary>External reference tools: missing ⇒ fail under CI=true, else Inconclusive (COMMON.md).</summary>
internal static class Tools
{
    public static bool TryFind(string tool, string install, out string path)
    {
        path = Prerequisite.RequireTool(tool, install);
        return true;
    }

    public static void Run(string exe, params string[] args)
    {
        var run = ToolProcess.Run(exe, args);
        Assert.AreEqual(0, run.ExitCode, $"{exe} {string.Join(' ', args)}\n{run.Stderr}");
    }
}
