using TaskChat.Core;
using TaskChat.Web.Hosting;

var builder = WebApplication.CreateBuilder(args);
builder.UseRootAppSettings();
builder.AddTaskChat();

var app = builder.Build();
await app.Services.MigrateDatabaseAsync();
app.UseTaskChat();
app.Run();
