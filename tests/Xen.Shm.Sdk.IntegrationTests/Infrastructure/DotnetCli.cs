using System.Diagnostics;
using System.Text;

namespace Xen.Shm.Sdk.IntegrationTests.Infrastructure;

/// <summary>The result of one child `dotnet` run.</summary>
internal sealed record CliResult(int ExitCode, string Output, string CommandLine)
{
    /// <summary>Lines of the console output, without the trailing " [project]" MSBuild appends to diagnostics.</summary>
    public IEnumerable<string> Lines => Output.Split('\n').Select(l => l.TrimEnd('\r'));

    public override string ToString() => $"`{CommandLine}` exited {ExitCode}:\n{Output}";
}

/// <summary>
/// Runs the .NET CLI as a child process with an environment that cannot leak the test host's
/// MSBuild settings into the build under test (guide msbuild-sdk.md §12.2).
/// </summary>
internal static class DotnetCli
{
    public static string Executable =>
        Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host && File.Exists(host) ? host : "dotnet";

    public static CliResult Run(string workingDirectory, IReadOnlyDictionary<string, string> environment, params string[] args) =>
        Run(workingDirectory, environment, TimeSpan.FromMinutes(10), args);

    public static CliResult Run(string workingDirectory, IReadOnlyDictionary<string, string> environment, TimeSpan timeout, params string[] args)
    {
        var psi = StartInfo(workingDirectory, environment, args);
        var output = new StringBuilder();
        using var process = new Process { StartInfo = psi };
        process.OutputDataReceived += (_, e) => { if (e.Data is not null) lock (output) output.Append(e.Data).Append('\n'); };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) lock (output) output.Append(e.Data).Append('\n'); };
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        // Generous: CI machines with 2 shared cores can be very slow; a hang still ends.
        if (!process.WaitForExit(timeout))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"dotnet {string.Join(' ', args)} did not finish within {timeout}:\n{output}");
        }

        process.WaitForExit();
        return new CliResult(process.ExitCode, output.ToString(), "dotnet " + string.Join(' ', args));
    }

    /// <summary>Starts a child `dotnet` whose output is discarded (the kill tests end it themselves).</summary>
    public static Process Start(string workingDirectory, IReadOnlyDictionary<string, string> environment, params string[] args)
    {
        var psi = StartInfo(workingDirectory, environment, args);
        var process = new Process { StartInfo = psi };
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return process;
    }

    private static ProcessStartInfo StartInfo(string workingDirectory, IReadOnlyDictionary<string, string> environment, string[] args)
    {
        var psi = new ProcessStartInfo(Executable)
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var a in args) psi.ArgumentList.Add(a);

        // The test host runs under `dotnet test`, whose MSBuild variables would steer the child.
        foreach (var key in psi.Environment.Keys.ToList())
        {
            if (key.StartsWith("MSBUILD", StringComparison.OrdinalIgnoreCase) || key.StartsWith("MSBuild", StringComparison.Ordinal) ||
                key.Equals("NUGET_PACKAGES", StringComparison.OrdinalIgnoreCase) || key.StartsWith("VSTEST", StringComparison.OrdinalIgnoreCase))
            {
                psi.Environment.Remove(key);
            }
        }

        psi.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        psi.Environment["DOTNET_NOLOGO"] = "1";
        psi.Environment["DOTNET_SKIP_FIRST_TIME_EXPERIENCE"] = "1";
        psi.Environment["MSBUILDDISABLENODEREUSE"] = "1";
        foreach (var (k, v) in environment) psi.Environment[k] = v;
        return psi;
    }
}
