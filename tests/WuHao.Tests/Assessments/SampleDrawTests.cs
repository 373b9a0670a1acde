using WuHao.Web.Domain;

namespace WuHao.Tests.Assessments;

/// <summary>
/// The draw of 抽查 (R-6.5, ADR-015) as a pure function: pinned to SplitMix64's published output, reproducible from its
/// seed, and over many seeds each unit drawn at the rate its rule implies (per-unit bounds of 4.5 binomial standard
/// deviations, so a correct draw fails about once in 150 000 units; a wrong rule is off by far more).
/// </summary>
public sealed class SampleDrawTests
{
    private const int Draws = 20000;

    private static IReadOnlyList<SampleCandidate> Villages(params (int Group, decimal? Score)[] units) =>
        [.. units.Select((u, i) => new SampleCandidate(100 + i, $"村{i}", u.Group, u.Score))];

    private static Dictionary<int, int> Counts(IReadOnlyList<SampleCandidate> candidates, string rule, int size, Action<IReadOnlyList<int>>? each = null)
    {
        var counts = candidates.ToDictionary(c => c.UnitId, _ => 0);
        for (var seed = 0L; seed < Draws; seed++)
        {
            var drawn = SampleDraw.Draw(candidates, rule, size, seed);
            Assert.Equal(size, drawn.Distinct().Count());
            each?.Invoke(drawn);
            foreach (var id in drawn)
            {
                counts[id]++;
            }
        }

        return counts;
    }

    private static void AtRate(int count, double p, string what)
    {
        var expected = Draws * p;
        var sd = Math.Sqrt(Draws * p * (1 - p));
        Assert.True(Math.Abs(count - expected) <= 4.5 * sd, $"{what}: drawn {count} times in {Draws}, expected {expected:0} ± {4.5 * sd:0}");
    }

    [Fact]
    public void SplitMix64_gives_the_published_sequence_so_a_recorded_draw_can_be_redone_anywhere_for_ever()
    {
        // The reference outputs of SplitMix64 from seed 0 (Vigna's splitmix64.c).
        var rng = new SampleDraw.SplitMix64(0);
        Assert.Equal(0xE220A8397B1DCDAFUL, rng.Next());
        Assert.Equal(0x6E789E6AA1B965F4UL, rng.Next());
        Assert.Equal(0x06C45D188009454FUL, rng.Next());
    }

    [Fact]
    public void The_same_seed_draws_the_same_units_in_the_same_order_and_other_seeds_draw_others()
    {
        var candidates = Villages([.. Enumerable.Range(0, 12).Select(i => (i % 3, (decimal?)(60 + i * 3)))]);
        foreach (var rule in SampleRules.All)
        {
            var first = SampleDraw.Draw(candidates, rule, 4, 20230820);
            Assert.Equal(first, SampleDraw.Draw(candidates, rule, 4, 20230820));
            var others = Enumerable.Range(1, 20).Select(s => string.Join(",", SampleDraw.Draw(candidates, rule, 4, 20230820 + s))).ToHashSet();
            Assert.True(others.Count > 10, $"{rule}: only {others.Count} different draws from 20 seeds");
        }
    }

    [Fact]
    public void Uniform_draws_every_unit_at_size_over_count()
    {
        var candidates = Villages([.. Enumerable.Range(0, 10).Select(i => (0, (decimal?)null))]);
        foreach (var (id, count) in Counts(candidates, SampleRules.Uniform, 3))
        {
            AtRate(count, 3 / 10.0, $"unit {id}");
        }
    }

    [Fact]
    public void At_least_one_per_township_holds_in_every_draw_and_each_unit_is_drawn_at_the_rate_the_rule_implies()
    {
        // Townships of 2, 5 and 3 villages; 4 drawn: one from each, then 1 of the 7 left.
        var candidates = Villages((1, null), (1, null), (2, null), (2, null), (2, null), (2, null), (2, null), (3, null), (3, null), (3, null));
        var counts = Counts(candidates, SampleRules.PerTownship, 4,
            drawn => Assert.All(new[] { 1, 2, 3 }, g => Assert.Contains(drawn, id => candidates.Single(c => c.UnitId == id).Group == g)));
        foreach (var c in candidates)
        {
            double n = candidates.Count(o => o.Group == c.Group);
            AtRate(counts[c.UnitId], (1 / n) + ((1 - (1 / n)) * (1 / 7.0)), $"unit {c.UnitId} of a township of {n}");
        }

        Assert.NotNull(SampleDraw.Refusal(candidates, SampleRules.PerTownship, 2)); // fewer than the townships
    }

    [Fact]
    public void Weighted_towards_low_self_scores_draws_one_unit_at_weight_over_total_and_favours_the_lowest()
    {
        var candidates = Villages((0, 98), (0, 90), (0, 75), (0, 60), (0, null));
        var weights = candidates.Select(c => (double)SampleDraw.Weight(c.SelfTotal)).ToList();
        Assert.Equal([30, 110, 260, 410, 1010], weights);
        var one = Counts(candidates, SampleRules.LowScores, 1);
        for (var i = 0; i < candidates.Count; i++)
        {
            AtRate(one[candidates[i].UnitId], weights[i] / weights.Sum(), $"self-score {candidates[i].SelfTotal}");
        }

        // Drawing two: each lower score is drawn more often than the one above it.
        var two = Counts(candidates, SampleRules.LowScores, 2);
        var ordered = candidates.Select(c => two[c.UnitId]).ToList();
        Assert.True(ordered.Zip(ordered.Skip(1)).All(p => p.First < p.Second), string.Join(",", ordered));
    }
}
