using System.Collections.Generic;

namespace Xen.Shm.Devicetree
{
    /// <summary>Input format (dtc -I).</summary>
    public enum DtcInputFormat { Dts, Dtb }

    /// <summary>Output format (dtc -O).</summary>
    public enum DtcOutputFormat { Dtb, Dts }

    /// <summary>A -W (warning) or -E (error) switch: a check name, "no-" prefixed to disable.</summary>
    public sealed class DtcCheckSwitch
    {
        public DtcCheckSwitch(bool isError, string argument)
        {
            IsError = isError;
            Argument = argument;
        }

        /// <summary>-E when true, -W when false.</summary>
        public bool IsError { get; }

        /// <summary>Check name as dtc spells it (<c>unit_address_vs_reg</c>), optionally prefixed <c>no-</c>.</summary>
        public string Argument { get; }

        public override string ToString() => (IsError ? "-E" : "-W") + Argument;
    }

    /// <summary>All of dtc 1.6.1's options that change bytes or checks (spec §12).</summary>
    public sealed class DtcOptions
    {
        public DtcInputFormat InputFormat { get; set; } = DtcInputFormat.Dts;
        public DtcOutputFormat OutputFormat { get; set; } = DtcOutputFormat.Dtb;

        /// <summary>Output file name used in messages that have no source position (dtc prints it, or "&lt;stdout&gt;" for "-").</summary>
        public string OutputName { get; set; } = "-";

        /// <summary>-i: include search directories, in order.</summary>
        public List<string> IncludeDirs { get; } = new List<string>();

        /// <summary>
        /// Run the C preprocessor first (Kbuild's cpp step, in process: xdtc --cpp). Null: the source
        /// is read as dtc reads it. Its include directories and defines are cpp's -I and -D, not -i.
        /// </summary>
        public Preprocessor.PreprocessorOptions? Preprocess { get; set; }

        /// <summary>-@: generate /__symbols__.</summary>
        public bool Symbols { get; set; }

        /// <summary>-A: generate /aliases entries from labels.</summary>
        public bool Aliases { get; set; }

        /// <summary>-b: boot_cpuid_phys; null = guess from /cpus (spec §8).</summary>
        public long? BootCpu { get; set; }

        /// <summary>-V: blob version (17, 16, or 1–3).</summary>
        public int Version { get; set; } = 17;

        /// <summary>-R: extra reservation entries.</summary>
        public int ReserveEntries { get; set; }

        /// <summary>-S: minimum blob size.</summary>
        public int SpaceSize { get; set; }

        /// <summary>-p: padding bytes.</summary>
        public int PadSize { get; set; }

        /// <summary>
        /// Leave all -S/-p/-a zero padding out of <see cref="DtcResult.Output"/> and count it in
        /// <see cref="DtcResult.OutputPadding"/> (xdtc writes it while saving: no padding buffer). When
        /// false, only padding past .NET's largest array is left out.
        /// </summary>
        public bool StreamPadding { get; set; }

        /// <summary>-a: alignment of the total size (a power of two).</summary>
        public int Align { get; set; }

        /// <summary>-s: sort nodes and properties.</summary>
        public bool Sort { get; set; }

        /// <summary>-f: write output despite error-level check failures.</summary>
        public bool Force { get; set; }

        /// <summary>-H.</summary>
        public PhandleFormat PhandleFormat { get; set; } = PhandleFormat.Epapr;

        /// <summary>-q count: 1 hides warnings, 2 errors too, 3 everything.</summary>
        public int Quiet { get; set; }

        /// <summary>-W/-E switches in command-line order.</summary>
        public List<DtcCheckSwitch> CheckSwitches { get; } = new List<DtcCheckSwitch>();

        /// <summary>Add -W<paramref name="name"/>.</summary>
        public DtcOptions Warning(string name)
        {
            CheckSwitches.Add(new DtcCheckSwitch(false, name));
            return this;
        }

        /// <summary>Add -E<paramref name="name"/>.</summary>
        public DtcOptions Error(string name)
        {
            CheckSwitches.Add(new DtcCheckSwitch(true, name));
            return this;
        }
    }
}
