using System;
using System.Collections.Generic;
using System.Globalization;
using System.Text;
using Xen.Shm.Devicetree.Source;
using Xen.Shm.Diagnostics;

namespace Xen.Shm.Devicetree
{
    /// <summary>
    /// DTS front end: dtc-parser.y (v1.6.1) as recursive descent over <see cref="DtsLexer"/> tokens.
    /// Merges, deletions and overlay fragments are applied while parsing, in source order (spec §1, §4).
    /// Never throws for bad input: problems become <see cref="DtcMessage"/>s.
    /// </summary>
    public sealed class DtsParser
    {
        // Stand-ins for bison's stack limit ("memory exhausted"): nodes nest 2 frames per level,
        // expressions about 14, so their limit is lower to stay well inside a 1 MiB thread stack.
        private const int MaxNodeNesting = 1000;
        private const int MaxExpressionNesting = 200;

        private readonly DtsLexer _lexer;
        private readonly List<DtcMessage> _messages;
        // Lookahead tokens, oldest at _head: a ring, so taking a token moves none of the others
        // (a List's RemoveAt(0) copied every ~80-byte token with write barriers; issue 21).
        private DtsToken[] _ahead = new DtsToken[8];
        private int _head;
        private int _count;

        // Each value is built here, then copied out at its exact size (DtValue.DetachExact).
        private readonly DtValue _scratch = new DtValue();
        private readonly ValueArena _arena = new ValueArena();

        // Properties and subnodes of the nodes being parsed, innermost last: a node is created once its
        // body is read, with lists of exactly its entries.
        private readonly List<DtProperty> _propertyStack = new List<DtProperty>();
        private readonly List<DtNode> _childStack = new List<DtNode>();
        private readonly List<string> _labelStack = new List<string>();
        private SourceSpan _prevSpan; // of the last token taken
        private bool _semanticError;
        private bool _plugin;
        private int _nextFragment;
        private int _depth;

        private DtsParser(DtsLexer lexer, List<DtcMessage> messages)
        {
            _lexer = lexer;
            _messages = messages;
        }

        /// <summary>Parse a file (its includes are looked up as dtc does, then in <paramref name="includeDirs"/>).</summary>
        public static DtsParseResult ParseFile(string path, IReadOnlyList<string>? includeDirs = null)
        {
            var opener = new SourceOpener(includeDirs ?? Array.Empty<string>());
            var messages = new List<DtcMessage>();
            byte[] bytes;
            string full;
            try
            {
                bytes = opener.Open(path, null, out full);
            }
            catch (DtcFatalException e)
            {
                messages.Add(e.ToMessage());
                return new DtsParseResult(null, messages, opener.Dependencies);
            }
            return Run(bytes, full, opener, messages);
        }

        /// <summary>Parse source text; <paramref name="fileName"/> names it in messages and anchors relative includes.</summary>
        public static DtsParseResult Parse(string text, string fileName, IReadOnlyList<string>? includeDirs = null) =>
            Parse(Encoding.UTF8.GetBytes(text), fileName, includeDirs);

        /// <summary>Parse source bytes (what dtc reads); <paramref name="fileName"/> names it in messages.</summary>
        public static DtsParseResult Parse(byte[] source, string fileName, IReadOnlyList<string>? includeDirs = null)
        {
            var opener = new SourceOpener(includeDirs ?? Array.Empty<string>());
            opener.Dependencies.Add(fileName);
            return Run(source, fileName, opener, new List<DtcMessage>());
        }

        private static DtsParseResult Run(byte[] bytes, string name, SourceOpener opener, List<DtcMessage> messages)
        {
            var lexer = new DtsLexer(bytes, name, opener, messages);
            var parser = new DtsParser(lexer, messages);
            DtTree? tree;
            try
            {
                tree = parser.ParseSourceFile();
                if (tree == null)
                {
                    messages.Add(DtcMessage.Fatal("Unable to parse input tree\n"));
                }
                else if (parser._semanticError || lexer.HadError)
                {
                    messages.Add(DtcMessage.Fatal("Syntax error parsing input tree\n"));
                    tree = null;
                }
                else
                {
                    // dtc guesses boot_cpuid_phys when the parse finishes (build_dt_info; spec §8).
                    tree.BootCpuId = tree.GuessBootCpuId();
                }
            }
            catch (DtcFatalException e)
            {
                messages.Add(e.ToMessage());
                tree = null;
            }
            return new DtsParseResult(tree, messages, opener.Dependencies);
        }

