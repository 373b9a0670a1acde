namespace WuHao.Web.Domain;

/// <summary>
/// A random draw of units for on-site checks (抽查, R-6.5) by a township or the banner, for a campaign and year. It records
/// everything the draw used (seed, rule, size, the candidates in order with their group and self-score) and its result, so
/// that anyone can draw again with <see cref="SampleDraw"/> and see the same units (docs/decisions/ADR-015). Owned by the
/// drawing unit; never changed after it is drawn.
/// </summary>
public sealed class Sample : UnitRecord
{
    public int CampaignId { get; set; }
    public Campaign? Campaign { get; set; }
    public int Year { get; set; }

    /// <summary><see cref="SampleRules"/>.</summary>
    public required string Rule { get; set; }
    public int Size { get; set; }

    /// <summary>The PRNG seed, 0 to 2^53−1 (exact in JSON numbers).</summary>
    public long Seed { get; set; }

    /// <summary>The candidates in the order the draw read them (<see cref="SampleCandidate"/> list as JSON).</summary>
    public required string Candidates { get; set; }
    public DateTimeOffset DrawnAt { get; set; }
    public required string DrawnBy { get; set; }

    /// <summary>The units drawn, in draw order.</summary>
    public List<SampledUnit> Drawn { get; set; } = [];
}

/// <summary>One unit a <see cref="Sample"/> drew (its UnitId is the drawn unit), so that its round can say so in SQL.</summary>
public sealed class SampledUnit : UnitRecord
{
    public int SampleId { get; set; }
    public Sample? Sample { get; set; }

    /// <summary>0-based place in the draw order.</summary>
    public int Position { get; set; }
}

/// <summary>A unit the draw may pick: its id and name, its group (the township it lies in) and its self-score (null: no self-check).</summary>
public sealed record SampleCandidate(int UnitId, string Name, int Group, decimal? SelfTotal);

public static class SampleRules
{
    /// <summary>Every candidate equally likely.</summary>
    public const string Uniform = "uniform";

    /// <summary>At least one unit of every township (a banner's draw), the rest uniformly.</summary>
    public const string PerTownship = "perTownship";

    /// <summary>Weighted towards low self-scores (and missing self-checks).</summary>
    public const string LowScores = "lowScores";

    public static readonly IReadOnlyList<string> All = [Uniform, PerTownship, LowScores];

    public static string Label(string rule) => rule switch
    {
        Uniform => "简单随机",
        PerTownship => "每个苏木乡镇至少一个",
        LowScores => "自评分低的优先（加权）",
        _ => rule,
    };
}

/// <summary>
/// The draw itself: a pure function of (candidates in order, rule, size, seed), built on SplitMix64, so that it gives the
/// same units on every machine and every .NET version for ever (System.Random does not promise that). ADR-015 states the
/// algorithm in full so that it can be re-implemented elsewhere.
/// </summary>
public static class SampleDraw
{
    /// <summary>Largest seed: 2^53−1, so that a seed survives a JSON number in any language.</summary>
    public const long MaxSeed = (1L << 53) - 1;

    /// <summary>SplitMix64 (Steele, Lea, Flood 2014; the constants of java.util.SplittableRandom).</summary>
    public sealed class SplitMix64(ulong seed)
    {
        private ulong state = seed;

        public ulong Next()
        {
            unchecked
            {
                state += 0x9E3779B97F4A7C15UL;
                var z = state;
                z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
                z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
                return z ^ (z >> 31);
            }
        }

        /// <summary>A uniform integer in [0, n) without modulo bias: outputs below 2^64 mod n are thrown away.</summary>
        public ulong Below(ulong n)
        {
            ArgumentOutOfRangeException.ThrowIfZero(n);
            var threshold = unchecked(0UL - n) % n;
            while (true)
            {
                var r = Next();
                if (r >= threshold)
                {
                    return r % n;
                }
            }
        }
    }

