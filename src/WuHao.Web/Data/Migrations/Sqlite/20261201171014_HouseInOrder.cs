using Microsoft.EntityFrameworkCore.Migrations;
using WuHao.Web.Data.Migrations.DataCarryOver;

#nullable disable

namespace WuHao.Web.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class HouseInOrder : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<int>(
                name: "CommendationMeetingId",
                table: "FileLinks",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "DeedId",
                table: "FileLinks",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "PartyMeetingId",
                table: "FileLinks",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "StudySessionId",
                table: "FileLinks",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "TrainingId",
                table: "FileLinks",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "ActivityElders",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    ActivityId = table.Column<int>(type: "INTEGER", nullable: false),
                    ElderId = table.Column<int>(type: "INTEGER", nullable: false),
                    Version = table.Column<int>(type: "INTEGER", nullable: false),
                    CreatedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    CreatedBy = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true),
                    UpdatedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    UpdatedBy = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true),
                    UnitId = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ActivityElders", x => x.Id);
                    table.ForeignKey(
                        name: "FK_ActivityElders_Activities_ActivityId",
                        column: x => x.ActivityId,
                        principalTable: "Activities",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_ActivityElders_Elders_ElderId",
                        column: x => x.ElderId,
                        principalTable: "Elders",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_ActivityElders_Units_UnitId",
                        column: x => x.UnitId,
                        principalTable: "Units",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "ActivityPartnerValue",
                columns: table => new
                {
                    Value = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    ActivityId = table.Column<int>(type: "INTEGER", nullable: false),
                    Position = table.Column<int>(type: "INTEGER", nullable: false)
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
                    Value = table.Column<string>(type: "TEXT", maxLength: 400, nullable: false),
                    ActivityId = table.Column<int>(type: "INTEGER", nullable: false),
                    Position = table.Column<int>(type: "INTEGER", nullable: false)
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
                    Value = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    InvestigationId = table.Column<int>(type: "INTEGER", nullable: false),
                    Position = table.Column<int>(type: "INTEGER", nullable: false)
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
                    Value = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    PartyMeetingId = table.Column<int>(type: "INTEGER", nullable: false),
                    Position = table.Column<int>(type: "INTEGER", nullable: false)
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
                    Value = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    YouthCaseId = table.Column<int>(type: "INTEGER", nullable: false),
                    Position = table.Column<int>(type: "INTEGER", nullable: false)
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

            migrationBuilder.CreateTable(
                name: "YouthCaseElders",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    CaseId = table.Column<int>(type: "INTEGER", nullable: false),
                    ElderId = table.Column<int>(type: "INTEGER", nullable: false),
                    Version = table.Column<int>(type: "INTEGER", nullable: false),
                    CreatedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    CreatedBy = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true),
                    UpdatedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    UpdatedBy = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true),
                    UnitId = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_YouthCaseElders", x => x.Id);
                    table.ForeignKey(
                        name: "FK_YouthCaseElders_Elders_ElderId",
                        column: x => x.ElderId,
                        principalTable: "Elders",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_YouthCaseElders_Units_UnitId",
                        column: x => x.UnitId,
                        principalTable: "Units",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_YouthCaseElders_YouthCases_CaseId",
                        column: x => x.CaseId,
                        principalTable: "YouthCases",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_FileLinks_CommendationMeetingId",
                table: "FileLinks",
                column: "CommendationMeetingId");

            migrationBuilder.CreateIndex(
                name: "IX_FileLinks_DeedId",
                table: "FileLinks",
                column: "DeedId");

            migrationBuilder.CreateIndex(
                name: "IX_FileLinks_PartyMeetingId",
                table: "FileLinks",
                column: "PartyMeetingId");

            migrationBuilder.CreateIndex(
                name: "IX_FileLinks_StudySessionId",
                table: "FileLinks",
                column: "StudySessionId");

            migrationBuilder.CreateIndex(
                name: "IX_FileLinks_TrainingId",
                table: "FileLinks",
                column: "TrainingId");

            migrationBuilder.CreateIndex(
                name: "IX_ActivityElders_ActivityId_ElderId",
                table: "ActivityElders",
                columns: new[] { "ActivityId", "ElderId" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_ActivityElders_ElderId",
                table: "ActivityElders",
                column: "ElderId");

            migrationBuilder.CreateIndex(
                name: "IX_ActivityElders_UnitId",
                table: "ActivityElders",
                column: "UnitId");

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

            migrationBuilder.CreateIndex(
                name: "IX_YouthCaseElders_CaseId_ElderId",
                table: "YouthCaseElders",
                columns: new[] { "CaseId", "ElderId" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_YouthCaseElders_ElderId",
                table: "YouthCaseElders",
                column: "ElderId");

            migrationBuilder.CreateIndex(
                name: "IX_YouthCaseElders_UnitId",
                table: "YouthCaseElders",
                column: "UnitId");

            migrationBuilder.AddForeignKey(
                name: "FK_FileLinks_CommendationMeetings_CommendationMeetingId",
                table: "FileLinks",
                column: "CommendationMeetingId",
                principalTable: "CommendationMeetings",
                principalColumn: "Id",
                onDelete: ReferentialAction.Cascade);

            migrationBuilder.AddForeignKey(
                name: "FK_FileLinks_Deeds_DeedId",
                table: "FileLinks",
                column: "DeedId",
                principalTable: "Deeds",
                principalColumn: "Id",
                onDelete: ReferentialAction.Cascade);

            migrationBuilder.AddForeignKey(
                name: "FK_FileLinks_PartyMeetings_PartyMeetingId",
                table: "FileLinks",
                column: "PartyMeetingId",
                principalTable: "PartyMeetings",
                principalColumn: "Id",
                onDelete: ReferentialAction.Cascade);

            migrationBuilder.AddForeignKey(
                name: "FK_FileLinks_StudySessions_StudySessionId",
                table: "FileLinks",
                column: "StudySessionId",
                principalTable: "StudySessions",
                principalColumn: "Id",
                onDelete: ReferentialAction.Cascade);

            migrationBuilder.AddForeignKey(
                name: "FK_FileLinks_Trainings_TrainingId",
                table: "FileLinks",
                column: "TrainingId",
                principalTable: "Trainings",
                principalColumn: "Id",
                onDelete: ReferentialAction.Cascade);

            MultiValueCarryOver.Up(migrationBuilder);
            ElderNamesCarryOver.Up(migrationBuilder);

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
                type: "TEXT",
                maxLength: 200,
                nullable: false,
                defaultValue: "");

            migrationBuilder.AddColumn<string>(
                name: "Organisations",
                table: "PartyMeetings",
                type: "TEXT",
                maxLength: 200,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "TargetGroups",
                table: "Investigations",
                type: "TEXT",
                maxLength: 200,
                nullable: false,
                defaultValue: "");

            migrationBuilder.AddColumn<string>(
                name: "Partners",
                table: "Activities",
                type: "TEXT",
                maxLength: 200,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "Types",
                table: "Activities",
                type: "TEXT",
                maxLength: 400,
                nullable: false,
                defaultValue: "");

            MultiValueCarryOver.Down(migrationBuilder);

            migrationBuilder.DropForeignKey(
                name: "FK_FileLinks_CommendationMeetings_CommendationMeetingId",
                table: "FileLinks");

            migrationBuilder.DropForeignKey(
                name: "FK_FileLinks_Deeds_DeedId",
                table: "FileLinks");

            migrationBuilder.DropForeignKey(
                name: "FK_FileLinks_PartyMeetings_PartyMeetingId",
                table: "FileLinks");

            migrationBuilder.DropForeignKey(
                name: "FK_FileLinks_StudySessions_StudySessionId",
                table: "FileLinks");

            migrationBuilder.DropForeignKey(
                name: "FK_FileLinks_Trainings_TrainingId",
                table: "FileLinks");

            migrationBuilder.DropTable(
                name: "ActivityElders");

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

            migrationBuilder.DropTable(
                name: "YouthCaseElders");

            migrationBuilder.DropIndex(
                name: "IX_FileLinks_CommendationMeetingId",
                table: "FileLinks");

            migrationBuilder.DropIndex(
                name: "IX_FileLinks_DeedId",
                table: "FileLinks");

            migrationBuilder.DropIndex(
                name: "IX_FileLinks_PartyMeetingId",
                table: "FileLinks");

            migrationBuilder.DropIndex(
                name: "IX_FileLinks_StudySessionId",
                table: "FileLinks");

            migrationBuilder.DropIndex(
                name: "IX_FileLinks_TrainingId",
                table: "FileLinks");

            migrationBuilder.DropColumn(
                name: "CommendationMeetingId",
                table: "FileLinks");

            migrationBuilder.DropColumn(
                name: "DeedId",
                table: "FileLinks");

            migrationBuilder.DropColumn(
                name: "PartyMeetingId",
                table: "FileLinks");

            migrationBuilder.DropColumn(
                name: "StudySessionId",
                table: "FileLinks");

            migrationBuilder.DropColumn(
                name: "TrainingId",
                table: "FileLinks");
        }
    }
}
