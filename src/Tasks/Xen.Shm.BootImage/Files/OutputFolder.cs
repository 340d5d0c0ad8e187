using System;
using System.IO;
using Xen.Shm.Diagnostics;

namespace Xen.Shm.BootImage.Files
{
    /// <summary>
    /// A step's declared output folder (the boot folder, its staging folder, the intermediate
    /// generated/ folder), the second wall behind the YAML's own checks: every output path a step
    /// writes is asked of <see cref="PathOf"/>, which refuses a path that is absolute, has an
    /// empty, '.' or '..' segment, a backslash or a control character (XSHM5030), or that would
    /// go through a symbolic link below the folder (XSHM5031: a planted link would carry the write
    /// elsewhere). The folder itself is taken as given: the project chose it.
    /// </summary>
    public sealed class OutputFolder
    {
        public OutputFolder(string root)
        {
            if (root is null) throw new ArgumentNullException(nameof(root));
            Root = Path.GetFullPath(root).TrimEnd(Path.DirectorySeparatorChar, Path.AltDirectorySeparatorChar);
        }

        /// <summary>Full path, no trailing separator.</summary>
        public string Root { get; }

        /// <summary>The full path of <paramref name="relativePath"/> ('/'-separated) inside the folder, or a refusal.</summary>
        public string PathOf(string relativePath)
        {
            string? problem = PathProblem(relativePath);
            if (problem is not null) throw Unsafe(relativePath, problem);

            string? link = FirstLink(relativePath);
            if (link is not null)
                throw new OutputPathRefusedException(DiagnosticCodes.OutputPathThroughLink,
                    $"output path '{relativePath}' goes through the symbolic link '{link}', which may lead out of '{Root}'; remove the link");

            return Combine(relativePath);
        }

        /// <summary>The full path inside the folder when no link lies on the way and the path is plain, else null (never throws).</summary>
        public string? ExistingPathOf(string relativePath) =>
            PathProblem(relativePath) is null && FirstLink(relativePath) is null ? Combine(relativePath) : null;

        /// <summary>
        /// <paramref name="fullPath"/> checked to lie inside the folder (after '..' are folded), then
        /// as <see cref="PathOf"/>; for steps handed full paths (CompileDtb's DtbPath).
        /// </summary>
        public string Contain(string fullPath)
        {
            string full = Path.GetFullPath(fullPath ?? throw new ArgumentNullException(nameof(fullPath)));
            string prefix = Root + Path.DirectorySeparatorChar;
            if (!full.StartsWith(prefix, PathComparison)) throw Unsafe(fullPath, "leaves the folder");
            return PathOf(full.Substring(prefix.Length).Replace(Path.DirectorySeparatorChar, '/'));
        }

        private OutputPathRefusedException Unsafe(string? path, string problem) =>
            new OutputPathRefusedException(DiagnosticCodes.OutputPathUnsafe,
                $"output path '{Printable(path)}' {problem}; nothing was written to it (folder '{Root}')");

        /// <summary>Why <paramref name="relativePath"/> is not a plain relative path, or null.</summary>
        public static string? PathProblem(string? relativePath)
        {
            if (string.IsNullOrEmpty(relativePath)) return "is empty";
            if (relativePath![0] == '/' || relativePath[0] == '\\' || Path.IsPathRooted(relativePath) || relativePath.IndexOf(':') >= 0)
                return "is absolute";
            foreach (char c in relativePath)
            {
                if (char.IsControl(c)) return "has a control character";
                if (c == '\\') return "has a backslash (paths are '/'-separated)";
            }

            foreach (string segment in relativePath.Split('/'))
            {
                if (segment.Length == 0) return "has an empty segment";
                if (segment == "." || segment == "..") return "has a '.' or '..' segment";
            }

            return null;
        }

        // Each existing step below the root, the file itself included: a link there (even one
        // pointing inside) is refused, so no check depends on where a link points today.
        private string? FirstLink(string relativePath)
        {
            string current = Root;
            foreach (string segment in relativePath.Split('/'))
            {
                current = Path.Combine(current, segment);
                FileAttributes attributes;
                try
                {
                    attributes = File.GetAttributes(current);
                }
                catch (FileNotFoundException)
                {
                    return null;
                }
                catch (DirectoryNotFoundException)
                {
                    return null;
                }

                // .NET reports a Unix symbolic link (and a Windows junction) as a reparse point.
                if ((attributes & FileAttributes.ReparsePoint) != 0) return current;
            }

            return null;
        }

        private string Combine(string relativePath) => Path.Combine(Root, relativePath.Replace('/', Path.DirectorySeparatorChar));

        private static string Printable(string? path)
        {
            if (path is null) return "";
            var text = new System.Text.StringBuilder(path.Length);
            foreach (char c in path) text.Append(char.IsControl(c) ? $"\\x{(int)c:x2}" : c.ToString());
            return text.ToString();
        }

        private static StringComparison PathComparison =>
            Path.DirectorySeparatorChar == '\\' ? StringComparison.OrdinalIgnoreCase : StringComparison.Ordinal;
    }

    /// <summary>An output path refused by <see cref="OutputFolder"/>; the task reports its code.</summary>
    public sealed class OutputPathRefusedException : Exception
    {
        public OutputPathRefusedException(DiagnosticDescriptor descriptor, string message) : base(message) => Descriptor = descriptor;

        public DiagnosticDescriptor Descriptor { get; }
    }
}
