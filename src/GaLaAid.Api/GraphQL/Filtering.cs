using System.Collections;
using System.Globalization;
using System.Linq.Expressions;
using System.Reflection;
using System.Security.Claims;
using GaLaAid.Api.Accounts;
using GaLaAid.Api.Data;
using GraphQL;
using GraphQL.Types;

namespace GaLaAid.Api.GraphQL;

/// <summary>What a filterable field compares: picks its operation input type and how values are read.</summary>
public enum FilterValueKind
{
    Scalar,
    Id,
    Enum,
    Related,
}

/// <summary>One field of a <c>&lt;Type&gt;FilterInput</c>: its GraphQL shape and the column (or related rows) it tests.</summary>
public sealed class FilterField<T>
{
    public required string Name { get; init; }
    public required string Description { get; init; }
    public required FilterValueKind Kind { get; init; }
    public required Type InputType { get; init; }

    /// <summary>The column, for scalar fields.</summary>
    public LambdaExpression? Column { get; init; }

    /// <summary>For ID fields: the type name the global ids must carry.</summary>
    public string? IdTypeName { get; init; }

    /// <summary>For object fields: builds "some related row matches" from the related type's predicate.</summary>
    public Func<AppDbContext, IDictionary<string, object?>, FilterContext, Expression<Func<T, bool>>>? Related { get; init; }

    /// <summary>Roles that may test this field; null for every role that may read the list.</summary>
    public IReadOnlyList<Role>? Roles { get; init; }
}

/// <summary>
/// One field of a <c>&lt;Type&gt;SortInput</c>: either a column, ordered by one or more SQL expressions
/// that never yield NULL (so SQLite and PostgreSQL, which place NULLs differently, agree), or a related
/// row sorted by one of its own fields.
/// </summary>
public sealed class SortField<T>
{
    public required string Name { get; init; }
    public required string Description { get; init; }
    public IReadOnlyList<Role>? Roles { get; init; }

    /// <summary>For a column: the expressions ORDER BY uses, most significant first (an "is null" flag, then the value).</summary>
    public Func<AppDbContext, IReadOnlyList<LambdaExpression>>? Columns { get; init; }

    /// <summary>For a related row: picks the related spec's field named in the nested sort input and reads it through the link.</summary>
    public Func<IDictionary<string, object?>, ClaimsPrincipal?, string, (SortField<T> Field, bool Descending)>? Related { get; init; }

    /// <summary>The GraphQL type of the field in the sort input: the related type's sort input, or null for a direction.</summary>
    public Type? InputType { get; init; }
}

/// <summary>Whether a related row's fields can be sorted on, and whether every row has one.</summary>
public enum RelatedSort
{
    /// <summary>Not sortable.</summary>
    None,

    /// <summary>Sortable; the link follows a required foreign key, so every row has a related row.</summary>
    Required,

    /// <summary>Sortable; rows without a related row sort as if their value were missing.</summary>
    Optional,
}

/// <summary>What a filter is checked against while it is translated: the caller and how deep the and/or nesting is.</summary>
public sealed record FilterContext(ClaimsPrincipal? User, int Depth, string Path)
{
    public FilterContext Into(string name) => this with { Depth = Depth + 1, Path = $"{Path}.{name}" };

    public string At(string name) => $"{Path}.{name}";
}

/// <summary>The spec's lists, as the generated input types need them without knowing the entity type.</summary>
public interface IQuerySpec
{
    string TypeName { get; }
    IEnumerable<(string Name, string Description, Type InputType)> FilterInputFields { get; }
    IEnumerable<(string Name, string Description, Type? InputType)> SortInputFields { get; }
}

