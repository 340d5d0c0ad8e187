namespace Xen.Shm.BootImage.Script
{
    /// <summary>One <c>&lt;LOAD_CMD&gt; &lt;address&gt; &lt;prefix&gt;&lt;file&gt;</c> line.</summary>
    public sealed class ScriptLoad
    {
        public ScriptLoad(string file, ulong address)
        {
            File = file ?? string.Empty;
            Address = address;
        }

        /// <summary>Path in the boot folder, "/" separators.</summary>
        public string File { get; }
        public ulong Address { get; }
    }
}
