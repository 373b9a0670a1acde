using System.Collections.Concurrent;
using System.ComponentModel.DataAnnotations;
using System.Reflection;

namespace WuHao.Web.Infrastructure.Web;

/// <summary>The Chinese label of each field of an input record, from its [Display] names (for histories and conflicts).</summary>
public static class FieldLabels
{
    private static readonly ConcurrentDictionary<Type, IReadOnlyDictionary<string, string>> Cache = new();

    public static IReadOnlyDictionary<string, string> Of<TInput>() => Of(typeof(TInput));

    public static IReadOnlyDictionary<string, string> Of(Type input) => Cache.GetOrAdd(input, t =>
        t.GetProperties(BindingFlags.Public | BindingFlags.Instance)
            .Select(p => (p.Name, Label: p.GetCustomAttribute<DisplayAttribute>()?.Name))
            .Where(p => p.Label is not null)
            .ToDictionary(p => p.Name, p => p.Label!));
}