/// <summary>
/// The fields a list of <typeparamref name="T"/> can be filtered and sorted by, each mapped to an EF
/// expression on the entity, so <c>where</c> and <c>order</c> become SQL. Declared once per node type.
/// </summary>
public abstract class QuerySpec<T> : IQuerySpec
    where T : class
{
    private readonly List<FilterField<T>> filters = [];
    private readonly List<SortField<T>> sorts = [];

    protected QuerySpec(string typeName) => TypeName = typeName;

    public string TypeName { get; }

    public IReadOnlyList<FilterField<T>> Filters => filters;

    public IReadOnlyList<SortField<T>> Sorts => sorts;

    IEnumerable<(string Name, string Description, Type InputType)> IQuerySpec.FilterInputFields =>
        filters.Select(f => (f.Name, f.Description, f.InputType));

    IEnumerable<(string Name, string Description, Type? InputType)> IQuerySpec.SortInputFields => sorts.Select(s => (s.Name, s.Description, s.InputType));

    /// <summary>A scalar column, sortable when asked (nullable columns too: NULL sorts after every value ascending, first descending).</summary>
    protected void Field<TValue>(string name, Expression<Func<T, TValue>> column, string description, bool sort = false, params Role[] roles)
    {
        var type = Nullable.GetUnderlyingType(typeof(TValue)) ?? typeof(TValue);
        var input = type switch
        {
            _ when type == typeof(string) => typeof(StringOperationFilterInputType),
            _ when type == typeof(int) => typeof(IntOperationFilterInputType),
            _ when type == typeof(long) => typeof(LongOperationFilterInputType),
            _ when type == typeof(DateTime) => typeof(DateTimeOperationFilterInputType),
            _ when type == typeof(DateOnly) => typeof(DateOnlyOperationFilterInputType),
            _ when type == typeof(bool) => typeof(BooleanOperationFilterInputType),
            _ => throw new InvalidOperationException($"{TypeName}.{name}: no filter input for {type.Name}; enums use Enum()."),
        };
        Add(name, description, FilterValueKind.Scalar, input, column, null, roles);
        if (sort)
        {
            Sortable(name, column, description, roles);
        }
    }

    /// <summary>
    /// An enum column, filtered through <c>&lt;Enum&gt;OperationFilterInput</c>; sorted, when asked, in the
    /// enum's declaration order, which is also the order the schema lists its values in.
    /// </summary>
    protected void Enum<TValue, TEnumGraphType>(string name, Expression<Func<T, TValue>> column, string description, bool sort = false, params Role[] roles)
        where TEnumGraphType : EnumerationGraphType
    {
        Add(name, description, FilterValueKind.Enum, typeof(EnumOperationFilterInputType<TEnumGraphType>), column, null, roles);
        if (sort)
        {
            Sortable(name, column, description, roles);
        }
    }

    /// <summary>A row id column tested with global ids of <paramref name="typeName"/>.</summary>
    protected void Id<TValue>(string name, string typeName, Expression<Func<T, TValue>> column, string description, bool sort = false)
    {
        Add(name, description, FilterValueKind.Id, typeof(IdOperationFilterInputType), column, typeName, []);
        if (sort)
        {
            Sortable(name, column, description, []);
        }
    }

    /// <summary>
    /// A related row, filtered by its own filter input: true when a <typeparamref name="TOther"/> that
    /// <paramref name="join"/> links to this row matches. Entities have no navigations, so this is an
    /// EXISTS subquery over the related table.
    /// </summary>
    protected void Related<TOther, TOtherSpec>(
        string name, string description, Func<AppDbContext, Expression<Func<T, TOther, bool>>> join, RelatedSort sort = RelatedSort.None, params Role[] roles)
        where TOther : class
        where TOtherSpec : QuerySpec<TOther>, new()
    {
        if (sort != RelatedSort.None)
        {
            SortableRelated<TOther, TOtherSpec>(name, description, join, sort == RelatedSort.Optional, roles);
        }

        filters.Add(new FilterField<T>
        {
            Name = name,
            Description = description,
            Kind = FilterValueKind.Related,
            InputType = typeof(FilterInputGraphType<TOtherSpec>),
            Roles = roles.Length == 0 ? null : roles,
            Related = (db, where, context) =>
            {
                var other = QuerySpecs.Of<TOtherSpec>().Predicate(db, where, context);
                var link = join(db);
                var row = link.Parameters[0];
                var match = Expression.Lambda<Func<TOther, bool>>(
                    Expression.AndAlso(link.Body, ParameterSwap.Replace(other.Body, other.Parameters[0], link.Parameters[1])),
                    link.Parameters[1]);
                var any = Expression.Call(
                    typeof(Queryable), nameof(Queryable.Any), [typeof(TOther)], db.Set<TOther>().AsQueryable().Expression, Expression.Quote(match));
                return Expression.Lambda<Func<T, bool>>(any, row);
            },
        });
    }

    private void Add(string name, string description, FilterValueKind kind, Type input, LambdaExpression column, string? idType, Role[] roles) =>
        filters.Add(new FilterField<T>
        {
            Name = name,
            Description = description,
            Kind = kind,
            InputType = input,
            Column = column,
            IdTypeName = idType,
            Roles = roles.Length == 0 ? null : roles,
        });

    private void Sortable(string name, LambdaExpression column, string description, Role[] roles)
    {
        var columns = SortColumns.Of(column, $"{TypeName}.{name}");
        sorts.Add(new SortField<T>
        {
            Name = name,
            Description = $"{description}{(columns.Count > 1 ? " Rows without a value come last ascending, first descending." : string.Empty)}",
            Columns = _ => columns,
            Roles = roles.Length == 0 ? null : roles,
        });
    }

    /// <summary>
    /// Sorting by a field of a related row: each of that field's ORDER BY expressions becomes a scalar
    /// subquery over the related table, so the sort stays one SQL command without navigations.
    /// </summary>
    private void SortableRelated<TOther, TOtherSpec>(
        string name, string description, Func<AppDbContext, Expression<Func<T, TOther, bool>>> join, bool optional, Role[] roles)
        where TOther : class
        where TOtherSpec : QuerySpec<TOther>, new()
    {
        sorts.Add(new SortField<T>
        {
            Name = name,
            Description = $"{description} Sorts by the field given inside{(optional ? "; rows without one come last ascending, first descending" : string.Empty)}.",
            InputType = typeof(SortInputGraphType<TOtherSpec>),
            Roles = roles.Length == 0 ? null : roles,
            Related = (nested, user, path) =>
            {
                var (inner, descending) = Sorting.Field(QuerySpecs.Of<TOtherSpec>(), nested, user, path);
                return (new SortField<T>
                {
                    Name = $"{name}.{inner.Name}",
                    Description = description,
                    Columns = db => (optional ? [SortColumns.Missing(db, join(db))] : Enumerable.Empty<LambdaExpression>())
                        .Concat(inner.Columns!(db).Select(column => SortColumns.Through(db, join(db), column)))
                        .ToList(),
                }, descending);
            },
        });
    }

    /// <summary>Translates a <c>where</c> object into one predicate; fields and operators in one object are and-ed.</summary>
    public Expression<Func<T, bool>> Predicate(AppDbContext db, IDictionary<string, object?> where, FilterContext context)
    {
        if (context.Depth > Filtering.MaxNesting)
        {
            throw Filtering.Invalid($"'{context.Path}' nests filters more than {Filtering.MaxNesting} levels deep.");
        }

        var row = Expression.Parameter(typeof(T), "row");
        var parts = new List<Expression>();
        foreach (var (name, value) in where)
        {
            switch (name)
            {
                case "and" or "or":
                    var operands = Filtering.InputObjects(value, context.At(name))
                        .Select((item, index) => Predicate(db, item, context.Into($"{name}[{index}]")))
                        .Select(p => ParameterSwap.Replace(p.Body, p.Parameters[0], row))
                        .ToList();
                    if (operands.Count > 0)
                    {
                        parts.Add(operands.Aggregate(name == "and" ? Expression.AndAlso : Expression.OrElse));
                    }

                    break;
                default:
                    var field = filters.Single(f => f.Name == name);
                    Filtering.CheckRoles(field.Roles, context.User, context.At(name));
                    if (value is null)
                    {
                        throw Filtering.Invalid($"'{context.At(name)}' is null; leave it out to not filter on it.");
                    }

                    var values = Filtering.InputObject(value, context.At(name));
                    if (field.Kind == FilterValueKind.Related)
                    {
                        var related = field.Related!(db, values, context.Into(name));
                        parts.Add(ParameterSwap.Replace(related.Body, related.Parameters[0], row));
                    }
                    else
                    {
                        var column = ParameterSwap.Replace(field.Column!.Body, field.Column.Parameters[0], row);
                        parts.AddRange(values.Select(op => Filtering.Operation(column, field, op.Key, op.Value, context.At(name))));
                    }

                    break;
            }
        }

        var body = parts.Count == 0 ? Expression.Constant(true) : parts.Aggregate(Expression.AndAlso);
        return Expression.Lambda<Func<T, bool>>(body, row);
    }
}

