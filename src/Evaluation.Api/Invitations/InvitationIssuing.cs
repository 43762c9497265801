using Evaluation.Api.Hosting;
using Evaluation.Api.Surveys;
using Evaluation.Instruments;
using Evaluation.Reporting;
using Microsoft.Extensions.Options;

namespace Evaluation.Api.Invitations;

/// <summary>What to issue: <c>Count</c> invitations of one kind for one circle and group, as links or a printable sheet.</summary>
public sealed record IssueRequest(Survey Survey, string CircleId, string StakeholderGroup, InvitationKind Kind, int Count, string Format);

public enum IssueRefusal
{
    None,

    /// <summary>A closed survey takes no more responses, so it gets no more invitations.</summary>
    SurveyClosed,

    /// <summary>A field is at fault: <see cref="IssueOutcome.Errors"/> names each.</summary>
    Invalid,

    /// <summary>The sheet could not be printed: nothing was stored. <see cref="IssueOutcome.Printing"/> says why.</summary>
    PrintingFailed,
}

/// <summary>
/// The new links (shown this once: only their hashes are kept) and, when a sheet was asked for, its HTML or PDF; or
/// why nothing was issued.
/// </summary>
public sealed record IssueOutcome(IssueRefusal Refusal, IReadOnlyList<(string Field, string Message)> Errors, IReadOnlyList<string> Links,
    string? SheetHtml = null, byte[]? SheetPdf = null, PdfResult? Printing = null)
{
    public static IssueOutcome Refused(IssueRefusal refusal, IReadOnlyList<(string Field, string Message)>? errors = null, PdfResult? printing = null) =>
        new(refusal, errors ?? [], [], Printing: printing);
}

/// <summary>
/// The one way invitations are issued (the API and the demo): checked against the survey, made, shown and printed
/// first and stored last, so a sheet that fails to print leaves no invitations nobody can see.
/// </summary>
public sealed class InvitationIssuing(InvitationStore invitations, InstrumentCatalog catalog, ChromiumPdfPrinter printer, IOptions<EvaluationOptions> options)
{
    public const int MostAtOnce = 2000;

    public static readonly IReadOnlyList<string> Formats = ["json", "html", "pdf"];

    public async Task<IssueOutcome> IssueAsync(IssueRequest request, CancellationToken cancellationToken)
    {
        var survey = request.Survey;
        if (survey.Status == SurveyStatus.Closed)
        {
            return IssueOutcome.Refused(IssueRefusal.SurveyClosed);
        }
        var errors = Check(request);
        if (errors.Count > 0)
        {
            return IssueOutcome.Refused(IssueRefusal.Invalid, errors);
        }
        var circle = survey.Circles.First(c => c.Id == request.CircleId);
        var tokens = Enumerable.Range(0, request.Count).Select(_ => InvitationStore.NewToken()).ToList();
        var links = tokens.Select(token => $"{options.Value.PublicBaseUrl.TrimEnd('/')}/r/{token}").ToList();
        string? html = null;
        byte[]? pdf = null;
        if (request.Format != "json")
        {
            var instrument = catalog.FindSurvey(survey.Instrument.Id, survey.Instrument.Version)!.Content;
            var group = instrument.StakeholderGroups.First(g => g.Id == request.StakeholderGroup).Title.In(LocalizedText.English);
            html = InvitationSheet.Render(survey.Title, circle.Name, group, survey.Anonymity == AnonymityMode.Anonymous,
                request.Kind == InvitationKind.SingleUse, links, tokens);
        }
        if (request.Format == "pdf")
        {
            var printed = await printer.PrintAsync(html!, cancellationToken);
            if (printed.Status != PdfStatus.Printed)
            {
                return IssueOutcome.Refused(IssueRefusal.PrintingFailed, printing: printed);
            }
            (html, pdf) = (null, printed.Pdf);
        }
        await invitations.StoreAsync(survey.Id, circle.Id, request.StakeholderGroup, request.Kind, tokens, cancellationToken);
        return new IssueOutcome(IssueRefusal.None, [], links, html, pdf);
    }

    private static List<(string Field, string Message)> Check(IssueRequest request)
    {
        var (survey, errors) = (request.Survey, new List<(string Field, string Message)>());
        if (survey.Circles.All(c => c.Id != request.CircleId))
        {
            errors.Add(("circleId", $"Circle '{request.CircleId}' is not part of this survey."));
        }
        if (!survey.StakeholderGroups.Contains(request.StakeholderGroup))
        {
            errors.Add(("stakeholderGroup", $"'{request.StakeholderGroup}' is not one of this survey's groups: {string.Join(", ", survey.StakeholderGroups)}."));
        }
        var maximum = request.Kind == InvitationKind.Open ? 1 : MostAtOnce;
        if (request.Count < 1 || request.Count > maximum)
        {
            errors.Add(("count", request.Kind == InvitationKind.Open ? "An open link is one link: count must be 1." : $"Create 1–{maximum} invitations at a time."));
        }
        if (!Formats.Contains(request.Format))
        {
            errors.Add(("format", "json, html or pdf."));
        }
        return errors;
    }
}
