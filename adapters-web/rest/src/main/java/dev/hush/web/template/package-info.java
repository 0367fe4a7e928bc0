/** Template routes: required keys of a project and validation of an environment against them. */
package dev.hush.web.template;
