/** Hush's use cases and the ports they need; framework-free. */
package dev.hush.application;
