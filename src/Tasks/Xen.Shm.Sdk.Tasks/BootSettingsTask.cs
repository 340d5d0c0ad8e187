using System.Linq;
using Microsoft.Build.Framework;
using Xen.Shm.BootImage.Script;
using Xen.Shm.Diagnostics;

namespace Xen.Shm.Sdk.Tasks
{
    /// <summary>
    /// A step that needs the boot-script properties (LAYOUT L3): XenShmBootLoadCommand,
    /// XenShmBootPathPrefix, XenShmBootCommand, XenShmBootApplyOverlay and the
    /// XenShmBootExtraCommand items. Bad values are XSHM8006–8010 at the project file.
    /// </summary>
    public abstract class BootSettingsTask : XenShmTask
    {
        /// <summary>The project file (MSBuildProjectFullPath): where bad settings are reported.</summary>
        [Required]
        public string ProjectFile { get; set; } = string.Empty;

        public string? BootLoadCommand { get; set; }
        public string? BootPathPrefix { get; set; }
        public string? BootCommand { get; set; }
        public string? BootApplyOverlay { get; set; }
        public ITaskItem[] BootExtraCommands { get; set; } = System.Array.Empty<ITaskItem>();

        /// <summary>XenShmBootScriptName (ImageBuilder UBOOT_SCRIPT); empty = boot.scr.</summary>
        public string? BootScriptName { get; set; }

        protected BootScriptSettings? ReadSettings()
        {
            var diagnostics = new DiagnosticBag();
            var settings = BootScriptSettings.Parse(BootLoadCommand, BootPathPrefix, BootCommand, BootApplyOverlay,
                BootExtraCommands.Select(i => i.ItemSpec), BootScriptName, new SourceSpan(ProjectFile, 0, 0), diagnostics);
            Report(diagnostics);
            return settings;
        }
    }
}
