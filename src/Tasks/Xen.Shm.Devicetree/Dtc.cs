using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using Xen.Shm.Devicetree.Checks;
using Xen.Shm.Devicetree.Source;

namespace Xen.Shm.Devicetree
{
    /// <summary>
    /// The whole dtc 1.6.1 pipeline in process (dtc.c main; spec §1): parse, guess the boot CPU, run the
    /// checks, -A/-@/fix-ups, -s, flatten. Never throws for bad input: every problem is a
    /// <see cref="DtcMessage"/> and the exit code dtc would return.
    /// </summary>
    public static partial class Dtc
    {
        /// <summary>Compile the file at <paramref name="inputPath"/> (its name appears in messages as given).</summary>
        public static DtcResult Compile(string inputPath, DtcOptions options)
        {
            if (inputPath == null) throw new ArgumentNullException(nameof(inputPath));
            return Run(options ?? new DtcOptions(), messages =>
            {
                if (options?.InputFormat == DtcInputFormat.Dtb) return ReadBlob(inputPath);
                if (options?.Preprocess != null) return Preprocessed(inputPath, options, messages);
                return DtsParser.ParseFile(inputPath, options?.IncludeDirs);
            });
        }

        /// <summary>Compile DTS text; <paramref name="fileName"/> names it in messages and anchors relative includes.</summary>
        public static DtcResult Compile(string sourceText, string fileName, DtcOptions options)
        {
            if (sourceText == null) throw new ArgumentNullException(nameof(sourceText));
            return Run(options ?? new DtcOptions(), _ => DtsParser.Parse(sourceText, fileName, options?.IncludeDirs));
        }

        /// <summary>
        /// Compile DTS bytes as dtc reads them (no text decoding: bytes ≥ 0x80 in strings and comments
        /// pass through unchanged, as from a file); <paramref name="fileName"/> as above. xdtc's stdin.
        /// </summary>
        public static DtcResult Compile(byte[] source, string fileName, DtcOptions options)
        {
            if (source == null) throw new ArgumentNullException(nameof(source));
            if (options?.Preprocess != null) return Run(options, messages => Preprocessed(source, fileName, options, messages));
            return Run(options ?? new DtcOptions(), _ => DtsParser.Parse(source, fileName, options?.IncludeDirs));
        }

        /// <summary>
        /// Compile a tree built or edited in code: checks, phandles, -A/-@/fix-ups, -s and flattening are
        /// applied to <paramref name="tree"/> itself (it is changed). The boot CPU is taken from
        /// <see cref="DtTree.BootCpuId"/> (set by the parser as dtc guesses it; call
        /// <see cref="DtTree.GuessBootCpuId"/> again after editing /cpus) unless <see cref="DtcOptions.BootCpu"/> is set.
        /// </summary>
        public static DtcResult Compile(DtTree tree, DtcOptions options)
        {
            if (tree == null) throw new ArgumentNullException(nameof(tree));
            return Run(options ?? new DtcOptions(), _ => new DtsParseResult(tree, Array.Empty<DtcMessage>(), Array.Empty<string>()));
        }

        private static DtsParseResult ReadBlob(string path)
        {
            byte[] blob;
            try
            {
                blob = File.ReadAllBytes(path);
            }
            catch (Exception e) when (e is IOException || e is UnauthorizedAccessException || e is ArgumentException || e is NotSupportedException)
            {
                throw new DtcFatalException("Couldn't open \"" + path + "\": No such file or directory\n");
            }
            var r = DtbReader.Read(blob, path);
            if (r.Tree == null) throw new DtcFatalException(r.Error ?? "Couldn't read blob\n");
            return new DtsParseResult(r.Tree, Array.Empty<DtcMessage>(), new[] { path });
        }

        private static DtcResult Run(DtcOptions o, Func<List<DtcMessage>, DtsParseResult> load)
        {
            var messages = new List<DtcMessage>();
            IReadOnlyList<string> deps = Array.Empty<string>();
            DtTree? tree = null;
            try
            {
                var table = CheckTable.Create();
                if (o.Align != 0 && (o.Align < 0 || (o.Align & (o.Align - 1)) != 0))
                    throw new DtcFatalException("Invalid argument \"" + o.Align.ToString(CultureInfo.InvariantCulture) + "\" to -a option\n");
                foreach (var s in o.CheckSwitches) CheckRunner.ApplySwitch(table, !s.IsError, s.IsError, s.Argument);
                if (o.SpaceSize != 0 && o.PadSize != 0) throw new DtcFatalException("Can't set both -p and -S\n");

                var parsed = load(messages);
                messages.AddRange(parsed.Messages);
                deps = parsed.Dependencies;
                tree = parsed.Tree;
                if (tree == null) return new DtcResult(null, 1, messages, deps, null);
                if (o.BootCpu.HasValue && o.BootCpu.Value != -1) tree.BootCpuId = unchecked((uint)o.BootCpu.Value);

                var ctx = new CheckContext(tree, messages, o.OutputName, o.Quiet, o.Symbols, o.PhandleFormat);
                if (CheckRunner.Run(ctx, table))
                {
                    if (!o.Force)
                    {
                        messages.Add(DtcMessage.Plain(DtcSeverity.Error, "ERROR: Input tree has errors, aborting (use -f to force output)"));
                        return new DtcResult(null, 2, messages, deps, tree);
                    }
                    if (o.Quiet < 3) messages.Add(DtcMessage.Plain(DtcSeverity.Warning, "Warning: Input tree has errors, output forced"));
                }

                if (o.Aliases) LabelTrees.Generate(tree, "aliases", false, o.PhandleFormat, messages);
                if (o.Symbols) LabelTrees.Generate(tree, "__symbols__", true, o.PhandleFormat, messages);
                if (tree.IsPlugin)
                {
                    Fixups.GenerateFixups(tree);
                    Fixups.GenerateLocalFixups(tree);
                }
                if (o.Sort) TreeSorter.Sort(tree);

                byte[]? output;
                long padding = 0;
                if (o.OutputFormat == DtcOutputFormat.Dts)
                {
                    string? text = null;
                    WriteDts(tree, ref text);
                    if (text == null) throw new DtcFatalException("DTS output is not supported yet\n");
                    output = System.Text.Encoding.UTF8.GetBytes(text);
                }
                else
                {
                    var flat = new FlattenOptions
                    {
                        Version = o.Version,
                        ReserveEntries = o.ReserveEntries,
                        MinimumSize = o.SpaceSize,
                        PadSize = o.PadSize,
                        Align = o.Align,
                    };
                    output = FdtWriter.Write(tree, flat, messages, out string? fatal, out padding, o.Quiet, o.StreamPadding);
                    if (output == null)
                    {
                        // dtc opens the output file before it finds the version unknown: an empty file remains.
                        messages.Add(DtcMessage.Fatal(fatal!));
                        return new DtcResult(Array.Empty<byte>(), 1, messages, deps, tree);
                    }
                }
                return new DtcResult(output, 0, messages, deps, tree, padding);
            }
            catch (DtcFatalException e)
            {
                messages.Add(e.ToMessage());
                return new DtcResult(null, 1, messages, deps, tree);
            }
        }

        /// <summary>-O dts: implemented by Text/DtsWriter (dt-io) as a partial method; leaves <paramref name="text"/> null when absent.</summary>
        static partial void WriteDts(DtTree tree, ref string? text);
    }
}
