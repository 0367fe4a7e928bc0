package dev.hush.web.auth;

import dev.hush.application.auth.Caller;
import io.micronaut.core.convert.ArgumentConversionContext;
import io.micronaut.core.type.Argument;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.bind.binders.PostponedRequestArgumentBinder;
import io.micronaut.http.bind.binders.TypedRequestArgumentBinder;
import jakarta.inject.Singleton;
import java.util.Optional;

/**
 * Binds a controller method's {@link Caller} parameter: the authenticated caller of the request, by
 * {@link RequestAuth#require} (bearer token or session cookie with the CSRF checks), or a 401/403 problem
 * before the method runs. Every driving adapter on HTTP takes its caller this way.
 *
 * <p>Postponed: looking a token up reads the database, so it must not run on the event loop where Micronaut
 * binds arguments first ({@link #bind} declines); {@link #bindPostponed} runs after the filters on the route's
 * executor ({@code @ExecuteOn("blocking")}), like the method itself. {@link dev.hush.application.auth.Caller} is a
 * {@link java.security.Principal}, so the OpenAPI document does not list it as an input.
 */
@Singleton
public final class CallerBinder implements TypedRequestArgumentBinder<Caller>, PostponedRequestArgumentBinder<Caller> {
    /** The request attribute the bound caller is kept under. */
    public static final String ATTRIBUTE = "hush.caller";

    private final RequestAuth auth;

    CallerBinder(RequestAuth auth) { this.auth = auth; }

    @Override
    public Argument<Caller> argumentType() { return Argument.of(Caller.class); }

    @Override
    public BindingResult<Caller> bind(ArgumentConversionContext<Caller> context, HttpRequest<?> source) {
        return BindingResult.UNSATISFIED;
    }

    @Override
    public BindingResult<Caller> bindPostponed(ArgumentConversionContext<Caller> context, HttpRequest<?> source) {
        Caller caller = auth.require(source);
        source.setAttribute(ATTRIBUTE, caller); // for what is said after the route ran (the RateLimit-* headers)
        return () -> Optional.of(caller);
    }
}
