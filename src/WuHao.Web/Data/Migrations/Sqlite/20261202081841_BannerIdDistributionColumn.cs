using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace WuHao.Web.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class BannerIdDistributionColumn : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<int>(
                name: "BannerId",
                table: "YouthCases",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<int>(
                name: "BannerId",
                table: "YouthCaseElders",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<int>(
                name: "BannerId",
                table: "WorkCycleEntries",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<int>(
                name: "BannerId",
                table: "Units",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<int>(
                name: "BannerId",
                table: "TrainingTrainees",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<int>(
                name: "BannerId",
                table: "Trainings",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<int>(
                name: "BannerId",
                table: "TeamMembers",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<int>(
                name: "BannerId",
                table: "TeamChanges",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<int>(
                name: "BannerId",
                table: "StudySessions",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<int>(
                name: "BannerId",
                table: "Studios",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<int>(
                name: "BannerId",
                table: "StoredFiles",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<int>(
                name: "BannerId",
                table: "SchoolLinks",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<int>(
                name: "BannerId",
                table: "Samples",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<int>(
                name: "BannerId",
                table: "SampledUnits",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<int>(
                name: "BannerId",
                table: "RuleDocuments",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<int>(
                name: "BannerId",
                table: "PlanVersions",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<int>(
                name: "BannerId",
                table: "PlanSteps",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<int>(
                name: "BannerId",
                table: "Plans",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<int>(
                name: "BannerId",
                table: "PlanPeople",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<int>(
                name: "BannerId",
                table: "PendingImports",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<int>(
                name: "BannerId",
                table: "PartyMeetings",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<int>(
                name: "BannerId",
                table: "PackageJobs",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<int>(
                name: "BannerId",
                table: "Investigations",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<int>(
                name: "BannerId",
                table: "HelpActions",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<int>(
                name: "BannerId",
                table: "Gaps",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<int>(
                name: "BannerId",
                table: "FundEntries",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<int>(
                name: "BannerId",
                table: "FileLinks",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<int>(
                name: "BannerId",
                table: "Experiences",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<int>(
                name: "BannerId",
                table: "ElderStatusChanges",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<int>(
                name: "BannerId",
                table: "Elders",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<int>(
                name: "BannerId",
                table: "Donors",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<int>(
                name: "BannerId",
                table: "Deeds",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<int>(
                name: "BannerId",
                table: "DeedPublicity",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<int>(
                name: "BannerId",
                table: "CommendationMeetings",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<int>(
                name: "BannerId",
                table: "CommendationHonorees",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<int>(
                name: "BannerId",
                table: "CivilizationEntries",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<int>(
                name: "BannerId",
                table: "ChangeLog",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "BannerId",
                table: "Certifications",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<int>(
                name: "BannerId",
                table: "CertificationEvents",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<int>(
                name: "BannerId",
                table: "CaseVisits",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<int>(
                name: "BannerId",
                table: "CaseShares",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<int>(
                name: "BannerId",
                table: "CaseConsents",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<int>(
                name: "BannerId",
                table: "CaseAccessLog",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<int>(
                name: "BannerId",
                table: "CampaignStages",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<int>(
                name: "BannerId",
                table: "Campaigns",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<int>(
                name: "BannerId",
                table: "AssessmentSteps",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<int>(
                name: "BannerId",
                table: "AssessmentRounds",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<int>(
                name: "BannerId",
                table: "ArchiveEntries",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<int>(
                name: "BannerId",
                table: "ActivityElders",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<int>(
                name: "BannerId",
                table: "Activities",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0);

            DataCarryOver.BannerIdCarryOver.Up(migrationBuilder);

            migrationBuilder.CreateIndex(
                name: "IX_YouthCases_BannerId_UnitId",
                table: "YouthCases",
                columns: new[] { "BannerId", "UnitId" });

            migrationBuilder.CreateIndex(
                name: "IX_YouthCaseElders_BannerId_UnitId",
                table: "YouthCaseElders",
                columns: new[] { "BannerId", "UnitId" });

            migrationBuilder.CreateIndex(
                name: "IX_WorkCycleEntries_BannerId_UnitId",
                table: "WorkCycleEntries",
                columns: new[] { "BannerId", "UnitId" });

            migrationBuilder.CreateIndex(
                name: "IX_TrainingTrainees_BannerId_UnitId",
                table: "TrainingTrainees",
                columns: new[] { "BannerId", "UnitId" });

            migrationBuilder.CreateIndex(
                name: "IX_Trainings_BannerId_UnitId",
                table: "Trainings",
                columns: new[] { "BannerId", "UnitId" });

            migrationBuilder.CreateIndex(
                name: "IX_TeamMembers_BannerId_UnitId",
                table: "TeamMembers",
                columns: new[] { "BannerId", "UnitId" });

            migrationBuilder.CreateIndex(
                name: "IX_TeamChanges_BannerId_UnitId",
                table: "TeamChanges",
                columns: new[] { "BannerId", "UnitId" });

            migrationBuilder.CreateIndex(
                name: "IX_StudySessions_BannerId_UnitId",
                table: "StudySessions",
                columns: new[] { "BannerId", "UnitId" });

            migrationBuilder.CreateIndex(
                name: "IX_Studios_BannerId_UnitId",
                table: "Studios",
                columns: new[] { "BannerId", "UnitId" });

            migrationBuilder.CreateIndex(
                name: "IX_StoredFiles_BannerId_UnitId",
                table: "StoredFiles",
                columns: new[] { "BannerId", "UnitId" });

            migrationBuilder.CreateIndex(
                name: "IX_SchoolLinks_BannerId_UnitId",
                table: "SchoolLinks",
                columns: new[] { "BannerId", "UnitId" });

            migrationBuilder.CreateIndex(
                name: "IX_Samples_BannerId_UnitId",
                table: "Samples",
                columns: new[] { "BannerId", "UnitId" });

            migrationBuilder.CreateIndex(
                name: "IX_SampledUnits_BannerId_UnitId",
                table: "SampledUnits",
                columns: new[] { "BannerId", "UnitId" });

            migrationBuilder.CreateIndex(
                name: "IX_RuleDocuments_BannerId_UnitId",
                table: "RuleDocuments",
                columns: new[] { "BannerId", "UnitId" });

            migrationBuilder.CreateIndex(
                name: "IX_PlanVersions_BannerId_UnitId",
                table: "PlanVersions",
                columns: new[] { "BannerId", "UnitId" });

            migrationBuilder.CreateIndex(
                name: "IX_PlanSteps_BannerId_UnitId",
                table: "PlanSteps",
                columns: new[] { "BannerId", "UnitId" });

            migrationBuilder.CreateIndex(
                name: "IX_Plans_BannerId_UnitId",
                table: "Plans",
                columns: new[] { "BannerId", "UnitId" });

            migrationBuilder.CreateIndex(
                name: "IX_PlanPeople_BannerId_UnitId",
                table: "PlanPeople",
                columns: new[] { "BannerId", "UnitId" });

            migrationBuilder.CreateIndex(
                name: "IX_PendingImports_BannerId_UnitId",
                table: "PendingImports",
                columns: new[] { "BannerId", "UnitId" });

            migrationBuilder.CreateIndex(
                name: "IX_PartyMeetings_BannerId_UnitId",
                table: "PartyMeetings",
                columns: new[] { "BannerId", "UnitId" });

            migrationBuilder.CreateIndex(
                name: "IX_PackageJobs_BannerId_UnitId",
                table: "PackageJobs",
                columns: new[] { "BannerId", "UnitId" });

            migrationBuilder.CreateIndex(
                name: "IX_Investigations_BannerId_UnitId",
                table: "Investigations",
                columns: new[] { "BannerId", "UnitId" });

            migrationBuilder.CreateIndex(
                name: "IX_HelpActions_BannerId_UnitId",
                table: "HelpActions",
                columns: new[] { "BannerId", "UnitId" });

            migrationBuilder.CreateIndex(
                name: "IX_Gaps_BannerId_UnitId",
                table: "Gaps",
                columns: new[] { "BannerId", "UnitId" });

            migrationBuilder.CreateIndex(
                name: "IX_FundEntries_BannerId_UnitId",
                table: "FundEntries",
                columns: new[] { "BannerId", "UnitId" });

            migrationBuilder.CreateIndex(
                name: "IX_FileLinks_BannerId_UnitId",
                table: "FileLinks",
                columns: new[] { "BannerId", "UnitId" });

            migrationBuilder.CreateIndex(
                name: "IX_Experiences_BannerId_UnitId",
                table: "Experiences",
                columns: new[] { "BannerId", "UnitId" });

            migrationBuilder.CreateIndex(
                name: "IX_ElderStatusChanges_BannerId_UnitId",
                table: "ElderStatusChanges",
                columns: new[] { "BannerId", "UnitId" });

            migrationBuilder.CreateIndex(
                name: "IX_Elders_BannerId_UnitId",
                table: "Elders",
                columns: new[] { "BannerId", "UnitId" });

            migrationBuilder.CreateIndex(
                name: "IX_Donors_BannerId_UnitId",
                table: "Donors",
                columns: new[] { "BannerId", "UnitId" });

            migrationBuilder.CreateIndex(
                name: "IX_Deeds_BannerId_UnitId",
                table: "Deeds",
                columns: new[] { "BannerId", "UnitId" });

            migrationBuilder.CreateIndex(
                name: "IX_DeedPublicity_BannerId_UnitId",
                table: "DeedPublicity",
                columns: new[] { "BannerId", "UnitId" });

            migrationBuilder.CreateIndex(
                name: "IX_CommendationMeetings_BannerId_UnitId",
                table: "CommendationMeetings",
                columns: new[] { "BannerId", "UnitId" });

            migrationBuilder.CreateIndex(
                name: "IX_CommendationHonorees_BannerId_UnitId",
                table: "CommendationHonorees",
                columns: new[] { "BannerId", "UnitId" });

            migrationBuilder.CreateIndex(
                name: "IX_CivilizationEntries_BannerId_UnitId",
                table: "CivilizationEntries",
                columns: new[] { "BannerId", "UnitId" });

            migrationBuilder.CreateIndex(
                name: "IX_Certifications_BannerId_UnitId",
                table: "Certifications",
                columns: new[] { "BannerId", "UnitId" });

            migrationBuilder.CreateIndex(
                name: "IX_CertificationEvents_BannerId_UnitId",
                table: "CertificationEvents",
                columns: new[] { "BannerId", "UnitId" });

            migrationBuilder.CreateIndex(
                name: "IX_CaseVisits_BannerId_UnitId",
                table: "CaseVisits",
                columns: new[] { "BannerId", "UnitId" });

            migrationBuilder.CreateIndex(
                name: "IX_CaseShares_BannerId_UnitId",
                table: "CaseShares",
                columns: new[] { "BannerId", "UnitId" });

            migrationBuilder.CreateIndex(
                name: "IX_CaseConsents_BannerId_UnitId",
                table: "CaseConsents",
                columns: new[] { "BannerId", "UnitId" });

            migrationBuilder.CreateIndex(
                name: "IX_CaseAccessLog_BannerId_UnitId",
                table: "CaseAccessLog",
                columns: new[] { "BannerId", "UnitId" });

            migrationBuilder.CreateIndex(
                name: "IX_CampaignStages_BannerId_UnitId",
                table: "CampaignStages",
                columns: new[] { "BannerId", "UnitId" });

            migrationBuilder.CreateIndex(
                name: "IX_Campaigns_BannerId_UnitId",
                table: "Campaigns",
                columns: new[] { "BannerId", "UnitId" });

            migrationBuilder.CreateIndex(
                name: "IX_AssessmentSteps_BannerId_UnitId",
                table: "AssessmentSteps",
                columns: new[] { "BannerId", "UnitId" });

            migrationBuilder.CreateIndex(
                name: "IX_AssessmentRounds_BannerId_UnitId",
                table: "AssessmentRounds",
                columns: new[] { "BannerId", "UnitId" });

            migrationBuilder.CreateIndex(
                name: "IX_ArchiveEntries_BannerId_UnitId",
                table: "ArchiveEntries",
                columns: new[] { "BannerId", "UnitId" });

            migrationBuilder.CreateIndex(
                name: "IX_ActivityElders_BannerId_UnitId",
                table: "ActivityElders",
                columns: new[] { "BannerId", "UnitId" });

            migrationBuilder.CreateIndex(
                name: "IX_Activities_BannerId_UnitId",
                table: "Activities",
                columns: new[] { "BannerId", "UnitId" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_YouthCases_BannerId_UnitId",
                table: "YouthCases");

            migrationBuilder.DropIndex(
                name: "IX_YouthCaseElders_BannerId_UnitId",
                table: "YouthCaseElders");

            migrationBuilder.DropIndex(
                name: "IX_WorkCycleEntries_BannerId_UnitId",
                table: "WorkCycleEntries");

            migrationBuilder.DropIndex(
                name: "IX_TrainingTrainees_BannerId_UnitId",
                table: "TrainingTrainees");

            migrationBuilder.DropIndex(
                name: "IX_Trainings_BannerId_UnitId",
                table: "Trainings");

            migrationBuilder.DropIndex(
                name: "IX_TeamMembers_BannerId_UnitId",
                table: "TeamMembers");

            migrationBuilder.DropIndex(
                name: "IX_TeamChanges_BannerId_UnitId",
                table: "TeamChanges");

            migrationBuilder.DropIndex(
                name: "IX_StudySessions_BannerId_UnitId",
                table: "StudySessions");

            migrationBuilder.DropIndex(
                name: "IX_Studios_BannerId_UnitId",
                table: "Studios");

            migrationBuilder.DropIndex(
                name: "IX_StoredFiles_BannerId_UnitId",
                table: "StoredFiles");

            migrationBuilder.DropIndex(
                name: "IX_SchoolLinks_BannerId_UnitId",
                table: "SchoolLinks");

            migrationBuilder.DropIndex(
                name: "IX_Samples_BannerId_UnitId",
                table: "Samples");

            migrationBuilder.DropIndex(
                name: "IX_SampledUnits_BannerId_UnitId",
                table: "SampledUnits");

            migrationBuilder.DropIndex(
                name: "IX_RuleDocuments_BannerId_UnitId",
                table: "RuleDocuments");

            migrationBuilder.DropIndex(
                name: "IX_PlanVersions_BannerId_UnitId",
                table: "PlanVersions");

            migrationBuilder.DropIndex(
                name: "IX_PlanSteps_BannerId_UnitId",
                table: "PlanSteps");

            migrationBuilder.DropIndex(
                name: "IX_Plans_BannerId_UnitId",
                table: "Plans");

            migrationBuilder.DropIndex(
                name: "IX_PlanPeople_BannerId_UnitId",
                table: "PlanPeople");

            migrationBuilder.DropIndex(
                name: "IX_PendingImports_BannerId_UnitId",
                table: "PendingImports");

            migrationBuilder.DropIndex(
                name: "IX_PartyMeetings_BannerId_UnitId",
                table: "PartyMeetings");

            migrationBuilder.DropIndex(
                name: "IX_PackageJobs_BannerId_UnitId",
                table: "PackageJobs");

            migrationBuilder.DropIndex(
                name: "IX_Investigations_BannerId_UnitId",
                table: "Investigations");

            migrationBuilder.DropIndex(
                name: "IX_HelpActions_BannerId_UnitId",
                table: "HelpActions");

            migrationBuilder.DropIndex(
                name: "IX_Gaps_BannerId_UnitId",
                table: "Gaps");

            migrationBuilder.DropIndex(
                name: "IX_FundEntries_BannerId_UnitId",
                table: "FundEntries");

            migrationBuilder.DropIndex(
                name: "IX_FileLinks_BannerId_UnitId",
                table: "FileLinks");

            migrationBuilder.DropIndex(
                name: "IX_Experiences_BannerId_UnitId",
                table: "Experiences");

            migrationBuilder.DropIndex(
                name: "IX_ElderStatusChanges_BannerId_UnitId",
                table: "ElderStatusChanges");

            migrationBuilder.DropIndex(
                name: "IX_Elders_BannerId_UnitId",
                table: "Elders");

            migrationBuilder.DropIndex(
                name: "IX_Donors_BannerId_UnitId",
                table: "Donors");

            migrationBuilder.DropIndex(
                name: "IX_Deeds_BannerId_UnitId",
                table: "Deeds");

            migrationBuilder.DropIndex(
                name: "IX_DeedPublicity_BannerId_UnitId",
                table: "DeedPublicity");

            migrationBuilder.DropIndex(
                name: "IX_CommendationMeetings_BannerId_UnitId",
                table: "CommendationMeetings");

            migrationBuilder.DropIndex(
                name: "IX_CommendationHonorees_BannerId_UnitId",
                table: "CommendationHonorees");

            migrationBuilder.DropIndex(
                name: "IX_CivilizationEntries_BannerId_UnitId",
                table: "CivilizationEntries");

            migrationBuilder.DropIndex(
                name: "IX_Certifications_BannerId_UnitId",
                table: "Certifications");

            migrationBuilder.DropIndex(
                name: "IX_CertificationEvents_BannerId_UnitId",
                table: "CertificationEvents");

            migrationBuilder.DropIndex(
                name: "IX_CaseVisits_BannerId_UnitId",
                table: "CaseVisits");

            migrationBuilder.DropIndex(
                name: "IX_CaseShares_BannerId_UnitId",
                table: "CaseShares");

            migrationBuilder.DropIndex(
                name: "IX_CaseConsents_BannerId_UnitId",
                table: "CaseConsents");

            migrationBuilder.DropIndex(
                name: "IX_CaseAccessLog_BannerId_UnitId",
                table: "CaseAccessLog");

            migrationBuilder.DropIndex(
                name: "IX_CampaignStages_BannerId_UnitId",
                table: "CampaignStages");

            migrationBuilder.DropIndex(
                name: "IX_Campaigns_BannerId_UnitId",
                table: "Campaigns");

            migrationBuilder.DropIndex(
                name: "IX_AssessmentSteps_BannerId_UnitId",
                table: "AssessmentSteps");

            migrationBuilder.DropIndex(
                name: "IX_AssessmentRounds_BannerId_UnitId",
                table: "AssessmentRounds");

            migrationBuilder.DropIndex(
                name: "IX_ArchiveEntries_BannerId_UnitId",
                table: "ArchiveEntries");

            migrationBuilder.DropIndex(
                name: "IX_ActivityElders_BannerId_UnitId",
                table: "ActivityElders");

            migrationBuilder.DropIndex(
                name: "IX_Activities_BannerId_UnitId",
                table: "Activities");

            migrationBuilder.DropColumn(
                name: "BannerId",
                table: "YouthCases");

            migrationBuilder.DropColumn(
                name: "BannerId",
                table: "YouthCaseElders");

            migrationBuilder.DropColumn(
                name: "BannerId",
                table: "WorkCycleEntries");

            migrationBuilder.DropColumn(
                name: "BannerId",
                table: "Units");

            migrationBuilder.DropColumn(
                name: "BannerId",
                table: "TrainingTrainees");

            migrationBuilder.DropColumn(
                name: "BannerId",
                table: "Trainings");

            migrationBuilder.DropColumn(
                name: "BannerId",
                table: "TeamMembers");

            migrationBuilder.DropColumn(
                name: "BannerId",
                table: "TeamChanges");

            migrationBuilder.DropColumn(
                name: "BannerId",
                table: "StudySessions");

            migrationBuilder.DropColumn(
                name: "BannerId",
                table: "Studios");

            migrationBuilder.DropColumn(
                name: "BannerId",
                table: "StoredFiles");

            migrationBuilder.DropColumn(
                name: "BannerId",
                table: "SchoolLinks");

            migrationBuilder.DropColumn(
                name: "BannerId",
                table: "Samples");

            migrationBuilder.DropColumn(
                name: "BannerId",
                table: "SampledUnits");

            migrationBuilder.DropColumn(
                name: "BannerId",
                table: "RuleDocuments");

            migrationBuilder.DropColumn(
                name: "BannerId",
                table: "PlanVersions");

            migrationBuilder.DropColumn(
                name: "BannerId",
                table: "PlanSteps");

            migrationBuilder.DropColumn(
                name: "BannerId",
                table: "Plans");

            migrationBuilder.DropColumn(
                name: "BannerId",
                table: "PlanPeople");

            migrationBuilder.DropColumn(
                name: "BannerId",
                table: "PendingImports");

            migrationBuilder.DropColumn(
                name: "BannerId",
                table: "PartyMeetings");

            migrationBuilder.DropColumn(
                name: "BannerId",
                table: "PackageJobs");

            migrationBuilder.DropColumn(
                name: "BannerId",
                table: "Investigations");

            migrationBuilder.DropColumn(
                name: "BannerId",
                table: "HelpActions");

            migrationBuilder.DropColumn(
                name: "BannerId",
                table: "Gaps");

            migrationBuilder.DropColumn(
                name: "BannerId",
                table: "FundEntries");

            migrationBuilder.DropColumn(
                name: "BannerId",
                table: "FileLinks");

            migrationBuilder.DropColumn(
                name: "BannerId",
                table: "Experiences");

            migrationBuilder.DropColumn(
                name: "BannerId",
                table: "ElderStatusChanges");

            migrationBuilder.DropColumn(
                name: "BannerId",
                table: "Elders");

            migrationBuilder.DropColumn(
                name: "BannerId",
                table: "Donors");

            migrationBuilder.DropColumn(
                name: "BannerId",
                table: "Deeds");

            migrationBuilder.DropColumn(
                name: "BannerId",
                table: "DeedPublicity");

            migrationBuilder.DropColumn(
                name: "BannerId",
                table: "CommendationMeetings");

            migrationBuilder.DropColumn(
                name: "BannerId",
                table: "CommendationHonorees");

            migrationBuilder.DropColumn(
                name: "BannerId",
                table: "CivilizationEntries");

            migrationBuilder.DropColumn(
                name: "BannerId",
                table: "ChangeLog");

            migrationBuilder.DropColumn(
                name: "BannerId",
                table: "Certifications");

            migrationBuilder.DropColumn(
                name: "BannerId",
                table: "CertificationEvents");

            migrationBuilder.DropColumn(
                name: "BannerId",
                table: "CaseVisits");

            migrationBuilder.DropColumn(
                name: "BannerId",
                table: "CaseShares");

            migrationBuilder.DropColumn(
                name: "BannerId",
                table: "CaseConsents");

            migrationBuilder.DropColumn(
                name: "BannerId",
                table: "CaseAccessLog");

            migrationBuilder.DropColumn(
                name: "BannerId",
                table: "CampaignStages");

            migrationBuilder.DropColumn(
                name: "BannerId",
                table: "Campaigns");

            migrationBuilder.DropColumn(
                name: "BannerId",
                table: "AssessmentSteps");

            migrationBuilder.DropColumn(
                name: "BannerId",
                table: "AssessmentRounds");

            migrationBuilder.DropColumn(
                name: "BannerId",
                table: "ArchiveEntries");

            migrationBuilder.DropColumn(
                name: "BannerId",
                table: "ActivityElders");

            migrationBuilder.DropColumn(
                name: "BannerId",
                table: "Activities");
        }
    }
}
