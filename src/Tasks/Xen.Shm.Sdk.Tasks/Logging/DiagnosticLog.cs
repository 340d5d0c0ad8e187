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
            string message = WithRelated(d);
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
