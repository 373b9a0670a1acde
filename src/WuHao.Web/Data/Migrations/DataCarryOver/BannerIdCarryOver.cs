using Microsoft.EntityFrameworkCore.Migrations;

namespace WuHao.Web.Data.Migrations.DataCarryOver;

/// <summary>
/// Fills the distribution column <c>BannerId</c> (docs/decisions/ADR-016-citus-distribution.md, R-8.3) of the rows that
/// existed before it: first each unit's, from its path (the deepest unit of the path that is the root or sits directly
/// under a region or league: the banner, or the unit itself above banner level), then every distributed table's from
/// its unit's, one UPDATE per table. The same SQL runs on SQLite and PostgreSQL. Called from the migration's Up after
/// the columns are added and before their indexes, so it can be called again when migrations are regenerated.
/// </summary>
public static class BannerIdCarryOver
{
    /// <summary>The tables distributed by banner when the column came in (ADR-016's list, less those without <c>UnitId</c>).</summary>
    private static readonly string[] Tables =
    [
        "Activities", "ActivityElders", "ArchiveEntries", "AssessmentRounds", "AssessmentSteps", "CampaignStages",
        "Campaigns", "CaseAccessLog", "CaseConsents", "CaseShares", "CaseVisits", "CertificationEvents",
        "Certifications", "ChangeLog", "CivilizationEntries", "CommendationHonorees", "CommendationMeetings",
        "DeedPublicity", "Deeds", "Donors", "ElderStatusChanges", "Elders", "Experiences", "FileLinks",
        "FundEntries", "Gaps", "HelpActions", "Investigations", "PackageJobs", "PartyMeetings", "PendingImports",
        "PlanPeople", "PlanSteps", "PlanVersions", "Plans", "RuleDocuments", "SampledUnits", "Samples",
        "SchoolLinks", "StoredFiles", "Studios", "StudySessions", "TeamChanges", "TeamMembers", "TrainingTrainees",
        "Trainings", "WorkCycleEntries", "YouthCaseElders", "YouthCases"
    ];

    /// <summary>
    /// The tables without <c>UnitId</c> (migration <c>BannerIdChildTables</c>): each with the column pointing to its parent,
    /// and the parent's table, which has <c>UnitId</c>.
    /// </summary>
    private static readonly (string Table, string ParentKey, string ParentTable)[] ChildTables =
    [
        ("ActivityPartnerValue", "ActivityId", "Activities"), ("ActivityTypeValue", "ActivityId", "Activities"),
        ("CalendarFeedTokens", "UserId", "AspNetUsers"), ("InvestigationTargetGroupValue", "InvestigationId", "Investigations"),
        ("PartyMeetingOrganisationValue", "PartyMeetingId", "PartyMeetings"), ("StoredFileContents", "Id", "StoredFiles"),
        ("YouthCaseCategoryValue", "YouthCaseId", "YouthCases"),
    ];

    /// <summary>
    /// Fills <c>BannerId</c> of the rows without a unit of their own (a multi-valued field's values, a file's bytes, a
    /// calendar token) from their parent's unit: they lie on their parent's shard. Called from <c>BannerIdChildTables</c>'s
    /// Up after the columns are added and before their indexes.
    /// </summary>
    public static void Children(MigrationBuilder migrationBuilder)
    {
        foreach (var (table, parentKey, parentTable) in ChildTables)
        {
            migrationBuilder.Sql($"""
                UPDATE "{table}" SET "BannerId" = COALESCE((SELECT u."BannerId" FROM "{parentTable}" p JOIN "Units" u ON u."Id" = p."UnitId"
                    WHERE p."Id" = "{table}"."{parentKey}"), 0);
                """);
        }
    }

    public static void Up(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.Sql("""
            UPDATE "Units" SET "BannerId" = COALESCE((
                SELECT a."Id" FROM "Units" a LEFT JOIN "Units" p ON p."Id" = a."ParentId"
                WHERE "Units"."Path" LIKE a."Path" || '%' AND (a."ParentId" IS NULL OR p."Type" IN ('Region', 'League'))
                ORDER BY LENGTH(a."Path") DESC LIMIT 1), "Id");
            """);
        foreach (var table in Tables)
        {
            migrationBuilder.Sql($"""
                UPDATE "{table}" SET "BannerId" = COALESCE((SELECT u."BannerId" FROM "Units" u WHERE u."Id" = "{table}"."UnitId"), 0)
                WHERE "UnitId" IS NOT NULL;
                """);
        }
    }
}
