using System;
using System.Collections.Generic;
using System.Linq;
using System.Xml;
using System.Xml.Linq;
using Microsoft.Build.Framework;
using Xen.Shm.Diagnostics;
using Xen.Shm.Topology;

namespace Xen.Shm.Sdk.Tasks.BuildImages
{
    /// <summary>
    /// XenShmDomainImage items → <see cref="BuildImage"/>s. MSBuild tells a task which file defined an
    /// item (DefiningProjectFullPath) but not the line, so the line is found in that file: the first
    /// XenShmDomainImage element whose Domain and Role attributes read as the item's (the n-th such item,
    /// the n-th such element: items keep the order of their elements).
    /// </summary>
    internal static class BuildImageItems
    {
        public const string ItemName = "XenShmDomainImage";

        public static IReadOnlyList<BuildImage> From(ITaskItem[]? items)
        {
            var images = new List<BuildImage>();
            var files = new Dictionary<string, XElement[]>(StringComparer.Ordinal);
            var seen = new Dictionary<(string, string, string), int>();
            foreach (var item in items ?? Array.Empty<ITaskItem>())
            {
                string domain = item.GetMetadata("Domain"), role = item.GetMetadata("Role");
                string project = item.GetMetadata("DefiningProjectFullPath");
                seen.TryGetValue((project, domain, role), out int n);
                seen[(project, domain, role)] = n + 1;
                images.Add(new BuildImage(domain, role, item.GetMetadata("FullPath"), SpanOf(project, domain, role, n, files)));
            }
            return images;
        }

        private static SourceSpan SpanOf(string project, string domain, string role, int n, Dictionary<string, XElement[]> files)
        {
            if (project.Length == 0) return SourceSpan.None;
            if (!files.TryGetValue(project, out var elements)) files[project] = elements = ItemElements(project);
            var element = elements.Where(e => Attribute(e, "Domain") == domain && Attribute(e, "Role") == role).Skip(n).FirstOrDefault()
                          ?? elements.FirstOrDefault(e => Attribute(e, "Domain") == domain)
                          ?? elements.FirstOrDefault();
            // LinePosition is the name's; MSBuild points at the element's "<".
            return element is IXmlLineInfo line && line.HasLineInfo()
                ? new SourceSpan(project, line.LineNumber, line.LinePosition - 1)
                : new SourceSpan(project, 0, 0);
        }

        private static string Attribute(XElement e, string name) => (string?)e.Attribute(name) ?? string.Empty;

        private static XElement[] ItemElements(string project)
        {
            try
            {
                return XDocument.Load(project, LoadOptions.SetLineInfo).Descendants()
                    .Where(e => e.Name.LocalName == ItemName).ToArray();
            }
            catch (Exception ex) when (ex is XmlException || ex is System.IO.IOException || ex is UnauthorizedAccessException)
            {
                // The position is a convenience; MSBuild itself already read this file.
                return Array.Empty<XElement>();
            }
        }
    }
}
