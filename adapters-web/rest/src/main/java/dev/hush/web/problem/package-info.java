/** RFC 9457 problem+json: every error the API answers, with a stable machine code. */
package dev.hush.web.problem;
