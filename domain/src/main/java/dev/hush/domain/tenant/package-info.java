/** Organizations, projects and environments: who owns which secrets. */
package dev.hush.domain.tenant;
