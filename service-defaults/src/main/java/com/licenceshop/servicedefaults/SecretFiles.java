package com.licenceshop.servicedefaults;

import io.micronaut.context.ApplicationContextBuilder;
import io.micronaut.context.ApplicationContextConfigurer;
import io.micronaut.context.annotation.ContextConfigurer;
import io.micronaut.context.env.EnvironmentPropertySource;
import io.micronaut.context.env.MapPropertySource;
import io.micronaut.context.env.PropertySource;
import io.micronaut.context.exceptions.ConfigurationException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Secrets as files (L-24): each file of {@code SHOP_SECRETS_DIR} is read as the variable it is named after, so the
 * placeholders and the {@link Secrets} checks apply unchanged and no secret is in {@code /proc/<pid>/environ}.
 * Registered for every context a service builds; why not Micronaut's or micronaut-kubernetes' ways: README.
 */
@ContextConfigurer
public final class SecretFiles implements ApplicationContextConfigurer {

    public static final String DIRECTORY_VARIABLE = "SHOP_SECRETS_DIR";
    /** A secret is a key or a password, not a file: anything longer is a mistake (a wrong mount). */
    static final int MAXIMUM_BYTES = 64 * 1024;

    private static final Pattern VARIABLE = Pattern.compile("[A-Z][A-Z0-9_]*");

    @Override
    public void configure(ApplicationContextBuilder builder) {
        propertySource(System.getenv(DIRECTORY_VARIABLE), System.getenv()).ifPresent(builder::propertySources);
    }

    /**
     * The variables of {@code directory} as a property source with the environment's precedence and naming, or
     * nothing when no directory is named. A missing directory, a file that is no variable name, a file too large,
     * or a variable also set in {@code environment} stops the start: each is a deployment mistake, and guessing
     * which of two values is meant would hide it.
     */
    static Optional<PropertySource> propertySource(String directory, Map<String, String> environment) {
        if (directory == null || directory.isBlank()) {
            return Optional.empty();
        }
        Map<String, Object> variables = new TreeMap<>(read(Path.of(directory)));
        List<String> twice =
                variables.keySet().stream().filter(environment::containsKey).toList();
        if (!twice.isEmpty()) {
            throw new ConfigurationException(
                    "cannot start: " + String.join(", ", twice) + " set both in the environment " + "and as a file in "
                            + DIRECTORY_VARIABLE + "=" + directory + "; give each one way only");
        }
        return Optional.of(new MapPropertySource("secret-files " + directory, variables) {
            @Override
            public int getOrder() {
                return EnvironmentPropertySource.POSITION;
            }

            @Override
            public PropertyConvention getConvention() {
                return PropertyConvention.ENVIRONMENT_VARIABLE;
            }
        });
    }

    /** Variable name → value: each regular file (Kubernetes' own {@code ..data} entries are skipped). */
    static Map<String, String> read(Path directory) {
        if (!Files.isDirectory(directory)) {
            throw new ConfigurationException(
                    "cannot start: " + DIRECTORY_VARIABLE + "=" + directory + " is not a directory (is it mounted?)");
        }
        Map<String, String> variables = new TreeMap<>();
        try (Stream<Path> entries = Files.list(directory)) {
            for (Path file : (Iterable<Path>) entries::iterator) {
                String name = file.getFileName().toString();
                if (name.startsWith(".") || Files.isDirectory(file)) {
                    continue;
                }
                if (!VARIABLE.matcher(name).matches()) {
                    throw new ConfigurationException("cannot start: " + file + " is not named like a variable "
                            + "(upper case, digits, _): map the Secret's key to its variable's name (items: path)");
                }
                if (Files.size(file) > MAXIMUM_BYTES) {
                    throw new ConfigurationException(
                            "cannot start: " + file + " is larger than " + MAXIMUM_BYTES + " bytes: no secret is");
                }
                variables.put(name, withoutFinalNewline(Files.readString(file, StandardCharsets.UTF_8)));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + DIRECTORY_VARIABLE + "=" + directory, e);
        }
        return variables;
    }

    /** A file written by an editor or {@code echo} ends with a newline that is no part of the secret. */
    static String withoutFinalNewline(String content) {
        if (content.endsWith("\r\n")) {
            return content.substring(0, content.length() - 2);
        }
        return content.endsWith("\n") ? content.substring(0, content.length() - 1) : content;
    }
}
