using Microsoft.AspNetCore.Http.HttpResults;

namespace Evaluation.Api.Hosting;

/// <summary>RFC 9457 problem responses naming the field or item at fault.</summary>
public static class Problems
{
    public static ProblemHttpResult Unprocessable(IDictionary<string, string[]> errors, string title = "The request could not be accepted.",
        string detail = "See 'errors': each key names the field or item at fault.") =>
        TypedResults.Problem(new HttpValidationProblemDetails(errors)
        {
            Status = StatusCodes.Status422UnprocessableEntity,
            Title = title,
            Detail = detail,
        });

    public static ProblemHttpResult Unprocessable(string field, string message) =>
        Unprocessable(new Dictionary<string, string[]> { [field] = [message] });

    public static ProblemHttpResult Conflict(string title, string detail, string? field = null) =>
        TypedResults.Problem(new HttpValidationProblemDetails(field is null
            ? new Dictionary<string, string[]>()
            : new Dictionary<string, string[]> { [field] = [detail] })
        {
            Status = StatusCodes.Status409Conflict,
            Title = title,
            Detail = detail,
        });

    public static ProblemHttpResult NotFound(string what, string id) =>
        TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: $"No such {what}.", detail: $"There is no {what} with id '{id}'.");

    /// <summary>Collects errors keyed by field, then answers with a 422 when there are any.</summary>
    public sealed class ErrorList
    {
        private readonly Dictionary<string, List<string>> _errors = new(StringComparer.Ordinal);

        public bool Any => _errors.Count > 0;

        /// <summary>The list of a use case's refusal, each message under its field in the order given.</summary>
        public static ErrorList Of(IEnumerable<(string Field, string Message)> errors)
        {
            var list = new ErrorList();
            foreach (var (field, message) in errors)
            {
                list.Add(field, message);
            }
            return list;
        }

        public void Add(string field, string message)
        {
            if (!_errors.TryGetValue(field, out var list))
            {
                _errors[field] = list = [];
            }
            list.Add(message);
        }

        public ProblemHttpResult ToProblem() => Unprocessable(_errors.ToDictionary(e => e.Key, e => e.Value.ToArray()));
    }
}