        // ---- token plumbing -------------------------------------------------------------

        private ref DtsToken Peek(int n = 0)
        {
            while (_count <= n)
            {
                if (_count == _ahead.Length) GrowLookahead();
                _lexer.Next(ref _ahead[(_head + _count) & (_ahead.Length - 1)]);
                _count++;
            }
            return ref _ahead[(_head + n) & (_ahead.Length - 1)];
        }

        // The slot just taken: callers copy it at once (`var t = Take()`) or read one field; it stays
        // as it is until the ring wraps round to it. No token is copied with write barriers.
        private ref readonly DtsToken Take()
        {
            ref DtsToken t = ref Peek();
            _prevSpan = t.Span;
            _head = (_head + 1) & (_ahead.Length - 1);
            _count--;
            return ref t;
        }

        // Only a run of more labels than the ring holds before a property gets here.
        private void GrowLookahead()
        {
            var bigger = new DtsToken[_ahead.Length * 2];
            for (int i = 0; i < _count; i++) bigger[i] = _ahead[(_head + i) & (_ahead.Length - 1)];
            _ahead = bigger;
            _head = 0;
        }

        private sealed class SyntaxError : Exception { }

        private SyntaxError Fail()
        {
            // bison reports at yylloc: the lookahead token that could not be used.
            _messages.Add(DtcMessage.ParseError("Error", Peek().Span, "syntax error"));
            return new SyntaxError();
        }

        private ref readonly DtsToken Expect(char c)
        {
            if (!Peek().IsChar(c)) throw Fail();
            return ref Take();
        }

        private ref readonly DtsToken Expect(DtsTokenKind kind)
        {
            if (Peek().Kind != kind) throw Fail();
            return ref Take();
        }

        private void Error(SourceSpan span, string message)
        {
            _messages.Add(DtcMessage.ParseError("Error", span, message));
            _semanticError = true;
        }

        private static SourceSpan Join(SourceSpan first, SourceSpan last) =>
            new SourceSpan(last.File, first.Line, first.Column, last.EndLine, last.EndColumn);

        private int _exprDepth;

        private void EnterExpression()
        {
            if (++_exprDepth > MaxExpressionNesting)
            {
                _messages.Add(DtcMessage.ParseError("Error", Peek().Span, "memory exhausted"));
                throw new SyntaxError();
            }
        }

        private void Enter()
        {
            if (++_depth > MaxNodeNesting)
            {
                _messages.Add(DtcMessage.ParseError("Error", Peek().Span, "memory exhausted"));
                throw new SyntaxError();
            }
        }

        // ---- grammar --------------------------------------------------------------------

        private DtTree? ParseSourceFile()
        {
            try
            {
                return SourceFile();
            }
            catch (SyntaxError)
            {
                return null;
            }
        }

        private DtTree SourceFile()
        {
            _plugin = Headers();
            var tree = new DtTree();
            tree.IsPlugin = _plugin;
            MemReserves(tree);
            FirstDevicetree(tree);
            while (Peek().Kind != DtsTokenKind.Eof) NextDevicetree(tree);
            return tree;
        }

        /// <summary>headers: header | header headers (flags compared right to left, as the right recursion reduces); true for /plugin/.</summary>
        private bool Headers()
        {
            var flags = new List<bool>();
            var starts = new List<SourceSpan>();
            do
            {
                var v1 = Expect(DtsTokenKind.V1);
                Expect(';');
                bool plugin = false;
                if (Peek().Kind == DtsTokenKind.Plugin)
                {
                    Take();
                    Expect(';');
                    plugin = true;
                }
                flags.Add(plugin);
                starts.Add(v1.Span);
            }
            while (Peek().Kind == DtsTokenKind.V1);
            var headersEnd = _prevSpan;
            for (int i = flags.Count - 2; i >= 0; i--)
                if (flags[i + 1] != flags[i]) Error(Join(starts[i + 1], headersEnd), "Header flags don't match earlier ones");
            return flags[0];
        }

