using System;
using System.Collections.Generic;
using System.IO;

namespace Xen.Shm.Devicetree.Source
{
    /// <summary>
    /// Opens the main file, <c>/include/</c>s and <c>/incbin/</c>s as srcpos.c does (spec §3.6): an absolute
    /// name as is; a relative one in the including file's directory (the current directory when that file's
    /// name had no '/'), then in each <c>-i</c> directory in order. Records every file read.
    /// </summary>
    internal sealed class SourceOpener
    {
        private readonly IReadOnlyList<string> _searchDirs;

        public SourceOpener(IReadOnlyList<string> searchDirs)
        {
            _searchDirs = searchDirs;
        }

        public List<string> Dependencies { get; } = new List<string>();

        /// <summary>Read <paramref name="name"/>; returns the full name used, or throws <see cref="DtcFatalException"/> as dtc's die.</summary>
        public byte[] Open(string name, string? currentDir, out string fullName)
        {
            string? error = null;
            var hit = TryRead(currentDir, name, ref error, out fullName);
            for (int i = 0; hit == null && i < _searchDirs.Count; i++)
                hit = TryRead(_searchDirs[i], name, ref error, out fullName);
            if (hit == null)
                throw new DtcFatalException($"Couldn't open \"{name}\": {error ?? "No such file or directory"}\n");
            Dependencies.Add(fullName);
            return hit;
        }

        /// <summary>Directory part of a name (srcpos.c get_dirname): null when it has no '/'.</summary>
        public static string? DirOf(string name)
        {
            int slash = name.LastIndexOf('/');
            return slash < 0 ? null : name.Substring(0, slash);
        }

        /// <summary>util.c join_path.</summary>
        public static string Join(string dir, string name) =>
            dir.Length > 0 && dir[dir.Length - 1] == '/' ? dir + name : dir + "/" + name;

        private static byte[]? TryRead(string? dir, string name, ref string? error, out string fullName)
        {
            fullName = dir == null || (name.Length > 0 && name[0] == '/') ? name : Join(dir, name);
            try
            {
                if (Directory.Exists(fullName))
                {
                    // fopen succeeds on a directory, reading then fails: dtc reports EISDIR late; keep it simple.
                    error = "Is a directory";
                    return null;
                }
                return File.ReadAllBytes(fullName);
            }
            catch (Exception e) when (e is IOException || e is UnauthorizedAccessException || e is ArgumentException || e is NotSupportedException)
            {
                error = e is UnauthorizedAccessException ? "Permission denied" : "No such file or directory";
                return null;
            }
        }
    }
}
