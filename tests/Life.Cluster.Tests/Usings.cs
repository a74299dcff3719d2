global using Xunit.Abstractions;
