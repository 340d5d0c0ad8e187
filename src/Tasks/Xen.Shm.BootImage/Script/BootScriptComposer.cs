using System;
using System.Collections.Generic;
using System.Globalization;
using System.Text;
using Xen.Shm.Diagnostics;

namespace Xen.Shm.BootImage.Script
{
    /// <summary>
    /// Writes boot.source (spec §10.4): the loads, <c>setenv fdt_high 0xffffffffffffffff</c>
    /// (boot the DTB in place), the optional overlay application, the user's extra commands, then
    /// the boot command. The default bootm sequence follows qemu-boot README §7, which keeps the
    /// SDK's /memory carve-outs that U-Boot's fixups would undo. Everything written is checked to
    /// stay one hush command per line: no user text can add commands.
    /// </summary>
    public static class BootScriptComposer
    {
        public static string? Compose(BootScriptRequest request, DiagnosticBag diagnostics)
        {
            if (request is null) throw new ArgumentNullException(nameof(request));
            if (diagnostics is null) throw new ArgumentNullException(nameof(diagnostics));
            int before = diagnostics.Count;
            var span = request.Span;

            string loadCommand = request.LoadCommand?.Trim() ?? string.Empty;
            if (loadCommand.Length == 0 || !IsOneLine(loadCommand))
                diagnostics.Add(DiagnosticCodes.BootScriptCommandMultiline, span, "the load command must be one non-empty line");
            if (!IsSafeWord(request.PathPrefix, allowEmpty: true))
                diagnostics.Add(DiagnosticCodes.BootScriptFileNameUnsafe, span, $"path prefix '{request.PathPrefix}' has characters a U-Boot script line cannot take as is");
            foreach (var load in request.Loads)
            {
                if (!IsSafeWord(load.File, allowEmpty: false))
                    diagnostics.Add(DiagnosticCodes.BootScriptFileNameUnsafe, span, $"boot file name '{load.File}' has characters a U-Boot script line cannot take as is (allowed: A-Z a-z 0-9 . _ + , @ / : = ~ -)");
            }

            foreach (string extra in request.ExtraCommands)
            {
                if (extra is null || extra.Trim().Length == 0 || !IsOneLine(extra))
                    diagnostics.Add(DiagnosticCodes.BootScriptCommandMultiline, span, "each extra boot command must be one non-empty line");
            }

            if (request.XenAddress is null || request.DtbAddress is null)
                diagnostics.Add(DiagnosticCodes.BootScriptMissingInput, span, "the boot command needs the Xen and host DTB load addresses");
            if (request.Boot == BootCommand.BootmKeepMemory)
            {
                foreach (var node in request.MemoryNodes)
                {
                    if (!IsNodePath(node.Path) || node.Reg.Count == 0)
                        diagnostics.Add(DiagnosticCodes.BootScriptNodePathUnsafe, span, $"memory node '{node.Path}' is not a plain absolute node path with a non-empty reg");
                }
            }

            if (diagnostics.Count != before) return null;

            var sb = new StringBuilder();
            foreach (var load in request.Loads)
                sb.Append(loadCommand).Append(' ').Append(Hex(load.Address)).Append(' ').Append(request.PathPrefix).Append(load.File).Append('\n');
            // ImageBuilder: "bitstream is loaded last but used first"; FPGA device 0 as IB assumes. U-Boot's
            // cmd/fpga.c reads the address and size as hex (IB writes the size in decimal; we write 0x).
            if (request.Fpga is { } fpga)
                sb.Append("fpga ").Append(fpga.Command == "loadb" ? "loadb" : "load").Append(" 0 ").Append(Hex(fpga.Address)).Append(' ').Append(Hex(fpga.Size)).Append('\n');
            sb.Append("setenv fdt_high 0xffffffffffffffff\n");

            string xen = Hex(request.XenAddress!.Value), dtb = Hex(request.DtbAddress!.Value);
            if (request.Overlay is FdtOverlay overlay)
            {
                sb.Append("fdt addr ").Append(dtb).Append('\n');
                // U-Boot cmd/fdt.c reads the extra size as hex.
                sb.Append("fdt resize ").Append(Hex(overlay.ResizeBytes)).Append('\n');
                sb.Append("fdt apply ").Append(Hex(overlay.Address)).Append('\n');
            }

            if (request.FitConfiguration is string fit)
            {
                Fit.FitBootSequence.Append(sb, xen + "#" + fit, dtb, request.ExtraCommands, request.MemoryNodes);
                return sb.ToString();
            }

            foreach (string extra in request.ExtraCommands) sb.Append(extra.Trim()).Append('\n');

            switch (request.Boot)
            {
                case BootCommand.BootmKeepMemory:
                    sb.Append("fdt addr ").Append(dtb).Append('\n');
                    sb.Append("bootm start ").Append(xen).Append(" - ").Append(dtb).Append('\n');
                    sb.Append("bootm loados\n");
                    sb.Append("bootm prep\n");
                    AppendMemoryRestore(sb, request.MemoryNodes);
                    sb.Append("bootm go\n");
                    break;
                case BootCommand.Booti:
                    sb.Append("booti ").Append(xen).Append(" - ").Append(dtb).Append('\n');
                    break;
                case BootCommand.Bootm:
                    sb.Append("bootm ").Append(xen).Append(" - ").Append(dtb).Append('\n');
                    break;
                case BootCommand.Bootefi:
                    // U-Boot doc/usage/cmd/bootefi.rst: `bootefi <image_addr> [<fdt_addr>]`; ImageBuilder
                    // writes booti's `X - DTB` form here too; the documented syntax has no `-`.
                    sb.Append("bootefi ").Append(xen).Append(' ').Append(dtb).Append('\n');
                    break;
                case BootCommand.None:
                    // ImageBuilder uboot-script-gen BOOT_CMD=none: no boot, the addresses kept for the user.
                    sb.Append("setenv host_kernel_addr ").Append(xen).Append('\n');
                    sb.Append("setenv host_fdt_addr ").Append(dtb).Append('\n');
                    break;
            }

            return sb.ToString();
        }

