using System;
using System.Collections.Generic;
using System.Linq;
using Xen.Shm.Preprocessor;

namespace Xen.Shm.Devicetree
{
    public static partial class Dtc
    {
        /// <summary>
        /// Kbuild's two steps in one: the built-in preprocessor (cpp -x assembler-with-cpp -undef
        /// -nostdinc), then the parser on its output, whose line markers name the original files and
        /// lines. Dependencies: every file the preprocessor read, then every /include/ and /incbin/.
        /// </summary>
        private static DtsParseResult Preprocessed(string inputPath, DtcOptions options, List<DtcMessage> messages)
        {
            return Parsed(DtsPreprocessor.Run(inputPath, options.Preprocess), inputPath, options, messages);
        }

        /// <summary>The same for bytes (xdtc's stdin), decoded one char per byte so they pass through unchanged.</summary>
        private static DtsParseResult Preprocessed(byte[] source, string fileName, DtcOptions options, List<DtcMessage> messages)
        {
            return Parsed(DtsPreprocessor.RunBytes(source, fileName, options.Preprocess), fileName, options, messages);
        }

        private static DtsParseResult Parsed(PreprocessResult pp, string inputPath, DtcOptions options, List<DtcMessage> messages)
        {
            messages.AddRange(pp.Diagnostics.Select(DtcMessage.FromPreprocessor));
            if (pp.HasErrors) return new DtsParseResult(null, Array.Empty<DtcMessage>(), pp.Dependencies);
            var parsed = DtsParser.Parse(pp.Output, inputPath, options.IncludeDirs);
            var deps = pp.Dependencies.Concat(parsed.Dependencies.Where(d => d != inputPath)).Distinct().ToList();
            return new DtsParseResult(parsed.Tree, parsed.Messages, deps);
        }
    }
}
