/** The ports the use cases need (stores, root keys, transactions); adapters implement them. */
package dev.hush.application.port;
