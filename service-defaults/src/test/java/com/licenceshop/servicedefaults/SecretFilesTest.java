package com.licenceshop.servicedefaults;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.micronaut.context.ApplicationContext;
import io.micronaut.context.ApplicationContextConfigurer;
import io.micronaut.context.env.PropertySource;
import io.micronaut.core.io.service.SoftServiceLoader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Secrets mounted as files reach the configuration as if they were environment variables, and pass the same checks. */
class SecretFilesTest {

    @TempDir
    Path secrets;

    @Test
    void aFileNamedLikeAVariableFillsThePlaceholderOfThatVariable() throws IOException {
        String password = UUID.randomUUID().toString();
        Files.writeString(secrets.resolve("OPS_PASSWORD"), password + "\n");
        Files.writeString(secrets.resolve("DATABASE_PASSWORD"), "p4ss=word:with/odd+chars");

        try (ApplicationContext context = contextWith(
                Map.of("shop.ops.password", "${OPS_PASSWORD:}", "probe.database", "${DATABASE_PASSWORD:}"))) {
            assertThat(context.getBean(OpsCredentials.class).password()).isEqualTo(password);
            assertThat(context.getProperty("probe.database", String.class)).hasValue("p4ss=word:with/odd+chars");
        }
    }

    @Test
    void aPlaceholderInAFileStopsTheStartAsInTheEnvironment() throws IOException {
        Files.writeString(secrets.resolve("OPS_PASSWORD"), "change-me\n");

        assertThatThrownBy(() -> contextWith(Map.of("shop.ops.password", "${OPS_PASSWORD:}"))
                        .close())
                .hasStackTraceContaining("OPS_PASSWORD is shorter than");
    }

    @Test
    void kubernetesOwnEntriesAreSkippedAndSymlinkedSecretFilesRead() throws IOException {
        // what the kubelet writes: ..<timestamp>/KEY, ..data -> ..<timestamp>, KEY -> ..data/KEY
        Path version = Files.createDirectory(secrets.resolve("..2026_12_07_18_00_00.1"));
        Files.writeString(version.resolve("RABBITMQ_URI"), "amqp://shop:x@broker:5672/%2F");
        Files.createSymbolicLink(secrets.resolve("..data"), version.getFileName());
        Files.createSymbolicLink(secrets.resolve("RABBITMQ_URI"), Path.of("..data", "RABBITMQ_URI"));

        assertThat(SecretFiles.read(secrets)).isEqualTo(Map.of("RABBITMQ_URI", "amqp://shop:x@broker:5672/%2F"));
    }

    @Test
    void aVariableSetAsFileAndInTheEnvironmentStopsTheStart() throws IOException {
        Files.writeString(secrets.resolve("OPS_PASSWORD"), UUID.randomUUID().toString());

        assertThatThrownBy(() -> SecretFiles.propertySource(secrets.toString(), Map.of("OPS_PASSWORD", "other")))
                .hasMessageContaining("OPS_PASSWORD set both in the environment and as a file");
    }

    @Test
    void aMissingDirectoryOrAMisnamedSecretFileStopsTheStart() throws IOException {
        assertThatThrownBy(() ->
                        SecretFiles.propertySource(secrets.resolve("absent").toString(), Map.of()))
                .hasMessageContaining("is not a directory");
        Files.writeString(secrets.resolve("password"), UUID.randomUUID().toString());
        assertThatThrownBy(() -> SecretFiles.read(secrets)).hasMessageContaining("is not named like a variable");
    }

    @Test
    void withoutTheDirectoryVariableNothingIsAdded() {
        assertThat(SecretFiles.propertySource(null, Map.of())).isEmpty();
        assertThat(SecretFiles.propertySource("", Map.of())).isEmpty();
    }

    @Test
    void onlyTheFinalNewlineOfAFileIsDropped() {
        assertThat(SecretFiles.withoutFinalNewline("abc\n")).isEqualTo("abc");
        assertThat(SecretFiles.withoutFinalNewline("abc\r\n")).isEqualTo("abc");
        assertThat(SecretFiles.withoutFinalNewline("abc\n\n")).isEqualTo("abc\n");
        assertThat(SecretFiles.withoutFinalNewline(" abc ")).isEqualTo(" abc ");
    }

    @Test
    void everyApplicationContextAServiceBuildsAsksSecretFiles() {
        // Micronaut's own service loader (META-INF/micronaut), the one DefaultApplicationContextBuilder asks
        List<ApplicationContextConfigurer> configurers = new ArrayList<>();
        SoftServiceLoader.load(ApplicationContextConfigurer.class).collectAll(configurers);
        assertThat(configurers).hasAtLeastOneElementOfType(SecretFiles.class);
    }

    @Test
    void aServiceReadsItsSecretFilesAndRefusesAPlaceholderInOne() throws Exception {
        String password = UUID.randomUUID().toString();
        Files.writeString(secrets.resolve("OPS_PASSWORD"), password);
        assertThat(runProbe(Map.of(SecretFiles.DIRECTORY_VARIABLE, secrets.toString())))
                .contains("ops password: " + password);

        Files.writeString(secrets.resolve("OPS_PASSWORD"), "change-me");
        assertThat(runProbe(Map.of(SecretFiles.DIRECTORY_VARIABLE, secrets.toString())))
                .contains("OPS_PASSWORD is shorter than")
                .doesNotContain("ops password:");
    }

    /** What a service's main does: builds a context from the environment, here in a JVM of its own. */
    static final class Probe {
        public static void main(String[] args) {
            try (ApplicationContext context = ApplicationContext.builder()
                    .properties(Map.of("shop.ops.password", "${OPS_PASSWORD:}"))
                    .start()) {
                System.out.println(
                        "ops password: " + context.getBean(OpsCredentials.class).password());
            }
        }
    }

    private static String runProbe(Map<String, String> environment) throws Exception {
        ProcessBuilder builder = new ProcessBuilder(
                        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                        "-cp",
                        System.getProperty("java.class.path"),
                        Probe.class.getName())
                .redirectErrorStream(true);
        builder.environment().remove("OPS_PASSWORD");
        builder.environment().putAll(environment);
        Process process = builder.start();
        String output = new String(process.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        process.waitFor();
        return output;
    }

    private ApplicationContext contextWith(Map<String, Object> properties) {
        PropertySource files =
                SecretFiles.propertySource(secrets.toString(), Map.of()).orElseThrow();
        return ApplicationContext.builder()
                .propertySources(files)
                .properties(properties)
                .start();
    }
}
