using Microsoft.Build.Framework;
using Microsoft.Build.Utilities;

namespace Xen.Shm.Sdk.Tasks.Tests.Infrastructure;

/// <summary>
/// Runs the SDK's steps on a <see cref="BoardFolder"/> the way the targets chain them
/// (GenerateDts → CompileDtb on every listed source → WriteBootScript → PackageBootImage), with
/// the intermediate files where the targets put them; stops at the first failing step.
/// </summary>
internal sealed class BoardPipeline
{
    public BoardPipeline(BoardFolder board) => Board = board;

    public BoardFolder Board { get; }
    public FakeBuildEngine Engine { get; private set; } = new();
    public string? BootCommand { get; init; }
    public string? ApplyOverlay { get; init; }
    public string? LoadCommand { get; init; }
    public string? PathPrefix { get; init; }
    public string[] ExtraCommands { get; init; } = [];
    public string ProjectFile => Path.Combine(Board.Root, "board.csproj");

    public string Intermediate(string name) => Path.Combine(Board.IntermediateDirectory, name);
    public string WrittenListFile => Intermediate("bootimage.files");
    public PackageBootImage? Package { get; private set; }

    /// <summary>True when every step succeeded.</summary>
    public bool Run()
    {
        Engine = new FakeBuildEngine();
        var generate = Settings(new GenerateDts
        {
            Topology = Board.TopologyItem,
            GeneratedDirectory = Board.GeneratedDirectory,
            LayoutFile = Intermediate("boot.layout"),
            TreeListFile = Intermediate("generated.trees"),
            IncludeListFile = Intermediate("generated.includes"),
            DependencyFile = Intermediate("generate.deps"),
            StampFile = Intermediate("generate.stamp"),
        });
        if (!generate.Execute()) return false;

        var trees = File.ReadAllLines(Intermediate("generated.trees")).Where(l => l.Length > 0).Select(l =>
        {
            string full = Path.Combine(Board.GeneratedDirectory, l);
            var item = new TaskItem(full);
            item.SetMetadata("DtbPath", Path.ChangeExtension(full, l.EndsWith(".dtso", StringComparison.Ordinal) ? ".dtbo" : ".dtb"));
            return (ITaskItem)item;
        }).ToArray();
        var compile = new CompileDtb
        {
            BuildEngine = Engine,
            Sources = trees,
            GeneratedDirectory = Board.GeneratedDirectory,
            IncludeDirectories = File.ReadAllLines(Intermediate("generated.includes")).Where(l => l.Length > 0).ToArray(),
        };
        if (!compile.Execute()) return false;

        var script = Settings(new WriteBootScript
        {
            LayoutFile = Intermediate("boot.layout"),
            GeneratedDirectory = Board.GeneratedDirectory,
            DependencyFile = Intermediate("bootscript.deps"),
            StampFile = Intermediate("bootscript.stamp"),
        });
        if (!script.Execute()) return false;

        Package = new PackageBootImage
        {
            BuildEngine = Engine,
            LayoutFile = Intermediate("boot.layout"),
            GeneratedDirectory = Board.GeneratedDirectory,
            BootImageDirectory = Board.BootDirectory,
            WrittenListFile = WrittenListFile,
            InputListFile = Intermediate("package.inputs"),
        };
        return Package.Execute();
    }

    private T Settings<T>(T task) where T : BootSettingsTask
    {
        task.BuildEngine = Engine;
        task.ProjectFile = ProjectFile;
        task.BootCommand = BootCommand;
        task.BootApplyOverlay = ApplyOverlay;
        task.BootLoadCommand = LoadCommand;
        task.BootPathPrefix = PathPrefix;
        task.BootExtraCommands = ExtraCommands.Select(c => (ITaskItem)new TaskItem(c)).ToArray();
        return task;
    }
}
