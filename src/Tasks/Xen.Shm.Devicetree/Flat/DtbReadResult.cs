namespace Xen.Shm.Devicetree
{
    /// <summary>What the DTB reader returns: a tree, or dtc's fatal error text (without "FATAL ERROR: ").</summary>
    internal sealed class DtbReadResult
    {
        private DtbReadResult(DtTree? tree, string? error)
        {
            Tree = tree;
            Error = error;
        }

        public DtTree? Tree { get; }
        public string? Error { get; }

        public static DtbReadResult Success(DtTree tree) => new DtbReadResult(tree, null);
        public static DtbReadResult Failure(string error) => new DtbReadResult(null, error);
    }
}
