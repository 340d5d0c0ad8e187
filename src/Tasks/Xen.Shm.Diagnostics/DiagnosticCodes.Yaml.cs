namespace Xen.Shm.Diagnostics
{
    // XSHM1xxx: topology YAML loading (syntax, keys, types, files). Raised by src/Tasks/Xen.Shm.Topology/Yaml.
    public static partial class DiagnosticCodes
    {
        public static readonly DiagnosticDescriptor YamlSyntax = new("XSHM1001", Severity.Error, "YAML syntax error");
        public static readonly DiagnosticDescriptor UnknownKey = new("XSHM1002", Severity.Error, "unknown key");
        public static readonly DiagnosticDescriptor KeyNotAllowedHere = new("XSHM1003", Severity.Error, "key not allowed for this domain kind or region mechanism");
        public static readonly DiagnosticDescriptor WrongType = new("XSHM1004", Severity.Error, "value has the wrong type");
        public static readonly DiagnosticDescriptor InvalidNumber = new("XSHM1005", Severity.Error, "not a valid number or size (0x1000, 4096, 4K, 16M, 1G)");
        public static readonly DiagnosticDescriptor NumberOutOfRange = new("XSHM1006", Severity.Error, "number out of range");
        public static readonly DiagnosticDescriptor MissingKey = new("XSHM1007", Severity.Error, "required key missing");
        public static readonly DiagnosticDescriptor DuplicateKey = new("XSHM1008", Severity.Error, "key given twice in one mapping");
        public static readonly DiagnosticDescriptor InvalidChoice = new("XSHM1009", Severity.Error, "value is not one of the allowed words");
        public static readonly DiagnosticDescriptor FileNotFound = new("XSHM1010", Severity.Error, "file not found");
        public static readonly DiagnosticDescriptor TooDeep = new("XSHM1011", Severity.Error, "YAML nesting too deep");
        public static readonly DiagnosticDescriptor DocumentTooLarge = new("XSHM1012", Severity.Error, "YAML document too large");
        public static readonly DiagnosticDescriptor AliasExpansionTooLarge = new("XSHM1013", Severity.Error, "YAML aliases expand to too many nodes");
        public static readonly DiagnosticDescriptor EmptyDocument = new("XSHM1014", Severity.Error, "topology file is empty");
        public static readonly DiagnosticDescriptor SeveralDocuments = new("XSHM1015", Severity.Error, "topology file holds more than one YAML document");
        public static readonly DiagnosticDescriptor DuplicateDomainName = new("XSHM1016", Severity.Error, "duplicate domain name");
        public static readonly DiagnosticDescriptor SeveralDom0 = new("XSHM1017", Severity.Error, "more than one domain of kind dom0");
        public static readonly DiagnosticDescriptor InvalidVersion = new("XSHM1018", Severity.Error, "Xen version not of the form MAJOR.MINOR");
        public static readonly DiagnosticDescriptor InvalidDomainName = new("XSHM1019", Severity.Error, "domain name not a valid device-tree node name (1-31 of [A-Za-z0-9,._+-])");
        public static readonly DiagnosticDescriptor HostRamUnknown = new("XSHM1020", Severity.Error, "host RAM unknown: no ram banks in the YAML and no memory node in the board device tree");
        public static readonly DiagnosticDescriptor UndefinedAlias = new("XSHM1021", Severity.Error, "YAML alias names no anchor defined before it");
        public static readonly DiagnosticDescriptor BootWindowInvalid = new("XSHM1022", Severity.Error, "boot memory window end not above its start");
        public static readonly DiagnosticDescriptor HostDeviceTreeUnreadable = new("XSHM1023", Severity.Error, "host board device tree could not be read");
        public static readonly DiagnosticDescriptor YamlTagUnsupported = new("XSHM1024", Severity.Error, "YAML tag (!!binary, !foo) not supported: every value is read as plain text");
        public static readonly DiagnosticDescriptor TopologyNotUtf8 = new("XSHM1025", Severity.Error, "topology file is not valid UTF-8");
        public static readonly DiagnosticDescriptor ControlCharacterInValue = new("XSHM1026", Severity.Error, "value holds a control character (NUL, newline, tab, ...)");
        public static readonly DiagnosticDescriptor XlDirUnsafe = new("XSHM1027", Severity.Error, "xlDir not a clean dom0 folder ('/'-separated words, no '.'/'..' or empty segments, no backslash)");
        public static readonly DiagnosticDescriptor DomainNameNotAFileName = new("XSHM1028", Severity.Error, "domain name cannot name files and folders ('.'-leading)");
        public static readonly DiagnosticDescriptor InputFileNameUnsafe = new("XSHM1029", Severity.Error, "input file name unusable as a boot-folder file name");
        public static readonly DiagnosticDescriptor InputNotRegularFile = new("XSHM1030", Severity.Error, "named input is a directory, FIFO, device or socket, not a regular file");
        public static readonly DiagnosticDescriptor InputFileEmpty = new("XSHM1031", Severity.Error, "kernel or Xen image is an empty file");
        public static readonly DiagnosticDescriptor BootFolderPathClash = new("XSHM1032", Severity.Error, "two outputs would land on the same boot-folder path");
    }
}
