package dev.hush.bootstrap;

import io.micronaut.core.async.publisher.Publishers;
import io.micronaut.health.HealthStatus;
import io.micronaut.management.health.indicator.HealthIndicator;
import io.micronaut.management.health.indicator.HealthResult;
import jakarta.inject.Named;
import jakarta.inject.Singleton;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Map;
import javax.sql.DataSource;
import org.reactivestreams.Publisher;

/**
 * The database answers within 2 s (the pool waits at most 1.5 s for a connection). Replaces the framework's JDBC indicator, whose details
 * include the JDBC URL (which may carry credentials) on an endpoint anyone can read.
 */
@Singleton
final class DatabaseHealthIndicator implements HealthIndicator {
    private final DataSource dataSource;

    DatabaseHealthIndicator(@Named("default") DataSource dataSource) { this.dataSource = dataSource; }

    @Override
    public Publisher<HealthResult> getResult() {
        return Publishers.just(check());
    }

    private HealthResult check() {
        try (Connection c = io.micronaut.data.connection.jdbc.advice.DelegatingDataSource.unwrapDataSource(dataSource).getConnection()) {
            if (!c.isValid(1)) {
                return HealthResult.builder("database", HealthStatus.DOWN).details(Map.of("error", "connection is not valid")).build();
            }
            return HealthResult.builder("database", HealthStatus.UP).details(Map.of("product", c.getMetaData().getDatabaseProductName())).build();
        } catch (SQLException | RuntimeException e) {
            return HealthResult.builder("database", HealthStatus.DOWN)
                    .details(Map.of("error", "database_unavailable"))
                    .build();
        }
    }
}
