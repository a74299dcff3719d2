namespace Life.Parquet.Footer;

/// <summary>The errors shared by the footer structs' readers.</summary>
internal static class FooterFields
{
    /// <summary>A required Thrift field was absent: generated readers refuse such files too.</summary>
    public static InvalidDataException Missing(string structName, string field) =>
        new($"required field {structName}.{field} is missing.");
}
