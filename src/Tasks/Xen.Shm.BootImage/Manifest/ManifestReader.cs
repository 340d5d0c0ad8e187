using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Text;
using Xen.Shm.Diagnostics;

namespace Xen.Shm.BootImage.Manifest
{
    /// <summary>
    /// Reads manifest.json (../_notes/MANIFEST.md). Whitespace and member order are free, but the
    /// members, their types and spellings are checked strictly; every problem becomes a diagnostic
    /// with the file position (XSHM5003/5004/5005), never an exception.
    /// </summary>
    public static class ManifestReader
    {
        public static BootManifest? ReadFile(string path, DiagnosticBag diagnostics)
        {
            if (path is null) throw new ArgumentNullException(nameof(path));
            if (diagnostics is null) throw new ArgumentNullException(nameof(diagnostics));
            string text;
            try
            {
                text = File.ReadAllText(path, new UTF8Encoding(false, throwOnInvalidBytes: true));
            }
            catch (Exception e) when (e is IOException || e is UnauthorizedAccessException || e is DecoderFallbackException)
            {
                diagnostics.Add(DiagnosticCodes.ManifestUnreadable, new SourceSpan(path, 0, 0), $"cannot read manifest: {e.Message}");
                return null;
            }

            return Parse(text, path, diagnostics);
        }

        public static BootManifest? Parse(string text, string fileName, DiagnosticBag diagnostics)
        {
            if (text is null) throw new ArgumentNullException(nameof(text));
            if (diagnostics is null) throw new ArgumentNullException(nameof(diagnostics));
            fileName ??= string.Empty;

            // A BOM is not allowed by the format but is harmless to skip.
            if (text.Length > 0 && text[0] == '\uFEFF') text = text.Substring(1);

            JsonNode root;
            try
            {
                root = JsonParser.Parse(text);
            }
            catch (JsonSyntaxException e)
            {
                diagnostics.Add(DiagnosticCodes.ManifestMalformed, new SourceSpan(fileName, e.Line, e.Column), e.Message);
                return null;
            }

            var reader = new Reader(fileName, diagnostics);
            return reader.ReadRoot(root);
        }

        private sealed class Reader
        {
            private readonly string _file;
            private readonly DiagnosticBag _diagnostics;
            private bool _failed;

            public Reader(string file, DiagnosticBag diagnostics)
            {
                _file = file;
                _diagnostics = diagnostics;
            }

            public BootManifest? ReadRoot(JsonNode root)
            {
                if (root.Kind != JsonKind.Object) { Problem(root, "the manifest must be a JSON object"); return null; }
                JsonNode? version = null, files = null, disk = null;
                foreach (var m in root.Members)
                {
                    switch (m.Key)
                    {
                        case "version": version = m.Value; break;
                        case "files": files = m.Value; break;
                        case "diskImage": disk = m.Value; break;
                        default: Problem(m.Value, $"unknown member '{m.Key}'"); break;
                    }
                }

                if (version is null) { Problem(root, "member 'version' missing"); return null; }
                if (version.Kind != JsonKind.Number ||
                    !int.TryParse(version.Text, NumberStyles.None, CultureInfo.InvariantCulture, out int v))
                {
                    { Problem(version, "'version' must be a whole number"); return null; }
                }

                if (v != BootManifest.CurrentVersion)
                {
                    _diagnostics.Add(DiagnosticCodes.ManifestVersionUnsupported, Span(version),
                        $"manifest version {v.ToString(CultureInfo.InvariantCulture)} not supported (expected {BootManifest.CurrentVersion.ToString(CultureInfo.InvariantCulture)})");
                    return null;
                }

                if (files is null) { Problem(root, "member 'files' missing"); return null; }
                if (files.Kind != JsonKind.Array) { Problem(files, "'files' must be an array"); return null; }

                var entries = new List<ManifestEntry>();
                foreach (var item in files.Items)
                {
                    var entry = ReadEntry(item);
                    if (entry != null) entries.Add(entry);
                }

                var image = disk is null ? null : ReadDiskImage(disk);
                if (_failed) return null;
                return BootManifest.Create(v, entries, _diagnostics, Span(files))?.WithDiskImage(image);
            }

