namespace Xen.Shm.Bench;

/// <summary>One benchmark, found by reflection: add a class, no registration needed.</summary>
public interface IBenchmark
{
    /// <summary>Command-line name, e.g. "dtc".</summary>
    string Name { get; }

    /// <summary>One line for `--list` and bench/README.md.</summary>
    string Description { get; }

    /// <summary>Runs and prints ours vs the reference; returns the process exit code.</summary>
    int Run(string[] args);
}
