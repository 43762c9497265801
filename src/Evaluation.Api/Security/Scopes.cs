using Dapper;
using Evaluation.Api.Hosting;
using Evaluation.Api.Storage;

namespace Evaluation.Api.Security;

/// <summary>What a key or a person's membership reaches: a role, the organisation it belongs to and, for a circle lead, the circles.</summary>
public sealed record Scope(Role Role, string? OrganisationId, IReadOnlyList<string> CircleIds);

/// <summary>The one rule for scopes, whether a key's or a membership's.</summary>
public sealed class Scopes(Database database)
{
    /// <summary>
    /// What is wrong with a scope, field by field: admins have none; evaluators and funders one organisation; circle
    /// leads one organisation and at least one of its circles. <paramref name="noun"/> names what has the scope
    /// ("key", "membership") in the messages.
    /// </summary>
    public async Task<Dictionary<string, string>> CheckAsync(Scope scope, string noun, CancellationToken cancellationToken)
    {
        var errors = new Dictionary<string, string>();
        if (scope.Role == Role.Admin && (scope.OrganisationId is not null || scope.CircleIds.Count > 0))
        {
            errors["organisationId"] = $"An admin {noun} covers the whole deployment: give no organisation or circles.";
        }
        if (scope.Role != Role.Admin && scope.OrganisationId is null)
        {
            errors["organisationId"] = $"A {Kebab.Name(scope.Role)} {noun} belongs to one organisation.";
        }
        if (scope.Role == Role.CircleLead && scope.CircleIds.Count == 0)
        {
            errors["circleIds"] = $"A circle-lead {noun} names at least one circle.";
        }
        if (scope.Role is not Role.CircleLead and not Role.Admin && scope.CircleIds.Count > 0)
        {
            errors["circleIds"] = $"Only circle-lead {noun}s name circles; a {Kebab.Name(scope.Role)} {noun} covers the organisation.";
        }
        if (scope.OrganisationId is not null && errors.Count == 0)
        {
            await using var connection = await database.OpenAsync(cancellationToken);
            if (await connection.ExecuteScalarAsync<long>(new CommandDefinition(
                    "SELECT count(*) FROM organisations WHERE id = @OrganisationId", scope, cancellationToken: cancellationToken)) == 0)
            {
                errors["organisationId"] = $"There is no organisation '{scope.OrganisationId}'.";
                return errors;
            }
            var known = (await connection.QueryAsync<string>(new CommandDefinition(
                "SELECT id FROM circles WHERE organisation_id = @OrganisationId", scope, cancellationToken: cancellationToken))).ToHashSet();
            foreach (var circle in scope.CircleIds.Where(c => !known.Contains(c)))
            {
                errors["circleIds"] = $"There is no circle '{circle}' in this organisation.";
            }
        }
        return errors;
    }
}
