using System.Threading.Tasks;
using Xen.Shm.Devicetree;
using Xen.Shm.Diagnostics;
using Xen.Shm.Generation.Chosen;
using Xen.Shm.Generation.HostTree;

namespace Xen.Shm.Generation.Stages
{
    /// <summary>
    /// Stage 6: the host changes as an overlay (<c>&amp;{/path}</c> fragments), compiled in parallel with
    /// the host tree; its source is always written, its DTB goes on the boot medium on the fdt apply route.
    /// </summary>
    internal sealed class HostOverlay
    {
        private readonly Task<DtcResult> _compile;

        private HostOverlay(string source, Task<DtcResult> compile)
        {
            Source = source;
            _compile = compile;
        }

        public string Source { get; }

        /// <summary>Writes the overlay of <paramref name="changes"/> as they are now and starts compiling it.</summary>
        public static HostOverlay Start(GenerationInput input, HostChanges changes)
        {
            var board = input.Board;
            string source = HostChangeWriter.OverlaySource(BootFolder.FileName(input.HostSourceName),
                HostChangeWriter.Blocks(changes, board.Host.AddressCells.Value, board.Host.SizeCells.Value, overlay: true));
            return new HostOverlay(source, Task.Run(() => Dtc.Compile(source, BootFolder.HostOverlaySource, new DtcOptions())));
        }

        /// <summary>The overlay's DTB, or null after XSHM6002.</summary>
        public byte[]? Blob(SourceSpan span, DiagnosticBag diagnostics) =>
            TreeCompiler.Generated(_compile.Result, BootFolder.HostOverlaySource, span, diagnostics);
    }
}
