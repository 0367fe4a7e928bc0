/** JDBC adapters of the stores (PostgreSQL: external, or embedded in the data dir), Flyway migrations, transactions. */
package dev.hush.persistence;
