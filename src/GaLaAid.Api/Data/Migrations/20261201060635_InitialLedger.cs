using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

#pragma warning disable CA1814 // Prefer jagged arrays over multidimensional

namespace GaLaAid.Api.Data.Migrations
{
    /// <inheritdoc />
    public partial class InitialLedger : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "Categories",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    Code = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    Name = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    NameEn = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    ParentId = table.Column<int>(type: "INTEGER", nullable: true),
                    DefaultUnit = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Categories", x => x.Id);
                    table.ForeignKey(
                        name: "FK_Categories_Categories_ParentId",
                        column: x => x.ParentId,
                        principalTable: "Categories",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "Donors",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    Name = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    Kind = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    Contact = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    Note = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: true),
                    RecordedBy = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    RecordedAt = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Donors", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "Funds",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    Name = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    Purpose = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: true),
                    BalanceFen = table.Column<long>(type: "INTEGER", nullable: false),
                    RecordedBy = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    RecordedAt = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Funds", x => x.Id);
                    table.CheckConstraint("CK_Funds_BalanceFen_NotNegative", "\"BalanceFen\" >= 0");
                });

            migrationBuilder.CreateTable(
                name: "Recipients",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    Kind = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    Name = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    ParentId = table.Column<int>(type: "INTEGER", nullable: true),
                    UnitNumber = table.Column<int>(type: "INTEGER", nullable: true),
                    HeadOfHousehold = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true),
                    MemberCount = table.Column<int>(type: "INTEGER", nullable: true),
                    IsRegisteredPoor = table.Column<bool>(type: "INTEGER", nullable: false),
                    Note = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: true),
                    RecordedBy = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    RecordedAt = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Recipients", x => x.Id);
                    table.ForeignKey(
                        name: "FK_Recipients_Recipients_ParentId",
                        column: x => x.ParentId,
                        principalTable: "Recipients",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "Disbursements",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    FundId = table.Column<int>(type: "INTEGER", nullable: false),
                    RecipientId = table.Column<int>(type: "INTEGER", nullable: false),
                    AmountFen = table.Column<long>(type: "INTEGER", nullable: false),
                    Purpose = table.Column<string>(type: "TEXT", maxLength: 500, nullable: false),
                    PaidOn = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    ReceivedBy = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true),
                    RecordedBy = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    RecordedAt = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Disbursements", x => x.Id);
                    table.CheckConstraint("CK_Disbursements_AmountFen_Positive", "\"AmountFen\" > 0");
                    table.ForeignKey(
                        name: "FK_Disbursements_Funds_FundId",
                        column: x => x.FundId,
                        principalTable: "Funds",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_Disbursements_Recipients_RecipientId",
                        column: x => x.RecipientId,
                        principalTable: "Recipients",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "Handovers",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    RecipientId = table.Column<int>(type: "INTEGER", nullable: false),
                    HandedOverBy = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    ReceivedBy = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    HandedOverAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    Location = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    Note = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: true),
                    RecordedBy = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    RecordedAt = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Handovers", x => x.Id);
                    table.ForeignKey(
                        name: "FK_Handovers_Recipients_RecipientId",
                        column: x => x.RecipientId,
                        principalTable: "Recipients",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "Pledges",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    DonorId = table.Column<int>(type: "INTEGER", nullable: false),
                    Kind = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    Description = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: false),
                    PromisedAmountFen = table.Column<long>(type: "INTEGER", nullable: true),
                    PromisedCategoryId = table.Column<int>(type: "INTEGER", nullable: true),
                    PromisedQuantity = table.Column<int>(type: "INTEGER", nullable: true),
                    PromisedUnit = table.Column<string>(type: "TEXT", maxLength: 16, nullable: true),
                    ExpectedOn = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    IntendedRecipientId = table.Column<int>(type: "INTEGER", nullable: true),
                    RecordedBy = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    RecordedAt = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Pledges", x => x.Id);
                    table.ForeignKey(
                        name: "FK_Pledges_Categories_PromisedCategoryId",
                        column: x => x.PromisedCategoryId,
                        principalTable: "Categories",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_Pledges_Donors_DonorId",
                        column: x => x.DonorId,
                        principalTable: "Donors",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_Pledges_Recipients_IntendedRecipientId",
                        column: x => x.IntendedRecipientId,
                        principalTable: "Recipients",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "CashDonations",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    DonorId = table.Column<int>(type: "INTEGER", nullable: false),
                    FundId = table.Column<int>(type: "INTEGER", nullable: false),
                    AmountFen = table.Column<long>(type: "INTEGER", nullable: false),
                    ReceivedOn = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    PledgeId = table.Column<int>(type: "INTEGER", nullable: true),
                    Note = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: true),
                    RecordedBy = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    RecordedAt = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_CashDonations", x => x.Id);
                    table.CheckConstraint("CK_CashDonations_AmountFen_Positive", "\"AmountFen\" > 0");
                    table.ForeignKey(
                        name: "FK_CashDonations_Donors_DonorId",
                        column: x => x.DonorId,
                        principalTable: "Donors",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_CashDonations_Funds_FundId",
                        column: x => x.FundId,
                        principalTable: "Funds",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_CashDonations_Pledges_PledgeId",
                        column: x => x.PledgeId,
                        principalTable: "Pledges",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "InKindDonations",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    DonorId = table.Column<int>(type: "INTEGER", nullable: false),
                    ReceivedOn = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    PledgeId = table.Column<int>(type: "INTEGER", nullable: true),
                    Note = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: true),
                    RecordedBy = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    RecordedAt = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_InKindDonations", x => x.Id);
                    table.ForeignKey(
                        name: "FK_InKindDonations_Donors_DonorId",
                        column: x => x.DonorId,
                        principalTable: "Donors",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_InKindDonations_Pledges_PledgeId",
                        column: x => x.PledgeId,
                        principalTable: "Pledges",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "FundEntries",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    FundId = table.Column<int>(type: "INTEGER", nullable: false),
                    Kind = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    AmountFen = table.Column<long>(type: "INTEGER", nullable: false),
                    CashDonationId = table.Column<int>(type: "INTEGER", nullable: true),
                    DisbursementId = table.Column<int>(type: "INTEGER", nullable: true),
                    ReversesEntryId = table.Column<long>(type: "INTEGER", nullable: true),
                    Reason = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: true),
                    RecordedBy = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    RecordedAt = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_FundEntries", x => x.Id);
                    table.ForeignKey(
                        name: "FK_FundEntries_CashDonations_CashDonationId",
                        column: x => x.CashDonationId,
                        principalTable: "CashDonations",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_FundEntries_Disbursements_DisbursementId",
                        column: x => x.DisbursementId,
                        principalTable: "Disbursements",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_FundEntries_FundEntries_ReversesEntryId",
                        column: x => x.ReversesEntryId,
                        principalTable: "FundEntries",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_FundEntries_Funds_FundId",
                        column: x => x.FundId,
                        principalTable: "Funds",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "DonationLines",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    DonationId = table.Column<int>(type: "INTEGER", nullable: false),
                    LineNumber = table.Column<int>(type: "INTEGER", nullable: false),
                    CategoryId = table.Column<int>(type: "INTEGER", nullable: false),
                    Description = table.Column<string>(type: "TEXT", maxLength: 500, nullable: false),
                    Quantity = table.Column<int>(type: "INTEGER", nullable: false),
                    Unit = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    EstimatedUnitValueFen = table.Column<long>(type: "INTEGER", nullable: false),
                    Condition = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    Tracking = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    PlannedRecipientId = table.Column<int>(type: "INTEGER", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_DonationLines", x => x.Id);
                    table.CheckConstraint("CK_DonationLines_EstimatedUnitValueFen_NotNegative", "\"EstimatedUnitValueFen\" >= 0");
                    table.CheckConstraint("CK_DonationLines_Quantity_Positive", "\"Quantity\" > 0");
                    table.ForeignKey(
                        name: "FK_DonationLines_Categories_CategoryId",
                        column: x => x.CategoryId,
                        principalTable: "Categories",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_DonationLines_InKindDonations_DonationId",
                        column: x => x.DonationId,
                        principalTable: "InKindDonations",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_DonationLines_Recipients_PlannedRecipientId",
                        column: x => x.PlannedRecipientId,
                        principalTable: "Recipients",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "StockItems",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    DonationLineId = table.Column<int>(type: "INTEGER", nullable: false),
                    Tracking = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    LabelCode = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    ReceivedQuantity = table.Column<int>(type: "INTEGER", nullable: false),
                    QuantityOnHand = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_StockItems", x => x.Id);
                    table.CheckConstraint("CK_StockItems_QuantityOnHand_NotNegative", "\"QuantityOnHand\" >= 0");
                    table.ForeignKey(
                        name: "FK_StockItems_DonationLines_DonationLineId",
                        column: x => x.DonationLineId,
                        principalTable: "DonationLines",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "StockEntries",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    StockItemId = table.Column<int>(type: "INTEGER", nullable: false),
                    Kind = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    Quantity = table.Column<int>(type: "INTEGER", nullable: false),
                    HandoverId = table.Column<int>(type: "INTEGER", nullable: true),
                    ReversesEntryId = table.Column<long>(type: "INTEGER", nullable: true),
                    Reason = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: true),
                    RecordedBy = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    RecordedAt = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_StockEntries", x => x.Id);
                    table.ForeignKey(
                        name: "FK_StockEntries_Handovers_HandoverId",
                        column: x => x.HandoverId,
                        principalTable: "Handovers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_StockEntries_StockEntries_ReversesEntryId",
                        column: x => x.ReversesEntryId,
                        principalTable: "StockEntries",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_StockEntries_StockItems_StockItemId",
                        column: x => x.StockItemId,
                        principalTable: "StockItems",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.InsertData(
                table: "Categories",
                columns: new[] { "Id", "Code", "DefaultUnit", "Name", "NameEn", "ParentId" },
                values: new object[,]
                {
                    { 1, "furniture", "件", "家具", "Furniture", null },
                    { 2, "appliances", "台", "家用电器", "Appliances", null },
                    { 3, "office", "件", "办公用品", "Office supplies", null },
                    { 4, "bedding-clothing", "件", "被服", "Bedding and clothing", null },
                    { 5, "agriculture", "袋", "农资", "Agricultural supplies", null },
                    { 6, "food", "袋", "食品", "Food", null },
                    { 7, "buildings", "间", "房屋设施", "Buildings and structures", null },
                    { 8, "other", "件", "其他", "Other", null },
                    { 101, "desk", "张", "办公桌", "Desk", 1 },
                    { 102, "meeting-table", "张", "会议桌", "Meeting table", 1 },
                    { 103, "meeting-chair", "把", "会议椅", "Meeting chair", 1 },
                    { 104, "filing-cabinet", "个", "文件柜", "Filing cabinet", 1 },
                    { 105, "tv-cabinet", "个", "电视柜", "TV cabinet", 1 },
                    { 106, "bed", "张", "床", "Bed", 1 },
                    { 107, "sofa", "套", "沙发", "Sofa", 1 },
                    { 108, "wardrobe", "个", "衣柜", "Wardrobe", 1 },
                    { 109, "bookshelf", "个", "书架", "Bookshelf", 1 },
                    { 110, "tea-table", "张", "茶几", "Tea table", 1 },
                    { 111, "bench", "条", "长椅", "Bench", 1 },
                    { 112, "office-chair", "把", "办公椅", "Office chair", 1 },
                    { 201, "tv", "台", "电视机", "TV set", 2 },
                    { 202, "electric-heater", "台", "电暖气", "Electric heater", 2 },
                    { 203, "disinfection-cabinet", "台", "消毒柜", "Disinfection cabinet", 2 },
                    { 204, "washing-machine", "台", "洗衣机", "Washing machine", 2 },
                    { 205, "refrigerator", "台", "冰箱", "Refrigerator", 2 },
                    { 206, "water-dispenser", "台", "饮水机", "Water dispenser", 2 },
                    { 207, "rice-cooker", "个", "电饭锅", "Rice cooker", 2 },
                    { 208, "electric-kettle", "个", "电水壶", "Electric kettle", 2 },
                    { 301, "computer", "台", "电脑", "Computer", 3 },
                    { 302, "printer", "台", "打印机", "Printer", 3 },
                    { 303, "whiteboard", "块", "白板", "Whiteboard", 3 },
                    { 304, "stationery", "套", "文具", "Stationery", 3 },
                    { 401, "quilt", "床", "棉被", "Quilt", 4 },
                    { 402, "blanket", "条", "毛毯", "Blanket", 4 },
                    { 403, "winter-coat", "件", "棉衣", "Winter coat", 4 },
                    { 501, "seed", "斤", "种子", "Seed", 5 },
                    { 502, "fertiliser", "袋", "化肥", "Fertiliser", 5 },
                    { 503, "farm-tool", "件", "农具", "Farm tool", 5 },
                    { 601, "rice", "袋", "大米", "Rice", 6 },
                    { 602, "flour", "袋", "面粉", "Flour", 6 },
                    { 603, "cooking-oil", "桶", "食用油", "Cooking oil", 6 },
                    { 701, "prefab-building", "间", "活动板房", "Prefab building", 7 },
                    { 801, "miscellaneous", "件", "其他物资", "Miscellaneous goods", 8 }
                });

            migrationBuilder.CreateIndex(
                name: "IX_CashDonations_DonorId",
                table: "CashDonations",
                column: "DonorId");

            migrationBuilder.CreateIndex(
                name: "IX_CashDonations_FundId",
                table: "CashDonations",
                column: "FundId");

            migrationBuilder.CreateIndex(
                name: "IX_CashDonations_PledgeId",
                table: "CashDonations",
                column: "PledgeId");

            migrationBuilder.CreateIndex(
                name: "IX_Categories_Code",
                table: "Categories",
                column: "Code",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_Categories_ParentId",
                table: "Categories",
                column: "ParentId");

            migrationBuilder.CreateIndex(
                name: "IX_Disbursements_FundId",
                table: "Disbursements",
                column: "FundId");

            migrationBuilder.CreateIndex(
                name: "IX_Disbursements_RecipientId_Id",
                table: "Disbursements",
                columns: new[] { "RecipientId", "Id" });

            migrationBuilder.CreateIndex(
                name: "IX_DonationLines_CategoryId",
                table: "DonationLines",
                column: "CategoryId");

            migrationBuilder.CreateIndex(
                name: "IX_DonationLines_DonationId_LineNumber",
                table: "DonationLines",
                columns: new[] { "DonationId", "LineNumber" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_DonationLines_PlannedRecipientId",
                table: "DonationLines",
                column: "PlannedRecipientId");

            migrationBuilder.CreateIndex(
                name: "IX_Donors_Name",
                table: "Donors",
                column: "Name");

            migrationBuilder.CreateIndex(
                name: "IX_FundEntries_CashDonationId",
                table: "FundEntries",
                column: "CashDonationId");

            migrationBuilder.CreateIndex(
                name: "IX_FundEntries_DisbursementId",
                table: "FundEntries",
                column: "DisbursementId");

            migrationBuilder.CreateIndex(
                name: "IX_FundEntries_FundId_Id",
                table: "FundEntries",
                columns: new[] { "FundId", "Id" });

            migrationBuilder.CreateIndex(
                name: "IX_FundEntries_ReversesEntryId",
                table: "FundEntries",
                column: "ReversesEntryId",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_Funds_Name",
                table: "Funds",
                column: "Name",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_Handovers_RecipientId_Id",
                table: "Handovers",
                columns: new[] { "RecipientId", "Id" });

            migrationBuilder.CreateIndex(
                name: "IX_InKindDonations_DonorId",
                table: "InKindDonations",
                column: "DonorId");

            migrationBuilder.CreateIndex(
                name: "IX_InKindDonations_PledgeId",
                table: "InKindDonations",
                column: "PledgeId");

            migrationBuilder.CreateIndex(
                name: "IX_Pledges_DonorId",
                table: "Pledges",
                column: "DonorId");

            migrationBuilder.CreateIndex(
                name: "IX_Pledges_IntendedRecipientId",
                table: "Pledges",
                column: "IntendedRecipientId");

            migrationBuilder.CreateIndex(
                name: "IX_Pledges_PromisedCategoryId",
                table: "Pledges",
                column: "PromisedCategoryId");

            migrationBuilder.CreateIndex(
                name: "IX_Recipients_Kind",
                table: "Recipients",
                column: "Kind");

            migrationBuilder.CreateIndex(
                name: "IX_Recipients_ParentId_Id",
                table: "Recipients",
                columns: new[] { "ParentId", "Id" });

            migrationBuilder.CreateIndex(
                name: "IX_StockEntries_HandoverId_Id",
                table: "StockEntries",
                columns: new[] { "HandoverId", "Id" });

            migrationBuilder.CreateIndex(
                name: "IX_StockEntries_ReversesEntryId",
                table: "StockEntries",
                column: "ReversesEntryId",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_StockEntries_StockItemId_Id",
                table: "StockEntries",
                columns: new[] { "StockItemId", "Id" });

            migrationBuilder.CreateIndex(
                name: "IX_StockItems_DonationLineId_Id",
                table: "StockItems",
                columns: new[] { "DonationLineId", "Id" });

            migrationBuilder.CreateIndex(
                name: "IX_StockItems_LabelCode",
                table: "StockItems",
                column: "LabelCode",
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "FundEntries");

            migrationBuilder.DropTable(
                name: "StockEntries");

            migrationBuilder.DropTable(
                name: "CashDonations");

            migrationBuilder.DropTable(
                name: "Disbursements");

            migrationBuilder.DropTable(
                name: "Handovers");

            migrationBuilder.DropTable(
                name: "StockItems");

            migrationBuilder.DropTable(
                name: "Funds");

            migrationBuilder.DropTable(
                name: "DonationLines");

            migrationBuilder.DropTable(
                name: "InKindDonations");

            migrationBuilder.DropTable(
                name: "Pledges");

            migrationBuilder.DropTable(
                name: "Categories");

            migrationBuilder.DropTable(
                name: "Donors");

            migrationBuilder.DropTable(
                name: "Recipients");
        }
    }
}
