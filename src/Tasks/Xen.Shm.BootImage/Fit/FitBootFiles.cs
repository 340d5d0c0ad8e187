using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text;
using Xen.Shm.BootImage.Script;
using Xen.Shm.BootImage.UImage;
using Xen.Shm.Diagnostics;
using Xen.Shm.Generation.Layout;

namespace Xen.Shm.BootImage.Fit
{
    /// <summary>
    /// The FIT route's files: <c>&lt;image&gt;.itb</c> placed after every planned file (as ImageBuilder's
    /// "to be loaded at or after address" rule), and its boot script <c>boot-fit.source</c> /
    /// <c>boot-fit.scr</c> (a legacy script image at boot.scr's slot) that loads the FIT and boots its
    /// configuration with the default route's bootm sequence. Rename boot-fit.scr to boot.scr on a
    /// medium that should boot the FIT through U-Boot's distro boot.
    /// </summary>
    public static class FitBootFiles
    {
        public const string ScriptSourceName = "boot-fit.source";
        public const string ScriptImageName = "boot-fit.scr";

        public static string ImageFileName(string imageName) => imageName + ".itb";

        /// <summary>The files (FIT, script source, script image), or null after a diagnostic at <paramref name="span"/>.</summary>
        public static IReadOnlyList<BootScriptFile>? Plan(BootLayout layout, BootScriptSettings settings, Func<string, string> sourceOf,
            string imageName, uint time, SourceSpan span, DiagnosticBag diagnostics)
        {
            if (layout is null) throw new ArgumentNullException(nameof(layout));
            if (settings is null) throw new ArgumentNullException(nameof(settings));
            var plan = FitPlanner.Plan(layout, settings, sourceOf, span, diagnostics);
            if (plan is null) return null;
            byte[]? fit = FitWriter.Write(plan, time, span, diagnostics);
            if (fit is null) return null;
            ulong? at = layout.Memory is LoadLayout memory && layout.LoadEnd is ulong end ? LoadAddressPlanner.PlaceAfter(memory, end, (ulong)fit.Length) : null;
            if (at is null)
            {
                diagnostics.Add(DiagnosticCodes.FitImageDoesNotFit, span,
                    $"XenShmFitImage: the FIT image (0x{((ulong)fit.Length).ToString("x", CultureInfo.InvariantCulture)} bytes) does not fit in host RAM below MEMORY_END after the boot files ending at 0x{(layout.LoadEnd ?? 0).ToString("x", CultureInfo.InvariantCulture)} and the reserved ranges");
                return null;
            }

            string fitName = ImageFileName(imageName);
            var request = new BootScriptRequest(new[] { new ScriptLoad(fitName, at.Value) })
            {
                LoadCommand = settings.LoadCommand,
                PathPrefix = settings.PathPrefix,
                Boot = settings.Boot,
                XenAddress = at,
                DtbAddress = layout.DtbAddress,
                FitConfiguration = FitPlan.ConfigurationName,
                MemoryNodes = BootScriptPlanner.MemoryNodes(System.IO.File.ReadAllBytes(plan.Images.First(i => i.Name == plan.Fdt).SourcePath), diagnostics),
                ExtraCommands = settings.ExtraCommands,
                Span = span,
            };
            string? script = BootScriptComposer.Compose(request, diagnostics);
            if (script is null) return null;
            byte[] source = new UTF8Encoding(false).GetBytes(script);
            byte[]? scr = LegacyImage.Script(source, layout.ScriptAddress, time, diagnostics);
            if (scr is null) return null;
            return new[]
            {
                new BootScriptFile(fitName, fit, at),
                new BootScriptFile(ScriptSourceName, source, null),
                new BootScriptFile(ScriptImageName, scr, layout.ScriptAddress),
            };
        }
    }
}
