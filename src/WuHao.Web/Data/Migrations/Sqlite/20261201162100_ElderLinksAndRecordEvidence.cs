using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace WuHao.Web.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class ElderLinksAndRecordEvidence : Migration
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

            DataCarryOver.ElderNamesCarryOver.Up(migrationBuilder);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
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