        private void MemReserves(DtTree tree)
        {
            while (Peek().Kind == DtsTokenKind.Label || Peek().Kind == DtsTokenKind.MemReserve)
            {
                var labels = new List<string>();
                while (Peek().Kind == DtsTokenKind.Label) labels.Add(Take().Text!);
                Expect(DtsTokenKind.MemReserve);
                ulong addr = IntegerPrim(out _);
                ulong size = IntegerPrim(out _);
                Expect(';');
                var e = new DtReserveEntry(addr, size);
                for (int i = labels.Count - 1; i >= 0; i--) e.Labels.Add(labels[i]);
                tree.MemoryReservations.Add(e);
            }
        }

        /// <summary>devicetree: its first element, '/' node or (in a plugin) a reference.</summary>
        private void FirstDevicetree(DtTree tree)
        {
            var t = Peek();
            if (t.IsChar('/'))
            {
                Take();
                var root = NodeDef();
                tree.Root = root;
            }
            else if (t.Kind == DtsTokenKind.LabelRef || t.Kind == DtsTokenKind.PathRef)
            {
                var reference = Take().Text!;
                var body = NodeDef();
                if (!_plugin) Error(body.Span, "Label or path " + reference + " not found");
                var root = new DtNode(string.Empty);
                tree.Root = root;
                AddOrphan(root, body, reference);
            }
            else
            {
                throw Fail();
            }
        }

        /// <summary>devicetree: one further element (a merge, a labelled or referenced node, a deletion).</summary>
        private void NextDevicetree(DtTree tree)
        {
            var t = Peek();
            if (t.IsChar('/'))
            {
                Take();
                var body = NodeDef();
                TreeMerge.Merge(tree.Root, body);
            }
            else if (t.Kind == DtsTokenKind.Label) LabelledReference(tree);
            else if (t.Kind == DtsTokenKind.PathRef)
            {
                Take();
                var body = NodeDef();
                if (_plugin) AddOrphan(tree.Root, body, t.Text!);
                else
                {
                    var target = tree.FindNodeByReference(t.Text!);
                    if (target != null) TreeMerge.Merge(target, body);
                    else Error(t.Span, "Label or path " + t.Text + " not found");
                }
            }
            else if (t.Kind == DtsTokenKind.LabelRef)
            {
                Take();
                var body = NodeDef();
                var target = tree.FindNodeByReference(t.Text!);
                if (target != null) TreeMerge.Merge(target, body);
                else if (_plugin) AddOrphan(tree.Root, body, t.Text!);
                else Error(t.Span, "Label or path " + t.Text + " not found");
            }
            else if (t.Kind == DtsTokenKind.DeleteNode || t.Kind == DtsTokenKind.OmitIfNoRef) DeleteOrOmit(tree);
            else
            {
                throw Fail();
            }
        }

        /// <summary>devicetree: DT_LABEL DT_REF nodedef (the label is added to the referenced node).</summary>
        private void LabelledReference(DtTree tree)
        {
            string label = Take().Text!;
            var rt = Peek();
            if (rt.Kind != DtsTokenKind.LabelRef && rt.Kind != DtsTokenKind.PathRef) throw Fail();
            Take();
            var body = NodeDef();
            var target = tree.FindNodeByReference(rt.Text!);
            if (target != null)
            {
                target.Labels.Add(label);
                TreeMerge.Merge(target, body);
            }
            else Error(rt.Span, "Label or path " + rt.Text + " not found");
        }

        /// <summary>devicetree: /delete-node/ or /omit-if-no-ref/ of a reference.</summary>
        private void DeleteOrOmit(DtTree tree)
        {
            var t = Take();
            var rt = Peek();
            if (rt.Kind != DtsTokenKind.LabelRef && rt.Kind != DtsTokenKind.PathRef) throw Fail();
            Take();
            Expect(';');
            var target = tree.FindNodeByReference(rt.Text!);
            if (target == null) Error(rt.Span, "Label or path " + rt.Text + " not found");
            else if (t.Kind == DtsTokenKind.DeleteNode) target.Delete();
            else target.OmitIfUnreferenced = true;
        }

