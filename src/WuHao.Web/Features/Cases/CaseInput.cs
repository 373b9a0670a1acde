using System.ComponentModel.DataAnnotations;
using WuHao.Web.Infrastructure.Web;

namespace WuHao.Web.Features.Cases;

/// <summary>A case as a form or a JSON body carries it. Masked values sent back unchanged keep what is stored.</summary>
public sealed record YouthCaseInput : IRecordInput
{
    [Display(Name = "姓名"), Required(ErrorMessage = Msg.Required), StringLength(50, ErrorMessage = Msg.Length)]
    public string? Name { get; set; }

    [Display(Name = "性别"), Required(ErrorMessage = Msg.Choose)]
    public string? Gender { get; set; }

    [Display(Name = "出生日期"), Required(ErrorMessage = Msg.Required)]
    public DateOnly? BirthDate { get; set; }

    [Display(Name = "身份证号"), StringLength(30, ErrorMessage = Msg.Length)]
    public string? IdNumber { get; set; }

    [Display(Name = "学校"), StringLength(100, ErrorMessage = Msg.Length)]
    public string? School { get; set; }

    [Display(Name = "年级"), StringLength(20, ErrorMessage = Msg.Length)]
    public string? Grade { get; set; }

    [Display(Name = "家庭住址"), StringLength(200, ErrorMessage = Msg.Length)]
    public string? Address { get; set; }

    [Display(Name = "困境类别")]
    public List<string> Categories { get; set; } = [];

    [Display(Name = "监护人"), Required(ErrorMessage = Msg.Required), StringLength(50, ErrorMessage = Msg.Length)]
    public string? Guardian { get; set; }

    [Display(Name = "与监护人关系")]
    public string? GuardianRelation { get; set; }

    [Display(Name = "监护人电话"), StringLength(20, ErrorMessage = Msg.Length)]
    public string? GuardianPhone { get; set; }

    [Display(Name = "基本情况"), StringLength(4000, ErrorMessage = Msg.Length)]
    public string? Situation { get; set; }

    [Display(Name = "主要需求"), StringLength(4000, ErrorMessage = Msg.Length)]
    public string? Needs { get; set; }

    /// <summary>The 五老 of the unit's roster paired with the child .</summary>
    [Display(Name = "结对“五老”")]
    public List<int> ElderIds { get; set; } = [];

    /// <summary>Paired people outside the roster, by name.</summary>
    [Display(Name = "名册外结对人员"), StringLength(200, ErrorMessage = Msg.Length)]
    public string? PairedElders { get; set; }

    /// <summary>open or closed.</summary>
    [Display(Name = "状态")]
    public string? Status { get; set; }

    [Display(Name = "结案日期")]
    public DateOnly? ClosedOn { get; set; }

    [Display(Name = "结案原因"), StringLength(100, ErrorMessage = Msg.Length)]
    public string? CloseReason { get; set; }

    public int Version { get; set; }
}

/// <summary>The API's read model of a case: sensitive fields masked unless listed in <c>revealed</c>.</summary>
public sealed record YouthCaseDto(
    int Id, int UnitId, int Version, DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt,
    string Name, string Gender, DateOnly BirthDate, string IdNumber, string? School, string? Grade, string Address,
    IReadOnlyList<string> Categories, string? Guardian, string? GuardianRelation, string GuardianPhone,
    string? Situation, string? Needs, string? PairedElders, string Status, DateOnly? ClosedOn, string? CloseReason,
    bool Anonymised, IReadOnlyList<string> Revealed,
    IReadOnlyList<int> ElderIds, IReadOnlyList<string> ElderNames)
{
    /// <summary>Everyone paired with the child: the 五老 of the roster, then the others by name (pages and export; not in the API).</summary>
    [System.Text.Json.Serialization.JsonIgnore]
    public string? PairedText => string.Join("、", ElderNames.Append(PairedElders ?? "").Where(n => n.Length > 0)) is { Length: > 0 } t ? t : null;
}
