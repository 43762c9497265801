using Evaluation.Api.Commands;

return await CommandLine.RunAsync(args);

/// <summary>Entry point; public so that tests can host it with WebApplicationFactory.</summary>
public partial class Program;
