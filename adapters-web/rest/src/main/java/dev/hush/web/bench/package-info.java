/** Benchmark-only routes, off unless {@code hush.benchmark.floor-endpoint=true}. */
package dev.hush.web.bench;
