using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text;

namespace Xen.Shm.Generation.Layout
{
    /// <summary>One boot-medium file: its boot-folder path, load address (null: not loaded) and origin.</summary>
    public sealed class BootLayoutFile
    {
        public BootLayoutFile(string path, ulong? loadAddress, string? sourcePath)
        {
            Path = path ?? throw new ArgumentNullException(nameof(path));
            LoadAddress = loadAddress;
            SourcePath = sourcePath;
        }

        /// <summary>Boot-folder path, "/" separators.</summary>
        public string Path { get; }
        public ulong? LoadAddress { get; }

        /// <summary>The input file copied (full path); null for a generated file (same relative path in generated/).</summary>
        public string? SourcePath { get; }
    }

    /// <summary>
    /// The final boot layout the generator planned (spec §10.3 with the boot settings applied):
    /// everything the boot-script step and the packaging step need, without the generator. Written
    /// as a small text file between the SDK's steps (<see cref="Write"/>/<see cref="Parse"/>):
    /// one record per line, tab-separated fields, \\ \t \n escaped.
    /// </summary>
    public sealed class BootLayout
    {
        private const string Magic = "xen-shm-boot-layout";
        private const string Version = "1";

        /// <summary>The 2 MiB slot of boot.scr.</summary>
        public ulong ScriptAddress { get; init; }

        /// <summary>Every file the script loads, in plan order (ascending addresses); Xen's run area is not a file.</summary>
        public IReadOnlyList<(string Path, ulong Address)> Loads { get; init; } = Array.Empty<(string, ulong)>();

        /// <summary>The Xen file the script boots (<c>xen.uimg</c> or the raw Xen) and its address; null without Xen.</summary>
        public string? XenPath { get; init; }
        public ulong? XenAddress { get; init; }

        /// <summary>The raw Xen input (full path): wrapped into xen.uimg, or copied.</summary>
        public string? XenSource { get; init; }

        /// <summary>uImage route: where <c>bootm loados</c> copies Xen (the uImage's load and entry address).</summary>
        public ulong? XenRunAddress { get; init; }

        /// <summary>The DTB the script boots with (<c>host.dtb</c>, or <c>board.dtb</c> on the fdt apply route); null without a board device tree.</summary>
        public string? DtbPath { get; init; }
        public ulong? DtbAddress { get; init; }

        /// <summary>fdt apply route: the overlay, its address and the bytes <c>fdt resize</c> adds to the board DTB first.</summary>
        public string? OverlayPath { get; init; }
        public ulong? OverlayAddress { get; init; }
        public ulong? OverlayRoom { get; init; }

        /// <summary>The boot script's file name (its source: .scr → .source); boot.scr by default.</summary>
        public string ScriptName { get; init; } = "boot.scr";

        /// <summary>The FPGA bitstream the script programs after loading it (ImageBuilder BITSTREAM); null when none.</summary>
        public FpgaLoad? Fpga { get; init; }

        /// <summary>Every boot-medium file the generator plans (boot.source/boot.scr excepted), path order.</summary>
        public IReadOnlyList<BootLayoutFile> Files { get; init; } = Array.Empty<BootLayoutFile>();

        /// <summary>What each loaded file is (plan roles, dom0less domain index), by boot-folder path: the FIT step types its images with it.</summary>
        public IReadOnlyList<(string Path, BootFileRole Role, int Domain)> Roles { get; init; } = Array.Empty<(string, BootFileRole, int)>();

        /// <summary>End (exclusive) of everything the planner placed, Xen's run area included; null when nothing was placed.</summary>
        public ulong? LoadEnd { get; init; }

        /// <summary>The memory the planner used (RAM banks, MEMORY_END, reserved ranges): the FIT step places the FIT after <see cref="LoadEnd"/> in it.</summary>
        public LoadLayout? Memory { get; init; }

        public string Write()
        {
            var sb = new StringBuilder();
            Line(sb, Magic, Version);
            Line(sb, "script", Hex(ScriptAddress));
            Line(sb, "script-name", ScriptName);
            if (XenPath != null) Line(sb, "xen", XenPath, Hex(XenAddress), XenSource ?? "");
            if (XenRunAddress != null) Line(sb, "xen-run", Hex(XenRunAddress));
            if (DtbPath != null) Line(sb, "dtb", DtbPath, Hex(DtbAddress));
            if (OverlayPath != null) Line(sb, "overlay", OverlayPath, Hex(OverlayAddress), Hex(OverlayRoom));
            if (Fpga != null) Line(sb, "fpga", Fpga.Path, Hex(Fpga.Address), Hex(Fpga.Size), Fpga.Command);
            foreach (var (path, address) in Loads) Line(sb, "load", path, Hex(address));
            foreach (var f in Files) Line(sb, "file", f.Path, Hex(f.LoadAddress), f.SourcePath ?? "");
            BootLayoutMemory.Write(this, (fields) => Line(sb, fields));
            return sb.ToString();
        }

