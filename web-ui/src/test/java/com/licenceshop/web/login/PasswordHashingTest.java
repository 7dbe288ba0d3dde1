package com.licenceshop.web.login;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class PasswordHashingTest {

    @Test
    void theRightPasswordMatchesItsHashAndAWrongOneDoesNot() {
        String hash = PasswordHashing.hash("correct horse", 1_000);

        assertThat(PasswordHashing.matches("correct horse", hash)).isTrue();
        assertThat(PasswordHashing.matches("correct horse!", hash)).isFalse();
    }

    @Test
    void theSamePasswordGetsADifferentSaltEveryTime() {
        assertThat(PasswordHashing.hash("same", 1_000)).isNotEqualTo(PasswordHashing.hash("same", 1_000));
    }

    @Test
    void hashesStandInEnvironmentVariablesWithoutQuoting() {
        String hash = PasswordHashing.hash("pw", 1_000);

        assertThat(hash).startsWith("pbkdf2-sha256.1000.").doesNotContain("$", ":", ",", "=", " ");
        assertThat(PasswordHashing.isWellFormed(hash)).isTrue();
        assertThat(PasswordHashing.isWellFormed("secret")).isFalse();
    }

    @Test
    void theCommandPrintsADefaultStrengthHashOfTheGivenPassword() {
        var out = new ByteArrayOutputStream();

        int exit = HashPasswordCommand.run(
                new String[] {"hash-password", "s3cret"},
                new ByteArrayInputStream(new byte[0]),
                new PrintStream(out, true, StandardCharsets.UTF_8),
                System.err);

        String hash = out.toString(StandardCharsets.UTF_8).trim();
        assertThat(exit).isZero();
        assertThat(hash).startsWith("pbkdf2-sha256." + PasswordHashing.DEFAULT_ITERATIONS + ".");
        assertThat(PasswordHashing.matches("s3cret", hash)).isTrue();
    }

    @Test
    void theCommandReadsThePasswordFromStandardInputWhenNotGiven() {
        var out = new ByteArrayOutputStream();

        int exit = HashPasswordCommand.run(
                new String[] {"hash-password"},
                new ByteArrayInputStream("from-stdin\n".getBytes(StandardCharsets.UTF_8)),
                new PrintStream(out, true, StandardCharsets.UTF_8),
                System.err);

        assertThat(exit).isZero();
        assertThat(PasswordHashing.matches(
                        "from-stdin", out.toString(StandardCharsets.UTF_8).trim()))
                .isTrue();
    }

    @Test
    void theCommandRefusesAnEmptyPassword() {
        var err = new ByteArrayOutputStream();

        int exit = HashPasswordCommand.run(
                new String[] {"hash-password"},
                new ByteArrayInputStream(new byte[0]),
                System.out,
                new PrintStream(err, true, StandardCharsets.UTF_8));

        assertThat(exit).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("must not be empty");
    }
}
