using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace GaLaAid.Api.Data.Migrations
{
    /// <inheritdoc />
    public partial class PerformanceIndexes : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateIndex(
                name: "IX_StockItems_DonationLineId_QuantityOnHand",
                table: "StockItems",
                columns: new[] { "DonationLineId", "QuantityOnHand" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_StockItems_DonationLineId_QuantityOnHand",
                table: "StockItems");
        }
    }
}
