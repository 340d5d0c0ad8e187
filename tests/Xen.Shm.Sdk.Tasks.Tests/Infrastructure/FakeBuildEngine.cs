using System.Collections;
using Microsoft.Build.Framework;

namespace Xen.Shm.Sdk.Tasks.Tests.Infrastructure;

/// <summary>Records what a task logs (shape as nanoFramework's TestBuildEngine); thread-safe.</summary>
internal sealed class FakeBuildEngine : IBuildEngine
{
    private readonly object _gate = new();
    public List<BuildErrorEventArgs> Errors { get; } = new();
    public List<BuildWarningEventArgs> Warnings { get; } = new();
    public List<BuildMessageEventArgs> Messages { get; } = new();

    public bool ContinueOnError => false;
    public int LineNumberOfTaskNode => 0;
    public int ColumnNumberOfTaskNode => 0;
    public string ProjectFileOfTaskNode => "board.csproj";

    public void LogErrorEvent(BuildErrorEventArgs e) { lock (_gate) Errors.Add(e); }
    public void LogWarningEvent(BuildWarningEventArgs e) { lock (_gate) Warnings.Add(e); }
    public void LogMessageEvent(BuildMessageEventArgs e) { lock (_gate) Messages.Add(e); }
    public void LogCustomEvent(CustomBuildEventArgs e) { }

    public bool BuildProjectFile(string projectFileName, string[] targetNames, IDictionary globalProperties, IDictionary targetOutputs) =>
        throw new NotSupportedException("our tasks never build other projects");

    /// <summary>"code file(line,col,endLine,endCol)" per error, for one-line assertions.</summary>
    public IEnumerable<string> ErrorLines() =>
        Errors.Select(e => $"{e.Code} {Path.GetFileName(e.File)}({e.LineNumber},{e.ColumnNumber},{e.EndLineNumber},{e.EndColumnNumber})");
}