        // livetree.c add_orphan_node: a fragment@N with target/target-path and the body as __overlay__.
        private void AddOrphan(DtNode root, DtNode body, string reference)
        {
            var value = new DtValue();
            DtProperty p;
            if (reference[0] == '/')
            {
                value.AddMarker(DtMarkerKind.TypeString, reference);
                var b = Encoding.UTF8.GetBytes(reference);
                value.AppendBytes(b, 0, b.Length).AppendByte(0);
                p = new DtProperty("target-path", value);
            }
            else
            {
                value.AddMarker(DtMarkerKind.PhandleReference, reference);
                value.AppendInteger(0xffffffff, 32);
                p = new DtProperty("target", value);
            }
            var fragment = new DtNode("fragment@" + (_nextFragment++).ToString(CultureInfo.InvariantCulture));
            fragment.AddProperty(p);
            var overlay = Rename(body, "__overlay__");
            fragment.AddChild(overlay);
            root.AddChild(fragment);
        }

        private static DtNode Rename(DtNode body, string name)
        {
            var n = new DtNode(name);
            n.IsDeleted = body.IsDeleted;
            n.Span = body.Span;
            n.OmitIfUnreferenced = body.OmitIfUnreferenced;
            if (body.LabelsOrEmpty.AnyIncludingDeleted)
                foreach (var l in body.Labels.WithDeleted()) n.Labels.Add(l.Key);
            foreach (var p in body.PropertyList) n.AddProperty(p);
            foreach (var c in body.ChildList)
            {
                c.DetachForMerge();
                n.AddChild(c);
            }
            return n;
        }

        // nodedef: '{' proplist subnodes '}' ';'   — the node's position is this whole span.
        private DtNode NodeDef(string name = "", bool labelled = false)
        {
            Enter();
            var open = Expect('{');
            int propertyBase = _propertyStack.Count, childBase = _childStack.Count;
            while (StartsPropDef()) _propertyStack.Add(PropDef());
            bool anySubnode = false;
            while (!Peek().IsChar('}'))
            {
                if (anySubnode && StartsPropDef())
                {
                    var p = PropDef();
                    _messages.Add(DtcMessage.ParseError("Error", p.Span.IsEmpty ? _prevSpan : p.Span, "Properties must precede subnodes"));
                    throw new SyntaxError();
                }
                _childStack.Add(SubNode());
                anySubnode = true;
            }
            Take();
            var semi = Expect(';');
            int properties = _propertyStack.Count - propertyBase, children = _childStack.Count - childBase;
            // A labelled node is likely referenced and then gets a phandle property: room for it.
            var node = new DtNode(name, properties + (labelled ? 1 : 0), children);
            for (int i = 0; i < properties; i++) node.AddProperty(_propertyStack[propertyBase + i]);
            for (int i = 0; i < children; i++) node.AddChild(_childStack[childBase + i]);
            _propertyStack.RemoveRange(propertyBase, properties);
            _childStack.RemoveRange(childBase, children);
            node.Span = Join(open.Span, semi.Span);
            _depth--;
            return node;
        }

        private bool StartsPropDef()
        {
            int i = 0;
            while (Peek(i).Kind == DtsTokenKind.Label) i++;
            var t = Peek(i);
            if (t.Kind == DtsTokenKind.DeleteProperty) return true;
            if (t.Kind != DtsTokenKind.PropNodeName) return false;
            var n = Peek(i + 1);
            return n.IsChar('=') || n.IsChar(';');
        }

