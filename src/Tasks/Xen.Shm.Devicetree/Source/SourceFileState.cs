namespace Xen.Shm.Devicetree.Source
{
    /// <summary>One open input file (srcpos.c struct srcfile_state): its bytes, cursor and position.</summary>
    internal sealed class SourceFileState
    {
        public SourceFileState(byte[] bytes, string name, string? dir, SourceFileState? previous)
        {
            Bytes = bytes;
            Name = name;
            Dir = dir;
            Previous = previous;
        }

        public byte[] Bytes { get; }

        /// <summary>Name for messages; a <c># N "file"</c> line marker changes it.</summary>
        public string Name { get; set; }

        /// <summary>Directory of the name it was opened by (null when that name had no '/'); includes look here first.</summary>
        public string? Dir { get; }

        public SourceFileState? Previous { get; }

        public int Offset;
        public int Line = 1;
        public int Column = 1;
        public bool AtLineStart = true;
    }
}
