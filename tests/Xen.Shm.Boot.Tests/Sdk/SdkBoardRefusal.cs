namespace Xen.Shm.Boot.Tests.Sdk;

/// <summary>A board build through the packed SDK that must fail (the SDK's own refusal of a board Xen would reject).</summary>
public static class SdkBoardRefusal
{
    /// <summary>Builds <paramref name="asset"/> with board.yaml edited in a throw-away work folder; returns the failed
    /// build's output (asserts that it failed).</summary>
    public static string Output(string asset, IReadOnlyDictionary<string, string> files, Func<string, string> editYaml)
    {
        var work = Path.Combine(Path.GetTempPath(), "xshm-boot", asset + "-refused-" + Guid.NewGuid().ToString("N"));
        try
        {
            return Assert.ThrowsExactly<InvalidOperationException>(() => SdkBoard.Build(asset, work, files, editYaml)).Message;
        }
        finally
        {
            try { Directory.Delete(work, recursive: true); } catch (IOException) { }
        }
    }
}
