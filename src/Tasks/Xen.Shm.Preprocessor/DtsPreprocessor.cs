using System;

namespace Xen.Shm.Preprocessor
{
    /// <summary>
    /// The C preprocessor as device trees use it: what <c>cpp -x assembler-with-cpp -undef -nostdinc</c>
    /// (GCC 12 libcpp) does to a <c>.dts</c>, in process. Never throws for bad input: every problem is
    /// a positioned diagnostic (XSHM36xx).
    /// </summary>
    public static class DtsPreprocessor
    {
        /// <summary>Preprocess the file at <paramref name="path"/> (its name appears in line markers and messages as given).</summary>
        public static PreprocessResult Run(string path, PreprocessorOptions? options = null)
        {
            if (path == null) throw new ArgumentNullException(nameof(path));
            var engine = new Engine.PpEngine(options ?? new PreprocessorOptions());
            return engine.RunFile(path);
        }

        /// <summary>Preprocess source bytes named <paramref name="fileName"/> (bytes pass through unchanged, as in cpp).</summary>
        public static PreprocessResult RunBytes(byte[] source, string fileName, PreprocessorOptions? options = null)
        {
            if (source == null) throw new ArgumentNullException(nameof(source));
            return RunText(Engine.PpEngine.Latin1(source), fileName, options);
        }

        /// <summary>Preprocess <paramref name="text"/> (bytes as Latin-1 chars) named <paramref name="fileName"/>.</summary>
        public static PreprocessResult RunText(string text, string fileName, PreprocessorOptions? options = null)
        {
            if (text == null) throw new ArgumentNullException(nameof(text));
            var engine = new Engine.PpEngine(options ?? new PreprocessorOptions());
            return engine.RunText(text, fileName ?? "<stdin>");
        }
    }
}
