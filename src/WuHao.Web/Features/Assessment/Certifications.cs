using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using WuHao.Web.Data;
using WuHao.Web.Domain;
using WuHao.Web.Infrastructure.Authorization;
using WuHao.Web.Infrastructure.Web;

namespace WuHao.Web.Features.Assessment;

/// <summary>Why banner staff revoke a title, and the version they saw.</summary>
public sealed record RevokeInput(int Version, string? Reason);

/// <summary>达标率 of one area (the unit itself or a township below it) in one year, counted in SQL.</summary>
public sealed record CertificationRate(int UnitId, string Name, int Year, int Units, int Certified)
{
    public decimal Rate => Units == 0 ? 0 : Math.Round(100m * Certified / Units, 1);
}

/// <summary>
/// 五好关工委: a pass at the banner's acceptance awards the title for a period (Certification:Years, default three),
/// a later pass renews it (extends the period from the day of that acceptance), a fail revokes it with the result as the
/// reason, and banner staff may revoke it with a reason. 达标率 counts in SQL.
/// </summary>
public sealed class Certifications(AppDbContext db, OrgScope orgScope, IHttpContextAccessor http, TimeProvider time, IConfiguration configuration)
{
    private ClaimsPrincipal User => http.HttpContext!.User;

    /// <summary>Years a title lasts from the day it is awarded or renewed.</summary>
    public int Years => Math.Clamp(configuration.GetValue("Certification:Years", 3), 1, 10);

    /// <summary>Banner staff and the admin revoke.</summary>
    public static bool MayRevoke(ClaimsPrincipal user) => user.IsInRole(Roles.Banner) || user.IsInRole(Roles.Admin);

    /// <summary>
    /// Called by the banner's acceptance before it saves (one transaction): awards or renews on a pass, revokes the title the
    /// unit holds on a fail. Tracked, saved with the round.
    /// </summary>
    public async Task RateAsync(AssessmentRound round, bool passed, decimal total, CancellationToken ct)
    {
        var today = time.Today();
        var by = WuHaoClaims.DisplayNameOf(User);
        var held = await db.Certifications.Include(c => c.Events)
            .Where(c => c.UnitId == round.UnitId && c.RevokedOn == null && c.ValidUntil >= today).OrderByDescending(c => c.Id).FirstOrDefaultAsync(ct);
        if (passed)
        {
            var until = CertificationKinds.PeriodEnd(today, Years);
            if (held is null)
            {
                var issuer = await db.Campaigns.Where(c => c.Id == round.CampaignId).Select(c => c.UnitId).FirstAsync(ct);
                held = new Certification { UnitId = round.UnitId, CampaignId = round.CampaignId, IssuedById = issuer, AwardedOn = today, ValidUntil = until };
                held.Events.Add(Event(round, CertificationKinds.Award, today, until, null, by));
                db.Certifications.Add(held);
            }
            else
            {
                held.ValidUntil = until > held.ValidUntil ? until : held.ValidUntil;
                held.Events.Add(Event(round, CertificationKinds.Renew, today, held.ValidUntil, null, by));
            }
        }
        else if (held is not null)
        {
            var reason = $"{round.Year}年旗验收未达标（总分{IndicatorRulesText(total)}）";
            (held.RevokedOn, held.RevokeReason) = (today, reason);
            held.Events.Add(Event(round, CertificationKinds.Revoke, today, null, reason, by));
        }
    }

    private static string IndicatorRulesText(decimal total) => Domain.Indicators.IndicatorRules.N(total);

    private static CertificationEvent Event(AssessmentRound round, string kind, DateOnly on, DateOnly? until, string? reason, string by) =>
        new() { UnitId = round.UnitId, Kind = kind, On = on, ValidUntil = until, RoundId = round.Id == 0 ? null : round.Id, Year = round.Year, Reason = reason, By = by };

    public async Task<Certification?> FindAsync(int id, CancellationToken ct)
    {
        var scope = await orgScope.CurrentAsync(ct);
        return await db.Certifications.VisibleTo(scope).AsNoTracking().Include(c => c.Events).Include(c => c.Unit).Include(c => c.IssuedBy)
            .FirstOrDefaultAsync(c => c.Id == id, ct);
    }

