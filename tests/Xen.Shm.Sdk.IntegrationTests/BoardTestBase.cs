using Xen.Shm.Sdk.IntegrationTests.Infrastructure;

namespace Xen.Shm.Sdk.IntegrationTests;

/// <summary>Base of the tests that build boards: the TestContext, and cleanup of passed tests' folders.</summary>
public abstract class BoardTestBase
{
    public TestContext TestContext { get; set; } = null!;

    [TestCleanup]
    public void EndTest() => BoardWorkspace.EndTest(TestContext.CurrentTestOutcome);
}
