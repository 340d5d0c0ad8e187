using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;

namespace Xen.Shm.Sdk.IntegrationTests.YamlLanguageServer;

/// <summary>
/// JSON-RPC over a child's stdin/stdout with LSP's base protocol framing
/// (`Content-Length: N\r\n\r\n` + N bytes of UTF-8 JSON). A reader thread queues what arrives;
/// <see cref="Receive"/> waits for it with a deadline, so a silent server fails the test instead of hanging it.
/// </summary>
internal sealed class JsonRpcConnection : IDisposable
{
    private readonly Process _process;
    private readonly BlockingCollection<JsonObject> _incoming = new();
    private readonly StringBuilder _stderr = new();
    private readonly Thread _reader;

    private JsonRpcConnection(Process process)
    {
        _process = process;
        _process.ErrorDataReceived += (_, e) => { if (e.Data is not null) lock (_stderr) _stderr.Append(e.Data).Append('\n'); };
        _process.BeginErrorReadLine();
        _reader = new Thread(ReadAll) { IsBackground = true, Name = "lsp-reader" };
        _reader.Start();
    }

    public static JsonRpcConnection Start(string file, params string[] args)
    {
        var psi = new ProcessStartInfo(file)
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (string a in args) psi.ArgumentList.Add(a);
        return new JsonRpcConnection(Process.Start(psi)!);
    }

    public string StandardError { get { lock (_stderr) return _stderr.ToString(); } }

    public void Send(JsonObject message)
    {
        byte[] body = Encoding.UTF8.GetBytes(message.ToJsonString());
        var stdin = _process.StandardInput.BaseStream;
        stdin.Write(Encoding.ASCII.GetBytes($"Content-Length: {body.Length}\r\n\r\n"));
        stdin.Write(body);
        stdin.Flush();
    }

    /// <summary>The next message, or a failed test when none comes before <paramref name="deadline"/> or the server exited.</summary>
    public JsonObject Receive(DateTime deadline, string waitingFor)
    {
        TimeSpan left = deadline - DateTime.UtcNow;
        if (left > TimeSpan.Zero && _incoming.TryTake(out var message, left)) return message;
        string why = _incoming.IsAddingCompleted ? "the server exited" : "no answer in time";
        Assert.Fail($"yaml-language-server: {why} while waiting for {waitingFor}\nstderr:\n{StandardError}");
        return null!;
    }

    private void ReadAll()
    {
        var stdout = _process.StandardOutput.BaseStream;
        try
        {
            while (ReadMessage(stdout) is { } message) _incoming.Add(message);
        }
        catch (IOException)
        {
        }
        finally
        {
            _incoming.CompleteAdding();
        }
    }

    private static JsonObject? ReadMessage(Stream stream)
    {
        int length = -1;
        for (string? line = ReadHeaderLine(stream); line is not null; line = ReadHeaderLine(stream))
        {
            if (line.Length == 0)
            {
                if (length < 0) throw new IOException("LSP message without Content-Length");
                byte[] body = new byte[length];
                stream.ReadExactly(body);
                return JsonNode.Parse(body)!.AsObject();
            }

            if (line.StartsWith("Content-Length:", StringComparison.OrdinalIgnoreCase))
                length = int.Parse(line["Content-Length:".Length..].Trim(), CultureInfo.InvariantCulture);
        }

        return null;
    }

    /// <summary>A header line without its CRLF; null at end of stream.</summary>
    private static string? ReadHeaderLine(Stream stream)
    {
        var bytes = new List<byte>();
        for (int b = stream.ReadByte(); b >= 0; b = stream.ReadByte())
        {
            if (b == '\n') return Encoding.ASCII.GetString(bytes.ToArray()).TrimEnd('\r');
            bytes.Add((byte)b);
        }

        return null;
    }

    public void Dispose()
    {
        try
        {
            _process.StandardInput.Close();
            if (!_process.WaitForExit(TimeSpan.FromSeconds(5))) _process.Kill(entireProcessTree: true);
            _process.WaitForExit();
        }
        catch (InvalidOperationException)
        {
        }

        _reader.Join(TimeSpan.FromSeconds(5));
        _process.Dispose();
    }
}
