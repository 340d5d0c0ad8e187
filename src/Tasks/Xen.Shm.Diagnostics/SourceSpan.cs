using System;

namespace Xen.Shm.Diagnostics
{
    /// <summary>
    /// Where something came from in a user's file. Lines and columns are 1-based, like
    /// MSBuild's canonical <c>file(line,col,endLine,endCol)</c> format; 0 means unknown.
    /// </summary>
    public readonly struct SourceSpan : IEquatable<SourceSpan>
    {
        public SourceSpan(string file, int line, int column, int endLine = 0, int endColumn = 0)
        {
            File = file ?? string.Empty;
            Line = line;
            Column = column;
            EndLine = endLine;
            EndColumn = endColumn;
        }

        public string File { get; }
        public int Line { get; }
        public int Column { get; }
        public int EndLine { get; }
        public int EndColumn { get; }

        /// <summary>True when no file position is known (e.g. a whole-board problem).</summary>
        public bool IsEmpty => string.IsNullOrEmpty(File) && Line == 0;

        public static SourceSpan None => default;

        public bool Equals(SourceSpan other) =>
            string.Equals(File, other.File, StringComparison.Ordinal) && Line == other.Line &&
            Column == other.Column && EndLine == other.EndLine && EndColumn == other.EndColumn;

        public override bool Equals(object? obj) => obj is SourceSpan other && Equals(other);

        public static bool operator ==(SourceSpan left, SourceSpan right) => left.Equals(right);

        public static bool operator !=(SourceSpan left, SourceSpan right) => !left.Equals(right);

        public override int GetHashCode()
        {
            unchecked
            {
                int h = (File ?? string.Empty).GetHashCode();
                h = (h * 397) ^ Line;
                h = (h * 397) ^ Column;
                h = (h * 397) ^ EndLine;
                return (h * 397) ^ EndColumn;
            }
        }

        /// <summary>MSBuild canonical form: <c>file(line,col)</c>.</summary>
        public override string ToString() =>
            IsEmpty ? string.Empty : Line == 0 ? File : $"{File}({Line},{Column})";
    }
}
