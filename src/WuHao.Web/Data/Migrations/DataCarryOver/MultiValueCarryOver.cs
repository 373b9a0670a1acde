using Microsoft.EntityFrameworkCore.Migrations;

namespace WuHao.Web.Data.Migrations.DataCarryOver;

/// <summary>
/// Carries the "、"-joined columns over into the child tables of ADR-011, on SQLite and PostgreSQL alike: a recursive
/// CTE splits each string on "、", trims each part, leaves blanks and repeats out and keeps every other value as it
/// is, in its order. Called from the migration's Up after the tables are created and before the columns are dropped,
/// so that the migrations can be regenerated when branches merge and this called again.
/// </summary>
public static class MultiValueCarryOver
{
    /// <summary>(owner table, joined column, value table, owner key column).</summary>
    public static readonly IReadOnlyList<(string Table, string Column, string ValueTable, string OwnerKey)> Fields =
    [
        ("Activities", "Types", "ActivityTypeValue", "ActivityId"),
        ("Activities", "Partners", "ActivityPartnerValue", "ActivityId"),
        ("Investigations", "TargetGroups", "InvestigationTargetGroupValue", "InvestigationId"),
        ("YouthCases", "Categories", "YouthCaseCategoryValue", "YouthCaseId"),
        ("PartyMeetings", "Organisations", "PartyMeetingOrganisationValue", "PartyMeetingId"),
    ];

    public static void Up(MigrationBuilder migrationBuilder)
    {
        var postgres = migrationBuilder.ActiveProvider == "Npgsql.EntityFrameworkCore.PostgreSQL";
        foreach (var field in Fields)
        {
            migrationBuilder.Sql(Split(field, postgres));
        }
    }

    /// <summary>The way back (migration Down): each joined column again from its value table, in order.</summary>
    public static void Down(MigrationBuilder migrationBuilder)
    {
        var postgres = migrationBuilder.ActiveProvider == "Npgsql.EntityFrameworkCore.PostgreSQL";
        foreach (var field in Fields)
        {
            migrationBuilder.Sql(Join(field, postgres));
        }
    }

    /// <summary>The statement that joins one value table back into its column; a record without values gets ''.</summary>
    public static string Join((string Table, string Column, string ValueTable, string OwnerKey) field, bool postgres)
    {
        var (table, column, valueTable, ownerKey) = field;
        var joined = postgres
            ? $"""SELECT string_agg(v."Value", '、' ORDER BY v."Position") FROM "{valueTable}" v WHERE v."{ownerKey}" = "{table}"."Id" """
            : $"""SELECT group_concat(o."Value", '、') FROM (SELECT v."Value" FROM "{valueTable}" v WHERE v."{ownerKey}" = "{table}"."Id" ORDER BY v."Position") o""";
        return $"""UPDATE "{table}" SET "{column}" = ({joined}) WHERE EXISTS (SELECT 1 FROM "{valueTable}" v WHERE v."{ownerKey}" = "{table}"."Id");""";
    }

    /// <summary>The statement that fills one value table from its joined column.</summary>
    public static string Split((string Table, string Column, string ValueTable, string OwnerKey) field, bool postgres)
    {
        var (table, column, valueTable, ownerKey) = field;
        // The same functions under their names on each engine: the place of "、" in a string, and trimming white space
        // (spaces, tabs, line breaks and the ideographic space).
        var find = postgres ? "strpos" : "instr";
        var blanks = postgres ? "' ' || chr(9) || chr(10) || chr(13) || '　'" : "' ' || char(9) || char(10) || char(13) || '　'";
        var trim = postgres ? "btrim" : "trim";
        return $"""
            WITH RECURSIVE "parts" ("OwnerId", "Item", "Rest", "Position") AS (
                SELECT "Id", '', "{column}" || '、', -1 FROM "{table}" WHERE "{column}" IS NOT NULL
                UNION ALL
                SELECT "OwnerId", substr("Rest", 1, {find}("Rest", '、') - 1), substr("Rest", {find}("Rest", '、') + 1), "Position" + 1
                FROM "parts" WHERE "Rest" <> ''
            ),
            "items" ("OwnerId", "Value", "Position") AS (
                SELECT "OwnerId", {trim}("Item", {blanks}), "Position" FROM "parts" WHERE "Position" >= 0
            )
            INSERT INTO "{valueTable}" ("{ownerKey}", "Value", "Position")
            SELECT "OwnerId", "Value", ROW_NUMBER() OVER (PARTITION BY "OwnerId" ORDER BY MIN("Position")) - 1
            FROM "items" WHERE "Value" <> ''
            GROUP BY "OwnerId", "Value";
            """;
    }
}
