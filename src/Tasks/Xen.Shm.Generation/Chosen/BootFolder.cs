using Xen.Shm.Topology;

namespace Xen.Shm.Generation.Chosen
{
    /// <summary>
    /// Where each file goes in the boot folder ("/" separators, relative). Boot-loaded files: Xen at
    /// the top under its own file name, a domain's files under <c>&lt;domain&gt;/</c>, the host DTB as
    /// <c>host.dtb</c>. xl domU files live in dom0 and are laid out under the dom0 xl folder
    /// (default <c>etc/xen/</c>, spec §4.3) so the folder can be copied into dom0's root file system.
    /// </summary>
    public static class BootFolder
    {
        public const string HostDts = "host.dts";
        public const string HostDtb = "host.dtb";
        public const string HostOverlaySource = "host-overlay.dtso";
        public const string HostOverlay = "host-overlay.dtbo";
        /// <summary>Xen as a legacy uImage (bootm route, LAYOUT L1).</summary>
        public const string XenUImage = "xen.uimg";

        /// <summary>The unmodified board compiled, for the fdt apply route (LAYOUT L1).</summary>
        public const string BoardDtb = "board.dtb";
        public const string CreationOrderFile = "creation-order.txt";
        public const string StartScriptFile = "create-domains.sh";

        public static string FileName(string path)
        {
            int slash = System.Math.Max(path.LastIndexOf('/'), path.LastIndexOf('\\'));
            return slash < 0 ? path : path.Substring(slash + 1);
        }

        public static string Xen(BoardFile file) => FileName(file.FullPath);

        public static string DomainFile(Domain domain, BoardFile file) => domain.Name.Value + "/" + FileName(file.FullPath);

        public static string PartialDtb(Domain domain) => domain.Name.Value + "/" + domain.Name.Value + ".dtb";
        public static string PartialDts(Domain domain) => domain.Name.Value + "/" + domain.Name.Value + ".dts";

        /// <summary>dom0's xl folder (absolute, no trailing slash); <c>/etc/xen</c> unless the topology says otherwise.</summary>
        public static string XlDirectory(Board board)
        {
            string dir = board.Dom0?.XlDir?.Value ?? Xl.StartScript.DefaultXlDirectory;
            dir = dir.TrimEnd('/');
            return dir.Length == 0 ? "" : (dir[0] == '/' ? dir : "/" + dir);
        }

        /// <summary>A dom0 path as a boot-folder path (leading '/' dropped).</summary>
        public static string InFolder(string dom0Path) => dom0Path.TrimStart('/');

        public static string XlConfig(Board board, Domain domain) => XlDirectory(board) + "/" + Xl.XlConfigWriter.FileName(domain.Name.Value);
        public static string XlDtb(Board board, Domain domain) => XlDirectory(board) + "/" + domain.Name.Value + ".dtb";
        public static string XlDts(Board board, Domain domain) => XlDirectory(board) + "/" + domain.Name.Value + ".dts";
        public static string XlFile(Board board, Domain domain, BoardFile file) => XlDirectory(board) + "/" + domain.Name.Value + "/" + FileName(file.FullPath);
    }
}
