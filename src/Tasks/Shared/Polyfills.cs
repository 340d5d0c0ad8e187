// Language features that netstandard2.0 lacks the runtime types for (records, init, required).
// Internal in every library that links this file, so no type conflicts between assemblies.
namespace System.Runtime.CompilerServices
{
    internal static class IsExternalInit { }
}
