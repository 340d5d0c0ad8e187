using System.Collections.Generic;
using Xen.Shm.Diagnostics;
using Xen.Shm.Preprocessor.Lexing;

namespace Xen.Shm.Preprocessor.Engine
{
    internal sealed partial class PpEngine
    {
        private void DoIf(SourceFrame f, PpToken d, List<PpToken> tokens)
        {
            var c = new Conditional(d.Text, tokensSpan(d), f.Skipping);
            if (c.WasSkipping) c.Skipping = true;
            else
            {
                bool value = d.Text == "if" ? EvaluateIf(d, tokens) : IsDefined(d, tokens) == (d.Text == "ifdef");
                c.Skipping = !value;
                c.Taken = value;
            }
            f.Conditionals.Add(c);
        }

        /// <summary>#elif is evaluated only when no earlier group of its chain was taken (GCC 12).</summary>
        private void DoElif(SourceFrame f, PpToken d, List<PpToken> tokens)
        {
            var c = Top(f, d);
            if (c == null) return;
            if (c.SawElse) Report(DiagnosticCodes.PpUnbalancedConditional, d, "#elif after #else");
            if (c.WasSkipping) return;
            if (c.Taken)
            {
                c.Skipping = true;
                return;
            }
            bool value = EvaluateIf(d, tokens);
            c.Skipping = !value;
            c.Taken = value;
        }

        private void DoElse(SourceFrame f, PpToken d, List<PpToken> tokens)
        {
            var c = Top(f, d);
            if (c == null) return;
            if (c.SawElse) Report(DiagnosticCodes.PpUnbalancedConditional, d, "#else after #else");
            c.SawElse = true;
            c.Skipping = c.WasSkipping || c.Taken;
            c.Taken = true;
            if (!c.WasSkipping) ExtraTokens(tokens, 2, d);
        }

        private void DoEndif(SourceFrame f, PpToken d, List<PpToken> tokens)
        {
            var c = Top(f, d);
            if (c == null) return;
            f.Conditionals.RemoveAt(f.Conditionals.Count - 1);
            if (!c.WasSkipping) ExtraTokens(tokens, 2, d);
        }

        private Conditional? Top(SourceFrame f, PpToken d)
        {
            if (f.Conditionals.Count > 0) return f.Conditionals[f.Conditionals.Count - 1];
            Report(DiagnosticCodes.PpUnbalancedConditional, d, $"#{d.Text} without #if");
            return null;
        }

        /// <summary>#ifdef / #ifndef NAME; a missing or bad name makes the group skipped.</summary>
        private bool? IsDefined(PpToken d, List<PpToken> tokens)
        {
            if (tokens.Count < 3)
            {
                Report(DiagnosticCodes.PpBadDefinition, d, $"no macro name given in #{d.Text} directive");
                return null;
            }
            if (tokens[2].Kind != PpKind.Identifier)
            {
                Report(DiagnosticCodes.PpBadDefinition, tokens[2], "macro names must be identifiers");
                return null;
            }
            ExtraTokens(tokens, 3, d);
            return _macros.ContainsKey(tokens[2].Text);
        }

        /// <summary>#if / #elif: the line macro-expanded (with <c>defined</c> evaluated as met), then the expression.</summary>
        private bool EvaluateIf(PpToken d, List<PpToken> tokens)
        {
            if (tokens.Count < 3)
            {
                Report(DiagnosticCodes.PpBadExpression, d, $"#{d.Text} with no expression");
                return false;
            }
            var expression = ExpandDirectiveLine(tokens, 2, d, evaluateDefined: true);
            if (expression == null) return false;
            return new Expressions.IfExpression(this, expression, d).Evaluate();
        }

        /// <summary>The tokens of a directive from <paramref name="start"/>, macro-expanded, without padding; null after an error.</summary>
        private List<PpToken>? ExpandDirectiveLine(List<PpToken> tokens, int start, PpToken d, bool evaluateDefined)
        {
            bool saved = _inDirective;
            _inDirective = true;
            _expansionLine = d.Line;
            PushContext(null, tokens.GetRange(start, tokens.Count - start), barrier: true);
            var result = new List<PpToken>();
            bool ok = true;
            while (true)
            {
                var t = NextToken();
                if (t.Kind == PpKind.EndOfInput) break;
                if (t.Kind == PpKind.Padding) continue;
                if (evaluateDefined && t.Kind == PpKind.Identifier && t.Text == "defined")
                {
                    var value = Defined(t);
                    if (value == null) ok = false;
                    else result.Add(value);
                    continue;
                }
                result.Add(t);
            }
            PopBarrier();
            _inDirective = saved;
            return ok && !_stopped ? result : null;
        }

        /// <summary><c>defined X</c> or <c>defined ( X )</c>: 1 or 0, X not expanded.</summary>
        private PpToken? Defined(PpToken op)
        {
            _preventExpansion++;
            try
            {
                var name = NextNonPadding();
                bool parenthesised = name.Is("(");
                if (parenthesised) name = NextNonPadding();
                if (name.Kind != PpKind.Identifier)
                {
                    Report(DiagnosticCodes.PpBadDefined, name.Kind == PpKind.EndOfInput ? op : name, "operator \"defined\" requires an identifier");
                    return null;
                }
                if (parenthesised && !NextNonPadding().Is(")"))
                {
                    Report(DiagnosticCodes.PpBadDefined, op, "missing ')' after \"defined\"");
                    return null;
                }
                return new PpToken(PpKind.Number, _macros.ContainsKey(name.Text) ? "1" : "0", op.PrevWhite, op.File, op.Line, op.Column);
            }
            finally
            {
                _preventExpansion--;
            }
        }

        private PpToken NextNonPadding()
        {
            PpToken t;
            while ((t = NextToken()).Kind == PpKind.Padding) { }
            return t;
        }
    }
}
