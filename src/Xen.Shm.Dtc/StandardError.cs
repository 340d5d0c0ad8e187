using System.Text;

namespace Xen.Shm.Dtc;

/// <summary>
/// The process's stderr as a text writer that encodes UTF-8 (no BOM) and writes each call's bytes at
/// once, unbuffered, as dtc's fprintf(stderr) does; the stream is opened on the first non-empty write.
/// </summary>
internal sealed class StandardError : TextWriter
{
    private static readonly UTF8Encoding Utf8 = new(encoderShouldEmitUTF8Identifier: false);
    private Stream? _stream;

    public override Encoding Encoding => Utf8;

    public override void Write(char value) => Write(value.ToString());

    public override void Write(char[] buffer, int index, int count) => Write(new string(buffer, index, count));

    public override void Write(string? value)
    {
        if (string.IsNullOrEmpty(value)) return;
        _stream ??= Console.OpenStandardError();
        byte[] bytes = Utf8.GetBytes(value);
        _stream.Write(bytes, 0, bytes.Length);
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing) _stream?.Dispose();
        base.Dispose(disposing);
    }
}
