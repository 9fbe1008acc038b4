using System.Text.Encodings.Web;
using System.Text.Json;
using GaLaAid.Api.Data;
using GaLaAid.Api.GraphQL;
using GaLaAid.Api.Seed;
using GraphQL;
using GraphQL.Execution;
using GraphQLParser.AST;
using Serilog;

var builder = WebApplication.CreateBuilder(args);

builder.Services.AddSerilog((services, logger) => logger
    .ReadFrom.Configuration(builder.Configuration)
    .ReadFrom.Services(services)
    .Enrich.FromLogContext());

builder.Services.AddHttpContextAccessor();
builder.Services.AddSingleton(TimeProvider.System);
builder.Services.AddScoped<CurrentActor>();
builder.Services.AddScoped<RequestLoaders>();
builder.Services.AddGaLaAidDatabase(builder.Configuration);
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
    .AddExecutionStrategy<SerialMutationExecutionStrategy>(OperationType.Mutation)
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

await DatabaseSetup.MigrateAsync(app.Services);
if (DemoSeeder.IsRequested(args, app.Configuration))
{
    await DemoSeeder.SeedAsync(app.Services);
}

app.UseSerilogRequestLogging(options =>
    options.MessageTemplate = "HTTP {RequestMethod} {RequestPath} {OperationName} responded {StatusCode} in {Elapsed:0.0} ms");
app.MapGraphQLEndpoint();
app.MapHealthChecks("/healthz");
app.MapGet("/", () => Results.Redirect("/graphql"));

await app.RunAsync();

/// <summary>Entry point, visible to the tests' WebApplicationFactory.</summary>
public partial class Program;
