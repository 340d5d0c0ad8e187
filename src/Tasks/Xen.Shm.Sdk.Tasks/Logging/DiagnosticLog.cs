using System.Collections.Generic;
using System.Globalization;
using System.Text;
using Microsoft.Build.Framework;
using Microsoft.Build.Utilities;
using Xen.Shm.Diagnostics;

namespace Xen.Shm.Sdk.Tasks.Logging
{
    /// <summary>
    /// The one place where library diagnostics become MSBuild errors, warnings and messages, in the
    /// canonical <c>file(line,col,endLine,endCol): error XSHMnnnn: message</c> form (guide msbuild-sdk.md §10.2).
    /// </summary>
    internal static class DiagnosticLog
    {
        public static void Report(TaskLoggingHelper log, IEnumerable<Diagnostic> diagnostics)
        {
            foreach (var d in diagnostics) Report(log, d);
        }

        public static void Report(TaskLoggingHelper log, Diagnostic d)
        {
            var span = d.Span;
            string? file = string.IsNullOrEmpty(span.File) ? null : span.File;
            string message = OneLine(WithRelated(d));
            switch (d.Severity)
            {
                case Severity.Error:
                    log.LogError(null, d.Code, null, file, span.Line, span.Column, span.EndLine, span.EndColumn, message);
                    break;
                case Severity.Warning:
                    log.LogWarning(null, d.Code, null, file, span.Line, span.Column, span.EndLine, span.EndColumn, message);
                    break;
                default:
                    log.LogMessage(null, d.Code, null, file, span.Line, span.Column, span.EndLine, span.EndColumn,
                        MessageImportance.Normal, message);
                    break;
            }
        }

        /// <summary>
        /// MSBuild's console logger prints a message as is, and a canonical error line split by a
        /// newline from a value (a path, a YAML string) is read back as two lines, the second a
        /// bogus message (issue 17): control characters are written as \n, \r, \t or \uXXXX.
        /// </summary>
        internal static string OneLine(string message)
        {
            StringBuilder? sb = null;
            for (int i = 0; i < message.Length; i++)
            {
                char c = message[i];
                bool control = c < 0x20 || (c >= 0x7F && c <= 0x9F) || c == '\u2028' || c == '\u2029';
                if (!control)
                {
                    sb?.Append(c);
                    continue;
                }
                sb ??= new StringBuilder(message, 0, i, message.Length + 16);
                sb.Append(c switch
                {
                    '\n' => "\\n",
                    '\r' => "\\r",
                    '\t' => "\\t",
                    _ => "\\u" + ((int)c).ToString("X4", CultureInfo.InvariantCulture),
                });
            }
            return sb?.ToString() ?? message;
        }

        // MSBuild events carry one position; the others (the value this one collides with) go in the text.
        private static string WithRelated(Diagnostic d)
        {
            if (d.Related.Count == 0) return d.Message;
            var sb = new StringBuilder(d.Message);
            foreach (var r in d.Related)
            {
                if (r.IsEmpty) continue;
                sb.Append(" (see ").Append(r.ToString()).Append(')');
            }

            return sb.ToString();
        }

        /// <summary>An exception that escaped a task: our bug, never the user's (XSHM9001).</summary>
        public static void ReportInternalError(TaskLoggingHelper log, string taskName, System.Exception exception)
        {
            log.LogError(null, DiagnosticCodes.InternalError.Code, null, null, 0, 0, 0, 0,
                string.Format(CultureInfo.InvariantCulture, "{0} failed unexpectedly; this is a bug in Xen.Shm.Sdk, please report it. {1}",
                    taskName, exception));
        }
    }
}
