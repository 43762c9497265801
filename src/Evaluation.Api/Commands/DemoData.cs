using Evaluation.Api.Hosting;
using Evaluation.Api.Organisations;
using Evaluation.Api.Responses;
using Evaluation.Api.Security;
using Evaluation.Api.Surveys;
using Evaluation.Instruments;

namespace Evaluation.Api.Commands;

/// <summary>
/// A realistic demo: one co-op, two circles, one open survey (and a closed one before it) and synthetic responses from all five groups,
/// with circle and group differences, reverse-keyed items answered consistently, some "not applicable"
/// answers and a mix of completion modes. Seeded, so the same seed gives the same answers.
/// </summary>
public static class DemoData
{
    private static readonly (string Group, double Share, double Lift)[] Groups =
    [
        ("drawing-on-care", 0.25, 0.25),
        ("family-friends", 0.15, 0.10),
        ("care-worker", 0.35, -0.20),
        ("circle-member", 0.15, 0.05),
        ("volunteer", 0.10, 0.15),
    ];

    /// <param name="withEarlierWave">Also a closed wave half a year earlier (80 % as many responses, co-production and
    /// well-being lower), so reports show change since the previous wave. Both waves are then pseudonymous, and half as
    /// many people as the later wave has answer both with a panel code, so the change of the same people shows too.</param>
    public static async Task<int> CreateAsync(IServiceProvider services, int responseCount, int seed, TextWriter output, CancellationToken cancellationToken,
        bool withEarlierWave = true)
    {
        var catalog = services.GetRequiredService<InstrumentCatalog>();
        var today = services.GetRequiredService<Calendar>().Today();
        var organisations = services.GetRequiredService<OrganisationStore>();
        var instrument = catalog.FindSurvey("social-climate", "1")
            ?? throw new InvalidOperationException("The demo needs the shipped instrument social-climate v1.");

        var organisation = await organisations.CreateAsync("Cwm Taf Care Co-operative (demo)", today, cancellationToken);
        var (_, north) = await organisations.AddCircleAsync(organisation.Id, "Ystrad Circle", null, null, today, cancellationToken);
        var (_, south) = await organisations.AddCircleAsync(organisation.Id, "Pontypridd Circle", null, null, today, cancellationToken);
        var groups = instrument.Content.StakeholderGroups.Select(g => g.Id).ToList();
        var surveys = services.GetRequiredService<SurveyStore>();
        var random = new Random(seed);
        // Circle climates differ by domain: Ystrad is strong on belonging, Pontypridd on co-production.
        var circleLevels = new Dictionary<string, Dictionary<string, double>>
        {
            [north!.Id] = new() { ["growth"] = 3.3, ["wellbeing"] = 3.9, ["coproduction"] = 2.8 },
            [south!.Id] = new() { ["growth"] = 3.0, ["wellbeing"] = 3.4, ["coproduction"] = 3.6 },
        };
        var anonymity = withEarlierWave ? AnonymityMode.Pseudonymous : AnonymityMode.Anonymous;
        var panelKeys = services.GetRequiredService<Panels.PanelKeys>();
        var panel = withEarlierWave
            ? Enumerable.Range(0, responseCount / 2).Select(_ => NewPerson(random, north.Id, south.Id) with
            {
                PanelKey = panelKeys.KeyOf(organisation.Id, Crockford.Encode(Enumerable.Range(0, 8).Select(b => (byte)random.Next(256)).ToArray())[..12]),
            }).ToList()
            : [];
        if (withEarlierWave)
        {
            var (_, earlierId) = await surveys.CreateAsync(new NewSurvey(organisation.Id, instrument,
                $"Social climate survey, spring {today.AddDays(-200).Year} (demo)", today.AddDays(-200), today.AddDays(-170), groups, [north.Id, south.Id],
                anonymity), today.AddDays(-210), cancellationToken);
            await surveys.OpenAsync(earlierId!, cancellationToken);
            var lower = new Dictionary<string, double> { ["growth"] = 0.0, ["wellbeing"] = -0.15, ["coproduction"] = -0.6 };
            await FillAsync(earlierId!, responseCount * 4 / 5, today.AddDays(-180), lower);
            await surveys.CloseAsync(earlierId!, today.AddDays(-170), cancellationToken);
        }
        var (outcome, surveyId) = await surveys.CreateAsync(new NewSurvey(organisation.Id, instrument,
            $"Social climate survey {today.Year} (demo)", today.AddDays(-28), today.AddDays(28), groups, [north.Id, south.Id], anonymity),
            today, cancellationToken);
        if (outcome != CreateSurveyOutcome.Created)
        {
            await output.WriteLineAsync("The demo could not create its survey: social-climate v1 has been edited since it was published in this database.");
            return 2;
        }
        await surveys.OpenAsync(surveyId!, cancellationToken);
        await FillAsync(surveyId!, responseCount, today, new Dictionary<string, double> { ["growth"] = 0, ["wellbeing"] = 0, ["coproduction"] = 0 });

        async Task FillAsync(string id, int count, DateOnly day, Dictionary<string, double> shift)
        {
            var responses = services.GetRequiredService<ResponseStore>();
            var batch = new List<NewResponse>();
            for (var i = 0; i < count; i++)
            {
                // The panel answers first in every wave, each as the same person; everyone else is new.
                var (circleId, group, lift, person, panelKey) = i < panel.Count ? panel[i] : NewPerson(random, north.Id, south.Id);
                var answers = new Dictionary<string, int?>();
                foreach (var domain in instrument.Content.Domains)
                {
                    var level = circleLevels[circleId][domain.Id] + shift[domain.Id] + lift + person;
                    foreach (var item in domain.Factors.SelectMany(f => f.Items).Where(item => item.IsShownTo(group)))
                    {
                        if (random.NextDouble() < 0.06)
                        {
                            answers[item.Id] = null;
                            continue;
                        }
                        var agreement = Math.Clamp((int)Math.Round(level + Normal(random) * 0.8), instrument.Content.Scale.Min, instrument.Content.Scale.Max);
                        answers[item.Id] = item.Reverse ? instrument.Content.Scale.Reverse(agreement) : agreement;
                    }
                }
                var mode = group == "drawing-on-care"
                    ? random.NextDouble() switch { < 0.55 => CompletionMode.Self, < 0.80 => CompletionMode.Assisted, < 0.90 => CompletionMode.Paper, _ => CompletionMode.Interviewer }
                    : group == "family-friends" && random.NextDouble() < 0.2 ? CompletionMode.Proxy
                    : random.NextDouble() < 0.1 ? CompletionMode.Paper : CompletionMode.Self;
                batch.Add(new NewResponse(id, instrument.Content.Id, instrument.Content.Version, organisation.Id, circleId, group, mode, day, answers, panelKey));
                if (batch.Count == 10_000 || i == count - 1)
                {
                    await responses.InsertAllAsync(batch, cancellationToken);
                    batch.Clear();
                }
            }
        }

        // Ystrad circle assessed its partnership with the local health board twice: half a year apart, a little further on.
        var tool = catalog.CapacityAssessments.First(c => c.Content.Id == "co-production-capacity").Content;
        var capacity = services.GetRequiredService<Evaluation.Api.Capacity.CapacityStore>();
        foreach (var (day, lift) in new[] { (today.AddDays(-190), 0), (today.AddDays(-14), 1) })
        {
            var ratings = tool.Capacities.Select((c, i) => (c.Id, Level: Math.Clamp(1 + (i * 7 % 3) + (i % 4 == 0 ? lift : 0) + (i == 3 ? lift : 0), 1, 4)))
                .ToDictionary(r => r.Id, r => r.Level);
            await capacity.StoreAsync(organisation.Id, new Evaluation.Api.Capacity.CapacityAssessmentRecord(Guid.NewGuid().ToString(), north.Id,
                "Cwm Taf Health Board (demo)", tool.Id, tool.Version, day, ratings, new Dictionary<string, string>()), cancellationToken);
        }

        var keys = services.GetRequiredService<ApiKeyStore>();
        var (_, key) = await keys.CreateAsync(new NewApiKey(Role.Evaluator, "demo evaluator", organisation.Id, []), today, cancellationToken);
        var (_, leadKey) = await keys.CreateAsync(new NewApiKey(Role.CircleLead, "demo lead of Ystrad", organisation.Id, [north.Id]), today, cancellationToken);
        // One single-use invitation, so the form can be tried at once: a care worker of Ystrad.
        var issued = await services.GetRequiredService<Invitations.InvitationIssuing>().IssueAsync(new Invitations.IssueRequest(
            (await surveys.FindAsync(surveyId!, cancellationToken))!, north.Id, "care-worker", Invitations.InvitationKind.SingleUse, 1, "json"), cancellationToken);
        var site = services.GetRequiredService<Microsoft.Extensions.Options.IOptions<Hosting.EvaluationOptions>>().Value.PublicBaseUrl.TrimEnd('/');
        var dashboard = withEarlierWave // a circle's dashboard shows its latest closed wave
            ? $"\n  dashboard: curl -s -H \"Authorization: Bearer {leadKey}\" -o dashboard.html {site}/api/circles/{north.Id}/dashboard"
            : "";
        await output.WriteLineAsync($"""
            Demo organisation: {organisation.Name} ({organisation.Id})
            Circles:           {north.Name} ({north.Id}), {south.Name} ({south.Id})
            Survey:            {surveyId} with {responseCount} synthetic responses{(withEarlierWave ? $" (and a closed spring wave with {responseCount * 4 / 5})" : "")}
            Evaluator key:     {key} (this organisation only)
            Circle lead key:   {leadKey} ({north.Name} only)

            Start the service (dotnet run --project src/Evaluation.Api), then:
              the form, as a care worker of {north.Name} (single-use): {issued.Links.Single()}{dashboard}
              report:    curl -s -H "Authorization: Bearer {key}" -o report.pdf {site}/api/surveys/{surveyId}/report.pdf
              scores:    curl -s -H "Authorization: Bearer {key}" {site}/api/surveys/{surveyId}/scores
            """);
        return 0;
    }

    /// <summary>Someone who answers: their circle (55 % Ystrad), group, how their group tends to answer, and their own leaning.</summary>
    private sealed record Person(string CircleId, string Group, double Lift, double Leaning, string? PanelKey = null);

    private static Person NewPerson(Random random, string north, string south)
    {
        var circleId = random.NextDouble() < 0.55 ? north : south;
        var (group, lift) = PickGroup(random);
        return new Person(circleId, group, lift, Normal(random) * 0.45);
    }

    private static (string Group, double Lift) PickGroup(Random random)
    {
        var draw = random.NextDouble();
        foreach (var (group, share, lift) in Groups)
        {
            if ((draw -= share) < 0)
            {
                return (group, lift);
            }
        }
        return (Groups[^1].Group, Groups[^1].Lift);
    }

    /// <summary>Standard normal deviate (Box–Muller).</summary>
    private static double Normal(Random random) =>
        Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());
}
