namespace WuHao.Web.Infrastructure.Web;

public static class Text
{
    /// <summary>Trimmed text, or null for empty and blank input.</summary>
    public static string? Clean(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();
}
