using Microsoft.Extensions.Caching.Memory;
using WuHao.Web.Domain.Indicators;

namespace WuHao.Web.Features.Indicators;

/// <summary>
/// Evaluations already computed, one entry per unit, keyed by everything an evaluation depends on: the unit's data
/// stamp (<see cref="Data.UnitStamps"/>, raised in the transaction of every write that can change it, so a stale entry
/// is never found again, on this instance or another), the unit's header, the system's definition, the year and
/// today's date (states are read at the year's end, or today while it runs). A matrix evaluates only the units it
/// does not find (ADR-017). In memory, bounded by entries; <c>Evaluation:Cache=false</c> turns it off.
/// </summary>
public sealed class EvaluationCache : IDisposable
{
    private readonly MemoryCache? cache;

    public EvaluationCache(IConfiguration configuration)
    {
        if (configuration.GetValue("Evaluation:Cache", true))
        {
            cache = new MemoryCache(new MemoryCacheOptions { SizeLimit = configuration.GetValue("Evaluation:CacheEntries", 20_000) });
        }
    }

    public bool Enabled => cache is not null;

    public void Dispose() => cache?.Dispose();

    /// <summary>What an evaluation depends on. The system is the parsed definition (one object per stored text).</summary>
    public readonly record struct Key(UnitHeader Unit, long Stamp, IndicatorSystem System, int SystemId, int Year, DateOnly Today, bool WithRecords);

    /// <summary>An evaluation and, when it was asked for with them, the records around each automatic indicator.</summary>
    public sealed record Entry(Evaluation Evaluation, IReadOnlyDictionary<string, IReadOnlyList<EvidenceItem>> Records);

    public Entry? Find(in Key key) => cache is not null && cache.TryGetValue(key, out Entry? entry) ? entry : null;

    public void Keep(in Key key, Entry entry)
    {
        if (cache is null)
        {
            return;
        }

        // One unit of size per evaluation, and one more per 20 records listed with it: the size limit bounds memory.
        var size = 1 + (entry.Records.Values.Sum(r => r.Count) / 20);
        cache.Set(key, entry, new MemoryCacheEntryOptions { Size = size, SlidingExpiration = TimeSpan.FromHours(1) });
    }
}
