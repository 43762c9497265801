using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json.Nodes;

namespace Evaluation.Api.Tests.Durability;

/// <summary>
/// Concurrent submitters of staff (paper) responses, each sending one submission at a time with its own
/// Idempotency-Key and retrying that same key after a timeout, a refused connection or any error until the service
/// acknowledges it (201, or 200 for a replay). Records every acknowledgement with its receipt and latency.
/// </summary>
public sealed class Submitters(Uri service, string key, string surveyId, string circleId, int count)
{
    private readonly ConcurrentDictionary<string, string> _acknowledged = new();
    private readonly ConcurrentDictionary<string, int> _keyed = new();
    private readonly ConcurrentQueue<double> _latencies = new();
    private long _retries;

    /// <summary>Idempotency-Key → receipt code of every acknowledged submission.</summary>
    public IReadOnlyDictionary<string, string> Acknowledged => _acknowledged;

    /// <summary>Idempotency-Key → the answer every item was given in that submission (<see cref="ApiScenario.AllItemsKeyed"/>).</summary>
    public IReadOnlyDictionary<string, int> Keyed => _keyed;

    /// <summary>Milliseconds from first sending to acknowledgement, retries included.</summary>
    public IReadOnlyCollection<double> Latencies => _latencies;

    public long Retries => Interlocked.Read(ref _retries);

    /// <summary>Submits until <paramref name="stop"/> is cancelled; each submitter finishes the submission it has started.</summary>
    public Task RunAsync(CancellationToken stop) => Task.WhenAll(Enumerable.Range(0, count).Select(i => SubmitterAsync(i, stop)));

    private async Task SubmitterAsync(int submitter, CancellationToken stop)
    {
        using var client = new HttpClient { BaseAddress = service, Timeout = TimeSpan.FromSeconds(10) };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", key);
        var random = new Random(submitter);
        for (var n = 0; !stop.IsCancellationRequested; n++)
        {
            var idempotencyKey = $"durability-{submitter}-{n}-{Guid.NewGuid():N}";
            var keyed = random.Next(1, 6);
            _keyed[idempotencyKey] = keyed;
            var watch = Stopwatch.StartNew();
            while (true)
            {
                try
                {
                    using var request = new HttpRequestMessage(HttpMethod.Post, $"/api/surveys/{surveyId}/responses")
                    {
                        Headers = { { "Idempotency-Key", idempotencyKey } },
                        Content = JsonContent.Create(new
                        {
                            circleId,
                            stakeholderGroup = "care-worker",
                            completionMode = "paper",
                            answers = ApiScenario.AllItemsKeyed("care-worker", keyed),
                        }),
                    };
                    using var response = await client.SendAsync(request, CancellationToken.None);
                    if (response.StatusCode is HttpStatusCode.Created or HttpStatusCode.OK)
                    {
                        var receipt = (await response.Content.ReadFromJsonAsync<JsonObject>())!["receiptCode"]!.GetValue<string>();
                        _acknowledged[idempotencyKey] = receipt;
                        _latencies.Enqueue(watch.Elapsed.TotalMilliseconds);
                        break;
                    }
                    if ((int)response.StatusCode is >= 400 and < 500)
                    {
                        throw new InvalidOperationException($"The service refused a valid submission: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
                    }
                }
                catch (Exception exception) when (exception is HttpRequestException or TaskCanceledException or IOException)
                {
                    // killed mid-request, or not up yet: send the same key again
                }
                Interlocked.Increment(ref _retries);
                await Task.Delay(50 + random.Next(50));
            }
        }
    }
}