        /// <summary>Reads what <see cref="Write"/> wrote; null when the text is not a layout of this version.</summary>
        public static BootLayout? Parse(string text)
        {
            if (text is null) throw new ArgumentNullException(nameof(text));
            var lines = text.Split('\n').Where(l => l.Length > 0).Select(Fields).ToList();
            if (lines.Count == 0 || lines[0].Length != 2 || lines[0][0] != Magic || lines[0][1] != Version) return null;
            ulong script = 0;
            string? xen = null, xenSource = null, dtb = null, overlay = null;
            ulong? xenAt = null, run = null, dtbAt = null, overlayAt = null, room = null;
            var loads = new List<(string, ulong)>();
            var files = new List<BootLayoutFile>();
            FpgaLoad? fpga = null;
            string scriptName = "boot.scr";
            var memory = new BootLayoutMemory();
            foreach (var f in lines.Skip(1))
            {
                if (memory.Read(f)) continue;
                switch (f[0])
                {
                    case "script" when f.Length == 2: script = Number(f[1]) ?? 0; break;
                    case "xen" when f.Length == 4: xen = f[1]; xenAt = Number(f[2]); xenSource = f[3].Length == 0 ? null : f[3]; break;
                    case "xen-run" when f.Length == 2: run = Number(f[1]); break;
                    case "dtb" when f.Length == 3: dtb = f[1]; dtbAt = Number(f[2]); break;
                    case "overlay" when f.Length == 4: overlay = f[1]; overlayAt = Number(f[2]); room = Number(f[3]); break;
                    case "script-name" when f.Length == 2: scriptName = f[1]; break;
                    case "fpga" when f.Length == 5 && Number(f[2]) is ulong fa && Number(f[3]) is ulong fs: fpga = new FpgaLoad(f[1], fa, fs, f[4]); break;
                    case "load" when f.Length == 3 && Number(f[2]) is ulong a: loads.Add((f[1], a)); break;
                    case "file" when f.Length == 4: files.Add(new BootLayoutFile(f[1], Number(f[2]), f[3].Length == 0 ? null : f[3])); break;
                    default: return null;
                }
            }

            return new BootLayout
            {
                ScriptAddress = script, Loads = loads, XenPath = xen, XenAddress = xenAt, XenSource = xenSource, XenRunAddress = run,
                DtbPath = dtb, DtbAddress = dtbAt, OverlayPath = overlay, OverlayAddress = overlayAt, OverlayRoom = room, Files = files, Fpga = fpga, ScriptName = scriptName,
                Roles = memory.Roles, LoadEnd = memory.LoadEnd, Memory = memory.Layout,
            };
        }

        internal static string Hex(ulong? v) => v is ulong x ? "0x" + x.ToString("x", CultureInfo.InvariantCulture) : "-";

        internal static ulong? Number(string s) =>
            s.StartsWith("0x", StringComparison.Ordinal) && ulong.TryParse(s.Substring(2), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var v) ? v : (ulong?)null;

        private static void Line(StringBuilder sb, params string[] fields)
        {
            for (int i = 0; i < fields.Length; i++)
            {
                if (i > 0) sb.Append('\t');
                foreach (char c in fields[i])
                {
                    if (c == '\\') sb.Append("\\\\");
                    else if (c == '\t') sb.Append("\\t");
                    else if (c == '\n') sb.Append("\\n");
                    else if (c == '\r') sb.Append("\\r");
                    else sb.Append(c);
                }
            }

            sb.Append('\n');
        }

        private static string[] Fields(string line)
        {
            var fields = new List<string>();
            var sb = new StringBuilder();
            for (int i = 0; i < line.Length; i++)
            {
                char c = line[i];
                if (c == '\t') { fields.Add(sb.ToString()); sb.Clear(); }
                else if (c == '\\' && i + 1 < line.Length)
                {
                    char n = line[++i];
                    sb.Append(n == 't' ? '\t' : n == 'n' ? '\n' : n == 'r' ? '\r' : n);
                }
                else sb.Append(c);
            }

            fields.Add(sb.ToString());
            return fields.ToArray();
        }
    }

    /// <summary>A bitstream the script programs: its boot-folder path, load address, byte size and <c>fpga</c> subcommand.</summary>
    public sealed class FpgaLoad
    {
        public FpgaLoad(string path, ulong address, ulong size, string command)
        {
            Path = path;
            Address = address;
            Size = size;
            Command = command;
        }

        public string Path { get; }
        public ulong Address { get; }
        public ulong Size { get; }

        /// <summary><c>load</c> or <c>loadb</c>.</summary>
        public string Command { get; }
    }
}
