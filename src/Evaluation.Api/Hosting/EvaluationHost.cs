using System.Text.Json;
using System.Text.Json.Serialization;
using Evaluation.Api.Accounts;
using Evaluation.Api.Capacity;
using Evaluation.Api.Exports;
using Evaluation.Api.Form;
using Evaluation.Api.Instruments;
using Evaluation.Api.Invitations;
using Evaluation.Api.Organisations;
using Evaluation.Api.Reports;
using Evaluation.Api.Responses;
using Evaluation.Api.Scores;
using Evaluation.Api.Security;
using Evaluation.Api.Storage;
using Evaluation.Api.Surveys;
using Microsoft.Extensions.Options;

namespace Evaluation.Api.Hosting;

public static class EvaluationHost
{
    public static WebApplication Build(string[] args)
    {
        // appsettings.json lives beside the executable; data and instrument paths still resolve from the working directory.
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { Args = args, ContentRootPath = AppContext.BaseDirectory });
        // Logs go to standard error so that a command's output (a key, a report) can be piped cleanly.
        builder.Services.Configure<Microsoft.Extensions.Logging.Console.ConsoleLoggerOptions>(options => options.LogToStandardErrorThreshold = LogLevel.Trace);
        // Request paths hold invitation tokens (/r/{token}, /api/respond/{token}): the two framework categories that log
        // them stay at Warning whatever the configuration says (LogCanaryTests runs everything else at Trace).
        builder.Logging.AddFilter("Microsoft.AspNetCore.Hosting.Diagnostics", LogLevel.Warning);
        builder.Logging.AddFilter("Microsoft.AspNetCore.Routing.Matching", LogLevel.Warning);
        builder.Services.AddOptions<EvaluationOptions>().BindConfiguration(EvaluationOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        builder.Services.AddOptions<StorageOptions>().BindConfiguration(StorageOptions.Section).ValidateOnStart();
        builder.Services.AddSingleton(TimeProvider.System);
        builder.Services.AddSingleton<Calendar>();
        builder.Services.AddInstrumentCatalog();
        builder.Services.AddSingleton<Database>();
        builder.Services.AddSingleton<WriteQueue>();
        builder.Services.AddSingleton<Migrator>();
        builder.Services.AddSingleton<OrganisationStore>();
        builder.Services.AddSingleton<SurveyStore>();
        builder.Services.AddSingleton<ResponseStore>();
        builder.Services.AddSingleton<Submission>();
        builder.Services.AddSingleton<Import>();
        builder.Services.AddSingleton<InvitationStore>();
        builder.Services.AddSingleton<InvitationOpening>();
        builder.Services.AddSingleton<InvitationIssuing>();
        builder.Services.AddSingleton<Evaluation.Api.Capacity.CapacityStore>();
        builder.Services.AddSingleton<Evaluation.Api.Panels.PanelKeys>();
        builder.Services.AddSingleton<SurveyScoring>();
        builder.Services.AddSingleton<WaveScoreStore>();
        builder.Services.AddReports();
        builder.Services.AddSingleton<StartupTasks>();
        builder.Services.AddHostedService(provider => provider.GetRequiredService<StartupTasks>());
        builder.Services.AddHostedService<RetentionJob>(); // after the start-up tasks: it needs the migrated schema
        builder.Services.AddHostedService(provider => provider.GetRequiredService<Evaluation.Api.Reports.ReleaseJob>());
        builder.Services.AddApiKeySecurity();
        builder.Services.AddAccounts();
        builder.Services.AddRespondentForm();
        builder.Services.AddRateLimits();

        builder.Services.ConfigureHttpJsonOptions(options => ConfigureJson(options.SerializerOptions));
        builder.Services.Configure<RouteHandlerOptions>(options => options.ThrowOnBadRequest = true);
        builder.Services.AddProblemDetails();
        builder.Services.AddExceptionHandler<BadRequestExceptionHandler>();
        builder.Services.AddApiDescription();

        var app = builder.Build();
        app.UseSecurityHeaders(strictTransport: !app.Environment.IsDevelopment());
        app.UseExceptionHandler();
        app.UseRateLimiter();
        app.UseRequestSizeLimits();
        app.UseStatusCodePages();
        app.UseAuthentication();
        app.UseAuthorization();

        app.MapApiDescription(withDocsPage: app.Services.GetRequiredService<IOptions<EvaluationOptions>>().Value.ApiDocs ?? app.Environment.IsDevelopment());
        app.MapHealth();
        app.MapInstruments();
        app.MapOrganisations();
        app.MapCircles();
        app.MapSurveys();
        app.MapResponses();
        app.MapWithdrawals();
        app.MapImports();
        app.MapInvitations();
        app.MapRespondents();
        app.MapRespondentForm();
        app.MapExports();
        app.MapScores();
        app.MapReports();
        app.MapReleases();
        app.MapDashboards();
        app.MapCapacityAssessments();
        app.MapKeys();
        app.MapMe();
        return app;
    }

    /// <summary>Strict JSON in, tidy JSON out: duplicate keys, unknown properties and missing required fields are rejected.</summary>
    public static void ConfigureJson(JsonSerializerOptions options)
    {
        options.AllowDuplicateProperties = false;
        options.NumberHandling = JsonNumberHandling.Strict;
        options.UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow;
        options.RespectNullableAnnotations = true;
        options.RespectRequiredConstructorParameters = true;
        options.DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull;
        options.Converters.Add(new JsonStringEnumConverter(JsonNamingPolicy.KebabCaseLower));
    }
}
