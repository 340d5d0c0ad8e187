namespace Xen.Shm.Generation.Xl
{
    public enum StaticShmRole
    {
        Owner,
        Borrower,
    }

    /// <summary>
    /// One xl <c>static_shm</c> list item (Xilinx only, spec §6.2). Addresses are guest byte
    /// addresses. <see cref="Offset"/> is the borrower's offset into the owner's region (written as
    /// <c>offset=0x0</c> when zero; must be 0 for an owner). The owner is written with
    /// <c>cache_policy=ARM_normal</c>, everyone with <c>prot=rw</c> (the only values Arm accepts).
    /// </summary>
    public sealed class StaticShmSpec
    {
        public StaticShmSpec(string id, StaticShmRole role, ulong begin, ulong size, ulong offset = 0)
        {
            Id = id ?? string.Empty;
            Role = role;
            Begin = begin;
            Size = size;
            Offset = offset;
        }

        public string Id { get; }
        public StaticShmRole Role { get; }
        public ulong Begin { get; }
        public ulong Size { get; }
        public ulong Offset { get; }
    }
}
