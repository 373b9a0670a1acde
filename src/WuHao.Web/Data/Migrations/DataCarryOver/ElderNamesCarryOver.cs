using Microsoft.EntityFrameworkCore.Migrations;

namespace WuHao.Web.Data.Migrations.DataCarryOver;

/// <summary>
/// Carries 五老 named by text over to links with the roster: an activity's <c>ElderNames</c> and a case's
/// <c>PairedElders</c>. Each name (separated by "、", "，" or ",") that is exactly the name of one 五老 of the record's
/// own unit becomes a link row; names matching nobody, or more than one 五老 of the unit, stay as text. Text that lost
/// names is rewritten as the remaining names joined by "、" (NULL when none remain); text with no match is left as it was.
/// Called from the migration's Up, after the link tables exist, so it can be called again when migrations are regenerated.
/// </summary>
public static class ElderNamesCarryOver
{
    private sealed record Source(string Table, string Column, string LinkTable, string LinkColumn);

    private static readonly Source[] Sources =
    [
        new("Activities", "ElderNames", "ActivityElders", "ActivityId"),
        new("YouthCases", "PairedElders", "YouthCaseElders", "CaseId"),
    ];

    public static void Up(MigrationBuilder migrationBuilder)
    {
        var sqlite = migrationBuilder.ActiveProvider == "Microsoft.EntityFrameworkCore.Sqlite";
        foreach (var s in Sources)
        {
            var parts = sqlite ? SqliteParts(s) : PostgresParts(s);
            migrationBuilder.Sql($"""
                {parts}
                INSERT INTO "{s.LinkTable}" ("{s.LinkColumn}", "ElderId", "UnitId", "Version", "CreatedAt", "CreatedBy", "UpdatedAt", "UpdatedBy")
                SELECT DISTINCT r."Id", e."Id", r."UnitId", 1, r."CreatedAt", r."CreatedBy", r."UpdatedAt", r."UpdatedBy"
                FROM parts p
                JOIN "{s.Table}" r ON r."Id" = p.rid
                JOIN "Elders" e ON e."UnitId" = r."UnitId" AND e."Name" = p.name
                WHERE (SELECT COUNT(*) FROM "Elders" e2 WHERE e2."UnitId" = r."UnitId" AND e2."Name" = p.name) = 1;
                """);

            var kept = $"""
                p.name <> '' AND NOT EXISTS (SELECT 1 FROM "{s.LinkTable}" l JOIN "Elders" e ON e."Id" = l."ElderId"
                    WHERE l."{s.LinkColumn}" = p.rid AND e."Name" = p.name)
                """;
            var linked = $"""EXISTS (SELECT 1 FROM "{s.LinkTable}" l WHERE l."{s.LinkColumn}" = "{s.Table}"."Id")""";
            migrationBuilder.Sql(sqlite
                ? $"""
                    {parts},
                    kept(rid, names) AS (SELECT rid, group_concat(name, '、') FROM (SELECT p.rid, p.name FROM parts p WHERE {kept} ORDER BY p.rid, p.ord) GROUP BY rid)
                    UPDATE "{s.Table}" SET "{s.Column}" = (SELECT names FROM kept WHERE kept.rid = "{s.Table}"."Id")
                    WHERE {linked};
                    """
                : $"""
                    {parts}
                    UPDATE "{s.Table}" SET "{s.Column}" = (SELECT string_agg(p.name, '、' ORDER BY p.ord) FROM parts p WHERE p.rid = "{s.Table}"."Id" AND {kept})
                    WHERE {linked};
                    """);
        }
    }

    /// <summary>The text with every separator turned into "、".</summary>
    private static string Normalised(string column) => $"""replace(replace("{column}", '，', '、'), ',', '、')""";

    /// <summary>A CTE "parts(rid, name, ord)": one row per name of the text, trimmed, in order.</summary>
    private static string PostgresParts(Source s) => $"""
        WITH parts AS (
            SELECT r."Id" AS rid, btrim(n.name) AS name, n.ord
            FROM "{s.Table}" r CROSS JOIN LATERAL unnest(string_to_array({Normalised(s.Column)}, '、')) WITH ORDINALITY AS n(name, ord)
            WHERE r."{s.Column}" IS NOT NULL)
        """;

    private static string SqliteParts(Source s) => $"""
        WITH RECURSIVE parts(rid, name, rest, ord) AS (
            SELECT "Id", '', {Normalised(s.Column)} || '、', 0 FROM "{s.Table}" WHERE "{s.Column}" IS NOT NULL
            UNION ALL
            SELECT rid, trim(substr(rest, 1, instr(rest, '、') - 1)), substr(rest, instr(rest, '、') + 1), ord + 1 FROM parts WHERE rest <> '')
        """;
}
