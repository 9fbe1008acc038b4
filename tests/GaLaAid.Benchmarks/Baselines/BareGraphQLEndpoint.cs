using GaLaAid.Api.Donations;
using GraphQL;
using GraphQL.Transport;
using GraphQL.Types;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace GaLaAid.Benchmarks.Baselines;

/// <summary>An item as the bare endpoint holds it in memory: what the scan query asks for.</summary>
internal sealed record BareItem(string Id, string LabelCode, TrackingMode Tracking, int ReceivedQuantity, int QuantityOnHand, BareCategory Category, BareLine Line);

internal sealed record BareCategory(string Name);

internal sealed record BareLine(string Description, string Unit);

/// <summary>
/// The floor of GaLaAid's HTTP stack for the scan lookup: ASP.NET Core (slim builder, Kestrel) and
/// GraphQL.NET 8.8.5 with System.Text.Json, answering the same query shape from a dictionary —
/// no authentication, no database, no logging, no request checks. Its own app on its own port.
/// </summary>
internal sealed class BareGraphQLEndpoint : IAsyncDisposable
{
    private readonly WebApplication app;

    private BareGraphQLEndpoint(WebApplication app, Uri baseAddress)
    {
        this.app = app;
        BaseAddress = baseAddress;
    }

    public Uri BaseAddress { get; }

    public static async Task<BareGraphQLEndpoint> StartAsync(IReadOnlyDictionary<string, BareItem> items, CancellationToken cancellationToken)
    {
        var port = Harness.Http.FreePort();
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls($"http://127.0.0.1:{port}");
        builder.Services.AddSingleton(items);
        builder.Services.AddGraphQL(graphQL => graphQL
            .AddSchema<BareSchema>()
            .AddGraphTypes(typeof(BareSchema).Assembly)
            .AddSystemTextJson());
        var app = builder.Build();
        app.MapPost("/graphql", async (HttpContext http, IDocumentExecuter<ISchema> executer, IGraphQLTextSerializer serializer) =>
        {
            var request = await serializer.ReadAsync<GraphQLRequest>(http.Request.Body, http.RequestAborted);
            var result = await executer.ExecuteAsync(options =>
            {
                options.Query = request!.Query;
                options.OperationName = request.OperationName;
                options.Variables = request.Variables;
                options.RequestServices = http.RequestServices;
                options.CancellationToken = http.RequestAborted;
            });
            http.Response.ContentType = "application/graphql-response+json; charset=utf-8";
            await serializer.WriteAsync(http.Response.Body, result, http.RequestAborted);
        });
        await app.StartAsync(cancellationToken);
        return new BareGraphQLEndpoint(app, new Uri($"http://127.0.0.1:{port}/"));
    }

    public async ValueTask DisposeAsync()
    {
        await app.StopAsync();
        await app.DisposeAsync();
    }
}

internal sealed class BareSchema : Schema
{
    public BareSchema(IServiceProvider services, BareQuery query)
        : base(services)
    {
        Query = query;
    }
}

internal sealed class BareQuery : ObjectGraphType
{
    public BareQuery(IReadOnlyDictionary<string, BareItem> items)
    {
        Name = "Query";
        Description = "The bare endpoint's only query.";
        Field<BareItemType>("itemByCode")
            .Description("The item with this label code, from memory.")
            .Argument<NonNullGraphType<StringGraphType>>("code", "The label code.")
            .Resolve(context => items.GetValueOrDefault(context.GetArgument<string>("code")));
    }
}

internal sealed class BareItemType : ObjectGraphType<BareItem>
{
    public BareItemType()
    {
        Name = "Item";
        Description = "A labelled item.";
        Field(x => x.Id, type: typeof(NonNullGraphType<IdGraphType>)).Description("Id.");
        Field(x => x.LabelCode).Description("Label code.");
        Field<NonNullGraphType<EnumerationGraphType<TrackingMode>>>("tracking").Description("Tracking.").Resolve(context => context.Source.Tracking);
        Field(x => x.ReceivedQuantity).Description("Received quantity.");
        Field(x => x.QuantityOnHand).Description("Quantity on hand.");
        Field<NonNullGraphType<BareCategoryType>>("category").Description("Category.").Resolve(context => context.Source.Category);
        Field<NonNullGraphType<BareLineType>>("line").Description("Donation line.").Resolve(context => context.Source.Line);
    }
}

internal sealed class BareCategoryType : ObjectGraphType<BareCategory>
{
    public BareCategoryType()
    {
        Name = "Category";
        Description = "A category.";
        Field(x => x.Name).Description("Name.");
    }
}

internal sealed class BareLineType : ObjectGraphType<BareLine>
{
    public BareLineType()
    {
        Name = "DonationLine";
        Description = "A donation line.";
        Field(x => x.Description).Description("Description.");
        Field(x => x.Unit).Description("Unit.");
    }
}
