using TaskChat.Core;
using TaskChat.Web.Hosting;

if (CopyToPostgresCommand.IsRequested(args)) return await CopyToPostgresCommand.RunAsync(args, Console.Out, Console.Error);

var builder = WebApplication.CreateBuilder(args);
builder.UseRootAppSettings();
builder.AddTaskChat();

var app = builder.Build();
await app.Services.MigrateDatabaseAsync();
app.UseTaskChat();
await app.RunAsync();
return 0;