/// <summary>One instance per spec type; specs refer to each other (a donor's donations, a donation's donor) lazily.</summary>
public static class QuerySpecs
{
    public static TSpec Of<TSpec>()
        where TSpec : new() => Holder<TSpec>.Instance;

    private static class Holder<TSpec>
        where TSpec : new()
    {
        public static readonly TSpec Instance = new();
    }
}

/// <summary>Turns one operator of an operation filter input into an EF-translatable comparison.</summary>
public static class Filtering
{
    public const int MaxInListLength = 500;
    public const int MaxNesting = 10;

    private static readonly MethodInfo StringContains = typeof(string).GetMethod(nameof(string.Contains), [typeof(string)])!;
    private static readonly MethodInfo StringStartsWith = typeof(string).GetMethod(nameof(string.StartsWith), [typeof(string)])!;
    private static readonly MethodInfo StringEndsWith = typeof(string).GetMethod(nameof(string.EndsWith), [typeof(string)])!;

    public static ExecutionError Invalid(string message) => new(message) { Code = ErrorCodes.ValidationFailed };

    public static void CheckRoles(IReadOnlyList<Role>? roles, ClaimsPrincipal? user, string path)
    {
        if (roles is not null && !roles.Any(r => user?.IsInRole(r.Name()) == true))
        {
            throw new ExecutionError($"Your role may not filter or sort on '{path}'. It is for: {string.Join(", ", roles.Select(r => r.Name()))}.")
            {
                Code = RoleAuthorization.Forbidden,
            };
        }
    }

