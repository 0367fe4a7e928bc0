/** JDBC adapters of the stores (PostgreSQL in production, H2 embedded), Flyway migrations, transactions. */
package dev.hush.persistence;
