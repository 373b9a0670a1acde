using System.Collections.Concurrent;
using System.ComponentModel;
using System.ComponentModel.DataAnnotations;
using System.Reflection;
using System.Text.Json;
using Microsoft.AspNetCore.Mvc.ModelBinding;

namespace WuHao.Web.Infrastructure.Web;

/// <summary>Field errors in Chinese, keyed by the input's property name; shared by pages and the API.</summary>
public sealed class ValidationErrors
{
    private readonly Dictionary<string, List<string>> errors = new(StringComparer.Ordinal);

    public bool IsValid => errors.Count == 0;

    public void Add(string field, string message)
    {
        if (!errors.TryGetValue(field, out var list))
        {
            errors[field] = list = [];
        }

        if (!list.Contains(message))
        {
            list.Add(message);
        }
    }

    /// <summary>Every message with its field, in the order they were added.</summary>
    public IEnumerable<(string Field, string Message)> All => errors.SelectMany(e => e.Value.Select(m => (e.Key, m)));

    /// <summary>The API's shape: camelCase field names.</summary>
    public Dictionary<string, string[]> ToApi() =>
        errors.ToDictionary(e => JsonNamingPolicy.CamelCase.ConvertName(e.Key), e => e.Value.ToArray());

    /// <summary>Into a page's ModelState, under the bound input's prefix; a message already there is not repeated.</summary>
    public void CopyTo(ModelStateDictionary modelState, string prefix = "Input")
    {
        foreach (var (field, messages) in errors)
        {
            var key = field.Length == 0 ? "" : $"{prefix}.{field}";
            var present = modelState.TryGetValue(key, out var entry) ? entry.Errors.Select(e => e.ErrorMessage).ToHashSet() : [];
            foreach (var message in messages.Where(m => !present.Contains(m)))
            {
                modelState.AddModelError(key, message);
            }
        }
    }

    /// <summary>
    /// The DataAnnotations of an input (the API and imports run them here; MVC runs them while binding pages), as
    /// <see cref="Validator.TryValidateObject(object, ValidationContext, ICollection{ValidationResult}?, bool)"/> does: per
    /// property, [Required] first and alone when it fails, then the other attributes. The attributes of each input type
    /// are looked up once, so that a spreadsheet of thousands of rows is not slowed down by reflection.
    /// </summary>
    public static ValidationErrors FromAnnotations(object input)
    {
        if (Rules.GetOrAdd(input.GetType(), RulesOf) is not { } rules)
        {
            return CheckText(input, FromValidator(input));
        }

        var result = CheckText(input, new ValidationErrors());
        var context = new ValidationContext(input);
        foreach (var rule in rules)
        {
            var value = rule.Property.GetValue(input);
            context.MemberName = rule.Property.Name;
            context.DisplayName = rule.DisplayName;
            if (rule.Required?.GetValidationResult(value, context) is { } missing && missing != ValidationResult.Success)
            {
                result.Add(rule.Property.Name, missing.ErrorMessage ?? "数据有误");
                continue;
            }

            foreach (var attribute in rule.Others)
            {
                if (attribute.GetValidationResult(value, context) is { } failed && failed != ValidationResult.Success)
                {
                    result.Add(rule.Property.Name, failed.ErrorMessage ?? "数据有误");
                }
            }
        }

        return result;
    }

    /// <summary>
    /// Hostile text (R-8.5): C0 control characters other than tab, line feed and the carriage return of a CRLF, and the
    /// bidirectional embeddings, overrides and isolates (U+202A–U+202E, U+2066–U+2069) that make a name or a text show
    /// differently from what is stored. Checked on every text field of every input, pages, API and imports alike.
    /// </summary>
    public static bool HasHiddenCharacters(ReadOnlySpan<char> text)
    {
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (c < ' ')
            {
                if (c is '\t' or '\n' || (c == '\r' && i + 1 < text.Length && text[i + 1] == '\n'))
                {
                    continue;
                }

                return true;
            }

            if (c is (>= '\u202A' and <= '\u202E') or (>= '\u2066' and <= '\u2069') or '\u007F')
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>The text fields (strings and lists of strings) of an input type, with their Chinese names.</summary>
    private static readonly ConcurrentDictionary<Type, (PropertyInfo Property, string DisplayName)[]> TextFields = new();

    private static ValidationErrors CheckText(object input, ValidationErrors result)
    {
        var fields = TextFields.GetOrAdd(input.GetType(), type => type.GetProperties(BindingFlags.Public | BindingFlags.Instance)
            .Where(p => p.CanRead && p.GetIndexParameters().Length == 0
                && (p.PropertyType == typeof(string) || typeof(IEnumerable<string>).IsAssignableFrom(p.PropertyType)))
            .Select(p => (p, DisplayNameOf(p)))
            .ToArray());
        foreach (var (property, name) in fields)
        {
            var hidden = property.GetValue(input) switch
            {
                string text => HasHiddenCharacters(text),
                IEnumerable<string?> texts => texts.Any(t => t is not null && HasHiddenCharacters(t)),
                _ => false,
            };
            if (hidden)
            {
                result.Add(property.Name, $"{name}含有看不见的控制字符或文字方向控制符，请删除后重新填写");
            }
        }

        return result;
    }

    private static string DisplayNameOf(PropertyInfo p) =>
        p.GetCustomAttribute<DisplayAttribute>()?.GetName() ?? p.GetCustomAttribute<DisplayNameAttribute>()?.DisplayName ?? p.Name;

    private sealed record PropertyRules(PropertyInfo Property, string DisplayName, RequiredAttribute? Required, ValidationAttribute[] Others);

    private static readonly ConcurrentDictionary<Type, PropertyRules[]?> Rules = new();

    /// <summary>The annotated properties of an input type; null when the type validates itself (class attributes, IValidatableObject).</summary>
    private static PropertyRules[]? RulesOf(Type type)
    {
        if (typeof(IValidatableObject).IsAssignableFrom(type) || type.GetCustomAttributes<ValidationAttribute>(inherit: true).Any())
        {
            return null;
        }

        return type.GetProperties(BindingFlags.Public | BindingFlags.Instance)
            .Where(p => p.CanRead && p.GetIndexParameters().Length == 0)
            .Select(p => (Property: p, Attributes: p.GetCustomAttributes<ValidationAttribute>(inherit: true).ToArray()))
            .Where(p => p.Attributes.Length > 0)
            .Select(p => new PropertyRules(
                p.Property,
                DisplayNameOf(p.Property),
                p.Attributes.OfType<RequiredAttribute>().FirstOrDefault(),
                p.Attributes.Where(a => a is not RequiredAttribute).ToArray()))
            .ToArray();
    }

    private static ValidationErrors FromValidator(object input)
    {
        var result = new ValidationErrors();
        var results = new List<ValidationResult>();
        Validator.TryValidateObject(input, new ValidationContext(input), results, validateAllProperties: true);
        foreach (var r in results)
        {
            foreach (var member in r.MemberNames.DefaultIfEmpty(""))
            {
                result.Add(member, r.ErrorMessage ?? "数据有误");
            }
        }

        return result;
    }
}

/// <summary>Chinese messages for the attributes used on inputs. Use as ErrorMessage = Msg.Required.</summary>
public static class Msg
{
    public const string Required = "请填写{0}";
    public const string Choose = "请选择{0}";
    public const string Length = "{0}不能超过{1}个字";
    public const string Range = "{0}应在{1}到{2}之间";
    public const string Phone = "{0}格式不正确，只能包含数字、空格、加号和横线，7到20位";
    public const string PhonePattern = @"^[0-9+\- ]{7,20}$";
}
