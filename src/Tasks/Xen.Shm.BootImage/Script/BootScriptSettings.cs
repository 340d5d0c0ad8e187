using System;
using System.Collections.Generic;
using System.Linq;
using Xen.Shm.Diagnostics;
using Xen.Shm.Generation.Layout;

namespace Xen.Shm.BootImage.Script
{
    /// <summary>
    /// The project's boot-script settings (LAYOUT L3), each following an ImageBuilder
    /// (Xilinx/imagebuilder scripts/uboot-script-gen) option:
    /// <c>XenShmBootLoadCommand</c> = LOAD_CMD (<c>$LOAD_CMD $memaddr $path</c> per file),
    /// <c>XenShmBootPathPrefix</c> = <c>-p</c> (prepended to each path),
    /// <c>XenShmBootCommand</c> = BOOT_CMD (bootm | booti | bootefi | none),
    /// <c>XenShmBootApplyOverlay</c> = DT_OVERLAY (<c>fdt addr; fdt resize; fdt apply</c>),
    /// <c>XenShmBootExtraCommand</c> = APPEND_EXTRA_CMDS (appended before the boot command).
    /// </summary>
    public sealed class BootScriptSettings
    {
        public const string DefaultBootCommand = "bootm";

        public string LoadCommand { get; init; } = BootScriptRequest.DefaultLoadCommand;
        public string PathPrefix { get; init; } = string.Empty;
        public BootCommand Boot { get; init; } = BootCommand.BootmKeepMemory;
        public bool ApplyOverlay { get; init; }
        public IReadOnlyList<string> ExtraCommands { get; init; } = Array.Empty<string>();

        /// <summary>The script image's file name (ImageBuilder UBOOT_SCRIPT), checked by <see cref="BootScriptNames.Check"/>; its source is <see cref="BootScriptNames.SourceFor"/>.</summary>
        public string ScriptName { get; set; } = BootScriptFiles.ImageName;

        /// <summary>Where the settings come from (the project file), for diagnostics.</summary>
        public SourceSpan Span { get; init; }

        /// <summary>What the generator's plan depends on: xen.uimg for the bootm route, the fdt apply route.</summary>
        public BootLayoutOptions LayoutOptions => new BootLayoutOptions
        {
            XenAsUImage = Boot == BootCommand.BootmKeepMemory || Boot == BootCommand.Bootm,
            ApplyOverlay = ApplyOverlay,
            ScriptName = ScriptName,
        };

        /// <summary>
        /// The same with the script's name (XenShmBootScriptName, empty = boot.scr), checked by
        /// <see cref="BootScriptNames.Check"/>: null when either is bad, every problem reported.
        /// </summary>
        public static BootScriptSettings? Parse(string? loadCommand, string? pathPrefix, string? bootCommand, string? applyOverlay,
            IEnumerable<string>? extraCommands, string? scriptName, SourceSpan span, DiagnosticBag diagnostics)
        {
            var settings = Parse(loadCommand, pathPrefix, bootCommand, applyOverlay, extraCommands, span, diagnostics);
            string? name = BootScriptNames.Check(scriptName, span, diagnostics);
            if (settings is null || name is null) return null;
            settings.ScriptName = name;
            return settings;
        }

        /// <summary>
        /// The settings from MSBuild property values (empty = default), or null after a coded
        /// XSHM8006–8010 at <paramref name="span"/>.
        /// </summary>
        public static BootScriptSettings? Parse(string? loadCommand, string? pathPrefix, string? bootCommand, string? applyOverlay,
            IEnumerable<string>? extraCommands, SourceSpan span, DiagnosticBag diagnostics)
        {
            if (diagnostics is null) throw new ArgumentNullException(nameof(diagnostics));
            int before = diagnostics.Count;

            string load = string.IsNullOrWhiteSpace(loadCommand) ? BootScriptRequest.DefaultLoadCommand : loadCommand!.Trim();
            if (!BootScriptComposer.IsOneLine(load))
                diagnostics.Add(DiagnosticCodes.BootLoadCommandInvalid, span, $"XenShmBootLoadCommand '{Shown(load)}' must be one line (one U-Boot command before each address and file)");

            string prefix = pathPrefix?.Trim() ?? string.Empty;
            if (!BootScriptComposer.IsSafeWord(prefix, allowEmpty: true))
                diagnostics.Add(DiagnosticCodes.BootPathPrefixInvalid, span,
                    $"XenShmBootPathPrefix '{Shown(prefix)}' has characters a U-Boot script line cannot take as is (allowed: A-Z a-z 0-9 . _ + , @ / : = ~ -)");

            BootCommand boot = BootCommand.BootmKeepMemory;
            switch ((bootCommand ?? string.Empty).Trim())
            {
                case "":
                case "bootm": boot = BootCommand.BootmKeepMemory; break;
                case "booti": boot = BootCommand.Booti; break;
                case "bootefi": boot = BootCommand.Bootefi; break;
                case "none": boot = BootCommand.None; break;
                default:
                    diagnostics.Add(DiagnosticCodes.BootCommandUnknown, span, $"XenShmBootCommand '{Shown(bootCommand!)}' is not one of bootm, booti, bootefi, none");
                    break;
            }

            bool overlay = false;
            switch ((applyOverlay ?? string.Empty).Trim().ToLowerInvariant())
            {
                case "":
                case "false": break;
                case "true": overlay = true; break;
                default:
                    diagnostics.Add(DiagnosticCodes.BootApplyOverlayNotBoolean, span, $"XenShmBootApplyOverlay '{Shown(applyOverlay!)}' must be true or false");
                    break;
            }

            var extras = (extraCommands ?? Enumerable.Empty<string>()).ToList();
            foreach (string extra in extras)
            {
                if (extra is null || extra.Trim().Length == 0 || !BootScriptComposer.IsOneLine(extra))
                    diagnostics.Add(DiagnosticCodes.BootExtraCommandInvalid, span, $"XenShmBootExtraCommand '{Shown(extra ?? string.Empty)}' must be one non-empty line (one item per command)");
            }

            if (diagnostics.Count != before) return null;
            return new BootScriptSettings
            {
                LoadCommand = load,
                PathPrefix = prefix,
                Boot = boot,
                ApplyOverlay = overlay,
                ExtraCommands = extras.Select(e => e.Trim()).ToList(),
                Span = span,
            };
        }

        // Control characters shown escaped, so the message stays one line.
        private static string Shown(string s) => s.Replace("\r", "\\r").Replace("\n", "\\n").Replace("\0", "\\0");
    }
}
