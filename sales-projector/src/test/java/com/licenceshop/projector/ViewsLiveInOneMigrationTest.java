package com.licenceshop.projector;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

class ViewsLiveInOneMigrationTest {

    private static final Path MIGRATIONS = Path.of("src/main/resources/db/migration/sales");
    private static final Pattern VERSIONED = Pattern.compile("V(\\d+)__.*\\.sql");
    /** The newest versioned migration that still defined the views, before R__create_views.sql took them over. */
    private static final int LAST_VERSION_WITH_VIEWS = 14;

    @Test
    void noVersionedMigrationAfterTheRepeatableOneDefinesAView() throws IOException {
        assertThat(MIGRATIONS.resolve("R__create_views.sql")).exists();
        assertThat(laterVersionedMigrations())
                .allSatisfy(migration -> assertThat(Files.readString(migration))
                        .as(migration.getFileName() + ": views are changed in R__create_views.sql")
                        .doesNotContainIgnoringCase("CREATE OR REPLACE VIEW")
                        .doesNotContainIgnoringCase("create_views"));
    }

    private static List<Path> laterVersionedMigrations() throws IOException {
        try (Stream<Path> files = Files.list(MIGRATIONS)) {
            return files.filter(file -> {
                        Matcher name = VERSIONED.matcher(file.getFileName().toString());
                        return name.matches() && Integer.parseInt(name.group(1)) > LAST_VERSION_WITH_VIEWS;
                    })
                    .toList();
        }
    }
}
