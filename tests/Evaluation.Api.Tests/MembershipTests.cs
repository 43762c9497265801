using Evaluation.Api.Accounts;
using Evaluation.Api.Security;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;

namespace Evaluation.Api.Tests;

/// <summary>What a person may do: memberships with the same scope rule as keys, several per person, ended but kept.</summary>
public sealed class MembershipTests : IDisposable
{
    private static readonly DateOnly Today = new(2026, 12, 7);
    private readonly EvaluationApiFactory _factory = new();

    public void Dispose() => _factory.Dispose();

    private MembershipStore Memberships => _factory.Services.GetRequiredService<MembershipStore>();

    private Scopes Scopes => _factory.Services.GetRequiredService<Scopes>();

    private async Task<Person> PersonAsync()
    {
        using var scope = _factory.Services.CreateScope();
        var person = new Person { Email = "alun@example.org", DisplayName = "Alun" };
        Assert.True((await scope.ServiceProvider.GetRequiredService<UserManager<Person>>().CreateAsync(person, "a long enough passphrase")).Succeeded);
        return person;
    }

    [Fact]
    public async Task APerson_HoldsSeveralMemberships_AndAnEndedOneIsNoLongerCurrent()
    {
        var scenario = await ApiScenario.CreateAsync(await _factory.CreateStaffClientAsync());
        var person = await PersonAsync();

        var lead = await Memberships.AddAsync(person.Id,
            new Scope(Role.CircleLead, scenario.OrganisationId, [scenario.SouthCircleId, scenario.NorthCircleId, scenario.NorthCircleId]), Today, CancellationToken.None);
        var funder = await Memberships.AddAsync(person.Id, new Scope(Role.Funder, scenario.OrganisationId, []), Today, CancellationToken.None);

        var current = await Memberships.CurrentAsync(person.Id, CancellationToken.None);
        Assert.Equal(2, current.Count);
        var stored = current.Single(m => m.Id == lead.Id);
        Assert.Equal(Role.CircleLead, stored.Scope.Role);
        Assert.Equal(new[] { scenario.NorthCircleId, scenario.SouthCircleId }.Order(StringComparer.Ordinal), stored.Scope.CircleIds);
        Assert.Equal((Today, (DateOnly?)null), (stored.StartedOn, stored.EndedOn));

        Assert.True(await Memberships.EndAsync(lead.Id, Today, CancellationToken.None));
        Assert.False(await Memberships.EndAsync(lead.Id, Today, CancellationToken.None));
        Assert.Equal([funder.Id], (await Memberships.CurrentAsync(person.Id, CancellationToken.None)).Select(m => m.Id));
    }

    [Fact]
    public async Task AMembershipScope_FollowsTheKeyRule_NamingTheMembership()
    {
        var scenario = await ApiScenario.CreateAsync(await _factory.CreateStaffClientAsync());

        var errors = await Scopes.CheckAsync(new Scope(Role.CircleLead, scenario.OrganisationId, []), "membership", CancellationToken.None);
        Assert.Equal("A circle-lead membership names at least one circle.", errors["circleIds"]);
        errors = await Scopes.CheckAsync(new Scope(Role.Funder, scenario.OrganisationId, [scenario.NorthCircleId]), "membership", CancellationToken.None);
        Assert.Contains("Only circle-lead memberships name circles", errors["circleIds"], StringComparison.Ordinal);
        errors = await Scopes.CheckAsync(new Scope(Role.CircleLead, scenario.OrganisationId, ["elsewhere"]), "membership", CancellationToken.None);
        Assert.Equal("There is no circle 'elsewhere' in this organisation.", errors["circleIds"]);
        errors = await Scopes.CheckAsync(new Scope(Role.Evaluator, "no-such-co-op", []), "membership", CancellationToken.None);
        Assert.Equal("There is no organisation 'no-such-co-op'.", errors["organisationId"]);
        Assert.Empty(await Scopes.CheckAsync(new Scope(Role.Admin, null, []), "membership", CancellationToken.None));
    }
}
