using System.Collections.Generic;
using System.Linq;
using Xen.Shm.Diagnostics;

namespace Xen.Shm.Topology.Yaml
{
    /// <summary>
    /// The build's images while the YAML is read: each replaces the YAML path of its (domain, role),
    /// or stands where the YAML names none. Items the board has no place for are reported at the
    /// item (XSHM8040-8043), never silently ignored.
    /// </summary>
    internal sealed class BuildImageSet
    {
        private readonly Dictionary<(string Domain, string Role), BuildImage> _images = new Dictionary<(string, string), BuildImage>();
        private readonly HashSet<(string Domain, string Role)> _taken = new HashSet<(string, string)>();

        public BuildImageSet(IEnumerable<BuildImage>? images, DiagnosticBag diagnostics)
        {
            foreach (var image in images ?? Enumerable.Empty<BuildImage>())
            {
                if (!BuildImageRoles.OfDomain.Contains(image.Role) && !BuildImageRoles.OfBoard.Contains(image.Role))
                {
                    diagnostics.Add(DiagnosticCodes.BuildImageRoleUnknown, image.Span,
                        $"XenShmDomainImage '{image.FullPath}' has Role '{image.Role}'; use one of {string.Join(", ", BuildImageRoles.OfDomain)} (with Domain) or {string.Join(", ", BuildImageRoles.OfBoard)} (without)");
                    continue;
                }
                var key = (image.Domain, image.Role);
                if (_images.TryGetValue(key, out var first))
                {
                    diagnostics.Add(DiagnosticCodes.BuildImageTwice, image.Span,
                        $"XenShmDomainImage Domain='{image.Domain}' Role='{image.Role}' is given twice ('{first.FullPath}' and '{image.FullPath}'); keep one", first.Span);
                    continue;
                }
                _images[key] = image;
            }
        }

        /// <summary>True when the build gives the file, so the YAML key becomes optional.</summary>
        public bool Has(string? domain, string role) => _images.ContainsKey((domain ?? string.Empty, role));

        /// <summary>The build's file for (domain, role) as a path to resolve, or <paramref name="written"/> when there is none.</summary>
        public Spanned<string>? Take(string? domain, string role, Spanned<string>? written)
        {
            var key = (domain ?? string.Empty, role);
            if (!_images.TryGetValue(key, out var image)) return written;
            _taken.Add(key);
            return new Spanned<string>(image.FullPath, image.Span);
        }

        /// <summary>
        /// After the whole board is read: items that named no domain of the board (XSHM8041) or a
        /// role the domain (or the board) does not have (XSHM8042).
        /// </summary>
        public void ReportUnused(IReadOnlyCollection<string> domains, IReadOnlyCollection<string> unreadable, DiagnosticBag diagnostics)
        {
            // A domain the reader could not read already has its own error.
            var unused = new List<BuildImage>();
            foreach (var pair in _images)
                if (!_taken.Contains(pair.Key) && !unreadable.Contains(pair.Key.Domain)) unused.Add(pair.Value);
            foreach (var image in Sorted.By(unused, (a, b) => a.Span.Line.CompareTo(b.Span.Line)))
            {
                if (image.Domain.Length > 0 && !domains.Contains(image.Domain))
                    diagnostics.Add(DiagnosticCodes.BuildImageDomainUnknown, image.Span,
                        $"XenShmDomainImage names domain '{image.Domain}', which the topology does not declare (domains: {string.Join(", ", domains)})");
                else
                    diagnostics.Add(DiagnosticCodes.BuildImageRoleMisplaced, image.Span, Misplaced(image));
            }
        }

        private static string Misplaced(BuildImage image) =>
            BuildImageRoles.OfBoard.Contains(image.Role)
                ? $"XenShmDomainImage Role '{image.Role}' is a board file: give it without Domain (Domain is '{image.Domain}')"
                : image.Domain.Length == 0
                    ? $"XenShmDomainImage Role '{image.Role}' needs a Domain"
                    : $"domain '{image.Domain}' takes no '{image.Role}' (a dom0 has no deviceTree; only the keys its kind allows can be given)";
    }
}
