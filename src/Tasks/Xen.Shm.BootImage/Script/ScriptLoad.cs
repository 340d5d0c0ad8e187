using System;
using System.Collections.Generic;
using System.Linq;
using Xen.Shm.Generation.Layout;

namespace Xen.Shm.BootImage.Script
{
    /// <summary>One <c>&lt;LOAD_CMD&gt; &lt;address&gt; &lt;prefix&gt;&lt;file&gt;</c> line.</summary>
    public sealed class ScriptLoad
    {
        public ScriptLoad(string file, ulong address)
        {
            File = file ?? string.Empty;
            Address = address;
        }

        /// <summary>Path in the boot folder, "/" separators.</summary>
        public string File { get; }
        public ulong Address { get; }

        /// <summary>One load per placed file, in plan order; Xen's run area is memory, not a file, and is skipped.</summary>
        public static IReadOnlyList<ScriptLoad> FromPlan(LoadPlan plan)
        {
            if (plan is null) throw new ArgumentNullException(nameof(plan));
            return plan.Files
                .Where(f => f.File.Role != BootFileRole.XenRunArea)
                .Select(f => new ScriptLoad(f.File.Name, f.Address))
                .ToList();
        }
    }
}
