/**
 * How the application is assembled: one Micronaut {@code @Factory} per feature ({@code CoreWiring},
 * {@code KeyWiring}, {@code SecretWiring}, {@code AuthWiring}, {@code OrganizationWiring}, {@code PlanWiring},
 * {@code WebhookWiring}, {@code MailWiring}) makes the framework-free use cases from the ports the adapters
 * provide, and the settings they need are typed records ({@code *Settings}, {@code @ConfigurationProperties}),
 * each with its one default, made eagerly ({@code @Context}) so a bad value stops the start with a message that names
 * the variable.
 */
package dev.hush.bootstrap.wiring;
