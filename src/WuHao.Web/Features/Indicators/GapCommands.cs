using Microsoft.EntityFrameworkCore;
using WuHao.Web.Data;
using WuHao.Web.Domain;
using WuHao.Web.Infrastructure.Authorization;
using WuHao.Web.Infrastructure.Web;

namespace WuHao.Web.Features.Indicators;

/// <summary>Setting a 查遗补漏 item's owner and due date: the one command behind the evaluation page and <c>PUT /api/v1/gaps/{id}</c>.</summary>
public sealed class GapCommands(AppDbContext db, OrgScope orgScope, RecordCommands commands)
{
    public async Task<CommandResult<GapRecord>> UpdateAsync(int id, int? unitId, string? owner, DateOnly? dueDate, int version, CancellationToken ct)
    {
        var scope = await orgScope.CurrentAsync(ct);
        var gap = await db.Gaps.VisibleTo(scope).FirstOrDefaultAsync(g => g.Id == id && (unitId == null || g.UnitId == unitId), ct);
        if (gap is null)
        {
            return new(CommandStatus.NotFound);
        }

        if (!await commands.MayEditAsync(new UnitResource(gap.UnitId)))
        {
            return new(CommandStatus.Forbidden, gap);
        }

        if (GapRules.Check(owner, dueDate) is { IsValid: false } errors)
        {
            return new(CommandStatus.Invalid, gap, errors);
        }

        gap.Owner = Text.Clean(owner);
        gap.DueDate = dueDate;
        return await db.TrySaveVersionAsync(gap, version, ct)
            ? new(CommandStatus.Ok, gap)
            : new(CommandStatus.Conflict, await db.Gaps.AsNoTracking().FirstAsync(g => g.Id == id, ct));
    }
}
