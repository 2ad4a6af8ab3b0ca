package io.balance.api.config;

import java.util.ArrayList;
import java.util.List;

/** HTTP status codes or ranges, as in {@code expected_status: "200-399,404"}. */
public record StatusRanges(List<int[]> ranges) {

    public static StatusRanges parse(String text) {
        List<int[]> ranges = new ArrayList<>();
        for (String part : text.split(",")) {
            String p = part.trim();
            if (p.isEmpty()) {
                throw new IllegalArgumentException("empty entry in status list \"" + text + "\"");
            }
            int dash = p.indexOf('-');
            int low = code(dash < 0 ? p : p.substring(0, dash), text);
            int high = dash < 0 ? low : code(p.substring(dash + 1), text);
            if (low > high) {
                throw new IllegalArgumentException("range " + p + " runs backwards");
            }
            ranges.add(new int[] {low, high});
        }
        return new StatusRanges(List.copyOf(ranges));
    }

    private static int code(String s, String text) {
        String t = s.trim();
        if (t.length() != 3 || !t.chars().allMatch(Character::isDigit)) {
            throw new IllegalArgumentException("\"" + text + "\" is not a status list; use codes or ranges such as 200-399 or 200,204");
        }
        int code = Integer.parseInt(t);
        if (code < 100 || code > 599) {
            throw new IllegalArgumentException("status " + code + " is outside 100-599");
        }
        return code;
    }

    public boolean matches(int status) {
        for (int[] range : ranges) {
            if (status >= range[0] && status <= range[1]) {
                return true;
            }
        }
        return false;
    }
}
