using System;
using System.Linq;
using Microsoft.Build.Framework;
using Xen.Shm.BootImage.Packaging;

namespace Xen.Shm.Sdk.Tasks
{
    /// <summary>
    /// After clean deleted <see cref="Files"/>: removes each one's folder and its parents up to and
    /// including <see cref="Root"/>, but only folders now empty and never above Root (BootImage's EmptyFolders).
    /// </summary>
    public sealed class RemoveEmptyFolders : XenShmTask
    {
        public ITaskItem[] Files { get; set; } = Array.Empty<ITaskItem>();

        [Required] public string Root { get; set; } = string.Empty;

        protected override void Run() =>
            EmptyFolders.Remove(Files.Select(f => f.GetMetadata("FullPath")).ToList(), Root);
    }
}