    public static IDictionary<string, object?> InputObject(object? value, string path) =>
        value as IDictionary<string, object?> ?? throw Invalid($"'{path}' must be an input object.");

    public static IEnumerable<IDictionary<string, object?>> InputObjects(object? value, string path) =>
        value is null ? [] : List(value, path).Select((item, index) => InputObject(item, $"{path}[{index}]"));

    private static List<object?> List(object? value, string path) => value switch
    {
        null => throw Invalid($"'{path}' is null; leave it out to not filter on it."),
        string => [value],
        IEnumerable items => items.Cast<object?>().ToList(),
        _ => [value],
    };

    public static Expression Operation<T>(Expression column, FilterField<T> field, string op, object? value, string path)
    {
        var at = $"{path}.{op}";
        var type = column.Type;
        switch (op)
        {
            case "eq" or "neq":
                Expression compared;
                if (value is null)
                {
                    if (type.IsValueType && Nullable.GetUnderlyingType(type) is null)
                    {
                        throw Invalid($"'{at}' is null, but '{path}' always has a value.");
                    }

                    compared = Expression.Constant(null, type);
                }
                else
                {
                    compared = Parameter(Coerce(value, field, type, at), type);
                }

                return op == "eq" ? Expression.Equal(column, compared) : Expression.NotEqual(column, compared);
            case "in" or "nin":
                var items = List(value, at);
                if (items.Count > MaxInListLength)
                {
                    throw Invalid($"'{at}' lists {items.Count} values; at most {MaxInListLength} are allowed.");
                }

                var list = (IList)Activator.CreateInstance(typeof(List<>).MakeGenericType(type))!;
                foreach (var item in items)
                {
                    list.Add(item is null ? NullFor(type, at, path) : Coerce(item, field, type, at));
                }

                var contains = Expression.Call(typeof(Enumerable), nameof(Enumerable.Contains), [type], Parameter(list, list.GetType()), column);
                return op == "in" ? contains : Expression.Not(contains);
            case "gt" or "gte" or "lt" or "lte":
                var bound = Parameter(Coerce(NotNull(value, at), field, type, at), type);
                return op switch
                {
                    "gt" => Expression.GreaterThan(column, bound),
                    "gte" => Expression.GreaterThanOrEqual(column, bound),
                    "lt" => Expression.LessThan(column, bound),
                    _ => Expression.LessThanOrEqual(column, bound),
                };
            case "contains" or "ncontains" or "startsWith" or "nstartsWith" or "endsWith" or "nendsWith":
                var text = Parameter(NotNull(value, at), typeof(string));
                var method = op.TrimStart('n') switch
                {
                    "contains" => StringContains,
                    "startsWith" => StringStartsWith,
                    _ => StringEndsWith,
                };
                var call = Expression.AndAlso(Expression.NotEqual(column, Expression.Constant(null, typeof(string))), Expression.Call(column, method, text));
                return op.StartsWith('n') && op != "nin" ? Expression.Not(call) : call;
            default:
                throw Invalid($"'{at}' is not an operator of '{path}'.");
        }
    }