        private DtProperty PropDef()
        {
            int labelBase = _labelStack.Count;
            while (Peek().Kind == DtsTokenKind.Label) _labelStack.Add(Take().Text!);
            DtProperty prop;
            if (Peek().Kind == DtsTokenKind.DeleteProperty)
            {
                Take();
                var name = Expect(DtsTokenKind.PropNodeName);
                Expect(';');
                prop = new DtProperty(name.Text!);
                prop.IsDeleted = true;
            }
            else
            {
                var name = Expect(DtsTokenKind.PropNodeName);
                DtValue value;
                if (Peek().IsChar('='))
                {
                    Take();
                    value = PropData();
                }
                else value = new DtValue();
                var semi = Expect(';');
                prop = new DtProperty(name.Text!, value, Join(name.Span, semi.Span));
            }
            for (int i = _labelStack.Count - 1; i >= labelBase; i--) prop.Labels.Add(_labelStack[i]);
            _labelStack.RemoveRange(labelBase, _labelStack.Count - labelBase);
            return prop;
        }

        private DtNode SubNode()
        {
            int labelBase = _labelStack.Count;
            bool omit = false;
            while (true)
            {
                var t = Peek();
                if (t.Kind == DtsTokenKind.Label) { _labelStack.Add(Take().Text!); continue; }
                if (t.Kind == DtsTokenKind.OmitIfNoRef) { Take(); omit = true; continue; }
                break;
            }
            DtNode node;
            if (Peek().Kind == DtsTokenKind.DeleteNode)
            {
                var del = Take();
                var name = Expect(DtsTokenKind.PropNodeName);
                var semi = Expect(';');
                node = new DtNode(name.Text!) { IsDeleted = true };
                node.Span = Join(del.Span, semi.Span);
            }
            else
            {
                var name = Expect(DtsTokenKind.PropNodeName);
                node = NodeDef(name.Text!, _labelStack.Count > labelBase);
            }
            if (omit) node.OmitIfUnreferenced = true;
            for (int i = _labelStack.Count - 1; i >= labelBase; i--) node.Labels.Add(_labelStack[i]);
            _labelStack.RemoveRange(labelBase, _labelStack.Count - labelBase);
            return node;
        }

        // propdata: pieces separated by ',', labels anywhere between them.
        private DtValue PropData()
        {
            var v = _scratch;
            v.Clear();
            while (true)
            {
                while (Peek().Kind == DtsTokenKind.Label) v.AddMarker(DtMarkerKind.Label, Take().Text);
                var t = Peek();
                if (t.Kind == DtsTokenKind.String)
                {
                    Take();
                    v.AddMarker(DtMarkerKind.TypeString, null);
                    if (t.Raw != null) v.AppendBytesAndNul(t.Raw, t.RawStart, t.RawLength);
                    else v.AppendBytes(t.Data!, 0, t.Data!.Length);
                }
                else if (t.Kind == DtsTokenKind.Bits || t.IsChar('<'))
                {
                    ArrayData(v);
                }
                else if (t.IsChar('['))
                {
                    Take();
                    v.AddMarker(DtMarkerKind.TypeUInt8, null);
                    while (true)
                    {
                        var b = Peek();
                        if (b.Kind == DtsTokenKind.Byte) { Take(); v.AppendByte(b.Char); }
                        else if (b.Kind == DtsTokenKind.Label) { Take(); v.AddMarker(DtMarkerKind.Label, b.Text); }
                        else break;
                    }
                    Expect(']');
                }
                else if (t.Kind == DtsTokenKind.LabelRef || t.Kind == DtsTokenKind.PathRef)
                {
                    Take();
                    v.AddMarker(DtMarkerKind.TypeString, t.Text);
                    v.AddMarker(DtMarkerKind.PathReference, t.Text);
                }
                else if (t.Kind == DtsTokenKind.IncBin)
                {
                    IncBin(v);
                }
                else
                {
                    throw Fail();
                }
                while (Peek().Kind == DtsTokenKind.Label) v.AddMarker(DtMarkerKind.Label, Take().Text);
                if (!Peek().IsChar(',')) break;
                Take();
            }
            return v.DetachExact(_arena);
        }

