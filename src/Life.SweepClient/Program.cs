using Life.SweepClient;

return await CliApplication.RunAsync(args);