        /// <summary><c>fdt set &lt;node&gt; reg &lt;cells&gt;</c> per /memory node (qemu-boot README §7).</summary>
        internal static void AppendMemoryRestore(StringBuilder sb, IReadOnlyList<MemoryNodeRestore> nodes)
        {
            foreach (var node in nodes)
            {
                sb.Append("fdt set ").Append(node.Path).Append(" reg <");
                for (int i = 0; i < node.Reg.Count; i++)
                {
                    if (i > 0) sb.Append(' ');
                    sb.Append(Hex(node.Reg[i]));
                }

                sb.Append(">\n");
            }
        }

        internal static string Hex(ulong v) => "0x" + v.ToString("x", CultureInfo.InvariantCulture);

        internal static bool IsOneLine(string s) => s.IndexOf('\n') < 0 && s.IndexOf('\r') < 0 && s.IndexOf('\0') < 0;

        // No hush metacharacters ($ ; ' " \ # { } | & < > ( ) * ? blanks): the word is taken literally.
        internal static bool IsSafeWord(string? s, bool allowEmpty)
        {
            if (string.IsNullOrEmpty(s)) return allowEmpty;
            foreach (char c in s!)
            {
                bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
                          c == '.' || c == '_' || c == '+' || c == ',' || c == '@' || c == '/' || c == ':' || c == '=' || c == '~' || c == '-';
                if (!ok) return false;
            }

            return true;
        }

        // Node names: [A-Za-z0-9,._+-] plus @unit-address (DTS); absolute path.
        private static bool IsNodePath(string path)
        {
            if (path.Length < 2 || path[0] != '/') return false;
            foreach (char c in path)
            {
                bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
                          c == ',' || c == '.' || c == '_' || c == '+' || c == '-' || c == '@' || c == '/';
                if (!ok) return false;
            }

            return true;
        }
    }
}
