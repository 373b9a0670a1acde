using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace WuHao.Web.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class FileLinkPartialKeyIndexes : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_FileLinks_ActivityId",
                table: "FileLinks");

            migrationBuilder.DropIndex(
                name: "IX_FileLinks_ArchiveEntryId",
                table: "FileLinks");

            migrationBuilder.DropIndex(
                name: "IX_FileLinks_CaseConsentId",
                table: "FileLinks");

            migrationBuilder.DropIndex(
                name: "IX_FileLinks_CivilizationEntryId",
                table: "FileLinks");

            migrationBuilder.DropIndex(
                name: "IX_FileLinks_CommendationMeetingId",
                table: "FileLinks");

            migrationBuilder.DropIndex(
                name: "IX_FileLinks_DeedId",
                table: "FileLinks");

            migrationBuilder.DropIndex(
                name: "IX_FileLinks_ExperienceId",
                table: "FileLinks");

            migrationBuilder.DropIndex(
                name: "IX_FileLinks_FundEntryId",
                table: "FileLinks");

            migrationBuilder.DropIndex(
                name: "IX_FileLinks_InvestigationId",
                table: "FileLinks");

            migrationBuilder.DropIndex(
                name: "IX_FileLinks_PartyMeetingId",
                table: "FileLinks");

            migrationBuilder.DropIndex(
                name: "IX_FileLinks_RuleDocumentId",
                table: "FileLinks");

            migrationBuilder.DropIndex(
                name: "IX_FileLinks_SchoolLinkId",
                table: "FileLinks");

            migrationBuilder.DropIndex(
                name: "IX_FileLinks_StudySessionId",
                table: "FileLinks");

            migrationBuilder.DropIndex(
                name: "IX_FileLinks_TrainingId",
                table: "FileLinks");

            migrationBuilder.DropIndex(
                name: "IX_FileLinks_WorkCycleEntryId",
                table: "FileLinks");

            migrationBuilder.CreateIndex(
                name: "IX_FileLinks_ActivityId",
                table: "FileLinks",
                column: "ActivityId",
                filter: "\"ActivityId\" IS NOT NULL");

            migrationBuilder.CreateIndex(
                name: "IX_FileLinks_ArchiveEntryId",
                table: "FileLinks",
                column: "ArchiveEntryId",
                filter: "\"ArchiveEntryId\" IS NOT NULL");

            migrationBuilder.CreateIndex(
                name: "IX_FileLinks_CaseConsentId",
                table: "FileLinks",
                column: "CaseConsentId",
                filter: "\"CaseConsentId\" IS NOT NULL");

            migrationBuilder.CreateIndex(
                name: "IX_FileLinks_CivilizationEntryId",
                table: "FileLinks",
                column: "CivilizationEntryId",
                filter: "\"CivilizationEntryId\" IS NOT NULL");

            migrationBuilder.CreateIndex(
                name: "IX_FileLinks_CommendationMeetingId",
                table: "FileLinks",
                column: "CommendationMeetingId",
                filter: "\"CommendationMeetingId\" IS NOT NULL");

            migrationBuilder.CreateIndex(
                name: "IX_FileLinks_DeedId",
                table: "FileLinks",
                column: "DeedId",
                filter: "\"DeedId\" IS NOT NULL");

            migrationBuilder.CreateIndex(
                name: "IX_FileLinks_ExperienceId",
                table: "FileLinks",
                column: "ExperienceId",
                filter: "\"ExperienceId\" IS NOT NULL");

            migrationBuilder.CreateIndex(
                name: "IX_FileLinks_FundEntryId",
                table: "FileLinks",
                column: "FundEntryId",
                filter: "\"FundEntryId\" IS NOT NULL");

            migrationBuilder.CreateIndex(
                name: "IX_FileLinks_InvestigationId",
                table: "FileLinks",
                column: "InvestigationId",
                filter: "\"InvestigationId\" IS NOT NULL");

            migrationBuilder.CreateIndex(
                name: "IX_FileLinks_PartyMeetingId",
                table: "FileLinks",
                column: "PartyMeetingId",
                filter: "\"PartyMeetingId\" IS NOT NULL");

            migrationBuilder.CreateIndex(
                name: "IX_FileLinks_RuleDocumentId",
                table: "FileLinks",
                column: "RuleDocumentId",
                filter: "\"RuleDocumentId\" IS NOT NULL");

            migrationBuilder.CreateIndex(
                name: "IX_FileLinks_SchoolLinkId",
                table: "FileLinks",
                column: "SchoolLinkId",
                filter: "\"SchoolLinkId\" IS NOT NULL");

            migrationBuilder.CreateIndex(
                name: "IX_FileLinks_StudySessionId",
                table: "FileLinks",
                column: "StudySessionId",
                filter: "\"StudySessionId\" IS NOT NULL");

            migrationBuilder.CreateIndex(
                name: "IX_FileLinks_TrainingId",
                table: "FileLinks",
                column: "TrainingId",
                filter: "\"TrainingId\" IS NOT NULL");

            migrationBuilder.CreateIndex(
                name: "IX_FileLinks_WorkCycleEntryId",
                table: "FileLinks",
                column: "WorkCycleEntryId",
                filter: "\"WorkCycleEntryId\" IS NOT NULL");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_FileLinks_ActivityId",
                table: "FileLinks");

            migrationBuilder.DropIndex(
                name: "IX_FileLinks_ArchiveEntryId",
                table: "FileLinks");

            migrationBuilder.DropIndex(
                name: "IX_FileLinks_CaseConsentId",
                table: "FileLinks");

            migrationBuilder.DropIndex(
                name: "IX_FileLinks_CivilizationEntryId",
                table: "FileLinks");

            migrationBuilder.DropIndex(
                name: "IX_FileLinks_CommendationMeetingId",
                table: "FileLinks");

            migrationBuilder.DropIndex(
                name: "IX_FileLinks_DeedId",
                table: "FileLinks");

            migrationBuilder.DropIndex(
                name: "IX_FileLinks_ExperienceId",
                table: "FileLinks");

            migrationBuilder.DropIndex(
                name: "IX_FileLinks_FundEntryId",
                table: "FileLinks");

            migrationBuilder.DropIndex(
                name: "IX_FileLinks_InvestigationId",
                table: "FileLinks");

            migrationBuilder.DropIndex(
                name: "IX_FileLinks_PartyMeetingId",
                table: "FileLinks");

            migrationBuilder.DropIndex(
                name: "IX_FileLinks_RuleDocumentId",
                table: "FileLinks");

            migrationBuilder.DropIndex(
                name: "IX_FileLinks_SchoolLinkId",
                table: "FileLinks");

            migrationBuilder.DropIndex(
                name: "IX_FileLinks_StudySessionId",
                table: "FileLinks");

            migrationBuilder.DropIndex(
                name: "IX_FileLinks_TrainingId",
                table: "FileLinks");

            migrationBuilder.DropIndex(
                name: "IX_FileLinks_WorkCycleEntryId",
                table: "FileLinks");

            migrationBuilder.CreateIndex(
                name: "IX_FileLinks_ActivityId",
                table: "FileLinks",
                column: "ActivityId");

            migrationBuilder.CreateIndex(
                name: "IX_FileLinks_ArchiveEntryId",
                table: "FileLinks",
                column: "ArchiveEntryId");

            migrationBuilder.CreateIndex(
                name: "IX_FileLinks_CaseConsentId",
                table: "FileLinks",
                column: "CaseConsentId");

            migrationBuilder.CreateIndex(
                name: "IX_FileLinks_CivilizationEntryId",
                table: "FileLinks",
                column: "CivilizationEntryId");

            migrationBuilder.CreateIndex(
                name: "IX_FileLinks_CommendationMeetingId",
                table: "FileLinks",
                column: "CommendationMeetingId");

            migrationBuilder.CreateIndex(
                name: "IX_FileLinks_DeedId",
                table: "FileLinks",
                column: "DeedId");

            migrationBuilder.CreateIndex(
                name: "IX_FileLinks_ExperienceId",
                table: "FileLinks",
                column: "ExperienceId");

            migrationBuilder.CreateIndex(
                name: "IX_FileLinks_FundEntryId",
                table: "FileLinks",
                column: "FundEntryId");

            migrationBuilder.CreateIndex(
                name: "IX_FileLinks_InvestigationId",
                table: "FileLinks",
                column: "InvestigationId");

            migrationBuilder.CreateIndex(
                name: "IX_FileLinks_PartyMeetingId",
                table: "FileLinks",
                column: "PartyMeetingId");

            migrationBuilder.CreateIndex(
                name: "IX_FileLinks_RuleDocumentId",
                table: "FileLinks",
                column: "RuleDocumentId");

            migrationBuilder.CreateIndex(
                name: "IX_FileLinks_SchoolLinkId",
                table: "FileLinks",
                column: "SchoolLinkId");

            migrationBuilder.CreateIndex(
                name: "IX_FileLinks_StudySessionId",
                table: "FileLinks",
                column: "StudySessionId");

            migrationBuilder.CreateIndex(
                name: "IX_FileLinks_TrainingId",
                table: "FileLinks",
                column: "TrainingId");

            migrationBuilder.CreateIndex(
                name: "IX_FileLinks_WorkCycleEntryId",
                table: "FileLinks",
                column: "WorkCycleEntryId");
        }
    }
}
