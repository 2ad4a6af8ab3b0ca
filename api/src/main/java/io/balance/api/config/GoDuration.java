package io.balance.api.config;

import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Go-style durations as the Balance file format writes them: {@code 100ms}, {@code 5s},
 * {@code 1m30s}, {@code 1.5h}. Units: ns, us (or µs), ms, s, m, h. A bare number other than
 * {@code 0} has no unit and is rejected, as Go's {@code time.ParseDuration} does.
 */
public final class GoDuration {
    private static final Pattern PART = Pattern.compile("(\\d+(?:\\.\\d*)?|\\.\\d+)(ns|us|µs|ms|s|m|h)");

    private GoDuration() {
    }

    public static Duration parse(String text) {
        String s = text.strip();
        if (s.isEmpty()) {
            throw new IllegalArgumentException("empty duration; use a value such as 5s or 100ms");
        }
        if (!s.equals(text)) {
            throw new IllegalArgumentException("duration \"" + text + "\" has spaces around it; write " + s);
        }
        boolean negative = s.startsWith("-");
        if (negative || s.startsWith("+")) {
            s = s.substring(1);
        }
        if (s.equals("0")) {
            return Duration.ZERO;
        }
        Matcher m = PART.matcher(s);
        int pos = 0;
        long nanos = 0;
        while (pos < s.length()) {
            if (!m.find(pos) || m.start() != pos) {
                throw new IllegalArgumentException("invalid duration \"" + text
                        + "\"; use a number with a unit (ns, us, ms, s, m, h), e.g. 5s, 100ms, 1m30s");
            }
            nanos = Math.addExact(nanos, toNanos(m.group(1), m.group(2), text));
            pos = m.end();
        }
        return Duration.ofNanos(negative ? -nanos : nanos);
    }

    private static long toNanos(String number, String unit, String text) {
        long unitNanos = switch (unit) {
            case "ns" -> 1L;
            case "us", "µs" -> 1_000L;
            case "ms" -> 1_000_000L;
            case "s" -> 1_000_000_000L;
            case "m" -> 60_000_000_000L;
            case "h" -> 3_600_000_000_000L;
            default -> throw new IllegalStateException(unit);
        };
        double value = Double.parseDouble(number);
        double result = value * unitNanos;
        if (result > Long.MAX_VALUE) {
            throw new IllegalArgumentException("duration \"" + text + "\" is too large");
        }
        return Math.round(result);
    }

    /** Formats the way Go prints durations, so a rendered config reads like a hand-written one. */
    public static String format(Duration duration) {
        if (duration.isZero()) {
            return "0s";
        }
        StringBuilder out = new StringBuilder();
        Duration d = duration;
        if (d.isNegative()) {
            out.append('-');
            d = d.negated();
        }
        long nanos = d.toNanos();
        if (nanos < 1_000_000_000L) {
            if (nanos % 1_000_000L == 0) {
                return out.append(nanos / 1_000_000L).append("ms").toString();
            }
            if (nanos % 1_000L == 0) {
                return out.append(nanos / 1_000L).append("us").toString();
            }
            return out.append(nanos).append("ns").toString();
        }
        long hours = d.toHours();
        long minutes = d.toMinutesPart();
        long seconds = d.toSecondsPart();
        long millis = d.toMillisPart();
        if (hours > 0) {
            out.append(hours).append('h');
        }
        if (minutes > 0) {
            out.append(minutes).append('m');
        }
        if (seconds > 0 || millis > 0) {
            out.append(seconds);
            if (millis > 0) {
                out.append('.').append(String.format("%03d", millis).replaceAll("0+$", ""));
            }
            out.append('s');
        }
        return out.toString();
    }
}
