namespace Xen.Shm.Dtc;

/// <summary>C's strtol(s, NULL, 0) on a 64-bit long: how dtc reads every numeric option.</summary>
public static class CNumber
{
    /// <summary>
    /// Skips leading white space, takes a sign, then 0x/0X hex, leading-0 octal or decimal; stops
    /// at the first character that is not a digit of that base; no digits gives 0; overflow clamps
    /// to long.MinValue/MaxValue as strtol does.
    /// </summary>
    public static long StrToL(string s)
    {
        int i = 0;
        while (i < s.Length && (s[i] == ' ' || (s[i] >= '\t' && s[i] <= '\r'))) i++;
        bool negative = false;
        if (i < s.Length && (s[i] == '+' || s[i] == '-')) negative = s[i++] == '-';
        int radix = 10;
        if (i + 1 < s.Length && s[i] == '0' && (s[i + 1] == 'x' || s[i + 1] == 'X') && i + 2 < s.Length && Digit(s[i + 2]) is >= 0 and < 16)
        {
            radix = 16;
            i += 2;
        }
        else if (i < s.Length && s[i] == '0')
            radix = 8;

        ulong magnitude = 0;
        bool overflow = false;
        for (; i < s.Length; i++)
        {
            int d = Digit(s[i]);
            if (d < 0 || d >= radix) break;
            if (magnitude > (ulong.MaxValue - (ulong)d) / (ulong)radix) overflow = true;
            else magnitude = magnitude * (ulong)radix + (ulong)d;
        }
        if (negative)
            return overflow || magnitude > (ulong)long.MaxValue + 1 ? long.MinValue : unchecked(-(long)magnitude);
        return overflow || magnitude > long.MaxValue ? long.MaxValue : (long)magnitude;
    }

    private static int Digit(char c) =>
        c is >= '0' and <= '9' ? c - '0' : c is >= 'a' and <= 'z' ? c - 'a' + 10 : c is >= 'A' and <= 'Z' ? c - 'A' + 10 : -1;
}
