using System.Collections.Generic;
using Xen.Shm.Diagnostics;
using Xen.Shm.Preprocessor.Engine;
using Xen.Shm.Preprocessor.Lexing;

namespace Xen.Shm.Preprocessor.Expressions
{
    /// <summary>
    /// A #if expression after macro expansion (libcpp expr.cc): C precedence, ?: and the comma,
    /// intmax_t/uintmax_t arithmetic with the usual conversions, short-circuit (a division by zero
    /// in an unevaluated operand is no error), identifiers left over are 0. A bad expression is false.
    /// </summary>
    internal sealed class IfExpression
    {
        private const int MaxNesting = 1000;
        private readonly PpEngine _engine;
        private readonly List<PpToken> _tokens;
        private readonly PpToken _directive;
        private int _p;
        private int _nesting;
        private bool _failed;

        public IfExpression(PpEngine engine, List<PpToken> tokens, PpToken directive)
        {
            _engine = engine;
            _tokens = tokens;
            _directive = directive;
        }

        public bool Evaluate()
        {
            if (_tokens.Count == 0) return Fail(_directive, $"#{_directive.Text} with no expression").IsTrue;
            var v = Comma(true);
            if (!_failed && _p < _tokens.Count)
            {
                var t = _tokens[_p];
                Fail(t, t.Is(")") ? "missing '(' in expression" : t.Is(":") ? "':' without preceding '?'" : $"missing binary operator before token \"{t.Text}\"");
            }
            return !_failed && v.IsTrue;
        }

        private IfValue Comma(bool eval)
        {
            var v = Conditional(eval);
            while (!_failed && Accept(",")) v = Conditional(eval);
            return v;
        }

        private IfValue Conditional(bool eval)
        {
            var c = Binary(1, eval);
            if (_failed || !Accept("?")) return c;
            var a = Comma(eval && c.IsTrue);
            if (_failed) return a;
            if (!Accept(":")) return Fail(_p < _tokens.Count ? _tokens[_p] : _directive, "'?' without following ':'");
            var b = Conditional(eval && !c.IsTrue);
            return new IfValue(c.IsTrue ? a.Bits : b.Bits, a.Unsigned || b.Unsigned);
        }

        private static int Precedence(PpToken t)
        {
            if (t.Kind != PpKind.Punctuator) return -1;
            switch (t.Text)
            {
                case "||": return 1;
                case "&&": return 2;
                case "|": return 3;
                case "^": return 4;
                case "&": return 5;
                case "==": case "!=": return 6;
                case "<": case ">": case "<=": case ">=": return 7;
                case "<<": case ">>": return 8;
                case "+": case "-": return 9;
                case "*": case "/": case "%": return 10;
                default: return -1;
            }
        }

        private IfValue Binary(int minimum, bool eval)
        {
            var left = Unary(eval);
            while (!_failed && _p < _tokens.Count)
            {
                var op = _tokens[_p];
                int precedence = Precedence(op);
                if (precedence < minimum) break;
                _p++;
                bool rightEval = eval && !(op.Text == "&&" && !left.IsTrue) && !(op.Text == "||" && left.IsTrue);
                var right = Binary(precedence + 1, rightEval);
                if (_failed) break;
                left = IfArithmetic.Apply(op, left, right, eval && rightEval, this);
            }
            return left;
        }

        private IfValue Unary(bool eval)
        {
            if (++_nesting > MaxNesting) return Fail(_directive, $"#if expression nested deeper than {MaxNesting}");
            try
            {
                if (_p >= _tokens.Count)
                    return Fail(_directive, _p > 0 ? $"operator '{_tokens[_p - 1].Text}' has no right operand" : $"#{_directive.Text} with no expression");
                var t = _tokens[_p++];
                switch (t.Kind)
                {
                    case PpKind.Number: return IfNumber.Parse(_engine, t) ?? Failed();
                    case PpKind.CharLiteral: return IfNumber.Character(_engine, t) ?? Failed();
                    case PpKind.Identifier: return IfValue.Signed(0);
                    case PpKind.Punctuator: return Operator(t, eval);
                    default: return Fail(t, $"token \"{t.Text}\" is not valid in preprocessor expressions");
                }
            }
            finally
            {
                _nesting--;
            }
        }

        private IfValue Operator(PpToken t, bool eval)
        {
            switch (t.Text)
            {
                case "(":
                    if (Accept(")")) return Fail(t, "missing expression between '(' and ')'");
                    var v = Comma(eval);
                    if (!_failed && !Accept(")")) return Fail(_p < _tokens.Count ? _tokens[_p] : t, "missing ')' in expression");
                    return v;
                case "+": return Unary(eval);
                case "-": var n = Unary(eval); return new IfValue(unchecked(-n.Bits), n.Unsigned);
                case "~": var c = Unary(eval); return new IfValue(~c.Bits, c.Unsigned);
                case "!": return IfValue.Bool(!Unary(eval).IsTrue);
                default:
                    return Fail(t, Precedence(t) > 0 || t.Text == "?" || t.Text == ":" || t.Text == ","
                        ? $"operator '{t.Text}' has no left operand"
                        : $"token \"{t.Text}\" is not valid in preprocessor expressions");
            }
        }

        private bool Accept(string punctuator)
        {
            if (_p < _tokens.Count && _tokens[_p].Is(punctuator))
            {
                _p++;
                return true;
            }
            return false;
        }

        private IfValue Failed()
        {
            _failed = true;
            return IfValue.Signed(0);
        }

        internal IfValue Fail(PpToken at, string message, DiagnosticDescriptor? code = null)
        {
            if (!_failed) _engine.Report(code ?? DiagnosticCodes.PpBadExpression, at, message);
            return Failed();
        }
    }
}
