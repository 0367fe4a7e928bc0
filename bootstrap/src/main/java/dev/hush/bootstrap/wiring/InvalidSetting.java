package dev.hush.bootstrap.wiring;

/** A setting with a value the server cannot run with; its message names the variable and what it accepts. */
public final class InvalidSetting extends IllegalArgumentException {
    InvalidSetting(String message) { super(message); }

    static void require(boolean ok, String message) {
        if (!ok) {
            throw new InvalidSetting(message);
        }
    }

    static void positive(java.time.Duration d, String variable) {
        require(d != null && !d.isNegative() && !d.isZero(), variable + " must be a positive duration (such as 10s or 5m), not " + d);
    }
}
