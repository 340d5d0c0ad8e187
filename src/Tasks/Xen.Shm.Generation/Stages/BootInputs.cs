using System.Linq;
using Xen.Shm.Generation.Chosen;
using Xen.Shm.Generation.Layout;
using Xen.Shm.Topology;

namespace Xen.Shm.Generation.Stages
{
    /// <summary>
    /// Stage 4: the input files the boot loads (kernels, ramdisks, Xen, the bitstream) and the ones it
    /// only copies. The §10.3 order is the planner's; this is just the set.
    /// </summary>
    internal static class BootInputs
    {
        /// <summary>U-Boot legacy image header (include/image.h, struct legacy_img_hdr).</summary>
        private const ulong UImageHeaderSize = 64;

        /// <summary>Adds them to <paramref name="files"/>; true when Xen goes as xen.uimg (bootm route).</summary>
        public static bool Add(GenerationInput input, BoardSource source, BootFileSet files)
        {
            var board = input.Board;
            var dom0 = board.Dom0;
            if (dom0 != null)
            {
                files.AddInput(dom0.Kernel, dom0.Kernel != null ? BootFolder.DomainFile(dom0, dom0.Kernel) : "", BootFileRole.Dom0Kernel, dom0);
                files.AddInput(dom0.Ramdisk, dom0.Ramdisk != null ? BootFolder.DomainFile(dom0, dom0.Ramdisk) : "", BootFileRole.Dom0Ramdisk, dom0);
            }
            foreach (var d in board.Domains.Where(d => d.Kind.Value == DomainKind.Dom0less))
            {
                files.AddInput(d.Kernel, d.Kernel != null ? BootFolder.DomainFile(d, d.Kernel) : "", BootFileRole.DomUKernel, d);
                files.AddInput(d.Ramdisk, d.Ramdisk != null ? BootFolder.DomainFile(d, d.Ramdisk) : "", BootFileRole.DomURamdisk, d);
            }
            // bootm route (LAYOUT L1): xen.uimg (64-byte legacy header + Xen) in Xen's slot, then the
            // memory `bootm loados` copies Xen to (its run area); nothing boots without a device tree.
            bool xenAsUImage = input.Boot.XenAsUImage && source.Text != null;
            if (board.Xen.Image is BoardFile xenFile && xenAsUImage && input.Files.TryGetValue(xenFile.FullPath, out var xenFacts))
            {
                files.AddGenerated(new BootFile(BootFolder.XenUImage, BootFileRole.Xen, xenFacts.Size + UImageHeaderSize) { Span = xenFile.Span },
                    xenFacts.Size + UImageHeaderSize);
                files.Planned.Add(new BootFile(BootFolder.Xen(xenFile), BootFileRole.XenRunArea, xenFacts.Size, xenFacts.ImageSize) { Span = xenFile.Span });
                files.Copies.Add(new OutputFile(BootFolder.XenUImage, OutputKind.XenUImage, null, xenFile.FullPath, null, null));
            }
            else if (board.Xen.Image != null) files.AddInput(board.Xen.Image, BootFolder.Xen(board.Xen.Image), BootFileRole.Xen, null);
            BootExtras.BootExtras.Add(board, files.AddInput, files.Copies);
            return xenAsUImage;
        }
    }
}
