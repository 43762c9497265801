using Evaluation.Api.Storage;
using Evaluation.Form;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.AspNetCore.DataProtection.Repositories;
using Microsoft.Extensions.Options;

namespace Evaluation.Api.Form;

public static class FormRegistration
{
    /// <summary>
    /// The respondent form's services: its session store, page renderer and antiforgery (cookie HttpOnly,
    /// SameSite=Strict, and Secure on HTTPS: the antiforgery library refuses a Secure-only cookie on a plain-HTTP
    /// request, as on a laptop's http://localhost), with Data Protection keys kept in <see cref="StorageOptions.KeysPath"/>
    /// so that a restart or another instance still accepts a page it served.
    /// </summary>
    public static IServiceCollection AddRespondentForm(this IServiceCollection services)
    {
        services.AddSingleton<FormSessionStore>();
        services.AddSingleton<FormRenderer>();
        services.AddScoped<FormPages>();
        services.AddDataProtection().SetApplicationName("Evaluation");
        services.AddOptions<KeyManagementOptions>().Configure<IOptions<StorageOptions>, ILoggerFactory>((keys, storage, logging) =>
            keys.XmlRepository = new FileSystemXmlRepository(new DirectoryInfo(storage.Value.ResolveKeysPath()), logging));
        services.AddAntiforgery(options =>
        {
            options.Cookie.Name = "evaluation-antiforgery";
            options.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
            options.Cookie.SameSite = SameSiteMode.Strict;
            options.Cookie.HttpOnly = true;
            options.FormFieldName = FormEndpoints.AntiforgeryField;
            options.SuppressXFrameOptionsHeader = true; // the form's own headers say DENY
        });
        return services;
    }
}
