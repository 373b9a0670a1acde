using System.Linq.Expressions;
using WuHao.Web.Data;
using WuHao.Web.Domain;
using WuHao.Web.Domain.Indicators;

namespace WuHao.Web.Features.Indicators;

/// <summary>What the measures and the evidence list need to know of one kind of record, untyped.</summary>
public interface IRecordSource
{
    /// <summary>The API collection (<c>/api/v1/{collection}/{id}</c>) and the page that shows a record.</summary>
    string Collection { get; }

    /// <summary>Whether records can carry evidence files (<c>requireEvidence</c>).</summary>
    bool TakesEvidence { get; }

    IReadOnlyCollection<string> FilterFields { get; }

    /// <summary>Counts everything up to the window's end (rules in force, studios set up), not only the window.</summary>
    bool Cumulative { get; }

    /// <summary>Records of the units per request, counted in SQL (one grouped sub-select per request).</summary>
    IQueryable<MeasureRow> Count(AppDbContext db, IQueryable<int> units, int key, MeasureKey request, YearWindow window);

    /// <summary>The year of the latest record up to the window's end, per unit (<c>within</c>).</summary>
    IQueryable<MeasureRow> Latest(AppDbContext db, IQueryable<int> units, int key, MeasureKey request, YearWindow window);

    /// <summary>One unit's records around the window (a year either side), each with whether it has evidence and matches the filter.</summary>
    IQueryable<SourceRecord> Around(AppDbContext db, int unitId, int key, MeasureKey request, YearWindow window);
}

/// <summary>
/// One kind of record as the measures read it: where it lives, which date puts it in a year, its title, whether it
/// has evidence and which fields a filter may name. Written once as expressions; SQL is composed from them.
/// </summary>
public sealed class RecordSource<T> : IRecordSource where T : Entity, IUnitOwned
{
    public required string Collection { get; init; }
    public required Func<AppDbContext, IQueryable<T>> Set { get; init; }

    /// <summary>The day that places a record in a year (the work year's 1 January for records kept by year).</summary>
    public required Expression<Func<T, DateOnly>> Date { get; init; }

    /// <summary>True for records dated by a work year rather than a day (the window compares years).</summary>
    public Expression<Func<T, int>>? Year { get; init; }

    /// <summary>Counts everything up to the window's end, not only the window (rules in force, studios set up).</summary>
    public bool Cumulative { get; init; }

    public required Expression<Func<T, string>> Title { get; init; }
    public Expression<Func<T, bool>>? HasEvidence { get; init; }
    public IReadOnlyDictionary<string, Func<IReadOnlyList<string>, Expression<Func<T, bool>>>> Filters { get; init; } =
        new Dictionary<string, Func<IReadOnlyList<string>, Expression<Func<T, bool>>>>();

    public bool TakesEvidence => HasEvidence is not null;
    public IReadOnlyCollection<string> FilterFields => [.. Filters.Keys];

    public Expression<Func<T, bool>> InWindow(YearWindow window)
    {
        if (Year is not null)
        {
            var (fromYear, toYear) = (window.FromYear, window.ToYear);
            var p = Year.Parameters[0];
            var year = Year.Body;
            Expression test = Expression.LessThanOrEqual(year, Expression.Constant(toYear));
            if (!Cumulative)
            {
                test = Expression.AndAlso(Expression.GreaterThanOrEqual(year, Expression.Constant(fromYear)), test);
            }

            return Expression.Lambda<Func<T, bool>>(test, p);
        }

        var (from, to) = (window.From, window.To);
        var d = Date.Parameters[0];
        var date = Date.Body;
        Expression dated = Expression.LessThanOrEqual(date, Expression.Constant(to));
        if (!Cumulative)
        {
            dated = Expression.AndAlso(Expression.GreaterThanOrEqual(date, Expression.Constant(from)), dated);
        }

        return Expression.Lambda<Func<T, bool>>(dated, d);
    }

    /// <summary>The filter and evidence conditions of a request (not the window).</summary>
    public Expression<Func<T, bool>> Matching(MeasureKey request) => Matching(request.Filter, request.RequireEvidence);

    public Expression<Func<T, bool>> Matching(MeasureFilter filter, bool requireEvidence)
    {
        Expression<Func<T, bool>> all = _ => true;
        foreach (var (field, values) in filter.Fields)
        {
            if (Filters.TryGetValue(field, out var condition))
            {
                all = all.And(condition(values));
            }
        }

        if (requireEvidence && HasEvidence is not null)
        {
            all = all.And(HasEvidence);
        }

        return all;
    }

    private IQueryable<T> InScope(AppDbContext db, IQueryable<int> units) => Set(db).Where(r => units.Contains(r.UnitId));

    public IQueryable<T> Counted(AppDbContext db, IQueryable<int> units, MeasureKey request, YearWindow window) =>
        InScope(db, units).Where(InWindow(window)).Where(Matching(request));

