using System.Reflection.Metadata;
using System.Reflection.PortableExecutable;

namespace Life.Engine.Tests.Architecture;

/// <summary>
/// The file-system members an assembly's IL refers to, read from its metadata: every member
/// reference whose declaring type is a System.IO file or directory type, plus the Path members that
/// consult the disk or the current directory. Metadata, not source text, so a fully qualified name,
/// a using alias or a generated file cannot hide a call.
/// </summary>
internal static class FileSystemReferences
{
    private static readonly HashSet<string> FileSystemTypes = new(StringComparer.Ordinal)
    {
        "File", "FileInfo", "Directory", "DirectoryInfo", "FileSystemInfo", "FileStream", "FileSystemWatcher",
        "StreamReader", "StreamWriter", "DriveInfo", "RandomAccess",
    };

    private static readonly HashSet<string> DiskPathMembers = new(StringComparer.Ordinal)
    {
        "GetFullPath", "GetTempPath", "GetTempFileName", "Exists",
    };

    public static IReadOnlyList<string> In(string assemblyPath)
    {
        using var stream = File.OpenRead(assemblyPath);
        using var pe = new PEReader(stream);
        var metadata = pe.GetMetadataReader();
        var found = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var handle in metadata.MemberReferences)
        {
            var member = metadata.GetMemberReference(handle);
            if (member.Parent.Kind != HandleKind.TypeReference)
            {
                continue;
            }

            var type = metadata.GetTypeReference((TypeReferenceHandle)member.Parent);
            var ns = metadata.GetString(type.Namespace);
            var typeName = metadata.GetString(type.Name);
            var memberName = metadata.GetString(member.Name);
            if (ns == "System.IO" && (FileSystemTypes.Contains(typeName) || (typeName == "Path" && DiskPathMembers.Contains(memberName))))
            {
                found.Add($"{typeName}.{memberName}");
            }
        }

        return [.. found];
    }
}
