using System.Security;
using System.Text.Json.Nodes;

namespace Xen.Shm.TestSupport;

/// <summary>
/// Cuts a board folder off everything above it so it builds against one packed Xen.Shm.Sdk and nothing
/// else (guide msbuild-sdk.md §14): a nuget.config with the local feed for Xen.Shm.Sdk only (nuget.org for
/// the rest), empty Directory.Build.props/targets, and a global.json naming our SDK's version — plus the
/// repository's own .NET SDK pin when given. Used by the integration tests, the boot tests and the
/// benchmarks (bench links this file), as testassets/build-sample.proj does in MSBuild.
/// </summary>
internal static class SdkIsolation
{
    public static void Write(string dir, string feedDirectory, string sdkVersion, string? repositoryGlobalJson = null)
    {
        File.WriteAllText(Path.Combine(dir, "nuget.config"), $"""
            <?xml version="1.0" encoding="utf-8"?>
            <configuration>
              <packageSources>
                <clear />
                <add key="xen-shm-sdk-local" value="{SecurityElement.Escape(feedDirectory)}" />
                <add key="nuget.org" value="https://api.nuget.org/v3/index.json" />
              </packageSources>
              <packageSourceMapping>
                <packageSource key="xen-shm-sdk-local"><package pattern="Xen.Shm.Sdk" /></packageSource>
                <packageSource key="nuget.org"><package pattern="*" /></packageSource>
              </packageSourceMapping>
            </configuration>
            """);
        File.WriteAllText(Path.Combine(dir, "Directory.Build.props"), "<Project />\n");
        File.WriteAllText(Path.Combine(dir, "Directory.Build.targets"), "<Project />\n");

        var globalJson = repositoryGlobalJson is null ? new JsonObject() : JsonNode.Parse(File.ReadAllText(repositoryGlobalJson))!.AsObject();
        globalJson["msbuild-sdks"] = new JsonObject { ["Xen.Shm.Sdk"] = sdkVersion };
        File.WriteAllText(Path.Combine(dir, "global.json"), globalJson.ToJsonString());
    }
}
