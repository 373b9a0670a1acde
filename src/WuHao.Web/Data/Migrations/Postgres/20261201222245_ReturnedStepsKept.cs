using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace WuHao.Web.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class ReturnedStepsKept : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_AssessmentSteps_RoundId_Kind",
                table: "AssessmentSteps");

            migrationBuilder.AddColumn<string>(
                name: "ReturnReason",
                table: "AssessmentSteps",
                type: "character varying(500)",
                maxLength: 500,
                nullable: true);

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "ReturnedAt",
                table: "AssessmentSteps",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "ReturnedBy",
                table: "AssessmentSteps",
                type: "character varying(100)",
                maxLength: 100,
                nullable: true);

            migrationBuilder.CreateIndex(
                name: "IX_AssessmentSteps_RoundId_Kind",
                table: "AssessmentSteps",
                columns: new[] { "RoundId", "Kind" },
                unique: true,
                filter: "\"ReturnedAt\" IS NULL");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_AssessmentSteps_RoundId_Kind",
                table: "AssessmentSteps");

            migrationBuilder.DropColumn(
                name: "ReturnReason",
                table: "AssessmentSteps");

            migrationBuilder.DropColumn(
                name: "ReturnedAt",
                table: "AssessmentSteps");

            migrationBuilder.DropColumn(
                name: "ReturnedBy",
                table: "AssessmentSteps");

            migrationBuilder.CreateIndex(
                name: "IX_AssessmentSteps_RoundId_Kind",
                table: "AssessmentSteps",
                columns: new[] { "RoundId", "Kind" },
                unique: true);
        }
    }
}
