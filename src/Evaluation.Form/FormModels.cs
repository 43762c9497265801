using Evaluation.Instruments;
using Evaluation.Localisation;

namespace Evaluation.Form;

/// <summary>An error shown at the top of a page and beside its field: <see cref="FieldId"/> is the id the summary links to.</summary>
public sealed record FieldError(string FieldId, string Message);

/// <summary>What every page needs: its language, title, antiforgery token, own path (to come back to after a language switch) and errors.</summary>
public sealed record FormFrame(string Language, string Title, string AntiforgeryToken, string Path, IReadOnlyList<FieldError> Errors)
{
    public string T(string key) => TextCatalogue.Form.Get(Language, key);

    public string F(string key, params object[] values) => TextCatalogue.Form.Format(Language, key, values);

    public string L(LocalizedText text) => text.In(Language);

    public FieldError? ErrorFor(string fieldId) => Errors.FirstOrDefault(e => e.FieldId == fieldId);
}

/// <summary>A page that only says something: a link that cannot be used, a session that ended, a deletion done.</summary>
public sealed record MessageModel(FormFrame Frame, string Heading, string Body, string? ActionHref = null, string? ActionLabel = null);

public sealed record WelcomeModel(FormFrame Frame, string SurveyTitle, string GroupTitle, bool Pseudonymous, bool Resuming);

public sealed record ItemsModel(FormFrame Frame, PlannedPage Page, int PageCount, ResponseScale Scale, IReadOnlyDictionary<string, int?> Answers);

public sealed record CommentsModel(FormFrame Frame, IReadOnlyList<Domain> Domains, IReadOnlyDictionary<string, string> Comments, int MaxLength);

public sealed record HelpModel(FormFrame Frame, string? Mode);

/// <param name="SubmissionKey">Random, new with every rendering: a second press of Send with it gets the first one's receipt.</param>
public sealed record ReviewModel(FormFrame Frame, IReadOnlyList<PlannedPage> Pages, ResponseScale Scale, IReadOnlyDictionary<string, int?> Answers,
    IReadOnlyList<Domain> Domains, IReadOnlyDictionary<string, string> Comments, string? Mode, bool AsksPanelCode, string? PanelCode, string SubmissionKey);

public sealed record ThanksModel(FormFrame Frame, string ReceiptCode);

public sealed record SavedModel(FormFrame Frame, string ResumeCode, string CodeUrl, bool SharedLink);

/// <summary>A page with one text field: the code page (<c>/r</c>) and the withdrawal page.</summary>
public sealed record CodeModel(FormFrame Frame, string Heading, string Intro, string Label, string Hint, string FieldName, string Action,
    string Submit, string? Value);
