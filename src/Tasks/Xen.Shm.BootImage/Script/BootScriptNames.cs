using System;
using System.Linq;
using Xen.Shm.Diagnostics;

namespace Xen.Shm.BootImage.Script
{
    /// <summary>
    /// The boot script's file names (ImageBuilder UBOOT_SCRIPT/UBOOT_SOURCE; its <c>-o NAME</c> gives
    /// NAME.scr and NAME.source). The image's name is a plain file name at the top of the boot folder;
    /// the source is the same name with <c>.scr</c> replaced by <c>.source</c> (or <c>.source</c> added).
    /// </summary>
    public static class BootScriptNames
    {
        /// <summary>Files the SDK itself writes at the top of the boot folder, never a script's name.</summary>
        private static readonly string[] Taken = { "host.dtb", "board.dtb", "host-overlay.dtbo", "xen.uimg", "manifest.json", "host.dts", "host-overlay.dtso" };

        /// <summary>The checked name (empty = boot.scr), or null after XSHM5060 at <paramref name="span"/>.</summary>
        public static string? Check(string? name, SourceSpan span, DiagnosticBag diagnostics)
        {
            if (diagnostics is null) throw new ArgumentNullException(nameof(diagnostics));
            string n = string.IsNullOrWhiteSpace(name) ? BootScriptFiles.ImageName : name!.Trim();
            string source = SourceFor(n);
            bool plain = n.Length <= 240 && n[0] != '.' && n.All(IsNameChar) && BootScriptComposer.IsSafeWord(n, allowEmpty: false);
            if (!plain || Taken.Contains(n, StringComparer.Ordinal) || Taken.Contains(source, StringComparer.Ordinal))
            {
                diagnostics.Add(DiagnosticCodes.BootScriptNameInvalid, span,
                    $"XenShmBootScriptName '{n}' must be a plain file name (1-240 of A-Z a-z 0-9 . _ + , @ = ~ -, not starting with '.') that is not one of the SDK's own files ({string.Join(", ", Taken)})");
                return null;
            }
            return n;
        }

        /// <summary><c>boot.scr</c> → <c>boot.source</c>; <c>x</c> → <c>x.source</c>.</summary>
        public static string SourceFor(string scriptName) => Xen.Shm.Generation.BootExtras.BootExtrasNames.ScriptSource(scriptName);

        private static bool IsNameChar(char c) =>
            (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || "._+,@=~-".IndexOf(c) >= 0;
    }
}
