/** Projects and their environments: create, list, describe, delete, add a custom environment. */
package dev.hush.application.project;
