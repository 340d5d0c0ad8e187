using System;
using System.IO;
using System.Linq;
using System.Security.Cryptography;
using Xen.Shm.Devicetree;
using Xen.Shm.Diagnostics;

namespace Xen.Shm.BootImage.Fit
{
    /// <summary>
    /// Writes the FIT (U-Boot doc/uImage.FIT/source_file_format.txt) with our own FDT writer, as
    /// <c>mkimage -f</c> would from the .its: / description, timestamp (mkimage's SOURCE_DATE_EPOCH, 0 when
    /// unset: the SDK's determinism rule), #address-cells (1, or 2 when an address needs it:
    /// fit_image_get_address reads one or two cells); each image's data embedded, with a sha256
    /// <c>hash-1</c> node holding the digest; /configurations with <c>default</c> and one configuration.
    /// </summary>
    public static class FitWriter
    {
        /// <summary>Largest FIT: one .NET array, well under the FDT header's 32-bit totalsize.</summary>
        public const long MaxSize = 0x7FF00000;

        /// <summary>The FIT bytes, or null after XSHM5043 (a file unreadable) or XSHM5044 (too large).</summary>
        public static byte[]? Write(FitPlan plan, uint timestamp, SourceSpan span, DiagnosticBag diagnostics)
        {
            if (plan is null) throw new ArgumentNullException(nameof(plan));
            if (diagnostics is null) throw new ArgumentNullException(nameof(diagnostics));
            long total = 0;
            foreach (var image in plan.Images) total += new FileInfo(image.SourcePath).Length;
            if (total > MaxSize - 0x10000)
            {
                diagnostics.Add(DiagnosticCodes.FitImageTooLarge, span,
                    $"XenShmFitImage: the boot files hold {total} bytes; a FIT image of this SDK holds at most {MaxSize - 0x10000} (one flattened device tree)");
                return null;
            }

            var tree = new DtTree();
            var root = tree.Root;
            root.SetProperty("description", plan.Description);
            root.SetProperty("timestamp", timestamp);
            bool wide = plan.Images.Any(i => i.Load > uint.MaxValue || (i.Entry ?? 0) > uint.MaxValue);
            root.SetProperty("#address-cells", wide ? 2u : 1u);
            var images = root.AddChild("images");
            foreach (var image in plan.Images)
            {
                byte[] data;
                try
                {
                    data = File.ReadAllBytes(image.SourcePath);
                }
                catch (IOException e)
                {
                    diagnostics.Add(DiagnosticCodes.FitInputMissing, span, $"XenShmFitImage: cannot read '{image.SourcePath}' ({image.BoardPath}): {e.Message}");
                    return null;
                }

                AddImage(images.AddChild(image.Name), image, data, wide);
            }

            var configurations = root.AddChild("configurations");
            configurations.SetProperty("default", FitPlan.ConfigurationName);
            var config = configurations.AddChild(FitPlan.ConfigurationName);
            config.SetProperty("description", plan.Description);
            config.SetProperty("kernel", plan.Kernel);
            config.SetProperty("fdt", plan.Fdt);
            if (plan.Loadables.Count > 0) config.SetProperty("loadables", plan.Loadables.ToArray());
            return FdtWriter.Write(tree);
        }

        // Property order of ImageBuilder's .its: description, data, type, arch, os, compression, load, entry, hash.
        private static void AddImage(DtNode node, FitImageEntry image, byte[] data, bool wide)
        {
            node.SetProperty("description", image.Description);
            node.SetProperty("data", new DtValue(data));
            node.SetProperty("type", image.Type);
            node.SetProperty("arch", "arm64");
            if (image.Os != null) node.SetProperty("os", image.Os);
            node.SetProperty("compression", "none");
            node.SetProperty("load", Address(image.Load, wide));
            if (image.Entry is ulong entry) node.SetProperty("entry", Address(entry, wide));
            var hash = node.AddChild("hash-1");
            hash.SetProperty("algo", "sha256");
            using var sha = SHA256.Create();
            hash.SetProperty("value", new DtValue(sha.ComputeHash(data)));
        }

        private static uint[] Address(ulong v, bool wide) => wide ? new[] { (uint)(v >> 32), (uint)v } : new[] { (uint)v };
    }
}
