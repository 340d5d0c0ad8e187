using System;
using System.Collections.Generic;
using System.IO;
using Xen.Shm.BootImage.Files;
using Xen.Shm.BootImage.Incremental;
using Xen.Shm.BootImage.Script;
using Xen.Shm.Generation.Layout;

namespace Xen.Shm.BootImage.Generated
{
    /// <summary>
    /// The intermediate generated/ folder the steps hand files through, and the boot layout
    /// XenShmGenerateDts writes beside it for the steps after it.
    /// </summary>
    public static class GeneratedFolder
    {
        /// <summary>A layout that does not parse was not written by this SDK version: our bug (XSHM9001), not the user's.</summary>
        public static BootLayout ReadLayout(string layoutFile) =>
            BootLayout.Parse(File.ReadAllText(layoutFile))
            ?? throw new InvalidOperationException($"'{layoutFile}' is not a boot layout of this SDK version");

        /// <summary>Where a generated file ("/"-separated boot-folder path) lies in generated/.</summary>
        public static string PathOf(string generatedDirectory, string path) =>
            Path.Combine(generatedDirectory, path.Replace('/', Path.DirectorySeparatorChar));

        /// <summary>A step's files into generated/: every path checked against the wall first, each written only when its bytes differ.</summary>
        public static void Write(string generatedDirectory, IReadOnlyList<BootScriptFile> files)
        {
            var folder = new OutputFolder(generatedDirectory);
            foreach (var file in files) folder.PathOf(file.Path);   // the wall, before the first write
            foreach (var file in files) FileRefresh.Write(folder.PathOf(file.Path), file.Content, touchUnchanged: false);
        }
    }
}
