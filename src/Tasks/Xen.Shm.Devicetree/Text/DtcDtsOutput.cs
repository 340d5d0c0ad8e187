namespace Xen.Shm.Devicetree
{
    /// <summary>Plugs <see cref="DtsWriter"/> into the <see cref="Dtc"/> pipeline for <c>-O dts</c>.</summary>
    public static partial class Dtc
    {
        static partial void WriteDts(DtTree tree, ref string? text) => text = DtsWriter.Write(tree);
    }
}
