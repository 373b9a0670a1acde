using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace WuHao.Web.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class BannerIdChildTables : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<int>(
                name: "BannerId",
                table: "YouthCaseCategoryValue",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<int>(
                name: "BannerId",
                table: "StoredFileContents",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<int>(
                name: "BannerId",
                table: "PartyMeetingOrganisationValue",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<int>(
                name: "BannerId",
                table: "InvestigationTargetGroupValue",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<int>(
                name: "BannerId",
                table: "CalendarFeedTokens",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<int>(
                name: "BannerId",
                table: "ActivityTypeValue",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<int>(
                name: "BannerId",
                table: "ActivityPartnerValue",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0);

            DataCarryOver.BannerIdCarryOver.Children(migrationBuilder);

            migrationBuilder.CreateIndex(
                name: "IX_YouthCaseCategoryValue_BannerId_YouthCaseId",
                table: "YouthCaseCategoryValue",
                columns: new[] { "BannerId", "YouthCaseId" });

            migrationBuilder.CreateIndex(
                name: "IX_StoredFileContents_BannerId_Id",
                table: "StoredFileContents",
                columns: new[] { "BannerId", "Id" });

            migrationBuilder.CreateIndex(
                name: "IX_PartyMeetingOrganisationValue_BannerId_PartyMeetingId",
                table: "PartyMeetingOrganisationValue",
                columns: new[] { "BannerId", "PartyMeetingId" });

            migrationBuilder.CreateIndex(
                name: "IX_InvestigationTargetGroupValue_BannerId_InvestigationId",
                table: "InvestigationTargetGroupValue",
                columns: new[] { "BannerId", "InvestigationId" });

            migrationBuilder.CreateIndex(
                name: "IX_CalendarFeedTokens_BannerId_UserId",
                table: "CalendarFeedTokens",
                columns: new[] { "BannerId", "UserId" });

            migrationBuilder.CreateIndex(
                name: "IX_ActivityTypeValue_BannerId_ActivityId",
                table: "ActivityTypeValue",
                columns: new[] { "BannerId", "ActivityId" });

            migrationBuilder.CreateIndex(
                name: "IX_ActivityPartnerValue_BannerId_ActivityId",
                table: "ActivityPartnerValue",
                columns: new[] { "BannerId", "ActivityId" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_YouthCaseCategoryValue_BannerId_YouthCaseId",
                table: "YouthCaseCategoryValue");

            migrationBuilder.DropIndex(
                name: "IX_StoredFileContents_BannerId_Id",
                table: "StoredFileContents");

            migrationBuilder.DropIndex(
                name: "IX_PartyMeetingOrganisationValue_BannerId_PartyMeetingId",
                table: "PartyMeetingOrganisationValue");

            migrationBuilder.DropIndex(
                name: "IX_InvestigationTargetGroupValue_BannerId_InvestigationId",
                table: "InvestigationTargetGroupValue");

            migrationBuilder.DropIndex(
                name: "IX_CalendarFeedTokens_BannerId_UserId",
                table: "CalendarFeedTokens");

            migrationBuilder.DropIndex(
                name: "IX_ActivityTypeValue_BannerId_ActivityId",
                table: "ActivityTypeValue");

            migrationBuilder.DropIndex(
                name: "IX_ActivityPartnerValue_BannerId_ActivityId",
                table: "ActivityPartnerValue");

            migrationBuilder.DropColumn(
                name: "BannerId",
                table: "YouthCaseCategoryValue");

            migrationBuilder.DropColumn(
                name: "BannerId",
                table: "StoredFileContents");

            migrationBuilder.DropColumn(
                name: "BannerId",
                table: "PartyMeetingOrganisationValue");

            migrationBuilder.DropColumn(
                name: "BannerId",
                table: "InvestigationTargetGroupValue");

            migrationBuilder.DropColumn(
                name: "BannerId",
                table: "CalendarFeedTokens");

            migrationBuilder.DropColumn(
                name: "BannerId",
                table: "ActivityTypeValue");

            migrationBuilder.DropColumn(
                name: "BannerId",
                table: "ActivityPartnerValue");
        }
    }
}
