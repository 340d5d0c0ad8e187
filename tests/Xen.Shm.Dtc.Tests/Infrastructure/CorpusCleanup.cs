namespace Xen.Shm.Dtc.Tests.Infrastructure;

/// <summary>Removes what the corpus tests wrote to the temp folder.</summary>
[TestClass]
public static class CorpusCleanup
{
    [AssemblyCleanup]
    public static void RemovePreprocessedCorpus() => PreprocessedCorpus.Delete();
}
