using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace TaskChat.Core.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class Recurrence : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<bool>(
                name: "DueHasTime",
                table: "Tasks",
                type: "boolean",
                nullable: false,
                defaultValue: false);

            migrationBuilder.AddColumn<string>(
                name: "Recurrence",
                table: "Tasks",
                type: "character varying(200)",
                maxLength: 200,
                nullable: true);
            // Existing dues were all given with a time of day (or shown as a day when at 23:59, which
            // the label still does): they keep meaning a moment.
            migrationBuilder.Sql("UPDATE \"Tasks\" SET \"DueHasTime\" = TRUE WHERE \"DueUtc\" IS NOT NULL;");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "DueHasTime",
                table: "Tasks");

            migrationBuilder.DropColumn(
                name: "Recurrence",
                table: "Tasks");
        }
    }
}
