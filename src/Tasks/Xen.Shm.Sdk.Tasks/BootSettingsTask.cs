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
            var extras = new string[BootExtraCommands.Length];
            for (int i = 0; i < extras.Length; i++) extras[i] = BootExtraCommands[i].ItemSpec;
            var settings = BootScriptSettings.Parse(BootLoadCommand, BootPathPrefix, BootCommand, BootApplyOverlay, extras,
                new SourceSpan(ProjectFile, 0, 0), diagnostics);
            string? name = BootScriptNames.Check(BootScriptName, new SourceSpan(ProjectFile, 0, 0), diagnostics);
            if (settings != null && name != null) settings.ScriptName = name;
            Report(diagnostics);
            if (name == null) return null;
            return settings;
        }
    }
}
