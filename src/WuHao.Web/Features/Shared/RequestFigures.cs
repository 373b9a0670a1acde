using Microsoft.Extensions.Options;
using WuHao.Web.Data;
using WuHao.Web.Domain;
using WuHao.Web.Features.Elders;
using WuHao.Web.Features.Team;

namespace WuHao.Web.Features.Shared;

/// <summary>
/// The team flags and 五老 figures one request has already counted, so that a page asking the same question twice (the
/// home page's cards, its list of overdue 表彰会 and its deadlines) counts once (R-8.1: counted three times, the demo village's
/// home page took 41 SQL commands) and shows one number from one source. Scoped: a figure lives as long as the request that counted it.
/// The counting itself stays in <see cref="ElderFigures"/> and <see cref="TeamFigures"/>.
/// </summary>
public sealed class RequestFigures(AppDbContext db, IOptions<TeamOptions> options)
{
    private readonly Dictionary<(int Group, string Members, int Year, DateOnly Today), ElderUnitFigures?> elders = [];
    private readonly Dictionary<(int Unit, DateOnly Today), TeamFlags?> flags = [];
    private readonly List<TeamFlags> order = [];

    /// <summary><see cref="ElderFigures.ForGroupsAsync"/>, each group counted at most once per request.</summary>
    public async Task<IReadOnlyList<ElderUnitFigures>> EldersAsync(
        IReadOnlyDictionary<int, IReadOnlyCollection<int>> groups, int year, DateOnly today, CancellationToken ct)
    {
        static string Members(IReadOnlyCollection<int> ids) => string.Join(',', ids.Distinct().Order());
        var keys = groups.ToDictionary(g => g.Key, g => (g.Key, Members(g.Value), year, today));
        var missing = groups.Where(g => !elders.ContainsKey(keys[g.Key])).ToDictionary(g => g.Key, g => g.Value);
        if (missing.Count > 0)
        {
            var counted = (await ElderFigures.ForGroupsAsync(db, missing, year, today, ct)).ToDictionary(f => f.UnitId);
            foreach (var id in missing.Keys)
            {
                elders[keys[id]] = counted.GetValueOrDefault(id);
            }
        }

        // In the order of the groups, as ForGroupsAsync answers; a group whose unit does not exist has no figures.
        return [.. groups.Keys.Select(id => elders[keys[id]]).OfType<ElderUnitFigures>()];
    }

    /// <summary>
    /// The units among <paramref name="unitIds"/> whose 表彰会 is overdue, as <see cref="ElderFigures.OverdueCommendationsAsync"/>
    /// (each unit's own figures), with the group of all of them, <paramref name="rootId"/>'s figures, from the same counts.
    /// </summary>
    public async Task<(ElderUnitFigures? Total, IReadOnlyList<ElderUnitFigures> Overdue)> EldersWithOverdueAsync(
        int rootId, IReadOnlyCollection<int> unitIds, DateOnly today, CancellationToken ct)
    {
        var own = unitIds.Distinct().ToDictionary(id => id, id => (IReadOnlyCollection<int>)[id]);
        var rootIsAlone = own.Count == 1 && own.ContainsKey(rootId);
        var groups = new Dictionary<int, IReadOnlyCollection<int>>(own.Where(g => g.Key != rootId)) { [rootId] = unitIds };
        var figures = await EldersAsync(groups, today.Year, today, ct);
        var total = figures.FirstOrDefault(f => f.UnitId == rootId);
        var ownFigures = figures.Where(f => f.UnitId != rootId || rootIsAlone).ToList();
        if (own.ContainsKey(rootId) && !rootIsAlone && total is not null && ElderFigures.HoldsCommendations(total.UnitType))
        {
            // A unit that holds 表彰会 and has units below: its own figures are not its group's.
            ownFigures.AddRange(await EldersAsync(new Dictionary<int, IReadOnlyCollection<int>> { [rootId] = [rootId] }, today.Year, today, ct));
        }

        return (total, ElderFigures.Overdue(ownFigures));
    }

    /// <summary><see cref="TeamFigures.FlagsAsync(AppDbContext, IQueryable{int}, TeamOptions, DateOnly, CancellationToken)"/>, each unit's counted at most once per request.</summary>
    public async Task<IReadOnlyList<TeamFlags>> TeamFlagsAsync(IReadOnlyCollection<int> unitIds, DateOnly today, CancellationToken ct)
    {
        var missing = unitIds.Where(id => !flags.ContainsKey((id, today))).Distinct().ToList();
        if (missing.Count > 0)
        {
            // In the order FlagsAsync gives (by the units' paths); a unit counted before keeps its place.
            var counted = await TeamFigures.FlagsAsync(db, db.Units.Where(u => missing.Contains(u.Id)).Select(u => u.Id), options.Value, today, ct);
            foreach (var id in missing)
            {
                flags[(id, today)] = null;
            }

            foreach (var f in counted)
            {
                flags[(f.UnitId, today)] = f;
                order.Add(f);
            }
        }

        var wanted = unitIds.ToHashSet();
        return [.. order.Where(f => wanted.Contains(f.UnitId) && flags[(f.UnitId, today)] == f)];
    }
}
