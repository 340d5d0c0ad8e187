using Xen.Shm.Sdk.Tasks.Tests.Infrastructure;

namespace Xen.Shm.Sdk.Tasks.Tests;

[TestClass]
public sealed class XenShmTaskTests
{
    private sealed class Throwing : XenShmTask
    {
        public Exception? ToThrow { get; set; }
        protected override void Run()
        {
            if (ToThrow is not null) throw ToThrow;
        }
    }

    private static (bool Result, FakeBuildEngine Engine) Execute(Exception? toThrow)
    {
        var engine = new FakeBuildEngine();
        var task = new Throwing { BuildEngine = engine, ToThrow = toThrow };
        return (task.Execute(), engine);
    }

    [TestMethod]
    public void NothingLogged_Succeeds()
    {
        var (ok, engine) = Execute(null);
        Assert.IsTrue(ok);
        Assert.IsEmpty(engine.Errors);
    }

    [TestMethod]
    public void UnexpectedException_IsOurBug_XSHM9001()
    {
        var (ok, engine) = Execute(new InvalidOperationException("boom"));

        Assert.IsFalse(ok);
        var e = engine.Errors.Single();
        Assert.AreEqual("XSHM9001", e.Code);
        StringAssert.Contains(e.Message, "Throwing failed unexpectedly");
        StringAssert.Contains(e.Message, "boom");
    }

    [TestMethod]
    public void FileSystemFailure_IsXSHM8005()
    {
        var (ok, engine) = Execute(new UnauthorizedAccessException("Access to the path '/boot/xen' is denied."));

        Assert.IsFalse(ok);
        var e = engine.Errors.Single();
        Assert.AreEqual("XSHM8005", e.Code);
        StringAssert.Contains(e.Message, "/boot/xen");
    }
}
