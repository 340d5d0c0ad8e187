using System;
using System.Collections.Generic;
using System.Linq;
using Xen.Shm.Diagnostics;

namespace Xen.Shm.Topology.Rules
{
    /// <summary>
    /// Every name the topology steers into an output path is checked here, when the YAML loads and
    /// before any step writes (issue 17: an xlDir of "/../../tmp/evil" wrote outside the build).
    /// The boot folder is laid out as Generation's BootFolder says: Xen at the top under its file
    /// name, a domain's files under "&lt;domain&gt;/", xl files under the dom0 xlDir. Codes: 1027 xlDir,
    /// 1028 domain names, 1029 input file names, 1032 two outputs on one path.
    /// </summary>
    internal static class OutputPathRules
    {
        /// <summary>
        /// Names the SDK itself writes at the top of the boot folder (Generation's BootFolder
        /// constants, boot.scr/boot.source, manifest.json); a test keeps this list in step with them.
        /// </summary>
        public static readonly IReadOnlyCollection<string> ReservedAtTop = new[]
        {
            "host.dts", "host.dtb", "host-overlay.dtso", "host-overlay.dtbo", "xen.uimg", "board.dtb",
            "creation-order.txt", "create-domains.sh", "boot.scr", "boot.source", "manifest.json",
        };

        public static void Check(RuleContext ctx)
        {
            var board = ctx.Board;
            foreach (var d in board.Domains)
            {
                if (d.Name.Value.StartsWith(".", StringComparison.Ordinal))
                    ctx.Report(DiagnosticCodes.DomainNameNotAFileName, d.Name.Span,
                        $"domain name '{d.Name.Value}' starts with '.': it names a folder and files in the boot folder, which would be hidden ('.', '..' would leave it)");
            }

            var xlDir = board.Dom0?.XlDir;
            if (xlDir is { } dir && XlDirProblem(dir.Value) is { } problem)
                ctx.Report(DiagnosticCodes.XlDirUnsafe, dir.Span, $"xlDir '{Printable(dir.Value)}' {problem}");

            foreach (var f in board.Files.Where(f => f.Role != FileRole.HostDeviceTree && f.Role != FileRole.DomUDeviceTree && f.Role != FileRole.HostOverlay))
            {
                string name = FileName(f.FullPath);
                if (!IsFileName(name))
                    ctx.Report(DiagnosticCodes.InputFileNameUnsafe, f.Span,
                        $"file name '{Printable(name)}' is copied into the boot folder and named in boot.scr: use 1-255 of A-Z a-z 0-9 . _ + , @ = ~ - not starting with '.'");
            }

            CheckClashes(ctx, xlDir);
        }

        /// <summary>Null when <paramref name="value"/> is a clean dom0 folder: '/'-separated file names, no '.'/'..' or empty segment.</summary>
        internal static string? XlDirProblem(string value)
        {
            if (value.Any(c => c < 0x20 || (c >= 0x7F && c <= 0x9F))) return "holds a control character";
            if (value.IndexOf('\\') >= 0) return "holds a backslash; dom0 paths use '/'";
            string path = value.StartsWith("/", StringComparison.Ordinal) ? value.Substring(1) : value;
            if (path.EndsWith("/", StringComparison.Ordinal)) path = path.Substring(0, path.Length - 1);
            if (path.Length == 0) return "names no folder; xl files need one below '/' (e.g. /etc/xen)";
            foreach (string segment in path.Split('/'))
            {
                if (segment.Length == 0) return "has an empty segment ('//')";
                if (segment == "." || segment == "..") return "has a '.' or '..' segment; it must name its folder directly";
                if (!IsFileName(segment)) return $"has the segment '{Printable(segment)}': use A-Z a-z 0-9 . _ + , @ = ~ - not starting with '.'";
            }
            return null;
        }

        /// <summary>One file or folder name: 1-255 of the characters a U-Boot script line takes as is, not '.'-leading.</summary>
        internal static bool IsFileName(string name) =>
            name.Length > 0 && name.Length <= 255 && name[0] != '.' && name.All(IsNameChar);