    /// <summary>The titles of a unit and the units below it, newest first, with their history.</summary>
    public async Task<IReadOnlyList<Certification>> ListAsync(int unitId, CancellationToken ct)
    {
        var path = await db.Units.Where(u => u.Id == unitId).Select(u => u.Path).FirstAsync(ct);
        return await db.Certifications.AsNoTracking().Include(c => c.Events).Include(c => c.Unit).Include(c => c.IssuedBy)
            .Where(c => c.Unit!.Path.StartsWith(path)).OrderBy(c => c.Unit!.Path).ThenByDescending(c => c.AwardedOn).ToListAsync(ct);
    }

    public async Task<CommandResult<Certification>> RevokeAsync(int id, RevokeInput input, CancellationToken ct)
    {
        var scope = await orgScope.CurrentAsync(ct);
        var certification = await db.Certifications.VisibleTo(scope).Include(c => c.Events).Include(c => c.Unit).Include(c => c.IssuedBy)
            .FirstOrDefaultAsync(c => c.Id == id, ct);
        if (certification is null)
        {
            return new(CommandStatus.NotFound);
        }

        if (!MayRevoke(User) || WuHaoClaims.UnitIdOf(User) == certification.UnitId)
        {
            return new(CommandStatus.Forbidden, certification);
        }

        var errors = new ValidationErrors();
        var reason = Text.Clean(input.Reason);
        var today = time.Today();
        if (reason is null)
        {
            errors.Add("reason", "撤销须写明原因");
        }
        else if (reason.Length > 500)
        {
            errors.Add("reason", "撤销原因不能超过500个字");
        }

        if (!certification.Holds(today))
        {
            errors.Add("reason", certification.RevokedOn is not null ? "这个命名已经撤销过" : "这个命名已经期满，无需撤销");
        }

        if (!errors.IsValid)
        {
            return new(CommandStatus.Invalid, certification, errors);
        }

        (certification.RevokedOn, certification.RevokeReason) = (today, reason);
        certification.Events.Add(new CertificationEvent { UnitId = certification.UnitId, Kind = CertificationKinds.Revoke, On = today, Reason = reason, By = WuHaoClaims.DisplayNameOf(User) });
        db.Entry(certification).State = EntityState.Modified;
        return await db.SaveVersionAsync(certification, input.Version, ct);
    }

    /// <summary>
    /// 达标率 by year for a unit and each administrative unit directly below it (its townships): the assessed units below,
    /// and how many of them hold the title on the year's last day (today for the current year). One query per year,
    /// whatever the number of units.
    /// </summary>
    public async Task<IReadOnlyList<CertificationRate>> RatesAsync(int unitId, IReadOnlyList<int> years, CancellationToken ct)
    {
        var today = time.Today();
        var rows = new List<CertificationRate>();
        var assessed = Samples.Assessed;
        UnitType[] areas = [UnitType.Region, UnitType.League, UnitType.Banner, UnitType.Township];
        foreach (var year in years.Distinct().OrderDescending())
        {
            var end = new DateOnly(year, 12, 31);
            var day = end < today ? end : today;
            var counted = await db.Units.Where(a => a.Id == unitId || (a.ParentId == unitId && areas.Contains(a.Type)))
                .OrderBy(a => a.Id == unitId ? 0 : 1).ThenBy(a => a.Id)
                .Select(a => new CertificationRate(a.Id, a.Name, year,
                    db.Units.Count(u => u.Path.StartsWith(a.Path) && assessed.Contains(u.Type)),
                    db.Units.Count(u => u.Path.StartsWith(a.Path) && assessed.Contains(u.Type)
                        && db.Certifications.Any(c => c.UnitId == u.Id && c.AwardedOn <= day && c.ValidUntil >= day && (c.RevokedOn == null || c.RevokedOn > day)))))
                .ToListAsync(ct);
            rows.AddRange(counted);
        }

        return rows;
    }
}
