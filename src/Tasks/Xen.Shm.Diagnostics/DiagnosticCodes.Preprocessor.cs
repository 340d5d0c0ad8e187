namespace Xen.Shm.Diagnostics
{
    // XSHM36xx: the built-in DTS preprocessor (what `cpp -x assembler-with-cpp -undef -nostdinc` reports).
    public static partial class DiagnosticCodes
    {
        // XSHM104x: the topology keys that feed it (host and domain 'includeDirs', 'defines').
        public static readonly DiagnosticDescriptor IncludeDirNotFound = new("XSHM1040", Severity.Error, "'includeDirs' entry is no existing folder");
        public static readonly DiagnosticDescriptor DefineInvalid = new("XSHM1041", Severity.Error, "'defines' entry is not NAME or NAME=VALUE with NAME an identifier");
        public static readonly DiagnosticDescriptor PreprocessorKeysWithoutTree = new("XSHM1042", Severity.Error, "'includeDirs' or 'defines' given without a 'deviceTree' source to preprocess");

        public static readonly DiagnosticDescriptor PpErrorDirective = new("XSHM3600", Severity.Error, "#error directive in a device-tree source");
        public static readonly DiagnosticDescriptor PpWarningDirective = new("XSHM3601", Severity.Warning, "#warning directive in a device-tree source");
        public static readonly DiagnosticDescriptor PpIncludeNotFound = new("XSHM3602", Severity.Error, "#include file not found in the including file's folder nor any include directory");
        public static readonly DiagnosticDescriptor PpIncludeSyntax = new("XSHM3603", Severity.Error, "#include expects \"FILENAME\" or <FILENAME>");
        public static readonly DiagnosticDescriptor PpIncludeTooDeep = new("XSHM3604", Severity.Error, "#include nested deeper than the limit (an include cycle)");
        public static readonly DiagnosticDescriptor PpUnterminatedConditional = new("XSHM3605", Severity.Error, "#if, #ifdef or #ifndef without #endif in the same file");
        public static readonly DiagnosticDescriptor PpUnbalancedConditional = new("XSHM3606", Severity.Error, "#else, #elif or #endif without #if, or after #else");
        public static readonly DiagnosticDescriptor PpBadExpression = new("XSHM3607", Severity.Error, "#if or #elif expression does not parse");
        public static readonly DiagnosticDescriptor PpDivisionByZero = new("XSHM3608", Severity.Error, "division by zero in #if");
        public static readonly DiagnosticDescriptor PpBadDefinition = new("XSHM3609", Severity.Error, "#define or #undef without a valid macro name or parameter list, or with ## at either end");
        public static readonly DiagnosticDescriptor PpArgumentCount = new("XSHM3610", Severity.Error, "function-like macro invoked with the wrong number of arguments");
        public static readonly DiagnosticDescriptor PpUnterminatedArguments = new("XSHM3611", Severity.Error, "macro argument list not closed before the end of the file");
        public static readonly DiagnosticDescriptor PpExpansionTooDeep = new("XSHM3612", Severity.Error, "macro invocations nested deeper than the limit");
        public static readonly DiagnosticDescriptor PpExpansionTooLarge = new("XSHM3613", Severity.Error, "macro expansion or preprocessed output larger than the limit (a macro bomb)");
        public static readonly DiagnosticDescriptor PpMacroRedefined = new("XSHM3614", Severity.Warning, "macro redefined with a different body");
        public static readonly DiagnosticDescriptor PpBadLineDirective = new("XSHM3615", Severity.Error, "#line or line marker without a valid line number or file name");
        public static readonly DiagnosticDescriptor PpUnterminatedComment = new("XSHM3616", Severity.Error, "/* comment not closed before the end of the file");
        public static readonly DiagnosticDescriptor PpInputUnreadable = new("XSHM3617", Severity.Error, "preprocessor input or #include is not a readable regular file, or too large");
        public static readonly DiagnosticDescriptor PpBadDefined = new("XSHM3618", Severity.Error, "operator \"defined\" without an identifier or closing parenthesis");
        public static readonly DiagnosticDescriptor PpExtraTokens = new("XSHM3619", Severity.Warning, "extra tokens at the end of a directive");
        public static readonly DiagnosticDescriptor PpTooManyIncludes = new("XSHM3620", Severity.Error, "more files included than the limit (an include bomb)");
        public static readonly DiagnosticDescriptor PpBadNumber = new("XSHM3621", Severity.Warning, "integer constant in #if too large or so large that it is unsigned");
    }
}
