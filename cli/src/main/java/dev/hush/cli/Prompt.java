package dev.hush.cli;

import java.io.ByteArrayOutputStream;
import java.io.Console;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

/**
 * Secrets typed by a person: read from the terminal without echo (never on the command line, so never in the shell's
 * history or the process list), or, for scripts, the first line of standard input ({@code --password-stdin}, a value of
 * {@code -}).
 */
final class Prompt {
    private Prompt() {}

    /** The terminal, when there is one on both ends (a pipe or a file is none, even where the JDK offers a console). */
    static Console terminal() {
        Console c = System.console();
        if (c == null) {
            return null;
        }
        try {
            // JDK 22+ returns a console for redirected streams too; it says whether it is a terminal.
            Object isTerminal = Console.class.getMethod("isTerminal").invoke(c);
            return Boolean.TRUE.equals(isTerminal) ? c : null;
        } catch (ReflectiveOperationException olderJdk) {
            return c;
        }
    }

    /** Asks without echo; {@code how} says what to do instead when there is no terminal. */
    static String hidden(String label, String how) {
        Console c = terminal();
        if (c == null) {
            throw Failure.usage("no terminal to ask for the " + label + ": " + how);
        }
        char[] typed = c.readPassword("%s: ", capitalized(label));
        if (typed == null) {
            throw Failure.usage("no " + label + " given");
        }
        String value = new String(typed);
        java.util.Arrays.fill(typed, '\0');
        return value;
    }

    /** Asks with echo (an e-mail address). */
    static String visible(String label, String how) {
        Console c = terminal();
        if (c == null) {
            throw Failure.usage("no terminal to ask for the " + label + ": " + how);
        }
        String line = c.readLine("%s: ", capitalized(label));
        if (line == null || line.isBlank()) {
            throw Failure.usage("no " + label + " given");
        }
        return line.strip();
    }

    /** The first line of standard input, without its line end. */
    static String firstLine(java.io.InputStream in) {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        try {
            for (int b = in.read(); b != -1 && b != '\n'; b = in.read()) {
                line.write(b);
            }
        } catch (IOException e) {
            throw Failure.usage("cannot read standard input: " + Failure.describe(e));
        }
        String s = line.toString(StandardCharsets.UTF_8);
        return s.endsWith("\r") ? s.substring(0, s.length() - 1) : s;
    }

    private static String capitalized(String s) { return Character.toUpperCase(s.charAt(0)) + s.substring(1); }
}
