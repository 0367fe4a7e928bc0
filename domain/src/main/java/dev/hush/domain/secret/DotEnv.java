package dev.hush.domain.secret;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * .env files: {@code KEY=value} lines, blank lines and {@code #} comments, an optional {@code export }
 * prefix; values unquoted (trimmed, ending at {@code " #"}), single-quoted (literal, may span lines) or
 * double-quoted (escapes {@code \n \r \t \" \\ \$} and backtick, may span lines: a file written here is safe to
 * {@code source} — nothing in it expands). No variable expansion. Writing uses
 * single quotes when the value allows it, else double quotes with escapes, so a file read back gives the
 * same values. Shared by the CLI ({@code hush secrets import|export}) and the dashboard's bulk paste.
 */
public final class DotEnv {
    private DotEnv() {}

    /** Thrown with the 1-based line of the problem. */
    public static final class ParseError extends RuntimeException {
        ParseError(int line, String message) { super("line " + line + ": " + message); }
    }

    public static Map<String, String> parse(String text) {
        Map<String, String> out = new LinkedHashMap<>();
        String s = text.replace("\r\n", "\n");
        if (s.startsWith("\uFEFF")) {
            s = s.substring(1);
        }
        int i = 0;
        int line = 1;
        int n = s.length();
        while (i < n) {
            // Start of a line: skip spaces.
            while (i < n && (s.charAt(i) == ' ' || s.charAt(i) == '\t')) {
                i++;
            }
            if (i >= n) {
                break;
            }
            char c = s.charAt(i);
            if (c == '\n') {
                i++;
                line++;
                continue;
            }
            if (c == '#') {
                while (i < n && s.charAt(i) != '\n') {
                    i++;
                }
                continue;
            }
            if (s.startsWith("export ", i) || s.startsWith("export\t", i)) {
                i += 7;
                while (i < n && (s.charAt(i) == ' ' || s.charAt(i) == '\t')) {
                    i++;
                }
            }
            int keyStart = i;
            while (i < n && s.charAt(i) != '=' && s.charAt(i) != '\n') {
                i++;
            }
            if (i >= n || s.charAt(i) != '=') {
                throw new ParseError(line, "expected KEY=value");
            }
            String key = s.substring(keyStart, i).strip();
            if (key.isEmpty() || !key.matches("[A-Za-z_.][A-Za-z0-9_.-]*")) {
                throw new ParseError(line, "'" + key + "' is not a valid key");
            }
            i++; // '='
            while (i < n && (s.charAt(i) == ' ' || s.charAt(i) == '\t')) {
                i++;
            }
            int startLine = line;
            StringBuilder value = new StringBuilder();
            if (i < n && (s.charAt(i) == '"' || s.charAt(i) == '\'')) {
                char quote = s.charAt(i++);
                boolean closed = false;
                while (i < n) {
                    char ch = s.charAt(i++);
                    if (ch == quote) {
                        closed = true;
                        break;
                    }
                    if (ch == '\n') {
                        line++;
                    }
                    if (quote == '"' && ch == '\\' && i < n) {
                        char e = s.charAt(i++);
                        switch (e) {
                            case 'n' -> value.append('\n');
                            case 'r' -> value.append('\r');
                            case 't' -> value.append('\t');
                            case '"', '\\', '$', '\'', '`' -> value.append(e);
                            case '\n' -> {
                                value.append('\\').append('\n');
                                line++;
                            }
                            default -> value.append('\\').append(e);
                        }
                    } else {
                        value.append(ch);
                    }
                }
                if (!closed) {
                    throw new ParseError(startLine, "the " + (quote == '"' ? "double" : "single") + " quote of " + key + " is never closed");
                }
                // After the closing quote: spaces and an optional comment only.
                while (i < n && (s.charAt(i) == ' ' || s.charAt(i) == '\t')) {
                    i++;
                }
                if (i < n && s.charAt(i) == '#') {
                    while (i < n && s.charAt(i) != '\n') {
                        i++;
                    }
                }
                if (i < n && s.charAt(i) != '\n') {
                    throw new ParseError(line, "unexpected text after the closing quote of " + key);
                }
            } else {
                int start = i;
                while (i < n && s.charAt(i) != '\n') {
                    if (s.charAt(i) == '#' && i > start && (s.charAt(i - 1) == ' ' || s.charAt(i - 1) == '\t')) {
                        break;
                    }
                    i++;
                }
                value.append(s, start, i);
                while (i < n && s.charAt(i) != '\n') {
                    i++;
                }
                String v = value.toString().strip();
                value.setLength(0);
                value.append(v);
            }
            if (out.containsKey(key)) {
                throw new ParseError(startLine, key + " is defined twice");
            }
            out.put(key, value.toString());
        }
        return out;
    }

    public static String format(Map<String, String> values) {
        StringBuilder sb = new StringBuilder();
        for (var e : values.entrySet()) {
            sb.append(e.getKey()).append('=').append(quote(e.getValue())).append('\n');
        }
        return sb.toString();
    }

    public static String quote(String v) {
        if (!v.contains("'") && !v.contains("\n") && !v.contains("\r")) {
            return "'" + v + "'";
        }
        StringBuilder sb = new StringBuilder("\"");
        for (int i = 0; i < v.length(); i++) {
            char c = v.charAt(i);
            switch (c) {
                case '\\' -> sb.append("\\\\");
                case '"' -> sb.append("\\\"");
                case '\n' -> sb.append("\\n");
                case '\r' -> sb.append("\\r");
                case '\t' -> sb.append("\\t");
                case '$' -> sb.append("\\$");
                case '`' -> sb.append("\\`");
                default -> sb.append(c);
            }
        }
        return sb.append('"').toString();
    }
}
