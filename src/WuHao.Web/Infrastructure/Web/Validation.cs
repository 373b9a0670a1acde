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
            return FromValidator(input);
        }

        var result = new ValidationErrors();
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
                p.Property.GetCustomAttribute<DisplayAttribute>()?.GetName() ?? p.Property.GetCustomAttribute<DisplayNameAttribute>()?.DisplayName ?? p.Property.Name,
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