    public IQueryable<MeasureRow> Count(AppDbContext db, IQueryable<int> units, int key, MeasureKey request, YearWindow window) =>
        InScope(db, units).Where(InWindow(window)).Where(Matching(request))
            .GroupBy(r => r.UnitId)
            .Select(g => new MeasureRow { Key = key, Part = MeasureParts.Value, UnitId = g.Key, Number = g.Count(), Text = "" });

    public IQueryable<MeasureRow> Latest(AppDbContext db, IQueryable<int> units, int key, MeasureKey request, YearWindow window)
    {
        var to = window.To;
        var p = Date.Parameters[0];
        var upTo = Expression.Lambda<Func<T, bool>>(Expression.LessThanOrEqual(Date.Body, Expression.Constant(to)), p);
        // The latest day as a sortable number yyyymmdd: one numeric column for every family of the UNION.
        var year = Expression.Lambda<Func<T, int>>(DayNumber(Date.Body), p);
        var grouped = InScope(db, units).Where(upTo).Where(Matching(request)).GroupBy(r => r.UnitId);
        var g = Expression.Parameter(typeof(IGrouping<int, T>), "g");
        var max = Expression.Call(typeof(Enumerable), nameof(Enumerable.Max), [typeof(T), typeof(int)], g, year);
        var row = Expression.Lambda<Func<IGrouping<int, T>, MeasureRow>>(
            Expression.MemberInit(
                Expression.New(typeof(MeasureRow)),
                Expression.Bind(typeof(MeasureRow).GetProperty(nameof(MeasureRow.Key))!, Expression.Constant(key)),
                Expression.Bind(typeof(MeasureRow).GetProperty(nameof(MeasureRow.Part))!, Expression.Constant(MeasureParts.Latest)),
                Expression.Bind(typeof(MeasureRow).GetProperty(nameof(MeasureRow.UnitId))!, Expression.Property(g, nameof(IGrouping<int, T>.Key))),
                Expression.Bind(typeof(MeasureRow).GetProperty(nameof(MeasureRow.Number))!, Expression.Convert(max, typeof(decimal))),
                Expression.Bind(typeof(MeasureRow).GetProperty(nameof(MeasureRow.Text))!, Expression.Constant(""))),
            g);
        return grouped.Select(row);
    }

    private static BinaryExpression DayNumber(Expression date) => Expression.Add(
        Expression.Add(
            Expression.Multiply(Expression.Property(date, nameof(DateOnly.Year)), Expression.Constant(10000)),
            Expression.Multiply(Expression.Property(date, nameof(DateOnly.Month)), Expression.Constant(100))),
        Expression.Property(date, nameof(DateOnly.Day)));

    public IQueryable<SourceRecord> Around(AppDbContext db, int unitId, int key, MeasureKey request, YearWindow window)
    {
        var wide = new YearWindow(window.FromYear - 1, window.ToYear + 1, window.AsOf);
        var r = Expression.Parameter(typeof(T), "r");
        Expression year = Year is not null ? Expr.Inline(Year, r) : Expression.Property(Expr.Inline(Date, r), nameof(DateOnly.Year));
        var project = Expression.Lambda<Func<T, SourceRecord>>(
            Expression.MemberInit(
                Expression.New(typeof(SourceRecord)),
                Expression.Bind(typeof(SourceRecord).GetProperty(nameof(SourceRecord.Key))!, Expression.Constant(key)),
                Expression.Bind(typeof(SourceRecord).GetProperty(nameof(SourceRecord.Id))!, Expression.Property(r, nameof(Entity.Id))),
                Expression.Bind(typeof(SourceRecord).GetProperty(nameof(SourceRecord.UnitId))!, Expression.Property(r, nameof(IUnitOwned.UnitId))),
                Expression.Bind(typeof(SourceRecord).GetProperty(nameof(SourceRecord.Date))!,
                    Year is not null ? Expression.Constant(null, typeof(DateOnly?)) : Expression.Convert(Expr.Inline(Date, r), typeof(DateOnly?))),
                Expression.Bind(typeof(SourceRecord).GetProperty(nameof(SourceRecord.Year))!, year),
                Expression.Bind(typeof(SourceRecord).GetProperty(nameof(SourceRecord.Title))!, Expr.Inline(Title, r)),
                Expression.Bind(typeof(SourceRecord).GetProperty(nameof(SourceRecord.HasEvidence))!,
                    HasEvidence is not null ? Expr.Inline(HasEvidence, r) : Expression.Constant(false)),
                Expression.Bind(typeof(SourceRecord).GetProperty(nameof(SourceRecord.Matches))!, Expr.Inline(Matching(request.Filter, requireEvidence: false), r))),
            r);
        return Set(db).Where(x => x.UnitId == unitId).Where(InWindow(wide)).Select(project);
    }
}