        private void ArrayData(DtValue v)
        {
            int bits = 32;
            var kind = DtMarkerKind.TypeUInt32;
            if (Peek().Kind == DtsTokenKind.Bits)
            {
                Take();
                var lit = Expect(DtsTokenKind.Literal);
                switch (lit.Integer)
                {
                    case 8: bits = 8; kind = DtMarkerKind.TypeUInt8; break;
                    case 16: bits = 16; kind = DtMarkerKind.TypeUInt16; break;
                    case 32: bits = 32; kind = DtMarkerKind.TypeUInt32; break;
                    case 64: bits = 64; kind = DtMarkerKind.TypeUInt64; break;
                    default:
                        Error(lit.Span, "Array elements must be 8, 16, 32 or 64-bits");
                        break;
                }
            }
            Expect('<');
            v.AddMarker(kind, null);
            while (true)
            {
                var t = Peek();
                if (t.IsChar('>')) { Take(); return; }
                if (t.Kind == DtsTokenKind.Label)
                {
                    Take();
                    v.AddMarker(DtMarkerKind.Label, t.Text);
                    continue;
                }
                if (t.Kind == DtsTokenKind.LabelRef || t.Kind == DtsTokenKind.PathRef)
                {
                    Take();
                    if (bits == 32) v.AddMarker(DtMarkerKind.PhandleReference, t.Text);
                    else Error(t.Span, "References are only allowed in arrays with 32-bit elements.");
                    v.AppendInteger(ulong.MaxValue >> (64 - bits), bits);
                    continue;
                }
                ulong x = IntegerPrim(out var span);
                if (bits < 64)
                {
                    ulong mask = (1UL << bits) - 1;
                    if (x > mask && (x | mask) != ulong.MaxValue)
                        Error(span, "Value out of range for " + bits.ToString(CultureInfo.InvariantCulture) + "-bit array element");
                }
                v.AppendInteger(x, bits);
            }
        }

        private void IncBin(DtValue v)
        {
            var kw = Take();
            Expect('(');
            var file = Expect(DtsTokenKind.String);
            var fileData = StringBytes(file);
            ulong offset = 0, length = ulong.MaxValue;
            bool ranged = false;
            if (Peek().IsChar(','))
            {
                Take();
                offset = IntegerPrim(out _);
                Expect(',');
                length = IntegerPrim(out _);
                ranged = true;
            }
            Expect(')');
            var data = fileData;
            int nul = Array.IndexOf(data, (byte)0);
            string name = Encoding.UTF8.GetString(data, 0, nul);
            var bytes = _lexer.Opener.OpenSlice(name, _lexer.CurrentDir, ranged ? offset : 0, ranged ? length : ulong.MaxValue, file.Span, out _);
            v.AddMarker(DtMarkerKind.TypeNone, null);
            v.AppendBytes(bytes, 0, bytes.Length);
            _ = kw;
        }

        private static byte[] StringBytes(DtsToken t)
        {
            if (t.Data != null) return t.Data;
            var b = new byte[t.RawLength + 1];
            Buffer.BlockCopy(t.Raw!, t.RawStart, b, 0, t.RawLength);
            return b;
        }

        // ---- integer expressions (unsigned 64-bit, C precedence; spec §5.3) -------------

        private ulong IntegerPrim(out SourceSpan span)
        {
            var t = Peek();
            if (t.Kind == DtsTokenKind.Literal || t.Kind == DtsTokenKind.CharLiteral)
            {
                Take();
                span = t.Span;
                return t.Integer;
            }
            if (t.IsChar('('))
            {
                EnterExpression();
                Take();
                ulong v = Expr(out _);
                var close = Expect(')');
                span = Join(t.Span, close.Span);
                _exprDepth--;
                return v;
            }
            throw Fail();
        }

        private ulong Expr(out SourceSpan span) => Ternary(out span);

        private ulong Ternary(out SourceSpan span)
        {
            ulong c = Or(out span);
            if (!Peek().IsChar('?')) return c;
            EnterExpression();
            Take();
            ulong a = Expr(out _);
            Expect(':');
            ulong b = Ternary(out var last);
            _exprDepth--;
            span = Join(span, last);
            return c != 0 ? a : b;
        }

        private ulong Or(out SourceSpan span)
        {
            ulong v = And(out span);
            while (Peek().Kind == DtsTokenKind.Or)
            {
                Take();
                ulong r = And(out var last);
                span = Join(span, last);
                v = v != 0 || r != 0 ? 1UL : 0UL;
            }
            return v;
        }

