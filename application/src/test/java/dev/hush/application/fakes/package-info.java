/**
 * In-memory fakes of the application's ports, and {@link dev.hush.application.fakes.World}, which wires the
 * use cases over them the way {@code bootstrap/HushFactory} does, for use-case tests.
 */
package dev.hush.application.fakes;
