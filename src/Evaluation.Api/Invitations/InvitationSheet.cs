using System.Net;
using System.Text;
using QRCoder;

namespace Evaluation.Api.Invitations;

/// <summary>
/// A printable A4 sheet of invitation cards for paper and face-to-face distribution: each card has a QR code, the
/// short link and the code to type, the survey, circle and group, and what happens to the answers. Plain HTML
/// (escaped) that Chromium prints to PDF; the QR codes are SVG, so they stay sharp.
/// </summary>
public static class InvitationSheet
{
    public static string Render(string surveyTitle, string circleName, string groupTitle, bool anonymous, bool singleUse,
        IReadOnlyList<string> links, IReadOnlyList<string> tokens)
    {
        var privacy = anonymous ? "Your answers are anonymous." : "Your answers are never shown with your name.";
        var use = singleUse ? "This card works once." : "This link is shared: anyone with it can answer.";
        static string E(string text) => WebUtility.HtmlEncode(text);
        var cards = new StringBuilder();
        using var generator = new QRCodeGenerator();
        for (var i = 0; i < links.Count; i++)
        {
            var qr = new SvgQRCode(generator.CreateQrCode(links[i], QRCodeGenerator.ECCLevel.M)).GetGraphic(3);
            var code = string.Join(' ', tokens[i].Chunk(4).Select(c => new string(c)));
            cards.Append(
                $"""
                <section class="card" aria-label="Invitation {i + 1}">
                  <div class="qr" role="img" aria-label="QR code for the link below">{qr}</div>
                  <div class="text">
                    <h2>{E(surveyTitle)}</h2>
                    <p>{E(circleName)} · {E(groupTitle)}</p>
                    <p class="link">{E(links[i])}</p>
                    <p>Or type this code: <span class="code">{E(code)}</span></p>
                    <p class="small">{privacy} {use} Keep your receipt code to withdraw later.</p>
                  </div>
                </section>
                """);
        }
        return $$"""
            <!DOCTYPE html>
            <html lang="en">
            <head>
            <meta charset="utf-8">
            <title>Invitations: {{E(surveyTitle)}}</title>
            <style>
              @page { size: A4; margin: 12mm; }
              @media screen { body { margin: 12mm; } }
              body { font-family: "DejaVu Sans", sans-serif; margin: 0; color: #111; }
              h1 { font-size: 14pt; margin: 0 0 6mm; }
              .cards { display: grid; grid-template-columns: 1fr 1fr; gap: 6mm; }
              .card { border: 1px dashed #555; padding: 4mm; display: flex; gap: 4mm; break-inside: avoid; }
              .qr svg { width: 32mm; height: 32mm; }
              h2 { font-size: 11pt; margin: 0 0 2mm; }
              p { font-size: 9pt; margin: 0 0 2mm; }
              .link { font-family: "DejaVu Sans Mono", monospace; word-break: break-all; }
              .code { font-family: "DejaVu Sans Mono", monospace; font-weight: bold; }
              .small { font-size: 7.5pt; color: #333; }
            </style>
            </head>
            <body>
            <h1>Invitations: {{E(surveyTitle)}} — {{E(circleName)}}, {{E(groupTitle)}} ({{links.Count}})</h1>
            <div class="cards">
            {{cards}}
            </div>
            </body>
            </html>
            """;
    }
}
