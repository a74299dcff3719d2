using Life.Silo;

return await SiloHost.RunAsync(args);
