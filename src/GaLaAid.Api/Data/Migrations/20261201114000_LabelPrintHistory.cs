using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace GaLaAid.Api.Data.Migrations
{
    /// <inheritdoc />
    public partial class LabelPrintHistory : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "LabelPrintJobs",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    PrintedBy = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    PrintedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    Layout = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    Format = table.Column<string>(type: "TEXT", maxLength: 8, nullable: false),
                    Selection = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    LabelCount = table.Column<int>(type: "INTEGER", nullable: false),
                    ReprintCount = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_LabelPrintJobs", x => x.Id);
                    table.CheckConstraint("CK_LabelPrintJobs_LabelCount_Positive", "\"LabelCount\" > 0");
                    table.CheckConstraint("CK_LabelPrintJobs_ReprintCount_InRange", "\"ReprintCount\" >= 0 AND \"ReprintCount\" <= \"LabelCount\"");
                });

            migrationBuilder.CreateTable(
                name: "LabelPrints",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    JobId = table.Column<int>(type: "INTEGER", nullable: false),
                    StockItemId = table.Column<int>(type: "INTEGER", nullable: false),
                    LabelCode = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    IsReprint = table.Column<bool>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_LabelPrints", x => x.Id);
                    table.ForeignKey(
                        name: "FK_LabelPrints_LabelPrintJobs_JobId",
                        column: x => x.JobId,
                        principalTable: "LabelPrintJobs",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_LabelPrints_StockItems_StockItemId",
                        column: x => x.StockItemId,
                        principalTable: "StockItems",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateIndex(
                name: "IX_LabelPrints_JobId_Id",
                table: "LabelPrints",
                columns: new[] { "JobId", "Id" });

            migrationBuilder.CreateIndex(
                name: "IX_LabelPrints_LabelCode",
                table: "LabelPrints",
                column: "LabelCode");

            migrationBuilder.CreateIndex(
                name: "IX_LabelPrints_StockItemId_Id",
                table: "LabelPrints",
                columns: new[] { "StockItemId", "Id" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "LabelPrints");

            migrationBuilder.DropTable(
                name: "LabelPrintJobs");
        }
    }
}
