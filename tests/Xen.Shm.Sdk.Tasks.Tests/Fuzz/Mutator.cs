namespace Xen.Shm.Sdk.Tasks.Tests.Fuzz;

/// <summary>
/// An in-process, seeded mutator (AFL's havoc stage in small): bit flips, interesting bytes and
/// 32-bit values, deletions, duplications, splices with another seed, and tokens of the input's
/// language inserted at random places. Deterministic for a seed, so a CI failure replays.
/// </summary>
internal sealed class Mutator
{
    private static readonly uint[] s_interesting = [0, 1, 0x7f, 0x80, 0xff, 0x7fff, 0xffff, 0x7fffffff, 0x80000000, 0xffffffff, 0xd00dfeed, 16, 17, 0x28, 0x38];
    private readonly Random _random;
    private readonly IReadOnlyList<byte[]> _seeds;
    private readonly IReadOnlyList<byte[]> _tokens;

    public Mutator(int seed, IReadOnlyList<byte[]> seeds, IEnumerable<string> tokens)
    {
        _random = new Random(seed);
        _seeds = seeds;
        _tokens = tokens.Select(t => System.Text.Encoding.UTF8.GetBytes(t)).ToList();
    }

    public byte[] Next()
    {
        var data = new List<byte>(_seeds[_random.Next(_seeds.Count)]);
        int rounds = 1 << _random.Next(1, 6);
        for (int i = 0; i < rounds; i++) MutateOnce(data);
        return data.ToArray();
    }

    private void MutateOnce(List<byte> d)
    {
        int at = d.Count == 0 ? 0 : _random.Next(d.Count);
        switch (_random.Next(9))
        {
            case 0 when d.Count > 0: d[at] ^= (byte)(1 << _random.Next(8)); break;
            case 1 when d.Count > 0: d[at] = (byte)s_interesting[_random.Next(s_interesting.Length)]; break;
            case 2 when d.Count >= 4:
            {
                at = Math.Min(at, d.Count - 4) & ~3;
                uint v = s_interesting[_random.Next(s_interesting.Length)];
                for (int k = 0; k < 4; k++) d[at + k] = (byte)(v >> (24 - 8 * k));
                break;
            }
            case 3 when d.Count > 0: d.RemoveRange(at, Math.Min(d.Count - at, 1 + _random.Next(16))); break;
            case 4 when d.Count > 0:
            {
                int len = Math.Min(d.Count - at, 1 + _random.Next(64));
                d.InsertRange(_random.Next(d.Count), d.GetRange(at, len));
                break;
            }
            case 5:
            {
                var other = _seeds[_random.Next(_seeds.Count)];
                if (other.Length == 0) break;
                int from = _random.Next(other.Length);
                d.InsertRange(at, other.Skip(from).Take(1 + _random.Next(128)));
                break;
            }
            case 6 when d.Count > 0: d.RemoveRange(at, d.Count - at); break;
            case 7: d.Insert(at, (byte)_random.Next(256)); break;
            default: d.InsertRange(at, _tokens[_random.Next(_tokens.Count)]); break;
        }
    }
}