    /// <summary>The weight of a candidate under <see cref="SampleRules.LowScores"/>: 10 + 10 × (100 − self-score clamped to
    /// 0..100), an integer (no self-check counts as 0 points: weight 1010).</summary>
    public static ulong Weight(decimal? selfTotal) =>
        10 + (ulong)decimal.Round((100 - Math.Clamp(selfTotal ?? 0, 0, 100)) * 10, MidpointRounding.AwayFromZero);

    /// <summary>The groups in order of first appearance.</summary>
    public static IReadOnlyList<int> Groups(IReadOnlyList<SampleCandidate> candidates) => [.. candidates.Select(c => c.Group).Distinct()];

    /// <summary>Why a draw cannot be made (in Chinese), or null.</summary>
    public static string? Refusal(IReadOnlyList<SampleCandidate> candidates, string rule, int size)
    {
        if (!SampleRules.All.Contains(rule))
        {
            return "抽取规则只能是：简单随机、每个苏木乡镇至少一个、自评分低的优先";
        }

        if (candidates.Count == 0)
        {
            return "下辖没有可以抽查的单位";
        }

        if (size < 1 || size > candidates.Count)
        {
            return $"抽取数量请填写1到{candidates.Count}之间的整数（下辖共{candidates.Count}个单位）";
        }

        var groups = Groups(candidates).Count;
        return rule == SampleRules.PerTownship && size < groups ? $"“每个苏木乡镇至少一个”要求抽取数量不少于苏木乡镇的个数（{groups}个）" : null;
    }

    /// <summary>The units drawn, in draw order. Throws when <see cref="Refusal"/> would refuse.</summary>
    public static IReadOnlyList<int> Draw(IReadOnlyList<SampleCandidate> candidates, string rule, int size, long seed)
    {
        if (Refusal(candidates, rule, size) is { } refusal)
        {
            throw new ArgumentException(refusal, nameof(size));
        }

        ArgumentOutOfRangeException.ThrowIfNegative(seed);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(seed, MaxSeed);

        var rng = new SplitMix64((ulong)seed);
        var drawn = new List<int>(size);
        switch (rule)
        {
            case SampleRules.PerTownship:
                // One from each group, in group order, uniformly within the group; then the rest uniformly from what is left.
                var picked = new HashSet<int>();
                foreach (var group in Groups(candidates))
                {
                    var members = candidates.Where(c => c.Group == group).ToList();
                    var one = members[(int)rng.Below((ulong)members.Count)];
                    drawn.Add(one.UnitId);
                    picked.Add(one.UnitId);
                }

                drawn.AddRange(Shuffle([.. candidates.Where(c => !picked.Contains(c.UnitId)).Select(c => c.UnitId)], size - drawn.Count, rng));
                break;
            case SampleRules.LowScores:
                // Successive draws without replacement, each with probability weight / remaining total weight.
                var left = candidates.ToList();
                while (drawn.Count < size)
                {
                    var total = left.Aggregate(0UL, (s, c) => s + Weight(c.SelfTotal));
                    var r = rng.Below(total);
                    var i = 0;
                    while (r >= Weight(left[i].SelfTotal))
                    {
                        r -= Weight(left[i].SelfTotal);
                        i++;
                    }

                    drawn.Add(left[i].UnitId);
                    left.RemoveAt(i);
                }

                break;
            default:
                drawn.AddRange(Shuffle([.. candidates.Select(c => c.UnitId)], size, rng));
                break;
        }

        return drawn;
    }

    /// <summary>The first <paramref name="count"/> places of a partial Fisher–Yates shuffle: for i = 0.., swap i with i + Below(n − i).</summary>
    private static IEnumerable<int> Shuffle(int[] items, int count, SplitMix64 rng)
    {
        for (var i = 0; i < count; i++)
        {
            var j = i + (int)rng.Below((ulong)(items.Length - i));
            (items[i], items[j]) = (items[j], items[i]);
        }

        return items.Take(count);
    }
}
