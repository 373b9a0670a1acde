using System.ComponentModel.DataAnnotations;
using Microsoft.EntityFrameworkCore;
using WuHao.Web.Data;
using WuHao.Web.Domain;
using WuHao.Web.Infrastructure.Authorization;
using WuHao.Web.Infrastructure.Web;

namespace WuHao.Web.Features.Units;

/// <summary>A unit as a form or JSON body carries it (R-0.1).</summary>
public sealed record UnitInput : IRecordInput
{
    [Display(Name = "代码"), Required(ErrorMessage = Msg.Required), StringLength(40, ErrorMessage = Msg.Length),
     RegularExpression("^[0-9A-Za-z-]+$", ErrorMessage = "代码只能包含数字、字母和横线")]
    public string? Code { get; set; }

    [Display(Name = "名称"), Required(ErrorMessage = Msg.Required), StringLength(100, ErrorMessage = Msg.Length)]
    public string? Name { get; set; }

    /// <summary>region (自治区), league (盟市), banner (旗县), township, village, community, farm or school.</summary>
    [Display(Name = "类型"), Required(ErrorMessage = Msg.Choose)]
    public string? Type { get; set; }

    [Display(Name = "上级单位")]
    public int? ParentId { get; set; }

    [Display(Name = "关工委成立日期")]
    public DateOnly? CommitteeFoundedOn { get; set; }

    public int Version { get; set; }
}

/// <summary>The read model of a unit. unitId is the unit's own id (a unit's records belong to it).</summary>
public sealed record UnitDto(
    int Id, int UnitId, int Version, DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt,
    string Code, string Name, string Type, int? ParentId, DateOnly? CommitteeFoundedOn);

/// <summary>Creating and editing units: admin and banner staff, within their scope.</summary>
public sealed class UnitCommands(AppDbContext db, OrgScope orgScope, TimeProvider time)
{
    public static readonly System.Linq.Expressions.Expression<Func<OrgUnit, UnitDto>> Project = u =>
        new UnitDto(u.Id, u.Id, u.Version, u.CreatedAt, u.UpdatedAt, u.Code, u.Name, OrgUnit.ApiName(u.Type), u.ParentId, u.CommitteeFoundedOn);

    public static UnitInput ToInput(OrgUnit u) => new()
    {
        Code = u.Code, Name = u.Name, Type = OrgUnit.ApiName(u.Type), ParentId = u.ParentId,
        CommitteeFoundedOn = u.CommitteeFoundedOn, Version = u.Version,
    };

    public async Task<CommandResult<OrgUnit>> CreateAsync(UnitInput input, CancellationToken ct)
    {
        var scope = await orgScope.CurrentAsync(ct);
        var parent = input.ParentId is { } pid ? await db.Units.VisibleTo(scope).FirstOrDefaultAsync(u => u.Id == pid, ct) : null;
        if (input.ParentId is not null && parent is null)
        {
            return new(CommandStatus.NotFound);
        }

        var errors = await ValidateAsync(input, null, parent, scope, ct);
        if (!errors.IsValid)
        {
            return new(CommandStatus.Invalid, Errors: errors);
        }

        var unit = new OrgUnit { Code = input.Code!.Trim(), Name = input.Name!.Trim() };
        Apply(input, unit);
        await UnitTree.AddAsync(db, unit, parent, ct);
        return new(CommandStatus.Ok, unit);
    }

