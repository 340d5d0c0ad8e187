using System.Collections.Generic;
using System.Text;
using Xen.Shm.BootImage.Script;

namespace Xen.Shm.BootImage.Fit
{
    /// <summary>
    /// The boot commands of the FIT route: U-Boot's bootm state machine as on the default route
    /// (qemu-boot README §7), with a FIT configuration as the image. <c>bootm start</c> verifies and
    /// places the DTB and every loadable at its <c>load</c> address (boot/bootm.c bootm_find_images),
    /// <c>bootm loados</c> places Xen; the user's extra commands run then, with every file in place
    /// (ImageBuilder runs them after its imxtract lines); <c>bootm prep</c> applies U-Boot's fix-ups,
    /// whose /memory rewrite the <c>fdt set</c> lines undo before <c>bootm go</c>.
    /// </summary>
    internal static class FitBootSequence
    {
        public static void Append(StringBuilder sb, string fitAndConfiguration, string dtb, IReadOnlyList<string> extras,
            IReadOnlyList<MemoryNodeRestore> memoryNodes)
        {
            sb.Append("bootm start ").Append(fitAndConfiguration).Append('\n');
            sb.Append("bootm loados\n");
            foreach (string extra in extras) sb.Append(extra.Trim()).Append('\n');
            sb.Append("bootm prep\n");
            sb.Append("fdt addr ").Append(dtb).Append('\n');
            BootScriptComposer.AppendMemoryRestore(sb, memoryNodes);
            sb.Append("bootm go\n");
        }
    }
}
