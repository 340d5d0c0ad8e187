using System;
using System.IO;
using Microsoft.Build.Utilities;
using Xen.Shm.Diagnostics;
using Xen.Shm.Sdk.Tasks.Logging;

namespace Xen.Shm.Sdk.Tasks
{
    /// <summary>
    /// Base of our tasks: user mistakes arrive as diagnostics and are logged with their code and
    /// position; file system failures are the environment's (XSHM8005); anything else that
    /// escapes is our bug (XSHM9001), never shown as MSB4018. Execute returns !Log.HasLoggedErrors.
    /// </summary>
    public abstract class XenShmTask : Task
    {
        public sealed override bool Execute()
        {
            try
            {
                Run();
            }
            catch (Xen.Shm.BootImage.Files.OutputPathRefusedException e)
            {
                // The output folders' wall (XSHM5030/5031): a hostile path, refused before any write.
                Report(new[] { e.Descriptor.Create(default, e.Message) });
            }
            catch (IOException e)
            {
                ReportFileSystemError(e);
            }
            catch (UnauthorizedAccessException e)
            {
                ReportFileSystemError(e);
            }
            catch (Exception e) when (!IsCritical(e))
            {
                DiagnosticLog.ReportInternalError(Log, GetType().Name, e);
            }

            return !Log.HasLoggedErrors;
        }

        /// <summary>Does the work; reports through <see cref="Report(System.Collections.Generic.IEnumerable{Diagnostic})"/>.</summary>
        protected abstract void Run();

        protected void Report(System.Collections.Generic.IEnumerable<Diagnostic> diagnostics) => DiagnosticLog.Report(Log, diagnostics);

        private void ReportFileSystemError(Exception e) =>
            Log.LogError(null, DiagnosticCodes.FileSystemError.Code, null, null, 0, 0, 0, 0,
                "{0}: file system error: {1}", GetType().Name, e.Message);

        private static bool IsCritical(Exception e) =>
            e is OutOfMemoryException || e is StackOverflowException || e is System.Threading.ThreadAbortException;
    }
}
