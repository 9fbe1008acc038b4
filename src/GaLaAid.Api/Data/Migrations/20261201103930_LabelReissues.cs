using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace GaLaAid.Api.Data.Migrations
{
    /// <inheritdoc />
    public partial class LabelReissues : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "LabelReissues",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    StockItemId = table.Column<int>(type: "INTEGER", nullable: false),
                    VoidedCode = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    NewCode = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    Reason = table.Column<string>(type: "TEXT", maxLength: 500, nullable: false),
                    RecordedBy = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    RecordedAt = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_LabelReissues", x => x.Id);
                    table.ForeignKey(
                        name: "FK_LabelReissues_StockItems_StockItemId",
                        column: x => x.StockItemId,
                        principalTable: "StockItems",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateIndex(
                name: "IX_LabelReissues_NewCode",
                table: "LabelReissues",
                column: "NewCode",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_LabelReissues_StockItemId_Id",
                table: "LabelReissues",
                columns: new[] { "StockItemId", "Id" });

            migrationBuilder.CreateIndex(
                name: "IX_LabelReissues_VoidedCode",
                table: "LabelReissues",
                column: "VoidedCode",
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "LabelReissues");
        }
    }
}
