/** The database's health indicator for {@code /health}: a bounded check that never prints the JDBC URL. */
package dev.hush.persistence.health;
