using System.Collections.Concurrent;
using System.Reflection;

namespace WuHao.Web.Features.Shared;

/// <summary>
/// What a printout's running header names: the unit the page shows and the year it is about. Read from the
/// page's model by the names the pages already use, so no page has to say it twice: a <c>Unit</c> with a
/// <c>Name</c> (the record and list pages, the evaluation) and a <c>Year</c> (or a <c>Choice</c> with one). A page
/// that shows no unit prints the year alone; one that shows no year prints this year.
/// </summary>
public sealed record PrintHeading(string? Unit, int Year)
{
    private static readonly ConcurrentDictionary<Type, Func<object, (string?, int?)>> Readers = new();

    public static PrintHeading Of(object? model, DateOnly today)
    {
        if (model is null)
        {
            return new PrintHeading(null, today.Year);
        }

        var (unit, year) = Readers.GetOrAdd(model.GetType(), Reader)(model);
        return new PrintHeading(string.IsNullOrEmpty(unit) ? null : unit, year ?? today.Year);
    }

    private static Func<object, (string?, int?)> Reader(Type type)
    {
        var unit = Property(type, "Unit");
        var unitName = unit is null ? null : Property(unit.PropertyType, "Name");
        var year = Property(type, "Year");
        var choice = year is null ? Property(type, "Choice") : null;
        var choiceYear = choice is null ? null : Property(choice.PropertyType, "Year");
        return model =>
        {
            var name = unit?.GetValue(model) is { } u ? unitName?.GetValue(u) as string : null;
            var y = year?.GetValue(model) as int?
                ?? (choice?.GetValue(model) is { } c ? choiceYear?.GetValue(c) as int? : null);
            return (name, y is >= 2000 and <= 2100 ? y : null);
        };
    }

    private static PropertyInfo? Property(Type type, string name) =>
        type.GetProperty(name, BindingFlags.Public | BindingFlags.Instance) is { GetMethod: not null } p && p.GetIndexParameters().Length == 0 ? p : null;
}
