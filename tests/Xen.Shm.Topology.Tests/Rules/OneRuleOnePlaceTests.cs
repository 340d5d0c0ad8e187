using System.Reflection;
using System.Text.RegularExpressions;
using Xen.Shm.Diagnostics;
using Xen.Shm.Topology.Tests.Infrastructure;

namespace Xen.Shm.Topology.Tests.Rules;

/// <summary>architecture.md "one rule, one place": each XSHM1xxx/2xxx code is raised from exactly one source file.</summary>
[TestClass]
public sealed class OneRuleOnePlaceTests
{
    [TestMethod]
    public void EveryTopologyCodeIsRaisedInExactlyOneFile()
    {
        string src = Path.Combine(Repo.Root, "src", "Tasks", "Xen.Shm.Topology");
        var files = Directory.GetFiles(src, "*.cs", SearchOption.AllDirectories).Where(f => !f.Contains("/obj/") && !f.Contains("/bin/")).ToList();
        var fields = typeof(DiagnosticCodes).GetFields(BindingFlags.Public | BindingFlags.Static)
            .Where(f => f.FieldType == typeof(DiagnosticDescriptor))
            .Select(f => (f.Name, Code: ((DiagnosticDescriptor)f.GetValue(null)!).Code))
            .Where(x => x.Code.StartsWith("XSHM1", StringComparison.Ordinal) || x.Code.StartsWith("XSHM2", StringComparison.Ordinal))
            .ToList();
        foreach (var (name, code) in fields)
        {
            var users = files.Where(f => Regex.IsMatch(File.ReadAllText(f), @"DiagnosticCodes\." + name + @"\b")).Select(Path.GetFileName).ToList();
            if (code == "XSHM2601")
            {
                Assert.IsEmpty(users, "XSHM2601 belongs to the load planner (Generation)");
                continue;
            }
            if (code == "XSHM2076")
            {
                Assert.IsEmpty(users, "XSHM2076 needs the board device tree: Generation's Cpupool/CpupoolGenerator.cs raises it");
                continue;
            }
            Assert.HasCount(1, users, $"{code} ({name}) is raised in: {string.Join(", ", users)}");
        }
    }
}
