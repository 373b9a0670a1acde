using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace WuHao.Web.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class HelpDonors : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<int>(
                name: "DonorId",
                table: "HelpActions",
                type: "integer",
                nullable: true);

            migrationBuilder.CreateIndex(
                name: "IX_HelpActions_DonorId",
                table: "HelpActions",
                column: "DonorId");

            migrationBuilder.AddForeignKey(
                name: "FK_HelpActions_Donors_DonorId",
                table: "HelpActions",
                column: "DonorId",
                principalTable: "Donors",
                principalColumn: "Id",
                onDelete: ReferentialAction.SetNull);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropForeignKey(
                name: "FK_HelpActions_Donors_DonorId",
                table: "HelpActions");

            migrationBuilder.DropIndex(
                name: "IX_HelpActions_DonorId",
                table: "HelpActions");

            migrationBuilder.DropColumn(
                name: "DonorId",
                table: "HelpActions");
        }
    }
}
