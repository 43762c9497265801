using Evaluation.Reporting;
using Microsoft.Extensions.Options;

namespace Evaluation.Api.Reports;

public static class ReportsRegistration
{
    public static IServiceCollection AddReports(this IServiceCollection services)
    {
        services.AddOptions<PdfOptions>().BindConfiguration(PdfOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton(provider => new ChromiumPdfPrinter(provider.GetRequiredService<IOptions<PdfOptions>>().Value));
        services.AddSingleton<ReportRenderer>();
        services.AddSingleton<ReportMaker>();
        services.AddSingleton<DashboardStore>();
        services.AddSingleton<CircleDashboard>();
        services.AddSingleton<ReleaseStore>();
        services.AddSingleton<Release>();
        services.AddSingleton<ReleaseJob>();
        return services;
    }
}
