using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace WuHao.Web.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class ConsentScans : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<int>(
                name: "CaseConsentId",
                table: "FileLinks",
                type: "integer",
                nullable: true);

            migrationBuilder.CreateIndex(
                name: "IX_FileLinks_CaseConsentId",
                table: "FileLinks",
                column: "CaseConsentId");

            migrationBuilder.AddForeignKey(
                name: "FK_FileLinks_CaseConsents_CaseConsentId",
                table: "FileLinks",
                column: "CaseConsentId",
                principalTable: "CaseConsents",
                principalColumn: "Id",
                onDelete: ReferentialAction.Cascade);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropForeignKey(
                name: "FK_FileLinks_CaseConsents_CaseConsentId",
                table: "FileLinks");

            migrationBuilder.DropIndex(
                name: "IX_FileLinks_CaseConsentId",
                table: "FileLinks");

            migrationBuilder.DropColumn(
                name: "CaseConsentId",
                table: "FileLinks");
        }
    }
}
