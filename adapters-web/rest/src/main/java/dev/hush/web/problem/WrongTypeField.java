package dev.hush.web.problem;

import io.micronaut.core.beans.BeanIntrospection;
import io.micronaut.core.beans.BeanIntrospector;
import io.micronaut.core.beans.BeanProperty;
import io.micronaut.core.type.Argument;
import io.micronaut.http.HttpRequest;
import io.micronaut.json.JsonMapper;
import io.micronaut.json.tree.JsonNode;
import io.micronaut.web.router.RouteAttributes;
import java.io.IOException;
import java.util.Collection;
import java.util.Map;
import java.util.Optional;

/**
 * Finds the field of a JSON body whose value has the wrong type for the route's body type (the deserializer says only
 * which token it did not expect): walks the body and the body's record side by side, into lists and nested records,
 * and returns the first mismatch as a path such as {@code tags} or {@code secrets[2].value}. Reads types and names only:
 * no value is ever returned.
 */
final class WrongTypeField {
    private WrongTypeField() {}

    static Optional<String> in(HttpRequest<?> request, JsonMapper json) {
        Optional<Argument<?>> bodyType = RouteAttributes.getRouteInfo(request).flatMap(r -> r.getRequestBodyType());
        Optional<String> body = bodyText(request);
        if (bodyType.isEmpty() || body.isEmpty()) {
            return Optional.empty();
        }
        try {
            return Optional.ofNullable(mismatch(json.readValue(body.get(), JsonNode.class), bodyType.get(), ""));
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    /** The request's body, read again from the server's buffer (binding has read it once already). */
    private static Optional<String> bodyText(HttpRequest<?> request) {
        try {
            if (request instanceof io.micronaut.http.ServerHttpRequest<?> server && server.byteBody() instanceof io.micronaut.http.body.AvailableByteBody available) {
                try (var copy = available.split()) {
                    return Optional.of(copy.toString(java.nio.charset.StandardCharsets.UTF_8));
                }
            }
        } catch (RuntimeException e) {
            // not readable again: no field named
        }
        return Optional.empty();
    }

    private static String mismatch(JsonNode node, Argument<?> type, String path) {
        if (node == null || node.isNull()) {
            return null;
        }
        Class<?> t = type.getType();
        if (t == String.class || CharSequence.class.isAssignableFrom(t) || t.isEnum() || t == java.util.UUID.class
                || java.time.temporal.Temporal.class.isAssignableFrom(t)) {
            return node.isString() ? null : path;
        }
        if (t == boolean.class || t == Boolean.class) {
            return node.isBoolean() ? null : path;
        }
        if (t.isPrimitive() || Number.class.isAssignableFrom(t)) {
            return node.isNumber() ? null : path;
        }
        if (Collection.class.isAssignableFrom(t) || t.isArray()) {
            if (!node.isArray()) {
                return path;
            }
            Argument<?> element = type.getFirstTypeVariable().orElse(Argument.OBJECT_ARGUMENT);
            int i = 0;
            for (JsonNode item : node.values()) {
                String inner = mismatch(item, element, path + "[" + i++ + "]");
                if (inner != null) {
                    return inner;
                }
            }
            return null;
        }
        if (Map.class.isAssignableFrom(t)) {
            return node.isObject() ? null : path;
        }
        Optional<? extends BeanIntrospection<?>> bean = BeanIntrospector.SHARED.findIntrospection(t);
        if (bean.isEmpty()) {
            return null; // a type this walk does not know: no claim about it
        }
        if (!node.isObject()) {
            return path.isEmpty() ? "(the body)" : path;
        }
        for (BeanProperty<?, ?> p : bean.get().getBeanProperties()) {
            String name = p.getAnnotationMetadata().stringValue(com.fasterxml.jackson.annotation.JsonProperty.class).orElse(p.getName());
            String inner = mismatch(node.get(name), p.asArgument(), path.isEmpty() ? name : path + "." + name);
            if (inner != null) {
                return inner;
            }
        }
        return null;
    }
}
