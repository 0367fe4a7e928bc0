package dev.hush.persistence;

import java.util.Map;
import java.util.UUID;

/** The stores on H2 in PostgreSQL mode, as the embedded default runs them. */
class StoresH2Test extends StoresContract {
    @Override
    Map<String, Object> datasource() {
        return Map.of("datasources.default.url", "jdbc:h2:mem:" + UUID.randomUUID()
                        + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;DB_CLOSE_DELAY=-1",
                "datasources.default.username", "sa", "datasources.default.password", "",
                "datasources.default.driver-class-name", "org.h2.Driver");
    }
}
