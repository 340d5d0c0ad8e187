using System;
using System.Collections.Generic;
using Xen.Shm.Generation.Chosen;
using Xen.Shm.Generation.Layout;
using Xen.Shm.Topology;

namespace Xen.Shm.Generation.BootExtras
{
    /// <summary>
    /// ImageBuilder's BITSTREAM and BOOT_AUX_FILE (xlnx_rel_v2023.2 uboot-script-gen, disk_image): the
    /// bitstream is a boot file like the others, planned last (after the host DTB, spec §10.3: "bitstream
    /// is loaded last but used first") and programmed by the script (<see cref="BootExtrasNames.FpgaCommand"/>); the
    /// auxiliary files are only copied to the top of the boot folder (IB copies BOOT_AUX_FILE into the
    /// first partition and never loads them).
    /// </summary>
    internal static class BootExtras
    {
        public static void Add(Board board, Action<BoardFile?, string, BootFileRole, Domain?> boot, List<OutputFile> copies)
        {
            if (board.Host.Bitstream is BoardFile fpga) boot(fpga, BootFolder.FileName(fpga.FullPath), BootFileRole.Bitstream, null);
            foreach (var f in board.Host.BootFiles)
                copies.Add(new OutputFile(BootFolder.FileName(f.FullPath), OutputKind.Copy, null, f.FullPath, null, null));
        }
    }

    /// <summary>Names the boot script's extras use: the <c>fpga</c> subcommand, the script's source.</summary>
    public static class BootExtrasNames
    {
        /// <summary>
        /// U-Boot cmd/fpga.c: <c>loadb</c> takes a Xilinx <c>.bit</c> file (it parses the header),
        /// <c>load</c> a raw image (<c>.bin</c>). ImageBuilder writes <c>fpga load</c> for every file.
        /// </summary>
        public static string FpgaCommand(string fileName) =>
            fileName.EndsWith(".bit", StringComparison.OrdinalIgnoreCase) ? "loadb" : "load";

        /// <summary>The script's source name, as ImageBuilder's <c>-o NAME</c> pairs NAME.scr and NAME.source: <c>boot.scr</c> → <c>boot.source</c>; <c>x</c> → <c>x.source</c>.</summary>
        public static string ScriptSource(string scriptName) =>
            scriptName.EndsWith(".scr", StringComparison.Ordinal) && scriptName.Length > 4
                ? scriptName.Substring(0, scriptName.Length - 4) + ".source"
                : scriptName + ".source";
    }
}
