using System.ComponentModel.DataAnnotations;
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

    /// <summary>The DataAnnotations of an input (the API runs them here; MVC runs them while binding pages).</summary>
    public static ValidationErrors FromAnnotations(object input)
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
