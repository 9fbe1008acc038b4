using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace GaLaAid.Api.Data.Migrations
{
    /// <inheritdoc />
    public partial class HandoverIdempotencyKeys : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "IdempotencyKey",
                table: "Handovers",
                type: "TEXT",
                maxLength: 100,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "RequestFingerprint",
                table: "Handovers",
                type: "TEXT",
                maxLength: 64,
                nullable: true);

            migrationBuilder.CreateIndex(
                name: "IX_Handovers_RecordedBy_IdempotencyKey",
                table: "Handovers",
                columns: new[] { "RecordedBy", "IdempotencyKey" },
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Handovers_RecordedBy_IdempotencyKey",
                table: "Handovers");

            migrationBuilder.DropColumn(
                name: "IdempotencyKey",
                table: "Handovers");

            migrationBuilder.DropColumn(
                name: "RequestFingerprint",
                table: "Handovers");
        }
    }
}
