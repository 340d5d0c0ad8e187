using System.Collections.Generic;
using Xen.Shm.Diagnostics;
using Xen.Shm.Preprocessor.Lexing;
using Xen.Shm.Preprocessor.Macros;

namespace Xen.Shm.Preprocessor.Engine
{
    /// <summary>
    /// Macro expansion as libcpp's cpp_get_token_1 does it: a stack of contexts; a macro is disabled
    /// while its context is open and a name of a disabled macro is painted (NO_EXPAND) for good
    /// (C11 6.10.3.4p2); padding tokens carry the spacing rules of the printer.
    /// </summary>
    internal sealed partial class PpEngine
    {
        private readonly List<MacroContext> _contexts = new List<MacroContext>();
        private int _preventExpansion;
        private int _parsingArgs;
        private bool _inDirective;
        private bool _lastFromLexer;
        private int _nesting;
        private long _expandedTokens;
        private int _expansionLine;

        private PpToken NextToken()
        {
            while (true)
            {
                PpToken t;
                if (_contexts.Count == 0)
                {
                    t = LexToken();
                    _lastFromLexer = true;
                }
                else
                {
                    var c = _contexts[_contexts.Count - 1];
                    if (c.AtEnd)
                    {
                        if (c.Barrier || _stopped) return End(_frame!);
                        PopContext();
                        if (_inDirective) continue;
                        return PpToken.Padding(null);
                    }
                    t = c.Tokens[c.Position++];
                    _lastFromLexer = false;
                }
                if (t.Kind != PpKind.Identifier || t.NoExpand || !_macros.TryGetValue(t.Text, out var m)) return t;
                if (m.Disabled) return t.Copy().Painted();
                if (_preventExpansion > 0 || !EnterMacro(m, t)) return t;
                if (!_inDirective) return PpToken.Padding(t);
            }
        }

        /// <summary>libcpp enter_macro_context: pushes the expansion; false when a function-like name has no arguments.</summary>
        private bool EnterMacro(Macro m, PpToken name)
        {
            if (_contexts.Count == 0) _expansionLine = name.Line;
            if (m.Builtin != BuiltinMacro.None)
            {
                PushContext(null, new[] { BuiltinToken(m, name) });
                return true;
            }
            IReadOnlyList<PpToken> tokens;
            if (m.IsFunction)
            {
                if (_nesting >= _options.MaxExpansionDepth)
                {
                    Stop(DiagnosticCodes.PpExpansionTooDeep, name, $"macro \"{m.Name}\" invoked inside more than {_options.MaxExpansionDepth} nested macro arguments");
                    return false;
                }
                _nesting++;
                try
                {
                    var args = CollectArguments(m, name);
                    if (args == null) return false;
                    tokens = Substitute(m, args);
                }
                finally
                {
                    _nesting--;
                }
            }
            else tokens = m.HasPaste ? Paste(new List<PpToken>(m.Body)) : m.Body;
            _expandedTokens += tokens.Count;
            if (_expandedTokens > _options.MaxExpandedTokens)
            {
                Stop(DiagnosticCodes.PpExpansionTooLarge, name, $"macro expansions produce more than {_options.MaxExpandedTokens} tokens");
                return false;
            }
            m.Disabled = true;
            PushContext(m, tokens);
            return true;
        }

        private void PushContext(Macro? m, IReadOnlyList<PpToken> tokens, bool barrier = false) =>
            _contexts.Add(new MacroContext(m, tokens, barrier));

        private void PopContext()
        {
            var c = _contexts[_contexts.Count - 1];
            if (c.Macro != null) c.Macro.Disabled = false;
            _contexts.RemoveAt(_contexts.Count - 1);
        }

        /// <summary>Removes contexts down to and including the innermost barrier (left above it only after a stop).</summary>
        private void PopBarrier()
        {
            while (_contexts.Count > 0)
            {
                bool barrier = _contexts[_contexts.Count - 1].Barrier;
                PopContext();
                if (barrier) return;
            }
        }

        /// <summary>libcpp _cpp_backup_tokens(1): the token just read is read again next.</summary>
        private void Backup(PpToken t)
        {
            if (t.Kind == PpKind.EndOfInput) return;
            if (_lastFromLexer) _lookahead.Push(t);
            else _contexts[_contexts.Count - 1].Position--;
        }

        /// <summary>libcpp expand_arg: the argument fully macro-expanded on its own.</summary>
        private List<PpToken> ExpandArgument(List<PpToken> raw)
        {
            int prevent = _preventExpansion, parsing = _parsingArgs;
            _preventExpansion = 0;
            _parsingArgs = 0;
            PushContext(null, raw, barrier: true);
            var list = new List<PpToken>(raw.Count);
            while (true)
            {
                var t = NextToken();
                if (t.Kind == PpKind.EndOfInput) break;
                list.Add(t);
            }
            PopBarrier();
            _preventExpansion = prevent;
            _parsingArgs = parsing;
            return list;
        }
    }
}
