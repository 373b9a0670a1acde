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

/// <summary>
/// The Chinese words a form shows for a field's technical values, e.g. <c>[ValueWords("income", "收入", "spending", "支出")]</c>:
/// the API keeps the technical value (API.md), an Excel export writes the word and an import reads either.
/// </summary>
[AttributeUsage(AttributeTargets.Property)]
public sealed class ValueWordsAttribute : Attribute
{
    public ValueWordsAttribute(params string[] valueThenWord)
    {
        var words = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var i = 0; i + 1 < valueThenWord.Length; i += 2)
        {
            words[valueThenWord[i]] = valueThenWord[i + 1];
        }

        Words = words;
        Values = words.ToDictionary(w => w.Value, w => w.Key, StringComparer.Ordinal);
    }

    /// <summary>Technical value → word.</summary>
    public IReadOnlyDictionary<string, string> Words { get; }

    /// <summary>Word → technical value.</summary>
    public IReadOnlyDictionary<string, string> Values { get; }

    public static ValueWordsAttribute? Of(Type input, string property) =>
        input.GetProperty(property, BindingFlags.Public | BindingFlags.Instance)?.GetCustomAttribute<ValueWordsAttribute>();
}
