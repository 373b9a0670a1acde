namespace WuHao.Web.Infrastructure.Web;

/// <summary>
/// Personal data as a user sees it who may read a unit's records but not edit them (assessors, viewers):
/// phone numbers keep their first three and last four digits (139****5678). Who may see them in full is
/// decided in one place, <see cref="RecordCommands.MayEditAsync"/> on the unit (docs/decisions/ADR-010-excel-rosters.md).
/// Youth cases mask their protected fields with the same helpers.
/// </summary>
public static class Masking
{
    public static string? Phone(string? phone)
    {
        if (string.IsNullOrWhiteSpace(phone))
        {
            return phone;
        }

        var p = phone.Trim();
        return p.Length >= 8 ? string.Concat(p.AsSpan(0, 3), "****", p.AsSpan(p.Length - 4)) : "****";
    }

    /// <summary>
    /// A stored value of a record's field as a reader sees it, by the field's name: the masks of the record's own
    /// read model, for values shown elsewhere (the change history, R-8.4). Add a field here when a record masks it.
    /// </summary>
    public static string? Field(string field, string? value) => field switch
    {
        // Team members, 五老 and donors mask their phone; youth cases keep no values in the change log at all.
        "Phone" => Phone(value),
        _ => value,
    };

    /// <summary>The first six characters (the banner and township), the rest hidden.</summary>
    public static string Address(string? address) =>
        string.IsNullOrEmpty(address) ? "" : address.Length <= 6 ? new string('*', address.Length) : $"{address[..6]}****";
}
