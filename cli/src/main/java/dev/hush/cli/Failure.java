package dev.hush.cli;

/**
 * A failure the user sees as one line on stderr, with the exit code of its class:
 * {@code 1} request refused (validation, conflict), {@code 2} usage, {@code 3} authentication or
 * permission, {@code 4} not found, {@code 5} network, {@code 6} server error.
 */
final class Failure extends RuntimeException {
    static final int REFUSED = 1;
    static final int USAGE = 2;
    static final int AUTH = 3;
    static final int NOT_FOUND = 4;
    static final int NETWORK = 5;
    static final int SERVER = 6;

    final int exitCode;

    Failure(int exitCode, String message) {
        super(message);
        this.exitCode = exitCode;
    }

    Failure(int exitCode, String message, Throwable cause) {
        super(message, cause);
        this.exitCode = exitCode;
    }

    static Failure usage(String message) { return new Failure(USAGE, message); }
}