            // { "path", "size", "sha256" }: the image beside the folder, so the path may start with "../".
            private ManifestEntry? ReadDiskImage(JsonNode item)
            {
                if (item.Kind != JsonKind.Object) { Problem(item, "'diskImage' must be a JSON object"); return null; }
                var m = new Dictionary<string, JsonNode>(StringComparer.Ordinal);
                foreach (var member in item.Members) m[member.Key] = member.Value;
                if (m.Count != 3 || !m.TryGetValue("path", out var path) || !m.TryGetValue("size", out var size) || !m.TryGetValue("sha256", out var sha) ||
                    path.Kind != JsonKind.String || path.Text.Length == 0 || sha.Kind != JsonKind.String || size.Kind != JsonKind.Number ||
                    !long.TryParse(size.Text, NumberStyles.None, CultureInfo.InvariantCulture, out long bytes))
                {
                    Problem(item, "'diskImage' needs exactly 'path' (a string), 'size' (bytes) and 'sha256'");
                    return null;
                }

                return new ManifestEntry(path.Text, bytes, null, sha.Text);
            }

            private ManifestEntry? ReadEntry(JsonNode item)
            {
                if (item.Kind != JsonKind.Object) { Problem(item, "each file must be a JSON object"); return null; }
                JsonNode? path = null, size = null, load = null, sha = null;
                foreach (var m in item.Members)
                {
                    switch (m.Key)
                    {
                        case "path": path = m.Value; break;
                        case "size": size = m.Value; break;
                        case "loadAddress": load = m.Value; break;
                        case "sha256": sha = m.Value; break;
                        default: Problem(m.Value, $"unknown member '{m.Key}'"); break;
                    }
                }

                if (path is null || size is null || load is null || sha is null)
                    { Problem(item, "a file needs 'path', 'size', 'loadAddress' and 'sha256'"); return null; }
                if (path.Kind != JsonKind.String) { Problem(path, "'path' must be a string"); return null; }
                if (size.Kind != JsonKind.Number ||
                    !long.TryParse(size.Text, NumberStyles.None, CultureInfo.InvariantCulture, out long sizeValue))
                {
                    { Problem(size, "'size' must be a whole number of bytes"); return null; }
                }

                ulong? address = null;
                if (load.Kind == JsonKind.String)
                {
                    if (!TryParseAddress(load.Text, out ulong a))
                        { Problem(load, $"'loadAddress' must be lowercase hex with 0x or null, not '{load.Text}'"); return null; }
                    address = a;
                }
                else if (load.Kind != JsonKind.Null)
                {
                    { Problem(load, "'loadAddress' must be a string or null"); return null; }
                }

                if (sha.Kind != JsonKind.String) { Problem(sha, "'sha256' must be a string"); return null; }
                string? problem = BootManifest.CheckPath(path.Text);
                if (problem != null)
                {
                    _diagnostics.Add(DiagnosticCodes.ManifestPathInvalid, Span(path), $"boot folder path '{path.Text}' {problem}");
                    _failed = true;
                    return null;
                }

                return new ManifestEntry(path.Text, sizeValue, address, sha.Text);
            }

            private static bool TryParseAddress(string s, out ulong value)
            {
                value = 0;
                if (s.Length < 3 || s.Length > 18 || s[0] != '0' || s[1] != 'x') return false;
                for (int i = 2; i < s.Length; i++)
                {
                    char c = s[i];
                    if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) return false;
                }

                return ulong.TryParse(s.Substring(2), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out value);
            }

            private SourceSpan Span(JsonNode node) => new SourceSpan(_file, node.Line, node.Column);

            private void Problem(JsonNode node, string message)
            {
                _diagnostics.Add(DiagnosticCodes.ManifestMalformed, Span(node), message);
                _failed = true;
            }
        }
    }
}
