using System;
using System.Collections.Generic;
using System.IO;
using Xen.Shm.Diagnostics;

namespace Xen.Shm.Topology.Yaml
{
    /// <summary>
    /// 'includeDirs' (folders, relative to the YAML file's folder) and 'defines' (NAME or NAME=VALUE)
    /// beside a 'deviceTree' in 'host' or a domain.
    /// </summary>
    internal static class PreprocessingReader
    {
        public static DtsPreprocessing Read(MappingReader r, ReadContext ctx)
        {
            var dirs = new List<string>();
            foreach (var written in r.Strings("includeDirs"))
            {
                string? full = FullFolder(ctx, written.Value);
                if (full is null)
                    ctx.Report(DiagnosticCodes.IncludeDirNotFound, written.Span,
                        $"include folder '{written.Value}' not found (relative paths start at the YAML file's folder)");
                else dirs.Add(full);
            }
            var defines = new List<KeyValuePair<string, string?>>();
            foreach (var written in r.Strings("defines"))
            {
                int eq = written.Value.IndexOf('=');
                string name = eq < 0 ? written.Value : written.Value.Substring(0, eq);
                if (!IsIdentifier(name))
                    ctx.Report(DiagnosticCodes.DefineInvalid, written.Span, $"'{written.Value}' is not NAME or NAME=VALUE with NAME a C identifier");
                else defines.Add(new KeyValuePair<string, string?>(name, eq < 0 ? null : written.Value.Substring(eq + 1)));
            }
            return dirs.Count == 0 && defines.Count == 0 ? DtsPreprocessing.None : new DtsPreprocessing(dirs, defines);
        }

        public static void ForbidWithoutTree(MappingReader r, ReadContext ctx)
        {
            foreach (string key in new[] { "includeDirs", "defines" })
                if (r.Has(key))
                    ctx.Report(DiagnosticCodes.PreprocessorKeysWithoutTree, r.KeySpan(key), $"'{key}' is for the preprocessor of a 'deviceTree' source, and none is given here");
        }

        private static string? FullFolder(ReadContext ctx, string written)
        {
            try
            {
                if (written.Length == 0 || written.IndexOf('\0') >= 0) return null;
                string full = Path.GetFullPath(Path.Combine(ctx.BaseDirectory, written));
                return Directory.Exists(full) ? full : null;
            }
            catch (Exception ex) when (ex is ArgumentException || ex is NotSupportedException || ex is PathTooLongException || ex is System.Security.SecurityException)
            {
                return null;
            }
        }

        private static bool IsIdentifier(string name)
        {
            if (name.Length == 0 || char.IsDigit(name[0])) return false;
            foreach (char c in name)
                if (!(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '_' || c == '$')) return false;
            return true;
        }
    }
}
