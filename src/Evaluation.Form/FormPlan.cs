using Evaluation.Instruments;

namespace Evaluation.Form;

/// <summary>An item as one stakeholder group is asked it.</summary>
public sealed record PlannedItem(string Id, LocalizedText Text);

public sealed record PlannedFactor(string Id, LocalizedText Title, IReadOnlyList<PlannedItem> Items);

/// <summary>One page of questions: whole factors of one domain, at most <see cref="FormPlan.MaxItemsPerPage"/> items.</summary>
public sealed record PlannedPage(int Number, Domain Domain, IReadOnlyList<PlannedFactor> Factors)
{
    public IEnumerable<PlannedItem> Items => Factors.SelectMany(f => f.Items);
}

/// <summary>
/// The question pages of a survey for one stakeholder group: the items shown to that group in their wording, factor
/// by factor, packed into small pages that never split a factor and never mix domains.
/// </summary>
public static class FormPlan
{
    public const int MaxItemsPerPage = 7;

    public static IReadOnlyList<PlannedPage> For(SurveyInstrument instrument, string group)
    {
        var pages = new List<PlannedPage>();
        foreach (var domain in instrument.Domains)
        {
            var current = new List<PlannedFactor>();
            foreach (var factor in domain.Factors)
            {
                var items = factor.Items.Where(i => i.IsShownTo(group))
                    .Select(i => new PlannedItem(i.Id, i.Variants?.GetValueOrDefault(group) ?? i.Text)).ToList();
                if (items.Count == 0)
                {
                    continue;
                }
                if (current.Count > 0 && current.Sum(f => f.Items.Count) + items.Count > MaxItemsPerPage)
                {
                    pages.Add(new PlannedPage(pages.Count + 1, domain, current));
                    current = [];
                }
                current.Add(new PlannedFactor(factor.Id, factor.Title, items));
            }
            if (current.Count > 0)
            {
                pages.Add(new PlannedPage(pages.Count + 1, domain, current));
            }
        }
        return pages;
    }
}
