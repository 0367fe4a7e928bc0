/** Organizations and membership look-ups: which organization a caller may act in, and with which role. */
package dev.hush.application.tenant;
