package dev.hush.cli;

/**
 * A failure the user sees as one line on stderr (or {@code {"error":{"code","message"}}} with {@code --json}), with the
 * exit code of its class: {@code 1} request refused (validation, conflict), {@code 2} usage, {@code 3} authentication or
 * permission, {@code 4} not found, {@code 5} network, {@code 6} server error. {@code code} is the server's problem code
 * when it gave one, else the class's name.
 */
final class Failure extends RuntimeException {
    static final int REFUSED = 1;
    static final int USAGE = 2;
    static final int AUTH = 3;
    static final int NOT_FOUND = 4;
    static final int NETWORK = 5;
    static final int SERVER = 6;

    final int exitCode;
    final String code;

    Failure(int exitCode, String message) {
        this(exitCode, defaultCode(exitCode), message, null);
    }

    Failure(int exitCode, String message, Throwable cause) {
        this(exitCode, defaultCode(exitCode), message, cause);
    }

    Failure(int exitCode, String code, String message, Throwable cause) {
        super(message, cause);
        this.exitCode = exitCode;
        this.code = code == null || code.isBlank() ? defaultCode(exitCode) : code;
    }

    static Failure usage(String message) { return new Failure(USAGE, message); }

    static String defaultCode(int exitCode) {
        return switch (exitCode) {
            case USAGE -> "usage";
            case AUTH -> "unauthorized";
            case NOT_FOUND -> "not_found";
            case NETWORK -> "network_error";
            case SERVER -> "server_error";
            default -> "refused";
        };
    }

    /** An I/O failure in words, without the exception's class name. */
    static String describe(java.io.IOException e) {
        if (e instanceof java.nio.file.NoSuchFileException) {
            return "no such file";
        }
        if (e instanceof java.nio.file.AccessDeniedException) {
            return "permission denied";
        }
        if (e instanceof java.nio.file.FileAlreadyExistsException) {
            return "it already exists";
        }
        if (e instanceof java.net.UnknownHostException) {
            return "unknown host " + e.getMessage();
        }
        if (e instanceof javax.net.ssl.SSLException) {
            return "the TLS handshake failed (" + e.getMessage() + ")";
        }
        String m = e.getMessage();
        return m == null || m.isBlank() ? "an I/O error" : m;
    }
}
