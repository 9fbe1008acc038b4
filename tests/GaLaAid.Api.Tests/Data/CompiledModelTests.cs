using GaLaAid.Api.Data;
using GaLaAid.Api.Data.CompiledModel;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.Extensions.DependencyInjection;

namespace GaLaAid.Api.Tests.Data;

/// <summary>
/// The service runs on the generated model in Data/CompiledModel, not on the one its entity
/// configurations build. These tests fail when the two part: regenerate it with
/// <c>dotnet ef dbcontext optimize</c> (the README says how).
/// </summary>
public sealed class CompiledModelTests
{
    [Fact]
    public void Service_runs_on_the_compiled_model()
    {
        using var app = new GaLaAidApp();
        using var scope = app.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();

        Assert.Same(AppDbContextModel.Instance, db.Model);
    }

    [Fact]
    public void Compiled_model_has_the_tables_columns_conversions_keys_relationships_and_indexes_the_configurations_build()
    {
        using var db = ConfiguredContext();
        var configured = db.GetService<IDesignTimeModel>().Model;

        var configuredShape = Shape(configured);
        var compiledShape = Shape(AppDbContextModel.Instance);

        Assert.NotEmpty(configuredShape);
        Assert.Empty(configuredShape.Except(compiledShape).Select(fact => "configured, not compiled: " + fact)
            .Concat(compiledShape.Except(configuredShape).Select(fact => "compiled, not configured: " + fact)));
    }

    /// <summary>A context that builds its model from the entity configurations, as at design time.</summary>
    private static AppDbContext ConfiguredContext()
    {
        var options = new DbContextOptionsBuilder<AppDbContext>().UseSqlite("Data Source=:memory:").Options;
        return new AppDbContext(options);
    }

    /// <summary>What queries, writes and the audit trail rely on, one line per fact, in a stable order.</summary>
    private static List<string> Shape(IModel model) =>
        model.GetEntityTypes().OrderBy(entity => entity.Name, StringComparer.Ordinal).SelectMany(entity =>
            entity.GetProperties().Select(property =>
                    $"{entity.Name}.{property.Name}: {property.ClrType.Name} nullable={property.IsNullable} " +
                    $"column={property.GetColumnName()} store={property.GetColumnType()} " +
                    $"maxLength={property.GetMaxLength()} converter={property.GetTypeMapping().Converter?.GetType().Name} " +
                    $"generated={property.ValueGenerated} concurrency={property.IsConcurrencyToken}")
                .Concat(entity.GetKeys().Select(key => $"{entity.Name} key({Names(key.Properties)}) primary={key.IsPrimaryKey()}"))
                .Concat(entity.GetForeignKeys().Select(foreignKey =>
                    $"{entity.Name} fk({Names(foreignKey.Properties)}) -> {foreignKey.PrincipalEntityType.Name} " +
                    $"required={foreignKey.IsRequired} unique={foreignKey.IsUnique} delete={foreignKey.DeleteBehavior}"))
                .Concat(entity.GetNavigations().Select(navigation =>
                    $"{entity.Name} navigation {navigation.Name} -> {navigation.TargetEntityType.Name} collection={navigation.IsCollection}"))
                .Concat(entity.GetIndexes().Select(index =>
                    $"{entity.Name} index {index.GetDatabaseName()}({Names(index.Properties)}) unique={index.IsUnique} filter={index.GetFilter()}"))
                .Prepend($"{entity.Name} table={entity.GetTableName()}"))
        .ToList();

    private static string Names(IEnumerable<IReadOnlyProperty> properties) => string.Join(",", properties.Select(property => property.Name));
}