        private ulong And(out SourceSpan span)
        {
            ulong v = BitOr(out span);
            while (Peek().Kind == DtsTokenKind.And)
            {
                Take();
                ulong r = BitOr(out var last);
                span = Join(span, last);
                v = v != 0 && r != 0 ? 1UL : 0UL;
            }
            return v;
        }

        private ulong BitOr(out SourceSpan span)
        {
            ulong v = BitXor(out span);
            while (Peek().IsChar('|'))
            {
                Take();
                v |= BitXor(out var last);
                span = Join(span, last);
            }
            return v;
        }

        private ulong BitXor(out SourceSpan span)
        {
            ulong v = BitAnd(out span);
            while (Peek().IsChar('^'))
            {
                Take();
                v ^= BitAnd(out var last);
                span = Join(span, last);
            }
            return v;
        }

        private ulong BitAnd(out SourceSpan span)
        {
            ulong v = Equality(out span);
            while (Peek().IsChar('&'))
            {
                Take();
                v &= Equality(out var last);
                span = Join(span, last);
            }
            return v;
        }

        private ulong Equality(out SourceSpan span)
        {
            ulong v = Relational(out span);
            while (true)
            {
                var k = Peek().Kind;
                if (k != DtsTokenKind.Eq && k != DtsTokenKind.Ne) return v;
                Take();
                ulong r = Relational(out var last);
                span = Join(span, last);
                v = (k == DtsTokenKind.Eq ? v == r : v != r) ? 1UL : 0UL;
            }
        }

        private ulong Relational(out SourceSpan span)
        {
            ulong v = Shift(out span);
            while (true)
            {
                var t = Peek();
                int op = t.IsChar('<') ? 0 : t.IsChar('>') ? 1 : t.Kind == DtsTokenKind.Le ? 2 : t.Kind == DtsTokenKind.Ge ? 3 : -1;
                if (op < 0) return v;
                Take();
                ulong r = Shift(out var last);
                span = Join(span, last);
                bool b = op == 0 ? v < r : op == 1 ? v > r : op == 2 ? v <= r : v >= r;
                v = b ? 1UL : 0UL;
            }
        }

        private ulong Shift(out SourceSpan span)
        {
            ulong v = Additive(out span);
            while (true)
            {
                var k = Peek().Kind;
                if (k != DtsTokenKind.LShift && k != DtsTokenKind.RShift) return v;
                Take();
                ulong r = Additive(out var last);
                span = Join(span, last);
                if (r >= 64) v = 0;
                else v = k == DtsTokenKind.LShift ? v << (int)r : v >> (int)r;
            }
        }

        private ulong Additive(out SourceSpan span)
        {
            ulong v = Multiplicative(out span);
            while (true)
            {
                var t = Peek();
                bool plus = t.IsChar('+');
                if (!plus && !t.IsChar('-')) return v;
                Take();
                ulong r = Multiplicative(out var last);
                span = Join(span, last);
                v = unchecked(plus ? v + r : v - r);
            }
        }

        private ulong Multiplicative(out SourceSpan span)
        {
            ulong v = Unary(out span);
            while (true)
            {
                var t = Peek();
                int op = t.IsChar('*') ? 0 : t.IsChar('/') ? 1 : t.IsChar('%') ? 2 : -1;
                if (op < 0) return v;
                Take();
                ulong r = Unary(out var last);
                span = Join(span, last);
                if (op == 0) v = unchecked(v * r);
                else if (r == 0)
                {
                    Error(span, "Division by zero");
                    v = 0;
                }
                else v = op == 1 ? v / r : v % r;
            }
        }

        private ulong Unary(out SourceSpan span)
        {
            var t = Peek();
            if (t.IsChar('-') || t.IsChar('~') || t.IsChar('!'))
            {
                EnterExpression();
                Take();
                ulong v = Unary(out var last);
                _exprDepth--;
                span = Join(t.Span, last);
                if (t.Char == (byte)'-') return unchecked(0UL - v);
                if (t.Char == (byte)'~') return ~v;
                return v == 0 ? 1UL : 0UL;
            }
            return IntegerPrim(out span);
        }
    }
}
