using System.Collections.Generic;
using System.Linq;
using Xen.Shm.Diagnostics;
using Xen.Shm.Topology;

namespace Xen.Shm.Generation.BootExtras
{
    /// <summary>XSHM5061: the script (XenShmBootScriptName) and its source must not land on a file the board copies into the boot folder.</summary>
    internal static class BootScriptClash
    {
        public static bool Find(Board board, string scriptName, IReadOnlyList<OutputFile> outputs, DiagnosticBag diagnostics)
        {
            string source = BootExtrasNames.ScriptSource(scriptName);
            var clash = outputs.FirstOrDefault(o => o.OnBootMedium && (o.Path == scriptName || o.Path == source));
            if (clash == null) return false;
            diagnostics.Add(DiagnosticCodes.BootScriptNameClash, new SourceSpan(board.YamlPath, 0, 0),
                $"the boot script '{scriptName}' (source '{source}') would overwrite '{clash.Path}', which the board copies into the boot folder; set XenShmBootScriptName to another name");
            return true;
        }
    }
}
