using Dapper;
using Evaluation.Api.Security;
using Microsoft.Extensions.DependencyInjection;

namespace Evaluation.Api.Tests;

/// <summary>The organisation behind a route's survey or organisation, kept once found (it never changes) and asked again while unknown.</summary>
public sealed class OwnersTests : IDisposable
{
    private readonly EvaluationApiFactory _factory = new();

    public void Dispose() => _factory.Dispose();

    [Fact]
    public async Task WhatWasNotFound_IsAskedAgain_AndWhatWasFound_IsKept()
    {
        var scenario = await ApiScenario.CreateAsync(await _factory.CreateStaffClientAsync());
        var owners = _factory.Services.GetRequiredService<Owners>();
        await using var connection = await _factory.OpenDatabaseAsync();

        Assert.Null(await owners.OrganisationOfAsync(OwnedObject.Organisation, "made-later", CancellationToken.None));
        await connection.ExecuteAsync("INSERT INTO organisations (id, name, created_on) VALUES ('made-later', 'Made later', '2026-12-03')");
        Assert.Equal("made-later", await owners.OrganisationOfAsync(OwnedObject.Organisation, "made-later", CancellationToken.None));

        Assert.Equal(scenario.OrganisationId, await owners.OrganisationOfAsync(OwnedObject.Survey, scenario.SurveyId, CancellationToken.None));
        await connection.ExecuteAsync("DELETE FROM organisations WHERE id = 'made-later'"); // nothing in the service does this
        Assert.Equal("made-later", await owners.OrganisationOfAsync(OwnedObject.Organisation, "made-later", CancellationToken.None));
        Assert.Null(await owners.OrganisationOfAsync(OwnedObject.Survey, "no-such-survey", CancellationToken.None));
    }
}
