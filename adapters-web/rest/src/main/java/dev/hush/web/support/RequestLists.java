package dev.hush.web.support;

import dev.hush.domain.Rejection;
import java.util.List;

/**
 * Lists in request bodies: JSON allows {@code [null]}, the API does not. Request records return their list
 * fields through {@link #noNulls}, so a null element is a 400 naming the field and index, not a 500.
 */
public final class RequestLists {
    private RequestLists() {}

    /** {@code list} itself (null stays null: the field was left out), or a 400 for its first null element. */
    public static <T> List<T> noNulls(String field, List<T> list) {
        if (list == null) {
            return null;
        }
        for (int i = 0; i < list.size(); i++) {
            if (list.get(i) == null) {
                throw Rejection.invalid(field + "[" + i + "]", "must not be null");
            }
        }
        return list;
    }
}
