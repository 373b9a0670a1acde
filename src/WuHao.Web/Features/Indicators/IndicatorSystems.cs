using System.Globalization;
using Microsoft.EntityFrameworkCore;
using WuHao.Web.Data;
using WuHao.Web.Domain;
using WuHao.Web.Domain.Indicators;
using WuHao.Web.Infrastructure.Authorization;
using WuHao.Web.Infrastructure.Office;
using WuHao.Web.Infrastructure.Web;

namespace WuHao.Web.Features.Indicators;

/// <summary>A system as lists show it.</summary>
public sealed record SystemSummary(
    int Id, string Code, string Name, string Edition, string State, IReadOnlyList<string> AppliesTo, decimal PassScore,
    bool IsTemplate, int? OwnerUnitId, string? OwnerUnitName, DateTimeOffset? PublishedAt, int Version);

/// <summary>What reading an uploaded system gave: the system, or every problem (with the indicator code, or the Excel row).</summary>
public sealed record SystemUpload(IndicatorSystem? System, IReadOnlyList<string> Problems, int Status = StatusCodes.Status400BadRequest)
{
    public bool Ok => System is not null && Problems.Count == 0;
}

public enum SystemOutcome
{
    Ok,
    NotFound,
    Forbidden,
    Invalid,
    Conflict,
}

/// <summary>The result of a change to a system: the row, or why not (with the Chinese messages).</summary>
public sealed record SystemChange(SystemOutcome Outcome, IndicatorSystemRecord? Record = null, IReadOnlyList<string>? Problems = null);

/// <summary>
/// Import, view, edit and publish indicator systems (R-6.3). Banner staff and the admin manage the systems of their
/// unit; everybody reads the published systems that apply to them. A published system is never changed: a change is
/// a new version, made as a draft.
/// </summary>
public sealed class IndicatorSystems(AppDbContext db, OrgScope orgScope, ICurrentActor actor, IHttpContextAccessor accessor, TimeProvider time)
{
    private System.Security.Claims.ClaimsPrincipal User => accessor.HttpContext?.User ?? new();

    public static bool MayManage(System.Security.Claims.ClaimsPrincipal user) => user.IsInRole(Roles.Admin) || user.IsInRole(Roles.Banner);

    /// <summary>Reads a system from JSON and validates it.</summary>
    public static SystemUpload FromJson(string json)
    {
        var system = IndicatorJson.Read(json, out var error);
        if (system is null)
        {
            return new SystemUpload(null, [error?.Message ?? "无法读取JSON"]);
        }

        var problems = IndicatorValidator.Validate(system).Select(Describe).ToList();
        return new SystemUpload(system, problems);
    }

    /// <summary>Reads a system from its Excel form and validates it; problems name the Excel row and column.</summary>
    public static SystemUpload FromExcel(Stream file, ExcelOptions options)
    {
        var result = IndicatorExcel.Read(file, options);
        var status = result.Failure switch
        {
            ExcelFailure.TooLarge => StatusCodes.Status413PayloadTooLarge,
            ExcelFailure.WrongType => StatusCodes.Status415UnsupportedMediaType,
            _ => StatusCodes.Status400BadRequest,
        };
        var problems = result.Problems
            .Select(p => p.Row is { } row ? $"第{row}行{(p.Column is null ? "" : p.Column + "列")}：{p.Message}" : p.Message)
            .ToList();
        return new SystemUpload(result.System, problems, status);
    }

    public static string Describe(IndicatorError e) => string.IsNullOrEmpty(e.Code) ? e.Message : $"[{e.Code}] {e.Message}";

    /// <summary>The systems the user may see: shipped templates, those of units above, and those of units in scope.</summary>
    public async Task<IQueryable<IndicatorSystemRecord>> VisibleAsync(CancellationToken ct)
    {
        var scope = await orgScope.CurrentAsync(ct);
        var rootPath = await db.Units.Where(u => u.Id == scope.RootUnitId).Select(u => u.Path).FirstOrDefaultAsync(ct) ?? "/";
        var above = Evaluations.PathIds(rootPath);
        var own = db.Units.VisibleTo(scope).Select(u => u.Id);
        return db.IndicatorSystems.Where(s => s.OwnerUnitId == null || above.Contains(s.OwnerUnitId.Value) || own.Contains(s.OwnerUnitId.Value));
    }