        private static bool IsNameChar(char c) =>
            (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || "._+,@=~-".IndexOf(c) >= 0;

        internal static string FileName(string path)
        {
            int slash = Math.Max(path.LastIndexOf('/'), path.LastIndexOf('\\'));
            return slash < 0 ? path : path.Substring(slash + 1);
        }

        // Messages are one line: a control character is shown as \uXXXX.
        internal static string Printable(string s) =>
            string.Concat(s.Select(c => c < 0x20 || (c >= 0x7F && c <= 0x9F) ? $"\\u{(int)c:X4}" : c.ToString()));

        /// <summary>
        /// XSHM1032: the names at the top of the boot folder (Xen's file, the domains' folders, the
        /// first segment of xlDir, the SDK's own files) and the files in each domain's folder
        /// (a kernel or ramdisk and the generated &lt;name&gt;.dtb/.dts) must not meet; two copies with one
        /// name are XSHM8004 (Sdk.Tasks OutputPaths).
        /// </summary>
        private static void CheckClashes(RuleContext ctx, Spanned<string>? xlDir)
        {
            var board = ctx.Board;
            var top = new Dictionary<string, (string What, SourceSpan Span)>(StringComparer.Ordinal);
            foreach (string reserved in ReservedAtTop) top[reserved] = ("a file the SDK writes", SourceSpan.None);
            foreach (var d in board.Domains) Claim(ctx, top, d.Name.Value, $"domain '{d.Name.Value}''s folder", d.Name.Span);
            if (board.Xen.Image is { } xen) Claim(ctx, top, FileName(xen.FullPath), "the Xen image", xen.Span);
            if (board.Host.Bitstream is { } fpga) Claim(ctx, top, FileName(fpga.FullPath), "the FPGA bitstream", fpga.Span);
            foreach (var f in board.Host.BootFiles) Claim(ctx, top, FileName(f.FullPath), "a boot file (host.boot.files)", f.Span);
            // xl files go under dom0's xlDir (/etc/xen when not given), so its first segment is a top name too.
            string xlPath = xlDir?.Value ?? "/etc/xen";
            if (XlDirProblem(xlPath) is null)
            {
                string first = xlPath.TrimStart('/').Split('/')[0];
                if (top.TryGetValue(first, out var owner))
                    ctx.Report(DiagnosticCodes.BootFolderPathClash, xlDir?.Span ?? owner.Span,
                        $"the xl folder '{xlPath}' starts with '{first}', already {owner.What} at the top of the boot folder",
                        xlDir is null ? Array.Empty<SourceSpan>() : new[] { owner.Span });
            }

            // Only a dom0less domain's folder holds its generated tree (xl trees sit beside the xl folder).
            foreach (var d in board.Domains.Where(d => d.Kind.Value == DomainKind.Dom0less))
            {
                var inFolder = new Dictionary<string, (string What, SourceSpan Span)>(StringComparer.Ordinal)
                {
                    [d.Name.Value + ".dtb"] = ("the domain's generated device tree", SourceSpan.None),
                    [d.Name.Value + ".dts"] = ("the domain's generated device-tree source", SourceSpan.None),
                };
                // Kernel against ramdisk (two copies, one name) is XSHM8004, raised where copies are planned.
                foreach (var f in new[] { d.Kernel, d.Ramdisk })
                    if (f is not null && inFolder.TryGetValue(FileName(f.FullPath), out var generated))
                        ctx.Report(DiagnosticCodes.BootFolderPathClash, f.Span,
                            $"'{f.WrittenPath}' would be '{d.Name.Value}/{FileName(f.FullPath)}' in the boot folder, already {generated.What}");
            }
        }

        private static void Claim(RuleContext ctx, Dictionary<string, (string What, SourceSpan Span)> names, string name, string what, SourceSpan span)
        {
            if (names.TryGetValue(name, out var owner))
            {
                ctx.Report(DiagnosticCodes.BootFolderPathClash, span, $"{what} would be '{name}' in the boot folder, already {owner.What}", owner.Span);
                return;
            }
            names[name] = (what, span);
        }
    }
}
