using System.Runtime.CompilerServices;

namespace Hrm.Signals.Evaluation;

/// <summary>
/// SplitMix64 (Steele, Lea &amp; Flood 2014): a tiny generator fixed by its constants, so every draw is the same on every
/// runtime and run. One instance is mutable state: keep it in a local (a struct copied is a second stream).
/// </summary>
public struct SplitMix64(ulong seed)
{
    private ulong _state = seed;
    private ulong _spare;
    private bool _hasSpare;

    /// <summary>The generator's output function: a 64-bit mix of <paramref name="z"/>.</summary>
    public static ulong Mix(ulong z)
    {
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }

    public ulong Next() => Mix(_state += 0x9E3779B97F4A7C15UL);

    /// <summary>
    /// Uniform in [0, n) from 32 random bits u as (u · n) >> 32 (Lemire; bias ≤ n / 2³², about 10⁻⁷ for a pool of
    /// hundreds), two indices per 64-bit output.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public int Index(int n)
    {
        ulong u;
        if (_hasSpare)
        {
            u = _spare >> 32;
            _hasSpare = false;
        }
        else
        {
            _spare = Next();
            _hasSpare = true;
            u = _spare & 0xFFFFFFFFUL;
        }

        return (int)((u * (ulong)(uint)n) >> 32);
    }
}
