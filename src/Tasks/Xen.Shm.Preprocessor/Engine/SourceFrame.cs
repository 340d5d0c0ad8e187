using System.Collections.Generic;
using Xen.Shm.Diagnostics;
using Xen.Shm.Preprocessor.Lexing;

namespace Xen.Shm.Preprocessor.Engine
{
    /// <summary>An open #if group (libcpp struct if_stack).</summary>
    internal sealed class Conditional
    {
        public Conditional(string directive, SourceSpan at, bool wasSkipping)
        {
            Directive = directive;
            At = at;
            WasSkipping = wasSkipping;
        }

        public string Directive { get; }
        public SourceSpan At { get; }

        /// <summary>The enclosing group was skipped: nothing here is evaluated.</summary>
        public bool WasSkipping { get; }
        public bool Skipping { get; set; }

        /// <summary>A group of this chain was taken already.</summary>
        public bool Taken { get; set; }
        public bool SawElse { get; set; }
    }

    /// <summary>One file being read: its lines, the presumed name and line (#line, markers), its #if groups.</summary>
    internal sealed class SourceFrame
    {
        public SourceFrame(string path, string text, SourceFrame? parent, int foundInDir)
        {
            Path = path;
            PresumedName = path;
            Reader = new LogicalLineReader(text);
            Parent = parent;
            FoundInDir = foundInDir;
            int slash = path.LastIndexOf('/');
            Dir = slash < 0 ? string.Empty : path.Substring(0, slash + 1);
        }

        /// <summary>The name it was opened by (the include directory joined with the #include name).</summary>
        public string Path { get; }

        /// <summary>Folder of <see cref="Path"/> with its final '/', or "" (libcpp dir_name_of_file).</summary>
        public string Dir { get; }
        public string PresumedName { get; set; }

        /// <summary>Presumed line minus physical line.</summary>
        public int LineDelta { get; set; }
        public LogicalLineReader Reader { get; }
        public SourceFrame? Parent { get; }

        /// <summary>Index of the -I directory it was found in (#include_next starts after it); -1 otherwise.</summary>
        public int FoundInDir { get; }
        public List<Conditional> Conditionals { get; } = new List<Conditional>();

        public List<PpToken> Tokens { get; set; } = new List<PpToken>();
        public int TokenIndex { get; set; }

        public bool Skipping => Conditionals.Count > 0 && Conditionals[Conditionals.Count - 1].Skipping;

        /// <summary>Presumed line of the next logical line: the line a return marker (flag 2) names.</summary>
        public int NextPresumedLine => Reader.NextLine + LineDelta;
    }
}
