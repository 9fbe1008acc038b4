using Microsoft.Extensions.DependencyInjection;
using System.Net;
using GaLaAid.Api.Accounts;
using GaLaAid.Api.Tests.Accounts;

namespace GaLaAid.Api.Tests.GraphQL;

/// <summary>
/// A document the service has parsed and validated once is reused for the same text; what depends
/// on who asks or on the variables must still be judged on every request.
/// </summary>
public sealed class CheckedDocumentsTests(GaLaAidApp app) : IClassFixture<GaLaAidApp>
{
    private static string Code(GraphQLResponse response) => (string)response.Json["errors"]![0]!["extensions"]!["code"]!;

    [Fact]
    public async Task A_document_an_admin_ran_is_still_refused_to_a_volunteer_who_sends_the_same_text()
    {
        const string CreateUser = "mutation($input: CreateUserInput!) { createUser(input: $input) { user { userName } } }";
        var admin = await app.GraphQL().DataAsync(CreateUser, new { input = new { userName = "made.by.admin", displayName = "A", role = "STAFF" } });
        Assert.Equal("made.by.admin", (string?)admin["createUser"]!["user"]!["userName"]);
        var volunteer = await app.GraphQLAsAsync(Role.Volunteer);

        var before = await app.LedgerCountsAsync();
        var refused = await volunteer.SendAsync(CreateUser, new { input = new { userName = "made.by.volunteer", displayName = "V", role = "ADMIN" } });

        refused.AssertForbidden();
        Assert.Equal(before, await app.LedgerCountsAsync());
    }

    [Fact]
    public async Task A_read_that_passed_twice_for_an_admin_is_still_refused_to_a_volunteer_and_still_runs_for_the_admin()
    {
        const string Private = "{ recipients(kind: HOUSEHOLD) { nodes { name isRegisteredPoor } } }";
        for (var i = 0; i < 2; i++)
        {
            Assert.Null((await app.GraphQL().SendAsync(Private)).Json["errors"]);
        }

        var refused = await (await app.GraphQLAsAsync(Role.Volunteer)).SendAsync(Private);
        var again = await app.GraphQL().SendAsync(Private);

        Assert.Equal(HttpStatusCode.BadRequest, refused.Status);
        refused.AssertForbidden();
        Assert.Null(again.Json["errors"]);
        Assert.NotNull(again.Json["data"]!["recipients"]);
    }

    [Fact]
    public async Task A_document_that_passed_with_a_small_last_page_is_refused_when_its_variable_asks_for_too_much()
    {
        const string Nested = "query($n: Int) { stockEntries(last: $n) { nodes { id item { entries(last: $n) { nodes { id kind } } } } } }";
        for (var i = 0; i < 2; i++)
        {
            Assert.Null((await app.GraphQL().SendAsync(Nested, new { n = 2 })).Json["errors"]);
        }

        var large = await app.GraphQL().SendAsync(Nested, new { n = 500 });
        var smallAgain = await app.GraphQL().SendAsync(Nested, new { n = 2 });

        Assert.Equal(HttpStatusCode.BadRequest, large.Status);
        Assert.Equal("COMPLEXITY", Code(large));
        Assert.Null(large.Json["data"]);
        Assert.Null(smallAgain.Json["errors"]);
    }

    [Fact]
    public void The_variables_remembered_with_a_pass_are_those_a_page_size_an_id_a_type_name_or_a_directive_can_read()
    {
        var document = GraphQLParser.Parser.Parse(
            "query($n: Int, $code: String!, $show: Boolean!, $id: ID!, $type: String!, $where: String) " +
            "{ itemByCode(code: $code) { id @include(if: $show) } stockEntries(first: $n) { totalCount } node(id: $id) { id } __type(name: $type) { name } donors(where: { name: { contains: $where } }) { totalCount } }");

        var checkedDocument = new GaLaAid.Api.GraphQL.CheckedDocument(document);

        Assert.Equal(["id", "n", "show", "type"], checkedDocument.VariablesReadByChecks);
    }

    [Fact]
    public async Task A_document_that_ran_with_small_pages_is_refused_when_its_variables_ask_for_too_much()
    {
        const string Nested = "query($n: Int) { stockEntries(first: $n) { nodes { id item { entries(first: $n) { nodes { id kind quantity } } } } } }";
        var small = await app.GraphQL().SendAsync(Nested, new { n = 1 });
        Assert.Null(small.Json["errors"]);
        Assert.Equal(HttpStatusCode.OK, small.Status);

        var large = await app.GraphQL().SendAsync(Nested, new { n = 500 });

        Assert.Equal(HttpStatusCode.BadRequest, large.Status);
        Assert.Equal("COMPLEXITY", Code(large));
        Assert.Null(large.Json["data"]);
    }

    [Fact]
    public async Task A_document_that_ran_with_a_type_name_is_refused_when_its_variable_names_none()
    {
        const string TypeByName = "query($name: String!) { __type(name: $name) { name } }";
        var found = await app.GraphQL().DataAsync(TypeByName, new { name = "Query" });
        Assert.Equal("Query", (string?)found["__type"]!["name"]);

        var empty = await app.GraphQL().SendAsync(TypeByName, new { name = "" });

        Assert.Equal("INVALID_VALUE", Code(empty));
        Assert.Null(empty.Json["data"]);
    }

    [Fact]
    public async Task A_document_that_ran_is_refused_when_its_variables_have_the_wrong_type()
    {
        const string Nested = "query($n: Int) { donors(first: $n) { totalCount } }";
        Assert.Null((await app.GraphQL().SendAsync(Nested, new { n = 2 })).Json["errors"]);

        var wrong = await app.GraphQL().SendAsync(Nested, new { n = "two" });

        Assert.NotNull(wrong.Json["errors"]);
        Assert.Null(wrong.Json["data"]);
    }

    [Fact]
    public async Task Short_texts_are_kept_for_the_next_request_and_long_ones_are_not()
    {
        var documents = app.Services.GetRequiredService<GaLaAid.Api.GraphQL.CheckedDocuments>();
        const string Short = "{ donors(first: 1) { totalCount } }";
        var padded = "{ donors(first: 1) { totalCount } }\n#" + new string('x', GaLaAid.Api.GraphQL.CheckedDocuments.LongestKept);

        foreach (var text in new[] { Short, padded, padded })
        {
            var response = await app.GraphQL().SendAsync(text);
            Assert.Null(response.Json["errors"]);
            Assert.NotNull(response.Json["data"]!["donors"]!["totalCount"]);
        }

        Assert.NotNull(documents.Find(Short));
        Assert.Null(documents.Find(padded));
    }
}
