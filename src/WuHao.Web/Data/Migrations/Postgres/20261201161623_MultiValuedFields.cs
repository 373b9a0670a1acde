using Microsoft.EntityFrameworkCore.Migrations;
using WuHao.Web.Data.Migrations.DataCarryOver;

#nullable disable

namespace WuHao.Web.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class MultiValuedFields : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "ActivityPartnerValue",
                columns: table => new
                {
                    Value = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    ActivityId = table.Column<int>(type: "integer", nullable: false),
                    Position = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ActivityPartnerValue", x => new { x.ActivityId, x.Value });
                    table.ForeignKey(
                        name: "FK_ActivityPartnerValue_Activities_ActivityId",
                        column: x => x.ActivityId,
                        principalTable: "Activities",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "ActivityTypeValue",
                columns: table => new
                {
                    Value = table.Column<string>(type: "character varying(400)", maxLength: 400, nullable: false),
                    ActivityId = table.Column<int>(type: "integer", nullable: false),
                    Position = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ActivityTypeValue", x => new { x.ActivityId, x.Value });
                    table.ForeignKey(
                        name: "FK_ActivityTypeValue_Activities_ActivityId",
                        column: x => x.ActivityId,
                        principalTable: "Activities",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "InvestigationTargetGroupValue",
                columns: table => new
                {
                    Value = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    InvestigationId = table.Column<int>(type: "integer", nullable: false),
                    Position = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_InvestigationTargetGroupValue", x => new { x.InvestigationId, x.Value });
                    table.ForeignKey(
                        name: "FK_InvestigationTargetGroupValue_Investigations_InvestigationId",
                        column: x => x.InvestigationId,
                        principalTable: "Investigations",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "PartyMeetingOrganisationValue",
                columns: table => new
                {
                    Value = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    PartyMeetingId = table.Column<int>(type: "integer", nullable: false),
                    Position = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_PartyMeetingOrganisationValue", x => new { x.PartyMeetingId, x.Value });
                    table.ForeignKey(
                        name: "FK_PartyMeetingOrganisationValue_PartyMeetings_PartyMeetingId",
                        column: x => x.PartyMeetingId,
                        principalTable: "PartyMeetings",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "YouthCaseCategoryValue",
                columns: table => new
                {
                    Value = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    YouthCaseId = table.Column<int>(type: "integer", nullable: false),
                    Position = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_YouthCaseCategoryValue", x => new { x.YouthCaseId, x.Value });
                    table.ForeignKey(
                        name: "FK_YouthCaseCategoryValue_YouthCases_YouthCaseId",
                        column: x => x.YouthCaseId,
                        principalTable: "YouthCases",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_ActivityPartnerValue_Value_ActivityId",
                table: "ActivityPartnerValue",
                columns: new[] { "Value", "ActivityId" });

            migrationBuilder.CreateIndex(
                name: "IX_ActivityTypeValue_Value_ActivityId",
                table: "ActivityTypeValue",
                columns: new[] { "Value", "ActivityId" });

            migrationBuilder.CreateIndex(
                name: "IX_InvestigationTargetGroupValue_Value_InvestigationId",
                table: "InvestigationTargetGroupValue",
                columns: new[] { "Value", "InvestigationId" });

            migrationBuilder.CreateIndex(
                name: "IX_PartyMeetingOrganisationValue_Value_PartyMeetingId",
                table: "PartyMeetingOrganisationValue",
                columns: new[] { "Value", "PartyMeetingId" });

            migrationBuilder.CreateIndex(
                name: "IX_YouthCaseCategoryValue_Value_YouthCaseId",
                table: "YouthCaseCategoryValue",
                columns: new[] { "Value", "YouthCaseId" });

            // Carry the joined strings over before their columns go (ADR-011).
            MultiValueCarryOver.Up(migrationBuilder);

            migrationBuilder.DropColumn(
                name: "Categories",
                table: "YouthCases");

            migrationBuilder.DropColumn(
                name: "Organisations",
                table: "PartyMeetings");

            migrationBuilder.DropColumn(
                name: "TargetGroups",
                table: "Investigations");

            migrationBuilder.DropColumn(
                name: "Partners",
                table: "Activities");

            migrationBuilder.DropColumn(
                name: "Types",
                table: "Activities");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "Categories",
                table: "YouthCases",
                type: "character varying(200)",
                maxLength: 200,
                nullable: false,
                defaultValue: "");

            migrationBuilder.AddColumn<string>(
                name: "Organisations",
                table: "PartyMeetings",
                type: "character varying(200)",
                maxLength: 200,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "TargetGroups",
                table: "Investigations",
                type: "character varying(200)",
                maxLength: 200,
                nullable: false,
                defaultValue: "");

            migrationBuilder.AddColumn<string>(
                name: "Partners",
                table: "Activities",
                type: "character varying(200)",
                maxLength: 200,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "Types",
                table: "Activities",
                type: "character varying(400)",
                maxLength: 400,
                nullable: false,
                defaultValue: "");

            // Join the values back into their columns before the tables go (ADR-011).
            MultiValueCarryOver.Down(migrationBuilder);

            migrationBuilder.DropTable(
                name: "ActivityPartnerValue");

            migrationBuilder.DropTable(
                name: "ActivityTypeValue");

            migrationBuilder.DropTable(
                name: "InvestigationTargetGroupValue");

            migrationBuilder.DropTable(
                name: "PartyMeetingOrganisationValue");

            migrationBuilder.DropTable(
                name: "YouthCaseCategoryValue");
        }
    }
}
