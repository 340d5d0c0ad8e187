namespace Xen.Shm.Dtc;

/// <summary>
/// The -d file: "OUT: FILE FILE…\n", Make syntax as dtc 1.6.1 writes it (dtc.c, srcpos.c): the
/// output name as given ("-" for stdout), then every file read, main input first, in opening
/// order, names as opened and not escaped; stdin is "&lt;stdin&gt;".
/// </summary>
public static class DependencyFile
{
    public static string Format(string outputName, IEnumerable<string> inputs) =>
        outputName + ":" + string.Concat(inputs.Select(f => " " + f)) + "\n";
}
