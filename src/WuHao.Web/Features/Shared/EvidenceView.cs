using WuHao.Web.Infrastructure.Files;

namespace WuHao.Web.Features.Shared;

/// <summary>What the upload control (Shared/_Evidence) shows: the saved files, which are kept, and the file inputs.</summary>
/// <param name="Files">The record's files as saved.</param>
/// <param name="Kept">The ids the form still keeps (Input.FileIds).</param>
/// <param name="CanEdit">Whether files can be added and removed.</param>
/// <param name="Photos">Offer the camera first (activities): the phone's camera opens from the file input.</param>
/// <param name="MaxText">The size limit, e.g. "20 MB".</param>
/// <param name="NotSaved">Files chosen in a refused post: they must be chosen again (without JavaScript).</param>
/// <param name="Label">The legend above the control.</param>
public sealed record EvidenceView(IReadOnlyList<FileRef> Files, IReadOnlyList<int> Kept, bool CanEdit, bool Photos, string MaxText, int NotSaved, string Label = "证明材料")
{
    /// <summary>The request item by which the upload control asks the layout for wwwroot/js/evidence.js.</summary>
    public const string ScriptKey = "wuhao:evidence-script";
}

/// <summary>What Shared/_DeleteAndHistory needs.</summary>
public sealed record RecordFooter(int? Id, bool CanEdit, string EntityType, IReadOnlyDictionary<string, string> Labels, int Version, string Confirm);

