using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Microsoft.EntityFrameworkCore;
using WuHao.Web.Data;
using WuHao.Web.Domain;

namespace WuHao.Web.Features.Reminders;

/// <summary>
/// The per-user iCalendar feed: a secret address <c>/calendar/{token}.ics</c> a phone calendar subscribes to.
/// The token is 32 random bytes; only its SHA-256 is stored, so the address is shown once, when it is made. Making a new
/// one replaces the hash: the old address answers 404 from then on. The feed lists the user's deadlines from
/// <see cref="Deadlines"/>, the same list as the home page, as all-day events with stable UIDs.
/// </summary>
public sealed class CalendarFeeds(AppDbContext db, TimeProvider time)
{
    public const string RoutePrefix = "/calendar/";

    /// <summary>Whether the user has a feed address.</summary>
    public Task<bool> HasAsync(string userId, CancellationToken ct) => db.CalendarFeedTokens.AnyAsync(t => t.UserId == userId, ct);

    /// <summary>A new secret token for the user, replacing any earlier one; returns the token (the only time it exists outside the request).</summary>
    public async Task<string> ResetAsync(string userId, CancellationToken ct)
    {
        var token = Base64Url(RandomNumberGenerator.GetBytes(32));
        var row = await db.CalendarFeedTokens.FirstOrDefaultAsync(t => t.UserId == userId, ct);
        if (row is null)
        {
            db.CalendarFeedTokens.Add(new CalendarFeedToken { UserId = userId, TokenHash = Hash(token), CreatedAt = time.GetUtcNow() });
        }
        else
        {
            row.TokenHash = Hash(token);
            row.CreatedAt = time.GetUtcNow();
        }

        await db.SaveChangesAsync(ct);
        return token;
    }

    /// <summary>Stops the feed: the address answers 404.</summary>
    public async Task StopAsync(string userId, CancellationToken ct) =>
        await db.CalendarFeedTokens.Where(t => t.UserId == userId).ExecuteDeleteAsync(ct);

    /// <summary>The active user a token belongs to, or null (unknown token, malformed token, disabled user).</summary>
    public async Task<string?> UserOfAsync(string token, CancellationToken ct)
    {
        if (token.Length != 43 || token.Any(c => !(char.IsAsciiLetterOrDigit(c) || c is '-' or '_')))
        {
            return null;
        }

        var hash = Hash(token);
        return await db.CalendarFeedTokens.Where(t => t.TokenHash == hash && !t.User!.IsDisabled).Select(t => t.UserId).FirstOrDefaultAsync(ct);
    }

    public static string Hash(string token) => Convert.ToHexStringLower(SHA256.HashData(Encoding.ASCII.GetBytes(token)));

    private static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    /// <summary>
    /// The deadlines as an RFC 5545 calendar: one all-day VEVENT each (DTSTART;VALUE=DATE the due day, DTEND the day after),
    /// its UID the deadline's <see cref="Deadline.Uid"/>; a missed one says so in its summary. Lines end in CRLF and are
    /// folded at 75 octets without splitting a UTF-8 character.
    /// </summary>
    public static string Ics(IReadOnlyList<Deadline> deadlines, DateOnly today, DateTimeOffset now, string baseUrl)
    {
        var lines = new List<string>
        {
            "BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//WuHao//五好关工委//ZH", "CALSCALE:GREGORIAN", "METHOD:PUBLISH",
            "X-WR-CALNAME:" + Text("五好关工委 截止事项"), "X-WR-TIMEZONE:Asia/Shanghai", "REFRESH-INTERVAL;VALUE=DURATION:PT6H",
        };
        var stamp = now.UtcDateTime.ToString("yyyyMMdd'T'HHmmss'Z'", CultureInfo.InvariantCulture);
        foreach (var d in deadlines)
        {
            var state = d.MissedOn(today) ? "【已逾期】" : "";
            lines.AddRange(
            [
                "BEGIN:VEVENT",
                "UID:" + Text(d.Uid),
                "DTSTAMP:" + stamp,
                "DTSTART;VALUE=DATE:" + Day(d.Due),
                "DTEND;VALUE=DATE:" + Day(d.Due.AddDays(1)),
                "SUMMARY:" + Text($"{state}{d.KindLabel}：{d.Title}"),
                "DESCRIPTION:" + Text($"{d.Title}\n截止日期：{d.Due.Year}年{d.Due.Month}月{d.Due.Day}日\n{baseUrl}{d.Url}"),
                "URL:" + baseUrl + d.Url,
                "TRANSP:TRANSPARENT",
                "END:VEVENT",
            ]);
        }

        lines.Add("END:VCALENDAR");
        var sb = new StringBuilder();
        foreach (var line in lines)
        {
            Fold(sb, line);
        }

        return sb.ToString();
    }

    private static string Day(DateOnly d) => d.ToString("yyyyMMdd", CultureInfo.InvariantCulture);

    /// <summary>TEXT escaping of RFC 5545 3.3.11.</summary>
    private static string Text(string s) =>
        s.Replace("\\", "\\\\", StringComparison.Ordinal).Replace(";", "\\;", StringComparison.Ordinal)
            .Replace(",", "\\,", StringComparison.Ordinal).Replace("\r\n", "\\n", StringComparison.Ordinal).Replace("\n", "\\n", StringComparison.Ordinal);

    /// <summary>RFC 5545 3.1: lines of at most 75 octets, continued on a line starting with a space.</summary>
    private static void Fold(StringBuilder sb, string line)
    {
        var octets = 0;
        var limit = 75;
        foreach (var rune in line.EnumerateRunes())
        {
            var size = rune.Utf8SequenceLength;
            if (octets + size > limit)
            {
                sb.Append("\r\n ");
                octets = 0;
                limit = 74; // the leading space counts
            }

            sb.Append(rune.ToString());
            octets += size;
        }

        sb.Append("\r\n");
    }
}
