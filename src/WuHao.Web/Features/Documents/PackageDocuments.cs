using WuHao.Web.Features.Indicators;

namespace WuHao.Web.Features.Documents;

/// <summary>Whether a package document is written once per unit below the township or once for the township itself.</summary>
public enum PackageScope
{
    /// <summary>One file per unit below the township (its 自查报告, its dossier).</summary>
    EachUnit,

    /// <summary>One file for the township (the summary table, the 验收报告).</summary>
    Township,
}

/// <summary>
/// One kind of file in the township's one-click acceptance package. Each document feature registers
/// its writer as a scoped <see cref="IPackageDocument"/>; the package job asks every registered writer for its
/// file, so adding a document to the package is one registration line, and a page, the API and the package all
/// produce the same bytes from the same writer. Sensitive fields are always masked in the package and youth
/// cases appear only as counts.
/// </summary>
public interface IPackageDocument
{
    PackageScope Scope { get; }

    /// <summary>The file's name inside the zip, without folder, e.g. <c>自查报告.docx</c>.</summary>
    string FileName(UnitHeader unit, int year);

    /// <summary>Writes the document for <paramref name="unit"/> (the township itself when <see cref="Scope"/> is Township).</summary>
    Task WriteAsync(UnitHeader unit, int year, Stream output, CancellationToken ct);
}
