using System.Buffers.Binary;
using System.Globalization;
using System.Text;

namespace Xen.Shm.Boot.Tests.BootFolders;

/// <summary>A file the boot script loads: "load &lt;dev&gt; &lt;part&gt; &lt;addr&gt; &lt;file&gt;" (or ext2load/ext4load/fatload/tftpboot).</summary>
public sealed record ScriptLoad(ulong Address, string File);

/// <summary>How the script starts Xen: booti (raw arm64 Image) or bootm (legacy uImage), and the DTB it passes.</summary>
public sealed record ScriptBoot(string Command, ulong ImageAddress, ulong DtbAddress);

/// <summary>
/// What the loader route needs from boot.scr: the loads, and the boot command that names the image and the
/// DTB. Other commands (setenv, fdt, echo, bootm sub-steps) act on U-Boot's state only and are not needed
/// when QEMU places the files itself. U-Boot parses numbers as hex with or without 0x.
/// </summary>
public sealed class BootScript
{
    public const string FileName = "boot.scr";

    private BootScript(string text, IReadOnlyList<ScriptLoad> loads, ScriptBoot boot)
    {
        Text = text; Loads = loads; Boot = boot;
    }

    public string Text { get; }
    public IReadOnlyList<ScriptLoad> Loads { get; }
    public ScriptBoot Boot { get; }

    /// <summary>The script text of a mkimage -T script image: header, size table (sizes, then 0), data.</summary>
    public static string ExtractText(byte[] scr)
    {
        var image = UImage.Parse(scr);
        if (image.Type != UImage.TypeScript) throw new InvalidDataException($"boot.scr: image type {image.Type}, expected script (6)");
        var offset = UImage.HeaderSize;
        var sizes = new List<int>();
        while (true)
        {
            var size = BinaryPrimitives.ReadUInt32BigEndian(scr.AsSpan(offset));
            offset += 4;
            if (size == 0) break;
            sizes.Add((int)size);
        }
        if (sizes.Count == 0) throw new InvalidDataException("boot.scr: empty size table");
        return Encoding.UTF8.GetString(scr, offset, sizes[0]);
    }

    public static BootScript Parse(string text)
    {
        var loads = new List<ScriptLoad>();
        ScriptBoot? boot = null;
        foreach (var raw in text.Split('\n'))
        {
            var line = raw.Trim();
            if (line.Length == 0 || line.StartsWith('#')) continue;
            var t = line.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
            switch (t[0])
            {
                // "<load command> [args...] <addr> <file>": the address and the file are always the last two words
                case "load" or "ext2load" or "ext4load" or "fatload" or "tftpboot" or "tftpb" or "tftp" when t.Length >= 3:
                    loads.Add(new ScriptLoad(Number(t[^2], line), t[^1]));
                    break;
                case "booti" when t.Length >= 4:
                    boot = new ScriptBoot("booti", Number(t[1], line), Number(t[3], line));
                    break;
                case "bootm" when t.Length >= 5 && t[1] == "start":
                    boot = new ScriptBoot("bootm", Number(t[2], line), Number(t[4], line));
                    break;
                case "bootm" when t.Length >= 4 && t[1] is not ("loados" or "prep" or "go" or "start"):
                    boot = new ScriptBoot("bootm", Number(t[1], line), Number(t[3], line));
                    break;
            }
        }
        if (boot is null) throw new InvalidDataException("boot script has no 'booti <image> - <dtb>' or 'bootm [start] <image> - <dtb>'");
        return new BootScript(text, loads, boot);
    }

    private static ulong Number(string token, string line)
    {
        var t = token.StartsWith("0x", StringComparison.OrdinalIgnoreCase) ? token.Substring(2) : token;
        if (!ulong.TryParse(t, NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var v))
            throw new InvalidDataException($"boot script: '{token}' is not a literal address in '{line}'");
        return v;
    }
}
