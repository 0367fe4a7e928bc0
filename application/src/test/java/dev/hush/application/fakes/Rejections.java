package dev.hush.application.fakes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.hush.domain.Rejection;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;

/** Asserting refusals by their stable code. */
public final class Rejections {
    private Rejections() {}

    /** The call is refused with a {@link Rejection} of this code; returns it for further checks. */
    public static Rejection rejected(String code, ThrowingCallable call) {
        Rejection[] out = new Rejection[1];
        assertThatThrownBy(call).isInstanceOfSatisfying(Rejection.class, r -> {
            assertThat(r.code()).isEqualTo(code);
            out[0] = r;
        });
        return out[0];
    }
}