    public async Task<List<SystemSummary>> ListAsync(CancellationToken ct) =>
        [.. (await (await VisibleAsync(ct)).OrderBy(s => s.State == IndicatorSystemStates.Retired).ThenBy(s => s.IsTemplate)
                .ThenBy(s => s.Code).ThenByDescending(s => s.Id)
                .Select(s => new { s.Id, s.Code, s.Name, s.Edition, s.State, s.AppliesTo, s.PassScore, s.IsTemplate, s.OwnerUnitId, Owner = s.OwnerUnit!.Name, s.PublishedAt, s.Version })
                .ToListAsync(ct))
            .Select(s => new SystemSummary(s.Id, s.Code, s.Name, s.Edition, s.State, s.AppliesTo.Split(',', StringSplitOptions.RemoveEmptyEntries),
                s.PassScore, s.IsTemplate, s.OwnerUnitId, s.Owner, s.PublishedAt, s.Version))];

    public async Task<IndicatorSystemRecord?> FindAsync(int id, CancellationToken ct) =>
        await (await VisibleAsync(ct)).AsNoTracking().FirstOrDefaultAsync(s => s.Id == id, ct);

    /// <summary>Saves an uploaded system as a draft of the user's unit.</summary>
    public async Task<SystemChange> CreateAsync(IndicatorSystem system, CancellationToken ct)
    {
        var scope = await orgScope.CurrentAsync(ct);
        if (IndicatorValidator.Validate(system) is { Count: > 0 } errors)
        {
            return new SystemChange(SystemOutcome.Invalid, Problems: [.. errors.Select(Describe)]);
        }

        if (await db.IndicatorSystems.AnyAsync(s => s.Code == system.Code && s.Edition == system.Version, ct))
        {
            return new SystemChange(SystemOutcome.Invalid, Problems: [$"编号为“{system.Code}”、版本为“{system.Version}”的指标体系已经存在：请改用新的版本号"]);
        }

        var record = new IndicatorSystemRecord
        {
            Code = system.Code, Name = system.Name, Edition = system.Version, State = IndicatorSystemStates.Draft,
            AppliesTo = string.Join(",", system.AppliesTo ?? []), PassScore = system.PassScore,
            OwnerUnitId = scope.RootUnitId, Definition = IndicatorJson.Write(system),
        };
        db.IndicatorSystems.Add(record);
        await db.SaveChangesAsync(ct);
        return new SystemChange(SystemOutcome.Ok, record);
    }

    /// <summary>Replaces a draft's content (a published system is never edited in place).</summary>
    public async Task<SystemChange> ReplaceDraftAsync(int id, IndicatorSystem system, int? expectedVersion, CancellationToken ct)
    {
        var (outcome, record) = await ManagedAsync(id, ct);
        if (record is null)
        {
            return new SystemChange(outcome);
        }

        if (record.State != IndicatorSystemStates.Draft)
        {
            return new SystemChange(SystemOutcome.Invalid, record, ["已发布的指标体系不能修改：请先“复制为新版本”，在新版本上修改后再发布"]);
        }

        if (expectedVersion is { } v && v != record.Version)
        {
            return new SystemChange(SystemOutcome.Conflict, record);
        }

        if (IndicatorValidator.Validate(system) is { Count: > 0 } errors)
        {
            return new SystemChange(SystemOutcome.Invalid, record, [.. errors.Select(Describe)]);
        }

        if (await db.IndicatorSystems.AnyAsync(s => s.Id != id && s.Code == system.Code && s.Edition == system.Version, ct))
        {
            return new SystemChange(SystemOutcome.Invalid, record, [$"编号为“{system.Code}”、版本为“{system.Version}”的指标体系已经存在：请改用新的版本号"]);
        }

        record.Code = system.Code;
        record.Name = system.Name;
        record.Edition = system.Version;
        record.AppliesTo = string.Join(",", system.AppliesTo ?? []);
        record.PassScore = system.PassScore;
        record.Definition = IndicatorJson.Write(system);
        return await SaveAsync(record, expectedVersion ?? record.Version, ct);
    }

    public async Task<SystemChange> PublishAsync(int id, int? expectedVersion, CancellationToken ct)
    {
        var (outcome, record) = await ManagedAsync(id, ct);
        if (record is null)
        {
            return new SystemChange(outcome);
        }

        if (expectedVersion is { } v && v != record.Version)
        {
            return new SystemChange(SystemOutcome.Conflict, record);
        }

        if (record.State != IndicatorSystemStates.Draft)
        {
            return new SystemChange(SystemOutcome.Invalid, record, ["只有草稿可以发布"]);
        }

        record.State = IndicatorSystemStates.Published;
        record.PublishedAt = time.GetUtcNow();
        record.PublishedBy = actor.UserName;
        return await SaveAsync(record, expectedVersion ?? record.Version, ct);
    }

    public async Task<SystemChange> RetireAsync(int id, CancellationToken ct)
    {
        var (outcome, record) = await ManagedAsync(id, ct);
        if (record is null)
        {
            return new SystemChange(outcome);
        }

        if (record.State != IndicatorSystemStates.Published)
        {
            return new SystemChange(SystemOutcome.Invalid, record, ["只有已发布的指标体系可以停用"]);
        }

        record.State = IndicatorSystemStates.Retired;
        return await SaveAsync(record, record.Version, ct);
    }

