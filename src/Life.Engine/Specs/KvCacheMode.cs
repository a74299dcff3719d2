namespace Life.Engine.Specs;

/// <summary>How the KV cache grows during decode.</summary>
public enum KvCacheMode : byte
{
    /// <summary>Preallocated or paged cache: each step writes only its new keys and values.</summary>
    Static = 0,

    /// <summary>Eager Hugging Face cache: each step concatenates, rewriting the whole cache (LIFE's measurements).</summary>
    Concat = 1,
}
