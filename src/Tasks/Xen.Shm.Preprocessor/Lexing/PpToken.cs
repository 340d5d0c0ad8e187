namespace Xen.Shm.Preprocessor.Lexing
{
    internal enum PpKind : byte
    {
        Identifier,
        Number,
        String,
        CharLiteral,
        Punctuator,

        /// <summary>Any other single character (<c>@</c>, <c>\</c>, an unterminated quote: assembler mode).</summary>
        Other,

        /// <summary>libcpp's CPP_PADDING: no text, decides the space before the next printed token.</summary>
        Padding,
        EndOfInput,

        /// <summary>An empty argument next to ## (C11 6.10.3.3).</summary>
        Placemarker,

        /// <summary>In a macro body: # before a parameter.</summary>
        Stringify,
    }

    /// <summary>
    /// One preprocessing token, shaped like libcpp's cpp_token: spelling, kind, PREV_WHITE, NO_EXPAND
    /// (painted blue), PASTE_LEFT, and the presumed position for messages.
    /// </summary>
    internal sealed class PpToken
    {
        public PpToken(PpKind kind, string text, bool prevWhite, string file = "", int line = 0, int column = 0)
        {
            Kind = kind;
            Text = text;
            PrevWhite = prevWhite;
            File = file;
            Line = line;
            Column = column;
        }

        public PpKind Kind { get; }
        public string Text { get; }
        public bool PrevWhite { get; set; }

        /// <summary>First token of a source line (libcpp BOL): its printing starts a new output line.</summary>
        public bool StartsLine { get; set; }
        public bool NoExpand { get; set; }
        public bool PasteLeft { get; set; }

        /// <summary>In a macro body: the parameter this token names, else -1.</summary>
        public int ParamIndex { get; set; } = -1;

        /// <summary>For padding: the token whose PREV_WHITE decides (null = libcpp's pfile->avoid_paste).</summary>
        public PpToken? Source { get; set; }

        public string File { get; }
        public int Line { get; }
        public int Column { get; }

        /// <summary>Index in its logical line (directives read header names and #error text from there).</summary>
        public int Offset { get; set; }

        public bool Is(string punctuator) => Kind == PpKind.Punctuator && Text == punctuator;

        public PpToken Copy(bool? prevWhite = null, bool? pasteLeft = null)
        {
            return new PpToken(Kind, Text, prevWhite ?? PrevWhite, File, Line, Column)
            {
                NoExpand = NoExpand,
                PasteLeft = pasteLeft ?? PasteLeft,
                ParamIndex = ParamIndex,
                Source = Source,
            };
        }

        /// <summary>libcpp NO_EXPAND: named a macro while it was disabled; never expanded again.</summary>
        public PpToken Painted()
        {
            NoExpand = true;
            return this;
        }

        public static PpToken Padding(PpToken? source) => new PpToken(PpKind.Padding, string.Empty, false) { Source = source };

        public override string ToString() => Text;
    }
}
