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

    /// <summary>
    /// Every record the unit keeps for <paramref name="year"/>, whatever a rule reads (the dossier, R-7.1): dated in the
    /// year, or up to its end for the cumulative kinds (rules in force, studios set up). <see cref="SourceRecord.Matches"/> is true.
    /// </summary>
    IQueryable<SourceRecord> Kept(AppDbContext db, int unitId, int key, int year);

    /// <summary>The unit's records with these ids, and those created after <paramref name="createdAfter"/>: id, version and title (R-6.5 snapshots).</summary>
    IQueryable<RecordStamp> Stamps(AppDbContext db, int unitId, int key, IReadOnlyCollection<int> ids, DateTimeOffset? createdAfter);

    /// <summary>The evidence files of the unit's records with these ids, with their SHA-256; null when the records take no files.</summary>
    IQueryable<RecordStamp>? FileStamps(AppDbContext db, int unitId, int key, IReadOnlyCollection<int> ids);
}

/// <summary>A record (or one of its files) as a round's snapshot keeps it: which, its version, its title or file hash.</summary>
public sealed class RecordStamp
{
    /// <summary>The index of the collection in the batch.</summary>
    public int Key { get; init; }
    public int Id { get; init; }
    public int Version { get; init; }
    public DateTimeOffset CreatedAt { get; init; }

    /// <summary>The record's title; for a file, its SHA-256.</summary>
    public string Text { get; init; } = "";

    /// <summary>For a file: its id (<see cref="Id"/> is then the record's).</summary>
    public int FileId { get; init; }
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
        return Set(db).Where(x => x.UnitId == unitId).Where(InWindow(wide)).Select(Project(key, Matching(request.Filter, requireEvidence: false)));
    }

    public IQueryable<SourceRecord> Kept(AppDbContext db, int unitId, int key, int year) =>
        Set(db).Where(x => x.UnitId == unitId).Where(InWindow(new YearWindow(year, year, new DateOnly(year, 12, 31)))).Select(Project(key, _ => true));

    /// <summary>new SourceRecord { Key, Id, UnitId, Date, Year, Title, HasEvidence, Matches = matches(r) }.</summary>
    private Expression<Func<T, SourceRecord>> Project(int key, Expression<Func<T, bool>> matches)
    {
        var r = Expression.Parameter(typeof(T), "r");
        Expression year = Year is not null ? Expr.Inline(Year, r) : Expression.Property(Expr.Inline(Date, r), nameof(DateOnly.Year));
        return Expression.Lambda<Func<T, SourceRecord>>(
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
                Expression.Bind(typeof(SourceRecord).GetProperty(nameof(SourceRecord.Matches))!, Expr.Inline(matches, r))),
            r);
    }

    public IQueryable<RecordStamp> Stamps(AppDbContext db, int unitId, int key, IReadOnlyCollection<int> ids, DateTimeOffset? createdAfter)
    {
        var r = Expression.Parameter(typeof(T), "r");
        var project = Expression.Lambda<Func<T, RecordStamp>>(
            StampOf(key, r, Expression.Property(r, nameof(Entity.Version)), Expr.Inline(Title, r), Expression.Constant(0)), r);
        var mine = Set(db).Where(x => x.UnitId == unitId);
        return (createdAfter is { } after ? mine.Where(x => ids.Contains(x.Id) || x.CreatedAt > after) : mine.Where(x => ids.Contains(x.Id))).Select(project);
    }

    /// <summary>new RecordStamp { Key, Id = r.Id, Version, CreatedAt = r.CreatedAt, Text, FileId }.</summary>
    private static MemberInitExpression StampOf(int key, ParameterExpression r, Expression version, Expression text, Expression fileId)
    {
        static MemberAssignment Bind(string name, Expression value) => Expression.Bind(typeof(RecordStamp).GetProperty(name)!, value);
        return Expression.MemberInit(
            Expression.New(typeof(RecordStamp)),
            Bind(nameof(RecordStamp.Key), Expression.Constant(key)),
            Bind(nameof(RecordStamp.Id), Expression.Property(r, nameof(Entity.Id))),
            Bind(nameof(RecordStamp.Version), version),
            Bind(nameof(RecordStamp.CreatedAt), Expression.Property(r, nameof(Entity.CreatedAt))),
            Bind(nameof(RecordStamp.Text), text),
            Bind(nameof(RecordStamp.FileId), fileId));
    }

    public IQueryable<RecordStamp>? FileStamps(AppDbContext db, int unitId, int key, IReadOnlyCollection<int> ids)
    {
        if (typeof(T).GetProperty("Files") is not { } files || !typeof(IHasEvidence).IsAssignableFrom(typeof(T)))
        {
            return null;
        }

        // .SelectMany(r => r.Files, (r, f) => new RecordStamp { Key, Id = r.Id, Text = f.File.Sha256, FileId = f.FileId }): a join, not an APPLY (SQLite has none).
        var linkType = files.PropertyType.GetGenericArguments()[0];
        var r = Expression.Parameter(typeof(T), "r");
        var f = Expression.Parameter(linkType, "f");
        var collection = Expression.Lambda(typeof(Func<,>).MakeGenericType(typeof(T), typeof(IEnumerable<>).MakeGenericType(linkType)), Expression.Property(r, files), r);
        var result = Expression.Lambda(
            StampOf(key, r, Expression.Constant(0), Expression.Property(Expression.Property(f, nameof(FileLink.File)), nameof(StoredFile.Sha256)),
                Expression.Property(f, nameof(FileLink.FileId))),
            r, f);
        var source = Set(db).Where(x => x.UnitId == unitId && ids.Contains(x.Id));
        var call = Expression.Call(typeof(Queryable), nameof(Queryable.SelectMany), [typeof(T), linkType, typeof(RecordStamp)],
            source.Expression, Expression.Quote(collection), Expression.Quote(result));
        return source.Provider.CreateQuery<RecordStamp>(call);
    }
}