    private static object NotNull(object? value, string at) => value ?? throw Invalid($"'{at}' is null; give a value or leave it out.");

    private static object? NullFor(Type type, string at, string path) =>
        type.IsValueType && Nullable.GetUnderlyingType(type) is null
            ? throw Invalid($"'{at}' lists null, but '{path}' always has a value.")
            : null;

    private static object Coerce<T>(object value, FilterField<T> field, Type type, string at)
    {
        var target = Nullable.GetUnderlyingType(type) ?? type;
        if (field.Kind == FilterValueKind.Id)
        {
            var raw = Convert.ToString(value, CultureInfo.InvariantCulture);
            if (!GlobalId.TryDecode(raw, out var typeName, out var id) || typeName != field.IdTypeName)
            {
                throw new ExecutionError($"'{at}' is not the id of a {field.IdTypeName}.") { Code = ErrorCodes.InvalidId };
            }

            try
            {
                return Convert.ChangeType(id, target, CultureInfo.InvariantCulture);
            }
            catch (OverflowException)
            {
                throw new ExecutionError($"'{at}' is not the id of a {field.IdTypeName}.") { Code = ErrorCodes.InvalidId };
            }
        }

        return value switch
        {
            _ when target.IsInstanceOfType(value) && value is DateTime { Kind: DateTimeKind.Local } local => local.ToUniversalTime(),
            _ when target.IsInstanceOfType(value) => value,
            DateTimeOffset offset when target == typeof(DateTime) => offset.UtcDateTime,
            _ when target.IsEnum => throw Invalid($"'{at}' is not a value of '{field.Name}'."),
            _ => Convert.ChangeType(value, target, CultureInfo.InvariantCulture),
        };
    }

    /// <summary>A value read through a closure, so EF sends it as a SQL parameter and reuses one command shape.</summary>
    public static Expression Parameter(object? value, Type type)
    {
        var box = Activator.CreateInstance(typeof(Box<>).MakeGenericType(type), value)!;
        return Expression.Property(Expression.Constant(box), "Value");
    }

    private sealed record Box<TValue>(TValue Value);
}

/// <summary>Rebinds a lambda body to another parameter, so predicates of one row combine into one lambda.</summary>
public sealed class ParameterSwap(ParameterExpression from, Expression to) : ExpressionVisitor
{
    public static Expression Replace(Expression body, ParameterExpression from, Expression to) => new ParameterSwap(from, to).Visit(body);

    protected override Expression VisitParameter(ParameterExpression node) => node == from ? to : base.VisitParameter(node);
}

/// <summary>Hot Chocolate's operation inputs: one per scalar, each listing the operators that make sense for it.</summary>
public abstract class OperationFilterInputType : InputObjectGraphType
{
    protected OperationFilterInputType(string name, string what, IGraphType scalar, bool ordered, bool text)
    {
        Name = name;
        Description = $"Conditions on {what}; all that are given must hold.";
        AddField(new FieldType { Name = "eq", Description = "Equal to this value (null: has no value).", ResolvedType = scalar });
        AddField(new FieldType { Name = "neq", Description = "Not equal to this value (null: has a value).", ResolvedType = scalar });
        if (scalar is not BooleanGraphType)
        {
            AddField(new FieldType { Name = "in", Description = $"Equal to one of these values (at most {Filtering.MaxInListLength}).", ResolvedType = new ListGraphType(scalar) });
            AddField(new FieldType { Name = "nin", Description = $"Equal to none of these values (at most {Filtering.MaxInListLength}).", ResolvedType = new ListGraphType(scalar) });
        }

        if (ordered)
        {
            AddField(new FieldType { Name = "gt", Description = "Greater than this value.", ResolvedType = scalar });
            AddField(new FieldType { Name = "gte", Description = "Greater than or equal to this value.", ResolvedType = scalar });
            AddField(new FieldType { Name = "lt", Description = "Less than this value.", ResolvedType = scalar });
            AddField(new FieldType { Name = "lte", Description = "Less than or equal to this value.", ResolvedType = scalar });
        }

        if (text)
        {
            AddField(new FieldType { Name = "contains", Description = "Contains this text (case-sensitive).", ResolvedType = scalar });
            AddField(new FieldType { Name = "ncontains", Description = "Does not contain this text.", ResolvedType = scalar });
            AddField(new FieldType { Name = "startsWith", Description = "Starts with this text (case-sensitive).", ResolvedType = scalar });
            AddField(new FieldType { Name = "nstartsWith", Description = "Does not start with this text.", ResolvedType = scalar });
            AddField(new FieldType { Name = "endsWith", Description = "Ends with this text (case-sensitive).", ResolvedType = scalar });
            AddField(new FieldType { Name = "nendsWith", Description = "Does not end with this text.", ResolvedType = scalar });
        }
    }
}

