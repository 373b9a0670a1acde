using Microsoft.EntityFrameworkCore;
using WuHao.Web.Data;
using WuHao.Web.Domain;
using WuHao.Web.Domain.Indicators;
using WuHao.Web.Features.Team;

namespace WuHao.Web.Features.Indicators;

/// <summary>What the measures need to know of a unit beyond its records: its type (required team positions) and since when its committee exists.</summary>
public sealed record UnitHeader(int Id, string Name, UnitType Type, string Path, int? ParentId, DateOnly Since);

public static partial class MeasureQueries
{
    /// <summary>
    /// The values of <paramref name="keys"/> for every unit of <paramref name="units"/> in the evaluated
    /// <paramref name="year"/>: ONE database command for all keys and all units (a UNION ALL of one grouped
    /// sub-select per key), then plain C# to shape the numbers.
    /// </summary>
    public static async Task<IReadOnlyDictionary<int, MeasureValues>> FetchAsync(
        AppDbContext db, IQueryable<int> units, IReadOnlyList<UnitHeader> headers, IReadOnlyList<MeasureKey> keys,
        int year, DateOnly today, TeamOptions team, CancellationToken ct)
    {
        var result = headers.ToDictionary(h => h.Id, _ => new MeasureValues());
        if (keys.Count == 0 || headers.Count == 0)
        {
            return result;
        }

        IQueryable<MeasureRow>? union = null;
        for (var i = 0; i < keys.Count; i++)
        {
            foreach (var part in Rows(db, units, i, keys[i], year, today, team))
            {
                union = union is null ? part : union.Concat(part);
            }
        }

        var rows = union is null ? [] : await union.ToListAsync(ct);
        var byKey = rows.ToLookup(r => (r.Key, r.UnitId));
        for (var i = 0; i < keys.Count; i++)
        {
            var key = keys[i];
            var measure = MeasureCatalogue.Find(key.Measure)!;
            foreach (var header in headers)
            {
                var own = byKey[(i, header.Id)].ToList();
                var value = key.Measure == "teamVacancies"
                    ? MeasureValue.Count(Vacancies(own, header, year, today, team))
                    : Shape(measure.Kind, key.Aspect, own);
                result[header.Id].Set(key, value);
            }
        }

        return result;
    }

    private static MeasureValue Shape(MeasureKind kind, MeasureAspect aspect, List<MeasureRow> rows)
    {
        decimal Sum(int part) => rows.Where(r => r.Part == part).Sum(r => r.Number);
        if (aspect == MeasureAspect.Latest)
        {
            var latest = rows.Where(r => r.Part == MeasureParts.Latest).Select(r => (int)r.Number).DefaultIfEmpty(0).Max();
            return MeasureValue.LatestOn(latest == 0 ? null : new DateOnly(latest / 10000, latest / 100 % 100, latest % 100));
        }

        return kind switch
        {
            MeasureKind.Set => MeasureValue.Set(rows.Where(r => r.Part == MeasureParts.Value).Select(r => r.Text)),
            MeasureKind.Ratio => MeasureValue.Ratio((int)Sum(MeasureParts.Value), (int)Sum(MeasureParts.Base)),
            MeasureKind.Level => MeasureValue.Level(Sum(MeasureParts.Value), Sum(MeasureParts.Base)),
            MeasureKind.Sum => MeasureValue.Sum(Sum(MeasureParts.Value)),
            _ => MeasureValue.Count(Sum(MeasureParts.Value)),
        };
    }

    /// <summary>Flagged vacancies at the reference day, by the same query and rule as the team page .</summary>
    private static int Vacancies(List<MeasureRow> rows, UnitHeader unit, int year, DateOnly today, TeamOptions team)
    {
        var counts = rows.GroupBy(r => r.Text).Select(g => new PositionCount
        {
            UnitId = unit.Id,
            Position = g.Key,
            Serving = (int)g.Where(r => r.Part == MeasureParts.Value).Sum(r => r.Number),
            LastEnd = (int)g.Where(r => r.Part == MeasureParts.Latest).Sum(r => r.Number),
        });
        return TeamFigures.Vacancies(unit.Type, counts, team, ElderRules.YearEnd(year, today), unit.Since).Count(v => v.Flagged);
    }