    /// <summary>A new draft version of a system (a template or a published one): the way to change what was published.</summary>
    public async Task<SystemChange> NewVersionAsync(int id, CancellationToken ct)
    {
        var scope = await orgScope.CurrentAsync(ct);
        if (await FindAsync(id, ct) is not { } source)
        {
            return new SystemChange(SystemOutcome.NotFound);
        }

        if (!MayManage(User))
        {
            return new SystemChange(SystemOutcome.Forbidden);
        }

        var editions = await db.IndicatorSystems.Where(s => s.Code == source.Code).Select(s => s.Edition).ToListAsync(ct);
        var edition = NextEdition(source.Edition, editions);
        var system = Evaluations.Definition(source) with { Version = edition };
        var record = new IndicatorSystemRecord
        {
            Code = source.Code, Name = source.Name, Edition = edition, State = IndicatorSystemStates.Draft, AppliesTo = source.AppliesTo,
            PassScore = source.PassScore, OwnerUnitId = scope.RootUnitId, Definition = IndicatorJson.Write(system), PreviousId = source.Id,
        };
        db.IndicatorSystems.Add(record);
        await db.SaveChangesAsync(ct);
        return new SystemChange(SystemOutcome.Ok, record);
    }

    public async Task<SystemChange> DeleteDraftAsync(int id, CancellationToken ct)
    {
        var (outcome, record) = await ManagedAsync(id, ct);
        if (record is null)
        {
            return new SystemChange(outcome);
        }

        if (record.State != IndicatorSystemStates.Draft)
        {
            return new SystemChange(SystemOutcome.Invalid, record, ["只有草稿可以删除；已发布的指标体系可以停用"]);
        }

        db.IndicatorSystems.Remove(record);
        await db.SaveChangesAsync(ct);
        return new SystemChange(SystemOutcome.Ok, record);
    }

    /// <summary>"2" after "1"; "2024修订.2" after "2024修订" — the first free one.</summary>
    public static string NextEdition(string edition, IReadOnlyCollection<string> taken)
    {
        var n = 1;
        string candidate;
        do
        {
            candidate = int.TryParse(edition, NumberStyles.None, CultureInfo.InvariantCulture, out var number)
                ? (number + n).ToString(CultureInfo.InvariantCulture)
                : $"{edition}.{n + 1}";
            n++;
        }
        while (taken.Contains(candidate));
        return candidate;
    }

    /// <summary>A system the user manages: owned by a unit in their scope (shipped templates are copied, not changed).</summary>
    private async Task<(SystemOutcome, IndicatorSystemRecord?)> ManagedAsync(int id, CancellationToken ct)
    {
        var scope = await orgScope.CurrentAsync(ct);
        var own = db.Units.VisibleTo(scope).Select(u => u.Id);
        var record = await db.IndicatorSystems.FirstOrDefaultAsync(s => s.Id == id && s.OwnerUnitId != null && own.Contains(s.OwnerUnitId.Value), ct);
        if (record is null)
        {
            return (await FindAsync(id, ct) is null ? SystemOutcome.NotFound : SystemOutcome.Forbidden, null);
        }

        return MayManage(User) ? (SystemOutcome.Ok, record) : (SystemOutcome.Forbidden, null);
    }

    private async Task<SystemChange> SaveAsync(IndicatorSystemRecord record, int seenVersion, CancellationToken ct) =>
        await db.TrySaveVersionAsync(record, seenVersion, ct)
            ? new SystemChange(SystemOutcome.Ok, record)
            : new SystemChange(SystemOutcome.Conflict, await db.IndicatorSystems.AsNoTracking().FirstAsync(s => s.Id == record.Id, ct));

    /// <summary>The shipped templates (village and school), written once into a database that lacks them.</summary>
    public static async Task EnsureTemplatesAsync(AppDbContext db, CancellationToken ct = default)
    {
        foreach (var system in DefaultSystems.All)
        {
            if (await db.IndicatorSystems.AnyAsync(s => s.Code == system.Code && s.Edition == system.Version, ct))
            {
                continue;
            }

            db.IndicatorSystems.Add(new IndicatorSystemRecord
            {
                Code = system.Code, Name = system.Name, Edition = system.Version, State = IndicatorSystemStates.Published,
                AppliesTo = string.Join(",", system.AppliesTo ?? []), PassScore = system.PassScore, IsTemplate = true,
                Definition = IndicatorJson.Write(system), PublishedAt = DateTimeOffset.UnixEpoch, PublishedBy = "system",
            });
        }

        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException)
        {
            // Another instance wrote them first: the unique (Code, Edition) index keeps one copy.
            db.ChangeTracker.Clear();
        }
    }
}
