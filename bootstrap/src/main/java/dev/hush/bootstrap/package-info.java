/** The Micronaut application that assembles Hush: configuration, wiring of use cases and adapters, the launcher's entry point. */
package dev.hush.bootstrap;
