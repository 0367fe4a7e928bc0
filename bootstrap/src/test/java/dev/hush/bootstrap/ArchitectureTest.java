package dev.hush.bootstrap;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The dependency rule, checked on compiled classes (ArchUnit), so a fully qualified name written inline
 * counts as much as an import: domain and application use no framework and do no I/O of their own; the
 * KMS SPI needs the JDK only; adapters do not reach into each other.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ArchitectureTest {
    private static final String[] FRAMEWORKS = {"io.micronaut..", "jakarta..", "javax.inject..", "javax.sql..", "java.sql..", "org.slf4j..",
            "com.fasterxml..", "io.netty..", "org.flywaydb..", "org.postgresql..", "com.stripe..", "software.amazon..", "com.google.cloud..",
            "io.micrometer..", "io.prometheus..", "io.grpc..", "com.google.protobuf..", "com.google.rpc.."};
    private static final String[] ADAPTERS = {"dev.hush.web..", "dev.hush.rpc..", "dev.hush.persistence..", "dev.hush.billing..",
            "dev.hush.bootstrap..", "dev.hush.cli.."};
    JavaClasses hush;

    @BeforeAll
    void importClasses() {
        hush = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS).importPackages("dev.hush");
    }

    @Test
    void domain_usesNoFrameworkNoIoAndNothingOutward() {
        noClasses().that().resideInAPackage("dev.hush.domain..").should().dependOnClassesThat()
                .resideInAnyPackage(concat(FRAMEWORKS, ADAPTERS, "dev.hush.application..", "dev.hush.kms..", "java.io..", "java.nio.file..",
                        "java.net..", "org.bouncycastle.."))
                .check(hush);
    }

    @Test
    void application_usesNoFrameworkAndNoAdapter() {
        noClasses().that().resideInAPackage("dev.hush.application..").should().dependOnClassesThat()
                .resideInAnyPackage(concat(FRAMEWORKS, ADAPTERS, "dev.hush.kms.."))
                .check(hush);
    }

    @Test
    void kmsSpi_dependsOnTheJdkOnly() {
        classes().that().resideInAPackage("dev.hush.kms.spi..").should().onlyDependOnClassesThat()
                .resideInAnyPackage("java..", "dev.hush.kms.spi..")
                .check(hush);
    }

    @Test
    void adapters_doNotReachIntoEachOther() {
        noClasses().that().resideInAPackage("dev.hush.web..").should().dependOnClassesThat()
                .resideInAnyPackage("dev.hush.persistence..", "dev.hush.billing..", "dev.hush.bootstrap..", "dev.hush.kms..")
                .check(hush);
        // The gRPC adapter and the REST one share use cases and the Authenticate use case, not each other's classes.
        noClasses().that().resideInAPackage("dev.hush.rpc..").should().dependOnClassesThat()
                .resideInAnyPackage("dev.hush.web..", "dev.hush.persistence..", "dev.hush.billing..", "dev.hush.bootstrap..", "dev.hush.kms..")
                .check(hush);
        noClasses().that().resideInAPackage("dev.hush.web..").should().dependOnClassesThat().resideInAPackage("dev.hush.rpc..").check(hush);
        noClasses().that().resideInAPackage("dev.hush.persistence..").should().dependOnClassesThat()
                .resideInAnyPackage("dev.hush.web..", "dev.hush.billing..", "dev.hush.bootstrap..", "dev.hush.kms..")
                .check(hush);
        noClasses().that().resideInAPackage("dev.hush.billing..").should().dependOnClassesThat()
                .resideInAnyPackage("dev.hush.web..", "dev.hush.persistence..", "dev.hush.bootstrap..", "dev.hush.kms..")
                .check(hush);
        // Providers (and the SPI, TCK) know nothing of Hush's core; the KMS host is the one bridge to the RootKeys port.
        noClasses().that().resideInAnyPackage("dev.hush.kms..").and().resideOutsideOfPackage("dev.hush.kms.host..")
                .should().dependOnClassesThat()
                .resideInAnyPackage("dev.hush.web..", "dev.hush.persistence..", "dev.hush.billing..", "dev.hush.bootstrap..",
                        "dev.hush.application..", "dev.hush.domain..")
                .check(hush);
        noClasses().that().resideInAPackage("dev.hush.kms.host..").should().dependOnClassesThat()
                .resideInAnyPackage(concat(FRAMEWORKS, new String[] {"dev.hush.web..", "dev.hush.persistence..", "dev.hush.billing..",
                        "dev.hush.bootstrap.."}))
                .check(hush);
    }

    private static String[] concat(String[] a, String[] b, String... more) {
        String[] out = new String[a.length + b.length + more.length];
        System.arraycopy(a, 0, out, 0, a.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        System.arraycopy(more, 0, out, a.length + b.length, more.length);
        return out;
    }
}
