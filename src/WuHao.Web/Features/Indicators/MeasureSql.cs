using System.Linq.Expressions;
using WuHao.Web.Domain;

namespace WuHao.Web.Features.Indicators;

/// <summary>
/// One number of one measure request for one unit, as the database returns it. Every measure family projects
/// onto this one shape, so all of them travel in a single UNION ALL command.
/// </summary>
public sealed class MeasureRow
{
    /// <summary>The index of the request in the batch.</summary>
    public int Key { get; init; }

    /// <summary>Which number of the request: <see cref="MeasureParts"/>.</summary>
    public int Part { get; init; }
    public int UnitId { get; init; }
    public decimal Number { get; init; }

    /// <summary>The member of a set (a rule type, a work-cycle stage, an organisation); "" for numbers.</summary>
    public string Text { get; init; } = "";
}

/// <summary>The parts a measure request may return.</summary>
public static class MeasureParts
{
    /// <summary>The count, sum, or numerator of a ratio; for sets, one row per member.</summary>
    public const int Value = 0;

    /// <summary>The denominator of a ratio; the year-before value of a growth.</summary>
    public const int Base = 1;

    /// <summary>The year of the latest occurrence up to the window's end (for <c>within</c>).</summary>
    public const int Latest = 2;
}

/// <summary>Small expression helpers: the measure sources are written once as expressions and composed here.</summary>
internal static class Expr
{
    public static Expression<Func<T, bool>> And<T>(this Expression<Func<T, bool>> left, Expression<Func<T, bool>> right)
    {
        var body = Expression.AndAlso(left.Body, Replace(right.Body, right.Parameters[0], left.Parameters[0]));
        return Expression.Lambda<Func<T, bool>>(body, left.Parameters[0]);
    }

    /// <summary>The body of <paramref name="lambda"/> with its parameter replaced by <paramref name="parameter"/>.</summary>
    public static Expression Inline<T, TResult>(Expression<Func<T, TResult>> lambda, ParameterExpression parameter) =>
        Replace(lambda.Body, lambda.Parameters[0], parameter);

    private static Expression Replace(Expression body, ParameterExpression from, Expression to) => new Replacer(from, to).Visit(body);

    private sealed class Replacer(ParameterExpression from, Expression to) : ExpressionVisitor
    {
        protected override Expression VisitParameter(ParameterExpression node) => node == from ? to : base.VisitParameter(node);
    }
}

/// <summary>A window of whole calendar years, and the day on which states (active 五老, serving members) are read.</summary>
public readonly record struct YearWindow(int FromYear, int ToYear, DateOnly AsOf)
{
    public DateOnly From => new(FromYear, 1, 1);
    public DateOnly To => new(ToYear, 12, 31);

    /// <summary>The years ending with <paramref name="year"/>; states are read at the year's end, or today while it runs.</summary>
    public static YearWindow Ending(int year, int years, DateOnly today) =>
        new(year - Math.Max(1, years) + 1, year, ElderRules.YearEnd(year, today));
}

/// <summary>A record of a source as the evidence list shows it: counted or not, and why.</summary>
public sealed class SourceRecord
{
    /// <summary>The index of the measure key in the batch.</summary>
    public int Key { get; init; }
    public int Id { get; init; }
    public int UnitId { get; init; }
    public DateOnly? Date { get; init; }
    public int Year { get; init; }
    public string Title { get; init; } = "";
    public bool HasEvidence { get; init; }
    public bool Matches { get; init; }
}
