using Dapper;
using Evaluation.Api.Surveys;
using Microsoft.Extensions.DependencyInjection;

namespace Evaluation.Api.Tests;

/// <summary>A survey's row is read afresh every time; its groups and circles, fixed at creation, are read once and kept.</summary>
public sealed class SurveyMembersTests : IDisposable
{
    private readonly EvaluationApiFactory _factory = new();

    public void Dispose() => _factory.Dispose();

    [Fact]
    public async Task StatusAndDates_AreReadEveryTime_GroupsAndCircles_AreKept()
    {
        var scenario = await ApiScenario.CreateAsync(await _factory.CreateStaffClientAsync());
        var surveys = _factory.Services.GetRequiredService<SurveyStore>();
        await using var connection = await _factory.OpenDatabaseAsync();

        var first = (await surveys.FindAsync(scenario.SurveyId, CancellationToken.None))!;
        Assert.Equal(SurveyStatus.Open, first.Status);
        Assert.Equal(5, first.StakeholderGroups.Count);
        Assert.Equal(["North", "South"], first.Circles.Select(c => c.Name));

        // Nothing in the service does the last two: a kept answer shows here as the old groups and circles.
        await connection.ExecuteAsync("UPDATE surveys SET status = 'closed', closes_on = '2026-11-30', title = 'Renamed' WHERE id = @id",
            new { id = scenario.SurveyId });
        await connection.ExecuteAsync("DELETE FROM survey_groups WHERE survey_id = @id AND stakeholder_group = 'volunteer'", new { id = scenario.SurveyId });
        await connection.ExecuteAsync("UPDATE circles SET name = 'Renamed circle' WHERE id = @id", new { id = scenario.NorthCircleId });

        var again = (await surveys.FindAsync(scenario.SurveyId, CancellationToken.None))!;
        Assert.Equal(SurveyStatus.Closed, again.Status);
        Assert.Equal(new DateOnly(2026, 11, 30), again.ClosesOn);
        Assert.Equal("Renamed", again.Title);
        Assert.Equal(first.StakeholderGroups, again.StakeholderGroups);
        Assert.Equal(first.Circles, again.Circles);
        Assert.Null(await surveys.FindAsync("no-such-survey", CancellationToken.None));
    }
}
