using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Json;
using GaLaAid.Api.Accounts;
using GaLaAid.Api.Audit;
using GaLaAid.Api.Data;
using GaLaAid.Api.Exports;
using GaLaAid.Api.GraphQL;
using GaLaAid.Api.HandoverPage;
using GaLaAid.Api.Labels;
using GaLaAid.Api.Notices;
using GaLaAid.Api.Reports;
using GaLaAid.Api.Seed;
using GraphQL;
using GraphQL.Execution;
using GraphQLParser.AST;
using Serilog;

var builder = WebApplication.CreateBuilder(args);

// Levels come from configuration; the console sink is always there, even when appsettings.json is not.
builder.Services.AddSerilog((services, logger) => logger
    .ReadFrom.Configuration(builder.Configuration)
    .ReadFrom.Services(services)
    .Enrich.FromLogContext()
    .WriteTo.Console(outputTemplate: "[{Timestamp:HH:mm:ss} {Level:u3}] {Message:lj}{NewLine}{Exception}", formatProvider: CultureInfo.InvariantCulture));

// Nothing this API accepts needs more than a megabyte; larger bodies are refused before they are read.
builder.WebHost.ConfigureKestrel(kestrel =>
    kestrel.Limits.MaxRequestBodySize = builder.Configuration.GetValue<long?>("Limits:MaxRequestBodyBytes") ?? 1_048_576);
builder.Services.AddHttpContextAccessor();
builder.Services.AddSingleton(TimeProvider.System);
builder.Services.AddScoped<CurrentActor>();
builder.Services.AddScoped<AuditScope>();
builder.Services.AddScoped<RequestLoaders>();
builder.Services.AddGaLaAidDatabase(builder.Configuration, builder.Environment.ContentRootPath);
builder.Services.AddGaLaAidAuthentication();
builder.Services.Configure<RequestLimits>(builder.Configuration.GetSection("Limits"));
builder.Services.AddSingleton<CheckedDocuments>();
// Our validation rules; the GraphQL endpoint picks per request those the document has not passed before.
builder.Services.AddSingleton<RoleAuthorizationRule>().AddSingleton<TypeNameRule>().AddSingleton<OperationTypeRule>().AddSingleton<RequestRules>();
builder.Services.Configure<LabelOptions>(builder.Configuration.GetSection(LabelOptions.Section));
builder.Services.AddSingleton<LabelUrls>();
builder.Services.AddHandoverPage();
builder.Services.AddExports(registry => registry.AddReports());
builder.Services.AddHealthChecks().AddCheck<DatabaseHealthCheck>("database");
builder.Services.AddTransient(typeof(ConnectionGraphType<>));
builder.Services.AddTransient(typeof(EdgeGraphType<>));
builder.Services.AddGraphQL(graphQL => graphQL
    .AddSchema<GaLaAidSchema>()
    .AddGraphTypes(typeof(GaLaAidSchema).Assembly)
    .AddSystemTextJson(options =>
    {
        // Chinese text goes out as UTF-8, not as \u escapes.
        options.Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping;
        options.PropertyNamingPolicy = JsonNamingPolicy.CamelCase;
    })
    // A scoped DbContext is not thread-safe: queries run serially; batching keeps them few.
    .AddExecutionStrategy<SerialExecutionStrategy>(OperationType.Query)
    .AddExecutionStrategy<FieldByFieldMutationStrategy>(OperationType.Mutation)
    .AddErrorInfoProvider(options => options.ExposeExceptionDetails = false)
    .AddUnhandledExceptionHandler(context =>
    {
        if (context.Exception is DomainException domain && domain.Errors.Count > 0)
        {
            context.ErrorMessage = domain.Errors[0].Message;
        }
        else
        {
            Log.Error(context.Exception, "Unhandled error in GraphQL resolver {Field}", context.FieldContext?.FieldDefinition.Name);
        }
    }));

var app = builder.Build();

// Building the schema (hundreds of types and fields, mostly JIT) would otherwise delay the first
// request; it needs nothing from the database, so it runs on the other core while the database is
// opened and checked.
var schemaBuilt = Task.Run(() => app.Services.GetRequiredService<GraphQL.Types.ISchema>().Initialize());
await DatabaseSetup.MigrateAsync(app.Services);
await BootstrapAdmin.EnsureAsync(app.Services, app.Configuration);
await schemaBuilt;
if (DemoSeeder.IsRequested(args, app.Configuration))
{
    await DemoSeeder.SeedAsync(app.Services);
}

app.UseSerilogRequestLogging(options =>
{
    options.MessageTemplate = "HTTP {RequestMethod} {RequestPath} {OperationName} responded {StatusCode} in {Elapsed:0.0} ms";
    // The GraphQL endpoint names the operation; every other request logs "-" in its place.
    options.EnrichDiagnosticContext = (diagnostics, http) =>
    {
        if (!http.Request.Path.StartsWithSegments("/graphql", StringComparison.OrdinalIgnoreCase))
        {
            diagnostics.Set("OperationName", "-");
        }
    };
});
app.UseAuthentication();
app.UseRateLimiter();
app.MapGraphQLEndpoint();
app.MapSignInEndpoints();
app.MapLabelImageEndpoints();
app.MapHandoverPage();
app.MapLabelPrintEndpoints();
app.MapExportEndpoints();
app.MapNoticeEndpoints();
app.MapHealthChecks("/healthz");
app.MapGet("/", () => Results.Redirect("/graphql"));

await app.RunAsync();

/// <summary>Entry point, visible to the tests' WebApplicationFactory.</summary>
public partial class Program;
