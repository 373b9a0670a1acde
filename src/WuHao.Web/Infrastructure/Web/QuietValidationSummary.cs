using Microsoft.AspNetCore.Mvc.Rendering;
using Microsoft.AspNetCore.Mvc.ViewFeatures;
using Microsoft.AspNetCore.Razor.TagHelpers;

namespace WuHao.Web.Infrastructure.Web;

/// <summary>
/// A validation summary with nothing to say is not sent at all. The framework's version sends a hidden list with an
/// inline style attribute, which the Content-Security-Policy (style-src 'self') refuses, and bytes a phone need not load.
/// </summary>
[HtmlTargetElement("div", Attributes = "asp-validation-summary")]
public sealed class QuietValidationSummary : TagHelper
{
    /// <summary>After the framework's ValidationSummaryTagHelper.</summary>
    public override int Order => 1000;

    [HtmlAttributeName("asp-validation-summary")]
    public ValidationSummary Summary { get; set; }

    [ViewContext]
    [HtmlAttributeNotBound]
    public ViewContext ViewContext { get; set; } = null!;

    public override void Process(TagHelperContext context, TagHelperOutput output)
    {
        var state = ViewContext.ViewData.ModelState;
        var nothingToSay = Summary switch
        {
            ValidationSummary.All => state.ErrorCount == 0,
            ValidationSummary.ModelOnly => !state.TryGetValue(string.Empty, out var model) || model.Errors.Count == 0,
            _ => false,
        };
        if (nothingToSay)
        {
            output.SuppressOutput();
        }
    }
}
