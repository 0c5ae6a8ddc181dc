package dev.acumat.simulator.synthetic;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Reads the truth writer's flat JSON objects back, for tests; not a general JSON parser. */
final class TruthLines {
    private TruthLines() {
    }

    static List<Map<String, Object>> parse(String text) {
        List<Map<String, Object>> out = new ArrayList<>();
        for (String line : text.split("\n")) {
            if (!line.isEmpty()) {
                out.add(object(line));
            }
        }
        return out;
    }

    static List<Map<String, Object>> ofKind(List<Map<String, Object>> lines, String kind) {
        List<Map<String, Object>> out = new ArrayList<>();
        for (Map<String, Object> m : lines) {
            if (kind.equals(m.get("kind"))) {
                out.add(m);
            }
        }
        return out;
    }

    static long num(Map<String, Object> m, String key) {
        return ((Number) m.get(key)).longValue();
    }

    private static Map<String, Object> object(String s) {
        if (!s.startsWith("{") || !s.endsWith("}")) {
            throw new IllegalArgumentException("not an object: " + s);
        }
        Map<String, Object> m = new LinkedHashMap<>();
        int[] pos = {1};
        while (s.charAt(pos[0]) != '}') {
            String key = string(s, pos);
            expect(s, pos, ':');
            m.put(key, value(s, pos));
            if (s.charAt(pos[0]) == ',') {
                pos[0]++;
            }
        }
        if (pos[0] != s.length() - 1) {
            throw new IllegalArgumentException("trailing text: " + s);
        }
        return m;
    }

    private static Object value(String s, int[] pos) {
        char c = s.charAt(pos[0]);
        if (c == '"') {
            return string(s, pos);
        }
        int end = pos[0];
        while (",}".indexOf(s.charAt(end)) < 0) {
            end++;
        }
        String word = s.substring(pos[0], end);
        pos[0] = end;
        switch (word) {
            case "null":
                return null;
            case "true":
                return Boolean.TRUE;
            case "false":
                return Boolean.FALSE;
            default:
                return word.contains(".") ? (Object) Double.parseDouble(word) : (Object) Long.parseLong(word);
        }
    }

    private static String string(String s, int[] pos) {
        expect(s, pos, '"');
        StringBuilder sb = new StringBuilder();
        while (true) {
            char c = s.charAt(pos[0]++);
            if (c == '"') {
                return sb.toString();
            }
            if (c < 0x20) {
                throw new IllegalArgumentException("raw control character in a string: " + s);
            }
            if (c != '\\') {
                sb.append(c);
                continue;
            }
            char e = s.charAt(pos[0]++);
            switch (e) {
                case 'n' -> sb.append('\n');
                case 'r' -> sb.append('\r');
                case 't' -> sb.append('\t');
                case 'u' -> {
                    sb.append((char) Integer.parseInt(s.substring(pos[0], pos[0] + 4), 16));
                    pos[0] += 4;
                }
                default -> sb.append(e);
            }
        }
    }

    private static void expect(String s, int[] pos, char c) {
        if (s.charAt(pos[0]) != c) {
            throw new IllegalArgumentException("expected " + c + " at " + pos[0] + ": " + s);
        }
        pos[0]++;
    }
}