    /// <summary>The grouped sub-selects of one key.</summary>
    private static IEnumerable<IQueryable<MeasureRow>> Rows(
        AppDbContext db, IQueryable<int> units, int k, MeasureKey key, int year, DateOnly today, TeamOptions team)
    {
        var (fromYear, toYear) = key.Years(year);
        var window = new YearWindow(fromYear, toYear, ElderRules.YearEnd(year, today));
        var filter = key.Filter;
        if (key.Aspect == MeasureAspect.Latest && Sources.TryGetValue(key.Measure, out var dated))
        {
            yield return dated.Latest(db, units, k, key, window);
            yield break;
        }

        switch (key.Measure)
        {
            case "funds":
                yield return Source<FundEntry>("funds").Counted(db, units, key, window).GroupBy(r => r.UnitId)
                    .Select(g => new MeasureRow { Key = k, Part = MeasureParts.Value, UnitId = g.Key, Number = g.Sum(r => r.Amount), Text = "" });
                break;
            case "ruleDocuments":
                yield return Source<RuleDocument>("ruleDocuments").Counted(db, units, key, window).Select(r => new { r.UnitId, r.Type }).Distinct()
                    .Select(r => new MeasureRow { Key = k, Part = MeasureParts.Value, UnitId = r.UnitId, Number = 1, Text = r.Type });
                break;
            case "workCycle":
                yield return Source<WorkCycleEntry>("workCycle").Counted(db, units, key, window).Select(r => new { r.UnitId, r.Stage }).Distinct()
                    .Select(r => new MeasureRow { Key = k, Part = MeasureParts.Value, UnitId = r.UnitId, Number = 1, Text = r.Stage });
                break;
            case "activityMonths":
                yield return Source<Activity>("activities").Counted(db, units, key, window).Select(a => new { a.UnitId, a.Date.Year, a.Date.Month }).Distinct()
                    .GroupBy(a => a.UnitId)
                    .Select(g => new MeasureRow { Key = k, Part = MeasureParts.Value, UnitId = g.Key, Number = g.Count(), Text = "" });
                break;
            case "schoolJointActivities":
                {
                    var (from, to) = (window.From, window.To);
                    var joint = db.Activities.Where(a => a.SchoolLinkId != null && a.Date >= from && a.Date <= to)
                        .Where(Source<Activity>("activities").Matching(key));
                    yield return joint.Where(a => units.Contains(a.SchoolLink!.UnitId)).GroupBy(a => a.SchoolLink!.UnitId)
                        .Select(g => new MeasureRow { Key = k, Part = MeasureParts.Value, UnitId = g.Key, Number = g.Count(), Text = "" });
                    yield return joint.Where(a => units.Contains(a.SchoolLink!.SchoolUnitId)).GroupBy(a => a.SchoolLink!.SchoolUnitId)
                        .Select(g => new MeasureRow { Key = k, Part = MeasureParts.Value, UnitId = g.Key, Number = g.Count(), Text = "" });
                    break;
                }

            case "eldersActive":
                yield return ActiveElders(db, units, window.AsOf, filter).GroupBy(e => e.UnitId)
                    .Select(g => new MeasureRow { Key = k, Part = MeasureParts.Value, UnitId = g.Key, Number = g.Count(), Text = "" });
                break;
            case "elderGrowth":
                {
                    var before = ElderRules.YearEnd(year - 1, today);
                    yield return ActiveElders(db, units, window.AsOf, filter).GroupBy(e => e.UnitId)
                        .Select(g => new MeasureRow { Key = k, Part = MeasureParts.Value, UnitId = g.Key, Number = g.Count(), Text = "" });
                    yield return ActiveElders(db, units, before, filter).GroupBy(e => e.UnitId)
                        .Select(g => new MeasureRow { Key = k, Part = MeasureParts.Base, UnitId = g.Key, Number = g.Count(), Text = "" });
                    break;
                }

            case "eldersTrained":
                {
                    var (from, to) = (window.From, window.To);
                    var plan = filter.Values("inPartyPlan");
                    var trainees = db.TrainingTrainees.Where(t => t.Training!.Date >= from && t.Training.Date <= to
                        && (plan == null || plan.Contains(t.Training.InPartyPlan ? "是" : "否")));
                    var active = ActiveElders(db, units, window.AsOf, MeasureFilter.Empty);
                    yield return active.Where(e => trainees.Any(t => t.ElderId == e.Id)).GroupBy(e => e.UnitId)
                        .Select(g => new MeasureRow { Key = k, Part = MeasureParts.Value, UnitId = g.Key, Number = g.Count(), Text = "" });
                    yield return active.GroupBy(e => e.UnitId)
                        .Select(g => new MeasureRow { Key = k, Part = MeasureParts.Base, UnitId = g.Key, Number = g.Count(), Text = "" });
                    break;
                }

            case "eldersParticipating":
                {
                    var (from, to) = (window.From, window.To);
                    var activities = db.Activities.Where(a => a.Date >= from && a.Date <= to).Where(Source<Activity>("activities").Matching(key));
                    var active = db.Elders.Where(e => units.Contains(e.UnitId)).Where(ElderRules.ActiveDuring(from, to));
                    yield return active.Where(e => db.ActivityElders.Any(l => l.ElderId == e.Id && activities.Any(a => a.Id == l.ActivityId)))
                        .GroupBy(e => e.UnitId)
                        .Select(g => new MeasureRow { Key = k, Part = MeasureParts.Value, UnitId = g.Key, Number = g.Count(), Text = "" });
                    yield return active.GroupBy(e => e.UnitId)
                        .Select(g => new MeasureRow { Key = k, Part = MeasureParts.Base, UnitId = g.Key, Number = g.Count(), Text = "" });
                    break;
                }

            case "youthCasesHelped":
                {
                    var (from, to) = (window.From, window.To);
                    var categories = filter.Values("categories");
                    var kinds = filter.Values("helpKind");
                    var cases = db.YouthCases.Where(c => units.Contains(c.UnitId) && (c.ClosedOn == null || c.ClosedOn >= from)
                        && (categories == null || c.Categories.Any(v => categories.Contains(v.Value))));
                    yield return cases.Where(c => db.HelpActions.Any(h => h.CaseId == c.Id && h.Date >= from && h.Date <= to && (kinds == null || kinds.Contains(h.Kind))))
                        .GroupBy(c => c.UnitId)
                        .Select(g => new MeasureRow { Key = k, Part = MeasureParts.Value, UnitId = g.Key, Number = g.Count(), Text = "" });
                    yield return cases.GroupBy(c => c.UnitId)
                        .Select(g => new MeasureRow { Key = k, Part = MeasureParts.Base, UnitId = g.Key, Number = g.Count(), Text = "" });
                    break;
                }

            case "teamOrganisationsCovered":
                {
                    var day = window.AsOf;
                    IReadOnlyList<string> covered = Vocabulary.CoveredOrganisations;
                    yield return db.TeamMembers.Where(m => units.Contains(m.UnitId) && m.TermStart <= day && (m.TermEnd == null || m.TermEnd > day)
                            && covered.Contains(m.Affiliation))
                        .Select(m => new { m.UnitId, m.Affiliation }).Distinct()
                        .Select(m => new MeasureRow { Key = k, Part = MeasureParts.Value, UnitId = m.UnitId, Number = 1, Text = m.Affiliation });
                    break;
                }

            case "teamVacancies":
                {
                    var positions = TeamFigures.Positions(db, units, team, window.AsOf);
                    yield return positions.Select(p => new MeasureRow { Key = k, Part = MeasureParts.Value, UnitId = p.UnitId, Number = p.Serving, Text = p.Position });
                    yield return positions.Select(p => new MeasureRow { Key = k, Part = MeasureParts.Latest, UnitId = p.UnitId, Number = p.LastEnd, Text = p.Position });
                    break;
                }

            default:
                if (Sources.TryGetValue(key.Measure, out var source))
                {
                    yield return source.Count(db, units, k, key, window);
                }

                break;
        }
    }

    private static RecordSource<T> Source<T>(string measure) where T : Entity, IUnitOwned => (RecordSource<T>)Sources[measure];

    /// <summary>The 五老 of the units active on <paramref name="day"/> (<see cref="ElderRules.ActiveOnDay"/>).</summary>
    public static IQueryable<Elder> ActiveElders(AppDbContext db, IQueryable<int> units, DateOnly day, MeasureFilter filter)
    {
        var categories = filter.Values("category");
        return db.Elders.Where(e => units.Contains(e.UnitId) && (categories == null || categories.Contains(e.Category)))
            .Where(ElderRules.ActiveOnDay(day));
    }
}
