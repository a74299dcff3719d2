namespace Life.Engine.Specs;

/// <summary>Who makes a device: kernels and software stacks, hence attainable efficiencies, differ by vendor.</summary>
public enum Vendor : byte
{
    Other = 0,
    Nvidia = 1,
    Amd = 2,
    Apple = 3,
    Intel = 4,
}
