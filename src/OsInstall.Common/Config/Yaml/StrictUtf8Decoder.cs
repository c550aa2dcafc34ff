using System.Text;

namespace OsInstall.Common.Config.Yaml;

/// <summary>
/// Decodes file bytes as UTF-8, refusing anything else: a Latin-1 config would otherwise turn
/// into replacement characters and reach host names and commands silently.
/// </summary>
public static class StrictUtf8Decoder
{
    private static readonly UTF8Encoding Strict = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    /// <summary>The text, or null and an error naming the line and column of the first invalid byte.</summary>
    public static string? Decode(byte[] bytes, out ConfigError? error)
    {
        error = null;
        var start = bytes.Length >= 3 && bytes[0] == 0xEF && bytes[1] == 0xBB && bytes[2] == 0xBF ? 3 : 0;
        try
        {
            return Strict.GetString(bytes, start, bytes.Length - start);
        }
        catch (DecoderFallbackException ex)
        {
            var offset = ex.Index >= 0 ? start + ex.Index : FirstInvalidOffset(bytes, start);
            var (line, column) = Position(bytes, start, offset);
            var bad = offset < bytes.Length ? $"0x{bytes[offset]:X2}" : "a truncated sequence";
            error = new ConfigError("(file)", line, column, $"the file is not valid UTF-8: byte {bad} at line {line}, column {column}; save it as UTF-8");
            return null;
        }
    }

    private static int FirstInvalidOffset(byte[] bytes, int start)
    {
        for (var i = start; i < bytes.Length; i++)
        {
            if (bytes[i] >= 0x80)
            {
                return i;
            }
        }
        return bytes.Length;
    }

    private static (int Line, int Column) Position(byte[] bytes, int start, int offset)
    {
        var line = 1;
        var lineStart = start;
        for (var i = start; i < offset && i < bytes.Length; i++)
        {
            if (bytes[i] == (byte)'\n')
            {
                line++;
                lineStart = i + 1;
            }
        }
        return (line, offset - lineStart + 1);
    }
}