    public async Task<CommandResult<OrgUnit>> UpdateAsync(int id, UnitInput input, CancellationToken ct)
    {
        var scope = await orgScope.CurrentAsync(ct);
        var unit = await db.Units.VisibleTo(scope).FirstOrDefaultAsync(u => u.Id == id, ct);
        if (unit is null)
        {
            return new(CommandStatus.NotFound);
        }

        var parent = input.ParentId is { } pid ? await db.Units.FirstOrDefaultAsync(u => u.Id == pid, ct) : null;
        var errors = await ValidateAsync(input, unit, parent, scope, ct);
        if (!errors.IsValid)
        {
            return new(CommandStatus.Invalid, Errors: errors);
        }

        if (unit.Version != input.Version)
        {
            return new(CommandStatus.Conflict, unit);
        }

        Apply(input, unit);
        var moved = parent is not null && parent.Id != unit.ParentId;
        if (moved)
        {
            await UnitTree.MoveAsync(db, unit, parent!, ct);
        }

        if (!(moved || db.Entry(unit).Property(u => u.Type).OriginalValue != unit.Type) || !await UnitTree.RebannerAsync(db, unit, parent, ct))
        {
            return await db.SaveVersionAsync(unit, input.Version, ct);
        }

        // Another banner (ADR-016): the subtree's records take its id in the same transaction as the units.
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var result = await db.SaveVersionAsync(unit, input.Version, ct);
        if (result.Status == CommandStatus.Ok)
        {
            await BannerColumn.RewriteAsync(db, unit.Path, ct);
            await tx.CommitAsync(ct);
        }

        return result;
    }

    private static void Apply(UnitInput input, OrgUnit unit)
    {
        unit.Code = input.Code!.Trim();
        unit.Name = input.Name!.Trim();
        unit.Type = OrgUnit.TryParseApiName(input.Type, out var type) ? type : unit.Type;
        unit.CommitteeFoundedOn = input.CommitteeFoundedOn;
    }

    private async Task<ValidationErrors> ValidateAsync(UnitInput input, OrgUnit? existing, OrgUnit? parent, UnitScope scope, CancellationToken ct)
    {
        var errors = ValidationErrors.FromAnnotations(input);
        if (!errors.IsValid)
        {
            return errors;
        }

        if (!OrgUnit.TryParseApiName(input.Type, out var type))
        {
            errors.Add(nameof(input.Type), $"类型“{input.Type}”无效，可选：{string.Join("、", Enum.GetValues<UnitType>().Select(OrgUnit.ApiName))}");
            return errors;
        }

        Check.NotAfter(errors, nameof(input.CommitteeFoundedOn), "关工委成立日期", input.CommitteeFoundedOn, time.Today());
        var isRoot = existing is not null && existing.ParentId is null;
        if (parent is null && !isRoot)
        {
            if (input.ParentId is not null || !scope.Everything)
            {
                errors.Add(nameof(input.ParentId), "请选择上级单位");
            }
        }
        else if (isRoot && input.ParentId is not null)
        {
            errors.Add(nameof(input.ParentId), "最上级单位不能移到其他单位之下");
        }

        if (parent is not null)
        {
            if (!scope.Covers(parent.Path))
            {
                errors.Add(nameof(input.ParentId), "上级单位不在您的管理范围内");
            }
            else if (existing is not null && parent.Path.StartsWith(existing.Path, StringComparison.Ordinal))
            {
                errors.Add(nameof(input.ParentId), "不能把单位移到它自己或它的下级单位之下");
            }
            else if (!OrgUnit.MayContain(parent.Type, type))
            {
                errors.Add(nameof(input.Type), $"{OrgUnit.TypeName(parent.Type)}之下不能设{OrgUnit.TypeName(type)}");
            }
        }
        if (existing is not null && type != existing.Type)
        {
            var childTypes = await db.Units.Where(u => u.ParentId == existing.Id).Select(u => u.Type).Distinct().ToListAsync(ct);
            if (childTypes.Any(c => !OrgUnit.MayContain(type, c)))
            {
                errors.Add(nameof(input.Type), "已有下级单位，不能改成这种类型");
            }
        }

        var code = input.Code!.Trim();
        if (await db.Units.AnyAsync(u => u.Code == code && u.Id != (existing == null ? 0 : existing.Id), ct))
        {
            errors.Add(nameof(input.Code), $"代码“{code}”已被其他单位使用");
        }

        return errors;
    }
}