public sealed class StringOperationFilterInputType() : OperationFilterInputType("StringOperationFilterInput", "a text", new StringGraphType(), ordered: false, text: true);

public sealed class IntOperationFilterInputType() : OperationFilterInputType("IntOperationFilterInput", "a whole number", new IntGraphType(), ordered: true, text: false);

public sealed class LongOperationFilterInputType() : OperationFilterInputType("LongOperationFilterInput", "a 64-bit whole number (fen, sequences)", new LongGraphType(), ordered: true, text: false);

public sealed class DateTimeOperationFilterInputType() : OperationFilterInputType("DateTimeOperationFilterInput", "a moment (compared in UTC)", new DateTimeGraphType(), ordered: true, text: false);

public sealed class DateOnlyOperationFilterInputType() : OperationFilterInputType("DateOnlyOperationFilterInput", "a day", new DateOnlyGraphType(), ordered: true, text: false);

public sealed class BooleanOperationFilterInputType() : OperationFilterInputType("BooleanOperationFilterInput", "a flag", new BooleanGraphType(), ordered: false, text: false);

public sealed class IdOperationFilterInputType() : OperationFilterInputType("IdOperationFilterInput", "a global id (of the field's own type; another type's id is an INVALID_ID error)", new IdGraphType(), ordered: false, text: false);

/// <summary><c>&lt;Enum&gt;OperationFilterInput</c>: eq, neq, in, nin over one enum.</summary>
public sealed class EnumOperationFilterInputType<TEnumGraphType> : InputObjectGraphType
    where TEnumGraphType : EnumerationGraphType
{
    public EnumOperationFilterInputType()
    {
        var name = GraphTypeNames.Of<TEnumGraphType>();
        Name = $"{name}OperationFilterInput";
        Description = $"Conditions on a {name} value; all that are given must hold.";
        Field<TEnumGraphType>("eq").Description("Equal to this value.");
        Field<TEnumGraphType>("neq").Description("Not equal to this value.");
        Field<ListGraphType<NonNullGraphType<TEnumGraphType>>>("in").Description($"Equal to one of these values (at most {Filtering.MaxInListLength}).");
        Field<ListGraphType<NonNullGraphType<TEnumGraphType>>>("nin").Description($"Equal to none of these values (at most {Filtering.MaxInListLength}).");
    }
}

/// <summary><c>&lt;Type&gt;FilterInput</c>: and, or, and one operation input per declared field.</summary>
public sealed class FilterInputGraphType<TSpec> : InputObjectGraphType
    where TSpec : IQuerySpec, new()
{
    public FilterInputGraphType()
    {
        var spec = QuerySpecs.Of<TSpec>();
        Name = $"{spec.TypeName}FilterInput";
        Description = $"Conditions on {spec.TypeName} items: every field given must hold; 'and' and 'or' combine whole conditions (at most {Filtering.MaxNesting} levels deep). An empty object matches everything.";
        Field<ListGraphType<NonNullGraphType<FilterInputGraphType<TSpec>>>>("and").Description("All of these conditions hold.");
        Field<ListGraphType<NonNullGraphType<FilterInputGraphType<TSpec>>>>("or").Description("At least one of these conditions holds (an empty list adds no condition).");
        foreach (var (name, description, inputType) in spec.FilterInputFields)
        {
            Field(name, inputType).Description(description);
        }
    }
}
